// The report and the replay, from one kept pass over each debate's log (replay.hpp).
#include "server/replay.hpp"

#include <algorithm>
#include <charconv>

#include "engine/engine.hpp"
#include "server/api.hpp"
#include "server/app.hpp"
#include "server/stored_record.hpp"

namespace tribune::server {
namespace {

namespace archive = protocol::archive;
using protocol::error_code;
using protocol::seq_t;

}  // namespace

std::shared_ptr<replay_store::pass> replay_store::pass_of(const std::string& debate) {
  const std::lock_guard lock(mutex_);
  auto& p = passes_[debate];
  if (!p) {
    p = std::make_shared<pass>();
    p->interval = first_interval_;
    if (passes_.size() > kept_passes_) {
      // Drop the least recently used other pass; a request still holding it finishes with it.
      auto oldest = passes_.end();
      for (auto it = passes_.begin(); it != passes_.end(); ++it) {
        if (it->first != debate && (oldest == passes_.end() || it->second->used < oldest->second->used)) oldest = it;
      }
      if (oldest != passes_.end()) passes_.erase(oldest);
    }
  }
  p->used = std::chrono::steady_clock::now();
  return p;
}

std::optional<replay_store::pass_shape> replay_store::shape(const std::string& debate) {
  std::shared_ptr<pass> p;
  {
    const std::lock_guard lock(mutex_);
    const auto it = passes_.find(debate);
    if (it == passes_.end()) return std::nullopt;
    p = it->second;
  }
  const std::lock_guard lock(p->mutex);
  return pass_shape{p->end.seq, p->interval, p->checkpoints.size()};
}

void replay_store::forget(const std::string& debate) {
  const std::lock_guard lock(mutex_);
  passes_.erase(debate);
}

void replay_store::keep_checkpoint(pass& p) const {
  if (p.end.seq % p.interval != 0) return;
  p.checkpoints.push_back(checkpoint{p.end.seq, p.last_at, std::make_shared<const engine::state>(p.end)});
  if (p.checkpoints.size() <= max_checkpoints_) return;
  p.interval *= 2;
  std::erase_if(p.checkpoints, [&p](const checkpoint& c) { return c.seq % p.interval != 0; });
}

void replay_store::restart(pass& p) const {
  p.kept.reset();
  p.end = engine::state{};
  p.history = engine::history{};
  p.head = chain_head{};
  p.last_at = 0;
  p.interval = first_interval_;
  p.checkpoints.clear();
}

namespace {

// Whether the texts hold any that `e` erases: then they were read before it.
bool predates(const engine::kept_rows& kept, const engine::event& e) {
  const auto* gone = std::get_if<engine::ev::participant_erased>(&e.body);
  if (gone == nullptr) return false;
  return std::any_of(kept.begin(), kept.end(), [gone](const engine::contact_row& row) {
    return std::find(gone->erased.begin(), gone->erased.end(), row.ref) != gone->erased.end();
  });
}

}  // namespace

// The texts are read after the records that name them (a record and its texts are committed
// together), and again whenever a record names a text newer than the last read: every text a
// folded record names is then there, unless it was erased.
void replay_store::extend(storage::event_log& log, const std::string& debate, pass& p) const {
  for (;;) {
    const auto batch = log.read(debate, p.end.seq, log_page);
    if (batch.empty()) return;
    if (p.end.seq == 0) {
      // A new pass: its interval from the log's length, so that it copies the state at most
      // max_checkpoints times rather than thinning as it goes.
      const auto last = log.last_seq(debate);
      while (p.interval * max_checkpoints_ < last) p.interval *= 2;
    }
    bool again = false;
    for (const auto& r : batch) {
      auto e = decoded(r);
      const auto named = engine::kept_ref_of(e);
      if (!p.kept || (named != 0 && (p.kept->empty() || p.kept->back().ref < named))) {
        p.kept = std::make_shared<const engine::kept_rows>(from_stored(log.read_contacts(debate)));
      }
      if (predates(*p.kept, e)) {
        again = true;
        break;
      }
      engine::restore_texts(e, *p.kept);
      p.head.hash = archive::chain(p.head.hash, r.seq, r.at, r.type, archive::body_digest(r.body));
      p.head.seq = r.seq;
      engine::evolve(p.end, e);
      engine::observe(p.history, p.end, e);
      p.last_at = r.at;
      keep_checkpoint(p);
    }
    if (again) restart(p);
  }
}

std::optional<std::string> replay_store::report(storage::event_log& log, const std::string& debate, engine::view v) {
  const auto p = pass_of(debate);
  const std::lock_guard lock(p->mutex);
  extend(log, debate, *p);
  if (!p->end.exists) {
    forget(debate);
    return std::nullopt;
  }
  auto r = engine::report_of(p->end, p->history, v);
  r.head = archive::hex(p->head.hash);
  return protocol::encode_report(r);
}

std::optional<std::string> replay_store::frame(storage::event_log& log, const std::string& debate, seq_t seq,
                                               engine::view v) {
  const auto p = pass_of(debate);
  std::shared_ptr<const engine::state> base;
  std::shared_ptr<const engine::kept_rows> kept;
  std::int64_t at = 0;
  seq_t target = 0;
  {
    const std::lock_guard lock(p->mutex);
    extend(log, debate, *p);
    if (!p->end.exists) {
      forget(debate);
      return std::nullopt;
    }
    target = std::clamp<seq_t>(seq, 1, p->end.seq);
    kept = p->kept;
    if (target == p->end.seq) {
      return protocol::encode_replay_frame({target, p->last_at, engine::snapshot_of(p->end, v, std::nullopt)});
    }
    const auto after = std::upper_bound(p->checkpoints.begin(), p->checkpoints.end(), target,
                                        [](seq_t s, const checkpoint& c) { return s < c.seq; });
    if (after != p->checkpoints.begin()) {
      base = std::prev(after)->state;
      at = std::prev(after)->at;
    }
  }
  // Folded outside the pass's lock, from the nearest checkpoint (or the start).
  engine::state s = base ? *base : engine::state{};
  while (s.seq < target) {
    const auto want = static_cast<std::size_t>(std::min<seq_t>(log_page, target - s.seq));
    const auto batch = log.read(debate, s.seq, want);
    if (batch.empty()) break;
    for (const auto& r : batch) {
      engine::evolve(s, kept ? decoded(r, *kept) : decoded(r));
      at = r.at;
    }
  }
  return protocol::encode_replay_frame({s.seq, at, engine::snapshot_of(s, v, std::nullopt)});
}

asio::awaitable<http_response> report_api(app& a, const http_request& req, const std::string& debate) {
  if (!reads(req.method())) co_return method_not_allowed(req, "GET, HEAD");
  const auto v = is_organizer(a, req) ? engine::view::moderator_view : engine::view::public_view;
  const asio::any_io_executor pool = a.storage_threads.get_executor();
  // Named, not a temporary inside the co_await expression (GCC 12, see net.hpp).
  auto read = [&a, debate, v] { return a.replays.report(a.log, debate, v); };
  auto body = co_await offload(pool, std::move(read));
  if (!body) co_return json_error(req, error_code::not_found, "no such debate");
  auto res = json_response(req, http::status::ok, std::move(*body));
  compress_for(req, res);
  co_return res;
}

asio::awaitable<void> prepare_report(app& a, const std::string& debate) {
  const asio::any_io_executor pool = a.storage_threads.get_executor();
  // Named, not a temporary inside the co_await expression (GCC 12, see net.hpp).
  auto fold = [&a, debate] { return a.replays.report(a.log, debate, engine::view::public_view).has_value(); };
  co_await offload(pool, std::move(fold));
}

asio::awaitable<http_response> replay_api(app& a, const http_request& req, const std::string& debate) {
  if (!reads(req.method())) co_return method_not_allowed(req, "GET, HEAD");
  const auto params = query_of(req);
  if (!params) co_return json_error(req, error_code::invalid_field, "bad query string");
  seq_t seq = 0;
  bool given = false;
  for (const auto& [key, value] : *params) {
    if (key != "seq") continue;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seq);
    if (ec != std::errc() || end != value.data() + value.size() || seq == 0) {
      co_return json_error(req, error_code::invalid_field, "seq: a positive whole number");
    }
    given = true;
  }
  if (!given) co_return json_error(req, error_code::invalid_field, "seq: required (?seq=N)");
  const auto v = is_organizer(a, req) ? engine::view::moderator_view : engine::view::public_view;
  const asio::any_io_executor pool = a.storage_threads.get_executor();
  auto read = [&a, debate, seq, v] { return a.replays.frame(a.log, debate, seq, v); };
  auto body = co_await offload(pool, std::move(read));
  if (!body) co_return json_error(req, error_code::not_found, "no such debate");
  auto res = json_response(req, http::status::ok, std::move(*body));
  compress_for(req, res);
  co_return res;
}

}  // namespace tribune::server
