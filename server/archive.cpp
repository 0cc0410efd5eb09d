// The public archive and the chain's head, read from the log on the storage threads.
#include "server/archive.hpp"

#include <algorithm>
#include <limits>

#include "engine/archive.hpp"
#include "engine/events.hpp"
#include "server/api.hpp"
#include "server/app.hpp"
#include "server/debates.hpp"
#include "server/stored_record.hpp"

namespace tribune::server {
namespace {

namespace archive = protocol::archive;
using protocol::error_code;
using protocol::seq_t;

// Extends `from` with the stored events after it, up to `upto`; `each(record, body, hash)` sees
// every event with its body's digest and its hash.
template <class Each>
chain_head extend(storage::event_log& log, const std::string& debate, chain_head from, seq_t upto, Each each) {
  while (from.seq < upto) {
    const auto want = static_cast<std::size_t>(std::min<seq_t>(log_page, upto - from.seq));
    const auto batch = log.read(debate, from.seq, want);
    if (batch.empty()) break;
    for (const auto& r : batch) {
      const auto body = archive::body_digest(r.body);
      from.hash = archive::chain(from.hash, r.seq, r.at, r.type, body);
      from.seq = r.seq;
      each(r, body, from.hash);
    }
  }
  return from;
}

std::string build_archive(storage::event_log& log, const engine::state& s) {
  std::string events;
  const auto& d = s.debate;
  const auto h = extend(log, d.id, chain_head{}, s.seq,
                        [&](const storage::record& r, const archive::digest& body, const archive::digest& hash) {
                          const auto e = decoded(r);
                          const bool open = engine::public_in_archive(s, e.body);
                          const auto shown = open ? std::optional<std::string_view>(r.body) : std::nullopt;
                          events += archive::event_line(r.seq, r.at, r.type, shown, body, hash);
                        });
  return archive::header_line(archive::header{d.id, d.code, d.title, h.seq, h.hash}) + events;
}

asio::awaitable<std::shared_ptr<const engine::state>> state_of(room& r) {
  auto start = [&r](auto done) {
    r.inspect(
        [done = std::move(done)](const engine::state& s) mutable { done(std::make_shared<const engine::state>(s)); });
  };
  co_return co_await await_callback<std::shared_ptr<const engine::state>>(std::move(start));
}

}  // namespace

chain_head archive_store::head(storage::event_log& log, const std::string& debate) {
  chain_head start;
  {
    const std::lock_guard lock(mutex_);
    if (const auto it = heads_.find(debate); it != heads_.end()) start = it->second;
  }
  const auto h = extend(log, debate, start, std::numeric_limits<seq_t>::max(), [](const auto&...) {});
  const std::lock_guard lock(mutex_);
  auto& known = heads_[debate];
  if (h.seq > known.seq) known = h;
  return h;
}

std::shared_ptr<const std::string> archive_store::find(const std::string& debate, seq_t upto) {
  const std::lock_guard lock(mutex_);
  const auto it = std::find_if(archives_.begin(), archives_.end(),
                               [&](const kept_archive& k) { return k.debate == debate && k.upto == upto; });
  return it == archives_.end() ? nullptr : it->text;
}

void archive_store::forget(const std::string& debate) {
  const std::lock_guard lock(mutex_);
  heads_.erase(debate);
  std::erase_if(archives_, [&](const kept_archive& k) { return k.debate == debate; });
}

void archive_store::keep(const std::string& debate, seq_t upto, std::shared_ptr<const std::string> text) {
  const std::lock_guard lock(mutex_);
  std::erase_if(archives_, [&](const kept_archive& k) { return k.debate == debate; });
  archives_.push_front(kept_archive{debate, upto, std::move(text)});
  if (archives_.size() > kept_archives) archives_.pop_back();
}

asio::awaitable<http_response> archive_api(app& a, const http_request& req, const std::string& debate, bool head) {
  if (!reads(req.method())) co_return method_not_allowed(req, "GET, HEAD");
  protocol::error err{error_code::not_found, "no such debate"};
  auto r = co_await find_room(a, debate, err);
  if (!r) co_return json_error(req, err);
  const asio::any_io_executor pool = a.storage_threads.get_executor();
  if (head) {
    // Named, not temporaries inside the co_await expression (GCC 12, see net.hpp).
    auto read_head = [&a, debate] { return a.archives.head(a.log, debate); };
    const auto h = co_await offload(pool, std::move(read_head));
    co_return json_response(req, http::status::ok, archive::head_json(h.seq, h.hash));
  }
  const auto s = co_await state_of(*r);
  auto read_archive = [&a, s] {
    return a.archives.archive(s->debate.id, s->seq, [&a, &s] { return build_archive(a.log, *s); });
  };
  const auto text = co_await offload(pool, std::move(read_archive));
  auto res = make_response(req, http::status::ok, *text, "application/x-ndjson; charset=utf-8");
  res.set(http::field::content_disposition, "attachment; filename=\"" + debate + "-archive.ndjson\"");
  res.set(http::field::cache_control, "no-cache");
  compress_for(req, res);
  co_return res;
}

}  // namespace tribune::server
