#pragma once
// The opinion map, live and off the rooms' path: one thread (the analyst) runs every room's
// analysis (engine/opinion). A room pushes what the map needs from its committed events — ratings,
// arguments moderated out, participants banned or erased, upvotes — into its feed and goes on at
// once; the analyst takes a feed's pending inputs in one batch, runs one update, and hands what
// changed to the room's sink as message bodies, which the room stamps with its seq and sends.
//
// Two cadences. The big screens and the moderators (a handful of connections) get the whole map
// after every update that changed it: at most once a `period` while ratings flow, at once after a
// quiet spell. The phones and panelists (the crowd) get the groups alone, and each participant
// their own place, at most once a `phone_period`, only what changed since their last turn: a
// crowd's fan-out carries the map a few hundred bytes every few seconds, not kilobytes four times
// a second. A quiet room costs nothing.
//
// Thread-safety: push() and close() from the room's strand; the sink runs on the analyst's thread
// (the room posts what it receives to its strand). The map of a feed is touched by the analyst only.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/opinion/feed.hpp"
#include "engine/opinion/opinion.hpp"
#include "protocol/opinion.hpp"

namespace tribune::server::opinion_live {

using input = engine::opinion::input;

using shared_body = std::shared_ptr<const std::string>;

// What one update changed, as bodies without `type` and `seq` (protocol/opinion.hpp).
struct publication {
  shared_body shared;   // the `opinion` message for phones and panelists (the groups); null: none
  shared_body screens;  // the whole map, for moderators and the big screens; null: none
  std::vector<std::pair<engine::participant_id, shared_body>> places;  // `opinion_you`, the changed ones
};
using sink = std::function<void(std::shared_ptr<const publication>)>;

class analyst;

class feed : public std::enable_shared_from_this<feed> {
 public:
  feed(analyst& owner, sink out, const engine::opinion::parameters& params)
      : owner_(owner), out_(std::move(out)), map_(params) {}

  void push(const input& i);
  void push(const std::vector<input>& inputs);
  // Nothing more is computed nor handed on; the analyst drops the feed.
  void close();

 private:
  friend class analyst;
  using clock = std::chrono::steady_clock;
  // When the analyst should update it next: a period after the last update while inputs wait or
  // its groups settle, else when the phones' turn comes. On the analyst's thread.
  clock::time_point due(std::chrono::milliseconds period, std::chrono::milliseconds phone_period) const;
  void update();                 // on the analyst's thread
  void compute(publication& p);  // one update of the map, and what it changed
  void again();                  // one more update, with no new input

  analyst& owner_;
  std::mutex mutex_;  // guards pending_, queued_, closed_
  std::vector<input> pending_;
  bool queued_ = false;
  bool closed_ = false;
  std::atomic<bool> inputs_{false};  // inputs wait (written under mutex_, read by the analyst)
  // The analyst's alone:
  sink out_;
  engine::opinion::map map_;
  clock::time_point last_update_{};
  std::string last_screens_;  // the last whole map sent to the big screens
  std::string last_phones_;   // the last phones' body computed
  bool shown_ = false;        // whether it showed any group
  struct place {
    std::uint32_t group = 0;
    std::int32_t x = 0;  // in hundredths of the map's scale
    std::int32_t y = 0;
  };
  shared_body phones_waiting_;  // a phones' body not sent yet
  clock::time_point phones_sent_at_{};
  std::unordered_map<engine::participant_id, place> places_sent_;          // each placed participant's, as sent
  std::map<engine::participant_id, std::optional<place>> places_waiting_;  // nullopt: no longer placed
};

class analyst {
 public:
  explicit analyst(std::chrono::milliseconds period = std::chrono::milliseconds(250),
                   std::chrono::milliseconds phone_period = std::chrono::milliseconds(2000),
                   engine::opinion::parameters params = {});
  ~analyst();
  analyst(const analyst&) = delete;
  analyst& operator=(const analyst&) = delete;

  // A feed for one room; what changes goes to `out`, on the analyst's thread.
  std::shared_ptr<feed> open(sink out);

  std::chrono::milliseconds period() const noexcept { return period_; }
  std::chrono::milliseconds phone_period() const noexcept { return phone_period_; }

 private:
  friend class feed;
  void wake(std::shared_ptr<feed> f);
  void nudge();  // a queued feed became due sooner
  void run();

  const std::chrono::milliseconds period_;
  const std::chrono::milliseconds phone_period_;
  const engine::opinion::parameters params_;
  std::mutex mutex_;  // guards ready_, stopping_
  std::condition_variable changed_;
  std::vector<std::shared_ptr<feed>> ready_;  // feeds with inputs waiting
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace tribune::server::opinion_live
