// Joining a room: the link is proved against the committed state, the connection gets its
// welcome and what it missed (the events after its `last_seq` if the replay tail still holds them,
// else a snapshot), then joins the fan-out, all on the room's strand so that no live event can
// come between.
#include <boost/asio/post.hpp>

#include "server/clock.hpp"
#include "server/room/room.hpp"
#include "server/tokens.hpp"

namespace tribune::server {
namespace {

namespace asio = boost::asio;
using protocol::error_code;

}  // namespace

void room::attach(std::weak_ptr<subscriber> who, std::string token, std::optional<protocol::seq_t> last_seq,
                  std::function<void(attach_outcome)> done) {
  asio::post(strand_, [self = shared_from_this(), who = std::move(who), token = std::move(token), last_seq,
                       done = std::move(done)]() mutable { self->do_attach(who, token, last_seq, done, true); });
}

void room::after_read(std::function<void()> then) {
  after_read_.push_back(std::move(then));
  pipeline_.catch_up(shared_from_this());
  busy_ = pipeline_.busy();
}

void room::run_after_read() {
  if (after_read_.empty() || !pipeline_.caught_up()) return;
  for (const auto& then : std::exchange(after_read_, {})) then();
}

void room::do_attach(const std::weak_ptr<subscriber>& who, const std::string& token,
                     std::optional<protocol::seq_t> last_seq, const std::function<void(attach_outcome)>& done,
                     bool may_wait) {
  auto sub = who.lock();
  if (!sub) return;
  if (deleting_) return done(attach_outcome{false, deleted(), {}});
  const auto& st = pipeline_.committed();
  const auto holder = holder_of(st, token);
  // With several nodes, a link made on another node a moment ago, or a client that comes from a
  // node ahead of this one, waits for a read of the log rather than being refused or sent back in
  // time (a snapshot older than what it holds).
  if (may_wait && log_.shared() && (!holder || (last_seq && *last_seq > st.seq))) {
    return after_read([self = shared_from_this(), who, token, last_seq, done] {
      self->do_attach(who, token, last_seq, done, false);
    });
  }
  if (!holder) {
    return done(attach_outcome{false, {error_code::unauthorized, "this link is not valid for this debate"}, {}});
  }
  const auto v = engine::view_for(holder->who);
  const auto missed = last_seq ? tail_.since(*last_seq, st.seq, v) : std::nullopt;
  auto welcome = engine::welcome_for(st, holder->who);
  welcome.resume_by_events = missed.has_value();
  welcome.server_time = now_ms();
  // The session learns its room before the welcome is queued (both reach its strand in this
  // order), so a command sent the moment the welcome arrives is never refused with hello_required.
  done(attach_outcome{true, {}, holder->who});
  sub->send(std::make_shared<const std::string>(protocol::encode_welcome(welcome)));
  if (missed) {
    for (const auto& m : *missed) sub->send(m);
    // Ballots and ratings missed meanwhile arrive as current figures.
    if (const auto all = engine::all_figures(st); !all.empty()) {
      sub->send(std::make_shared<const std::string>(engine::encode_tallies(st, v, all)));
    }
  } else {
    sub->send(std::make_shared<const std::string>(engine::encode_snapshot_for(st, holder->who)));
  }
  send_opinion(*sub, holder->who);
  fanout_.add(member{who, sub.get(), v, holder->who, std::string(holder->cred->selector), sub->shard()});
  wind_clock();  // a room just loaded mid-show picks its clock up again
  if (holder->who.role == protocol::role::audience) note_audience();
}

void room::detach(const subscriber* who) {
  asio::post(strand_, [self = shared_from_this(), who] { self->fanout_.remove(who); });
}

}  // namespace tribune::server
