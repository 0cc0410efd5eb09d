#pragma once
// A loaded channel (ADR 0009): its state in memory, folded from its stream on first use, and its
// commands run one after another on its strand: prove who acts → decide → append (durable before
// anyone is answered) → evolve → answer. The hub finds a channel, loading it once however many
// requests ask at the same time.
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "engine/channel/channel.hpp"
#include "server/net.hpp"
#include "storage/event_log.hpp"

namespace tribune::server {

namespace ch = engine::channel;

// What a request proves: the organizer token, a visitor's token (possibly empty), or membership of
// a topic's debate (proved by the server on the debate's room); and the idempotency key it was sent
// with (checked), if any.
struct channel_caller {
  bool organizer = false;
  std::string token;
  std::string key;
  ch::debate_member member;
};

struct channel_outcome {
  bool ok = false;
  protocol::error err{protocol::error_code::unavailable, {}};
  ch::who by;  // who the token proved
  std::vector<ch::event_body> produced;
  bool duplicate = false;  // sent again with the same key: `produced` is what the first one made
};

// Called on a channel's strand once its events are durable and applied, with the state after them.
using committed_hook =
    std::function<void(const std::string& channel, const std::vector<ch::event>& events, const ch::state& after)>;

class channel : public std::enable_shared_from_this<channel> {
 public:
  using done_handler = std::function<void(channel_outcome)>;

  // `pool` runs its blocking reads (the server's storage threads).
  channel(const asio::any_io_executor& io, asio::any_io_executor pool, storage::event_log& log, std::string id,
          std::shared_ptr<const committed_hook> committed = nullptr);

  const std::string& id() const noexcept { return id_; }

  // Runs `cmd` as `caller`. `create_row` registers the channel with the first events.
  void submit(channel_caller caller, ch::command cmd, done_handler done,
              std::optional<storage::channel_row> create_row = std::nullopt);

  // Runs `fn(state, who)` on the strand, `who` being what the caller's token proves (a token that
  // proves nothing reads as an anonymous visitor).
  void inspect(channel_caller caller, std::function<void(const ch::state&, const ch::who&)> fn);

  // The public view of the whole channel (`topic` 0) or of one topic as anyone without a token
  // reads it, encoded once per state seq and shared by every request until the next change;
  // `done` gets it with that seq (an ETag), or nullptr for an unknown topic.
  using encoded_view = std::shared_ptr<const std::string>;
  void public_view(protocol::topic_id topic, std::function<void(encoded_view, protocol::seq_t)> done);

  // Deleting the channel: the commands queued and every later one are refused (`not_found`); once
  // no append is in flight, `done` gets the ids of the debates made for its topics (on the strand).
  void close_for_deletion(std::function<void(std::vector<std::string>)> done);

  // For the hub: loading once, then every waiter learns whether the channel exists.
  void when_loaded(std::function<void(bool)> done);
  // Another node appended to this channel (or may have): fold in what follows its seq, between
  // two commands. The committed hook is not called for them: the writing node announced them.
  void wake();
  void mark_new();  // a channel being created: nothing to load

 private:
  struct job {
    channel_caller caller;
    ch::command cmd;
    done_handler done;
    std::optional<storage::channel_row> create_row;
    unsigned attempts = 0;  // appends that lost a race to another node
  };

  ch::who prove(const channel_caller& caller) const;
  void pump();  // on the strand
  // An append's outcome, on the strand: applied and answered, queued again after a lost race, or
  // refused.
  void on_appended(const storage::append_result& result, const std::vector<ch::event>& events,
                   std::vector<ch::event_body> produced, const ch::who& by, job j);
  void drain_for_deletion();  // pump() once deleting: refuses the queue, answers once idle
  void finish_load(std::vector<storage::record> records, std::vector<storage::contact_row> contacts);
  // Reads the events after the state's seq (on the pool), folds them in, then pumps.
  void catch_up();
  void fold(std::vector<storage::record> records, std::vector<storage::contact_row> contacts);
  // Evolves the state by the stored records that follow its seq, then restores the contacts;
  // throws what reading a record throws. The load and the catch-up both fold through it.
  void apply_stored(std::vector<storage::record> records, std::vector<storage::contact_row> contacts);
  void remember_key(const std::string& scoped, const ch::event_body& made);

  asio::strand<asio::any_io_executor> strand_;
  asio::any_io_executor pool_;
  storage::event_log& log_;
  const std::string id_;
  const std::shared_ptr<const committed_hook> committed_;
  // On the strand only:
  ch::state state_;
  bool loaded_ = false;
  bool loading_ = false;
  bool busy_ = false;    // an append or a catch-up's read is in flight
  bool behind_ = false;  // woken, or a command arrived on a shared log: read before deciding
  bool deleting_ = false;
  std::function<void(std::vector<std::string>)> deleted_;  // waits for the append in flight
  std::deque<job> queue_;
  // The most recent commands sent with an idempotency key ("<who>/<key>"), with what each made.
  std::map<std::string, ch::event_body, std::less<>> keys_;
  std::deque<std::string> key_order_;
  std::vector<std::function<void(bool)>> waiters_;
  // The public views encoded at cached_seq_ (on the strand).
  protocol::seq_t cached_seq_ = 0;
  encoded_view cached_channel_;
  std::map<protocol::topic_id, encoded_view> cached_topics_;
};

class channel_hub {
 public:
  channel_hub(asio::any_io_executor io, asio::any_io_executor storage_pool, storage::event_log& log)
      : io_(std::move(io)), storage_(std::move(storage_pool)), log_(log) {}

  // The channel of `id`, loaded; nullptr (through `done`, on any thread) when there is none.
  void find(const std::string& id, std::function<void(std::shared_ptr<channel>)> done);
  // A new, empty channel under a fresh id, registered by its first append.
  std::shared_ptr<channel> make(const std::string& id);
  // Deleting a channel: from close(id) on, find() answers none (close is false if it was closing
  // already); forget(id), once storage has deleted it or failed to, drops what is loaded, so the
  // next find reads storage again.
  bool close(const std::string& id);
  void forget(const std::string& id);
  // Another node appended to the channel (to every loaded one when `id` is empty). Any thread.
  void wake(const std::string& id);
  // What every channel calls once its events are committed. Set before the first find().
  void on_commit(committed_hook hook) { committed_ = std::make_shared<const committed_hook>(std::move(hook)); }

 private:
  asio::any_io_executor io_;
  asio::any_io_executor storage_;
  storage::event_log& log_;
  std::shared_ptr<const committed_hook> committed_;
  std::mutex mutex_;  // guards channels_
  std::map<std::string, std::shared_ptr<channel>, std::less<>> channels_;
  std::set<std::string, std::less<>> closing_;
};

}  // namespace tribune::server
