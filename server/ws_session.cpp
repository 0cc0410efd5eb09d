#include "server/ws_session.hpp"

#include "engine/engine.hpp"
#include "protocol/limits.hpp"
#include "protocol/messages.hpp"
#include "server/clock.hpp"
#include "server/log.hpp"
#include "server/ws_options.hpp"

namespace tribune::server {
namespace {

using namespace std::chrono_literals;
using protocol::error_code;

// Outgoing queue bounds: a client with this much waiting behind the frame being written is closed
// (1013) and catches up by seq when it reconnects, so one slow phone never grows server memory.
// The frame in flight does not count, and one message into an empty queue is always taken: a
// welcome holding ten thousand questions is larger than the bound, and must still go out.
constexpr std::size_t max_queued_bytes = std::size_t{1024} * 1024;
constexpr std::size_t max_queued_messages = 4096;
constexpr auto close_grace = 5s;
constexpr std::size_t idle_read_bytes = 256;
constexpr std::size_t busy_read_bytes = std::size_t{16} * 1024;
// What may wait behind a hello being checked (the rate limit bounds how many frames).
constexpr std::size_t max_early_bytes = 4 * protocol::max_frame_bytes;

constexpr std::uint16_t close_policy = 1008;
constexpr std::uint16_t close_try_later = 1013;
constexpr std::uint16_t close_unsupported = 1003;

}  // namespace

ws_session::ws_session(tcp::socket socket, std::shared_ptr<app> a, std::size_t shard)
    : ws_(std::move(socket)),
      app_(std::move(a)),
      shard_(shard),
      deadline_(ws_.get_executor()),
      limiter_(protocol::commands_per_second, protocol::command_burst) {
  ws_.next_layer().set_owner(this);
}

ws_session::~ws_session() {
  if (app_->sessions.remove(this)) app_->stats.connections_open.Decrement();
}

asio::awaitable<void> ws_session::run(http::request<http::string_body> req) {
  auto self = shared_from_this();
  apply_server_options(ws_);

  auto [ec] = co_await ws_.async_accept(req, use_tuple);
  req = {};  // the upgrade request's headers are not needed for the life of the connection
  if (ec) co_return;
  app_->sessions.add(this, weak_from_this());
  app_->stats.connections_total.Increment();
  app_->stats.connections_open.Increment();

  deadline_.expires_after(std::chrono::seconds(app_->cfg.hello_timeout_seconds));
  deadline_.async_wait([weak = weak_from_this()](boost::system::error_code e) {
    if (auto s = weak.lock(); s && !e && s->phase_ != phase::attached) s->start_close(close_policy, "hello timeout");
  });
  ws_.auto_fragment(false);
  ws_.text(true);
  accepted_ = true;
  heard_ = std::chrono::steady_clock::now();
  // Pongs (and pings) are heard too: they keep a quiet phone's connection alive.
  ws_.control_callback(
      [this](websocket::frame_type, beast::string_view) { heard_ = std::chrono::steady_clock::now(); });
  if (shard_ < app_->idle.size()) app_->idle[shard_]->add(weak_from_this());
  start_write();

  // Read piecewise: an idle connection waits with a small buffer rather than the 1.5 KiB a whole
  // message read reserves, and the buffer shrinks back after a large message.
  beast::flat_buffer buffer;
  for (;;) {
    const std::size_t limit = buffer.size() == 0 ? idle_read_bytes : busy_read_bytes;
    auto [read_ec, n] = co_await ws_.async_read_some(buffer, limit, use_tuple);
    heard_ = std::chrono::steady_clock::now();
    if (read_ec) {
      if (read_ec == websocket::error::message_too_big) {
        log::info("frame_too_large", {{"limit", protocol::max_frame_bytes}});
      }
      break;
    }
    if (!ws_.is_message_done()) continue;  // read_message_max bounds the whole message
    if (!ws_.got_text()) {
      start_close(close_unsupported, "text frames only");
    } else {
      const auto data = buffer.cdata();
      handle_frame(std::string_view(static_cast<const char*>(data.data()), data.size()));
    }
    buffer.consume(buffer.size());
    if (buffer.capacity() > busy_read_bytes) buffer.shrink_to_fit();
  }
  finished_ = true;
  queue_.clear();
  queued_bytes_ = 0;
  deadline_.cancel();
  if (room_) room_->detach(this);
}

// The writer: one frame at a time. Whatever was queued meanwhile leaves in the next frame, one
// message per line, so a busy connection costs one send() per turn, not one per message; the fan-out
// queues a whole batch with deliver() and then flushes once. It is started by whoever queues into
// an idle connection, and restarts itself (frame_written) while messages wait.
void ws_session::start_write() {
  auto& out = ws_.next_layer();
  if (!accepted_ || finished_ || closing_ || out.busy()) return;
  if (queue_.empty()) {
    if (close_code_ && !close_sent_) {
      close_sent_ = true;
      closing_ = true;
      websocket::close_reason reason;
      reason.code = *close_code_;
      reason.reason = close_reason_;
      ws_.async_close(reason, [self = shared_from_this()](beast::error_code) { self->closing_ = false; });
    }
    return;
  }
  if (!ws_.is_open()) {
    // The client's close frame has arrived and Beast is answering it: nothing follows a close.
    queue_.clear();
    queued_bytes_ = 0;
    return;
  }
  queued_bytes_ = 0;  // the queue is bounded (max_queued_bytes): one frame takes all of it
  if (out.write_text(queue_) == frame_socket::status::failed) {
    // The reader sees the broken connection too and finishes the session.
    queue_.clear();
  }
}

void ws_session::frame_written(const beast::error_code& ec) {
  if (ec) {
    queue_.clear();
    queued_bytes_ = 0;
    return;
  }
  start_write();
}

bool ws_session::heard(std::chrono::steady_clock::time_point& when) const {
  if (finished_) return false;
  when = heard_;
  return true;
}

void ws_session::ping() {
  if (pinging_ || closing_ || close_code_ || finished_ || !ws_.is_open()) return;
  pinging_ = true;
  ws_.async_ping({}, [self = shared_from_this()](beast::error_code) { self->pinging_ = false; });
}

void ws_session::expire() {
  // Silent for the whole idle timeout: no close handshake to wait for, the socket goes.
  log::info("idle_client_closed", {});
  beast::error_code ignored;
  ws_.next_layer().socket().close(ignored);
}

void ws_session::send(shared_message message) {
  asio::post(ws_.get_executor(), [self = shared_from_this(), message = std::move(message)] {
    self->app_->stats.deliveries.Increment();
    self->enqueue(message);
  });
}

void ws_session::enqueue(const shared_message& message) {
  if (queue_message(message)) start_write();
}

bool ws_session::queue_message(const shared_message& message) {
  if (finished_ || close_code_) return false;
  const bool behind = queue_.size() + 1 > max_queued_messages || queued_bytes_ + message->size() > max_queued_bytes;
  if (behind && !queue_.empty()) {
    app_->stats.slow_clients_closed.Increment();
    log::info("slow_client_closed", {{"queued_bytes", queued_bytes_}, {"queued_messages", queue_.size()}});
    start_close(close_try_later, "too far behind; reconnect with last_seq", true);
    return false;
  }
  queued_bytes_ += message->size();
  queue_.push_back(message);
  return true;
}

void ws_session::close(std::uint16_t code, std::string_view reason) {
  asio::post(ws_.get_executor(), [self = shared_from_this(), code, reason = std::string(reason)]() mutable {
    self->start_close(code, std::move(reason), true);
  });
}

void ws_session::start_close(std::uint16_t code, std::string reason, bool drop_queue) {
  if (close_code_ || finished_) return;
  close_code_ = code;
  close_reason_ = std::move(reason);
  // A client closed for falling behind (or by the room) resumes by seq, so its queue is dropped; a
  // refused hello keeps its queued error. A write stuck behind a client that does not read is cut
  // off outright after a grace period.
  if (drop_queue) {
    queue_.clear();
    queued_bytes_ = 0;
  }
  start_write();
  deadline_.expires_after(close_grace);
  deadline_.async_wait([weak = weak_from_this()](boost::system::error_code e) {
    if (auto s = weak.lock(); s && !e && !s->finished_) {
      beast::error_code ignored;
      s->ws_.next_layer().socket().close(ignored);
    }
  });
}

void ws_session::send_error(const nlohmann::json& id, const protocol::error& err) {
  // Only before a room is known: afterwards, refusals go through the room, which stamps its seq.
  enqueue(std::make_shared<const std::string>(protocol::encode_error(id, 0, err)));
}

void ws_session::refuse_before_hello(const nlohmann::json& id, const protocol::error& err) {
  send_error(id, err);
  early_.clear();
  start_close(close_policy, "hello required");
}

outcome_handler ws_session::reply_to(nlohmann::json id, bool strike_if_limited) {
  ++awaiting_replies_;
  // Runs on the room's strand, right after the command's events were fanned out: posting to this
  // strand keeps the reply behind them.
  return [self = shared_from_this(), id = std::move(id), strike_if_limited](const command_outcome& o) {
    auto message = std::make_shared<const std::string>(o.ok ? protocol::encode_ack(id, o.seq, o.result)
                                                            : protocol::encode_error(id, o.seq, o.err));
    const bool strike = strike_if_limited && !o.ok && o.err.code == error_code::rate_limited;
    asio::post(self->ws_.get_executor(), [self, message = std::move(message), strike] {
      --self->awaiting_replies_;
      if (strike && ++self->strikes_ > protocol::max_strikes) {
        self->close_when_answered("rate limit exceeded");
      } else {
        self->enqueue(message);
      }
      if (self->closing_reason_ && self->awaiting_replies_ == 0) {
        self->start_close(close_policy, *std::exchange(self->closing_reason_, std::nullopt));
      }
    });
  };
}

// Closes (1008) once every reply already on its way has been queued, so a client that is cut off
// for flooding still receives the refusals it earned, in order.
void ws_session::close_when_answered(std::string reason) {
  if (awaiting_replies_ == 0) return start_close(close_policy, std::move(reason));
  if (!closing_reason_) closing_reason_ = std::move(reason);
}

void ws_session::handle_frame(std::string_view frame) {
  if (close_code_ || closing_reason_) return;
  // Every frame takes a token, whether or not its hello has been answered yet.
  const bool allowed = limiter_.try_take();
  if (!allowed && ++strikes_ > protocol::max_strikes) return close_when_answered("rate limit exceeded");
  if (phase_ == phase::hello_pending) {
    // Pipelined behind a hello still being checked: kept, in order, for when it is accepted.
    if (early_bytes_ + frame.size() > max_early_bytes) {
      return start_close(close_policy, "too much sent before the welcome");
    }
    early_bytes_ += frame.size();
    early_.push_back(early_frame{std::string(frame), allowed});
    return;
  }
  process(frame, allowed);
}

void ws_session::process(std::string_view frame, bool allowed) {
  // Decoded first (bounded by the frame cap) so that even a refusal names the command it refuses.
  auto decoded = protocol::decode(frame);
  if (auto* failure = std::get_if<protocol::decode_failure>(&decoded)) {
    if (phase_ == phase::awaiting_hello) return refuse_before_hello(failure->id, failure->err);
    return room_->refuse(failure->err, reply_to(failure->id));
  }
  auto& req = std::get<protocol::request>(decoded);
  if (!allowed) {
    const protocol::error limited{error_code::rate_limited, "too many messages; slow down"};
    if (phase_ == phase::awaiting_hello) return refuse_before_hello(req.id, limited);
    return room_->refuse(limited, reply_to(req.id, /*strike_if_limited=*/false));
  }
  handle_request(std::move(req));
}

void ws_session::handle_request(protocol::request req) {
  if (phase_ == phase::awaiting_hello) {
    // The clock may be read before saying hello: it needs no room (and no seq yet).
    if (std::holds_alternative<protocol::time_sync>(req.body)) {
      return enqueue(std::make_shared<const std::string>(protocol::encode_time(req.id, 0, now_ms())));
    }
    const auto* h = std::get_if<protocol::hello>(&req.body);
    if (h == nullptr) return refuse_before_hello(req.id, {error_code::hello_required, "send hello first"});
    return handle_hello(req.id, *h);
  }
  if (std::holds_alternative<protocol::hello>(req.body)) {
    return room_->refuse({error_code::hello_required, "hello was already sent"}, reply_to(req.id));
  }
  if (std::holds_alternative<protocol::time_sync>(req.body)) {
    // Pages measure their clock offset with this, so every screen shows the same countdown.
    return room_->stamp([self = shared_from_this(), id = req.id](protocol::seq_t seq) {
      auto message = std::make_shared<const std::string>(protocol::encode_time(id, seq, now_ms()));
      asio::post(self->ws_.get_executor(), [self, message = std::move(message)] { self->enqueue(message); });
    });
  }
  if (const auto* r = std::get_if<protocol::react>(&req.body)) {
    return room_->react(actor_, r->kind, std::move(req.key), reply_to(req.id));
  }
  auto command = engine::to_command(std::move(req.body));
  room_->command(actor_, std::move(*command), std::move(req.key), reply_to(req.id));
}

void ws_session::handle_hello(const nlohmann::json& id, const protocol::hello& h) {
  phase_ = phase::hello_pending;
  app_->rooms.find(h.debate, [self = shared_from_this(), id, h](room_registry::found found) mutable {
    asio::post(self->ws_.get_executor(), [self, id = id, h = h, found = std::move(found)]() mutable {
      self->on_room_found(id, h, std::move(found));
    });
  });
}

void ws_session::on_room_found(const nlohmann::json& id, const protocol::hello& h, room_registry::found found) {
  if (found.error) {
    try {
      std::rethrow_exception(found.error);
    } catch (const std::exception& e) {
      log::error("room_load_failed", {{"debate", h.debate}, {"detail", e.what()}});
    }
    early_.clear();
    send_error(id, {error_code::unavailable, "this debate cannot be loaded right now"});
    return start_close(close_try_later, "unavailable");
  }
  if (!found.room) {
    early_.clear();
    send_error(id, {error_code::not_found, "no such debate"});
    return start_close(close_policy, "no such debate");
  }
  auto pinned = std::make_shared<room_registry::handle>(std::move(found.room));
  auto& r = **pinned;
  r.attach(weak_from_this(), h.token, h.last_seq, [self = shared_from_this(), id, pinned](attach_outcome o) {
    asio::post(self->ws_.get_executor(), [self, id, pinned, o = std::move(o)] { self->on_attached(id, pinned, o); });
  });
}

void ws_session::on_attached(const nlohmann::json& id, const std::shared_ptr<room_registry::handle>& r,
                             const attach_outcome& o) {
  if (!o.ok) {
    send_error(id, o.err);
    early_.clear();
    return start_close(close_policy, "unauthorized");
  }
  room_ = std::move(*r);
  if (finished_) {
    // The connection ended while the room was letting it in: it leaves at once.
    room_->detach(this);
    return;
  }
  actor_ = o.actor;
  phase_ = phase::attached;
  deadline_.cancel();
  // What the client sent behind its hello, in order, now that it has a room.
  auto early = std::exchange(early_, {});
  early_bytes_ = 0;
  for (const auto& e : early) process(e.frame, e.allowed);
}

}  // namespace tribune::server
