#pragma once
// The traffic of the `after_show` scenario while it plays a show into a debate: commands over many
// WebSocket connections at once, each answered by an ack or an error that a callback may read;
// moderator commands queued on a pool of moderator connections and sent as each connection's
// limit allows (20 a second, burst 40: the pool keeps under 18); audience connections opened a
// wave at a time, each saying hello from the newest seq the bench has seen so that it resumes by
// events rather than a snapshot, then closed once its commands are answered.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "client_hooks.hpp"
#include "client_io.hpp"
#include "conn.hpp"
#include "net.hpp"
#include "target.hpp"

namespace bench {

// A command's answer: its line, and whether it was an ack.
using reply_fn = std::function<void(std::string_view line, bool ok)>;

class show_driver : public client_hooks {
 public:
  show_driver(asio::io_context& io, const target& where, std::string debate);
  ~show_driver() override;
  show_driver(const show_driver&) = delete;
  show_driver& operator=(const show_driver&) = delete;

  // A new connection (not yet open) that will say hello with `token`. Kept until the driver goes.
  conn& add(std::string token, kind k);
  // Opens them, says hello from the newest seq seen, and waits for every welcome; false after 60 s.
  asio::awaitable<bool> open(std::vector<conn*> conns);
  static void close(const std::vector<conn*>& conns);

  // Sends at once: an audience member's commands of one wave fit in its burst.
  void send(conn& c, json cmd, reply_fn then = {});
  // Queued, sent on the moderator pool as its connections' limits allow.
  void moderate(json cmd, reply_fn then = {});
  void set_moderators(const std::vector<conn*>& pool);
  // Waits until every command was sent and answered; false after `limit`.
  asio::awaitable<bool> settle(std::chrono::seconds limit);

  // The newest seq an ack, an event or a welcome carried.
  std::int64_t head() const { return head_; }
  std::uint64_t commands() const { return commands_; }
  std::uint64_t errors() const { return errors_; }
  // Errors by code, and the last error line.
  json error_summary() const;

 private:
  struct slot {
    conn* c = nullptr;
    double tokens = 0;
    std::int64_t refilled = 0;
  };
  struct queued {
    json cmd;
    reply_fn then;
  };

  void on_reply(conn& c, std::string_view line, std::int64_t id, bool ok, std::int64_t seq, std::int64_t now) override;
  void on_event(conn&, std::string_view, std::int64_t seq, std::string_view, std::int64_t) override;
  void on_closed(conn& c) override;
  void pump();
  static std::uint64_t key(const conn& c, std::int64_t id);

  asio::io_context& io_;
  client_io clients_;
  std::string debate_;
  std::vector<std::unique_ptr<conn>> conns_;
  std::unordered_map<std::uint64_t, reply_fn> waiting_;
  std::vector<slot> pool_;
  std::size_t next_slot_ = 0;
  std::deque<queued> queue_;
  std::int64_t head_ = 0;
  std::uint64_t commands_ = 0;
  std::uint64_t errors_ = 0;
  std::uint64_t lost_ = 0;  // commands whose connection closed before the answer
  std::map<std::string, std::uint64_t, std::less<>> by_code_;
  std::string last_error_;
};

}  // namespace bench
