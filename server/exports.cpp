// Exports read the room's committed state on its strand, so a file is one consistent moment of
// the show, and are written as CSV by the codec.
#include "server/exports.hpp"

#include "engine/questions/export.hpp"
#include "protocol/csv.hpp"
#include "server/api.hpp"
#include "server/debates.hpp"

namespace tribune::server {
namespace {

using protocol::error_code;

enum class which { questions, moderation };

asio::awaitable<std::string> csv_of(room& r, which w) {
  auto start = [&r, w](auto done) {
    r.inspect([done = std::move(done), w](const engine::state& s) mutable {
      const auto t = w == which::questions ? engine::questions_table(s) : engine::moderation_table(s);
      done(protocol::csv_table(t.header, t.rows));
    });
  };
  co_return co_await await_callback<std::string>(std::move(start));
}

}  // namespace

asio::awaitable<http_response> export_debate(app& a, const http_request& req, const std::string& debate,
                                             const std::string& name) {
  if (name != "questions.csv" && name != "moderation.csv") {
    co_return json_error(req, error_code::not_found, "no such export: questions.csv or moderation.csv");
  }
  if (!reads(req.method())) co_return method_not_allowed(req, "GET, HEAD");
  if (!is_organizer(a, req)) co_return json_error(req, error_code::unauthorized, "organizer token required");
  protocol::error err{error_code::not_found, "no such debate"};
  auto r = co_await find_room(a, debate, err);
  if (!r) co_return json_error(req, err);
  auto body = co_await csv_of(*r, name == "questions.csv" ? which::questions : which::moderation);
  auto res = make_response(req, http::status::ok, std::move(body), "text/csv; charset=utf-8");
  res.set(http::field::content_disposition, "attachment; filename=\"" + debate + "-" + name + "\"");
  res.set(http::field::cache_control, "no-store");
  co_return res;
}

}  // namespace tribune::server
