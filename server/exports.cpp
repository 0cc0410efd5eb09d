// Exports read the room's committed state on its strand, so a file is one consistent moment of
// the show, and are written as CSV by the codec; the whole debate as JSON is the organizer's report.
#include "server/exports.hpp"

#include <array>

#include "engine/questions/export.hpp"
#include "engine/report/tables.hpp"
#include "protocol/csv.hpp"
#include "server/api.hpp"
#include "server/debates.hpp"

namespace tribune::server {
namespace {

using protocol::error_code;

struct csv_export {
  std::string_view name;
  engine::table (*rows)(const engine::state&);
};

constexpr std::array csv_exports{
    csv_export{"questions.csv", engine::questions_table}, csv_export{"moderation.csv", engine::moderation_table},
    csv_export{"arguments.csv", engine::arguments_table}, csv_export{"polls.csv", engine::polls_table},
    csv_export{"talk_time.csv", engine::talk_time_table}, csv_export{"contacts.csv", engine::contacts_table}};

constexpr std::string_view whole_debate = "debate.json";
constexpr int debate_json_version = 1;

asio::awaitable<std::string> csv_of(room& r, const csv_export& which) {
  auto start = [&r, &which](auto done) {
    r.inspect([done = std::move(done), &which](const engine::state& s) mutable {
      const auto t = which.rows(s);
      done(protocol::csv_table(t.header, t.rows));
    });
  };
  co_return co_await await_callback<std::string>(std::move(start));
}

asio::awaitable<std::optional<std::string>> debate_json(app& a, const std::string& debate) {
  const asio::any_io_executor pool = a.storage_threads.get_executor();
  // Named, not a temporary inside the co_await expression (GCC 12, see net.hpp).
  auto read = [&a, debate] { return a.replays.report(a.log, debate, engine::view::moderator_view); };
  auto report = co_await offload(pool, std::move(read));
  if (!report) co_return std::nullopt;
  co_return R"({"export":"tribune-debate","version":)" + std::to_string(debate_json_version) + R"(,"report":)" +
      *report + "}";
}

}  // namespace

http_response attachment(const http_request& req, std::string body, std::string_view type, const std::string& file) {
  auto res = make_response(req, http::status::ok, std::move(body), type);
  res.set(http::field::content_disposition, "attachment; filename=\"" + file + "\"");
  res.set(http::field::cache_control, "no-store");
  return res;
}

asio::awaitable<http_response> export_debate(app& a, const http_request& req, const std::string& debate,
                                             const std::string& name) {
  const auto* csv = std::find_if(csv_exports.begin(), csv_exports.end(), [&](const auto& e) { return e.name == name; });
  if (csv == csv_exports.end() && name != whole_debate) {
    co_return json_error(req, error_code::not_found,
                         "no such export: questions.csv, moderation.csv, arguments.csv, polls.csv, talk_time.csv, "
                         "contacts.csv or debate.json");
  }
  if (!reads(req.method())) co_return method_not_allowed(req, "GET, HEAD");
  if (!is_organizer(a, req)) co_return json_error(req, error_code::unauthorized, "organizer token required");
  protocol::error err{error_code::not_found, "no such debate"};
  auto r = co_await find_room(a, debate, err);
  if (!r) co_return json_error(req, err);
  const auto file = debate + "-" + name;
  if (csv == csv_exports.end()) {
    auto body = co_await debate_json(a, debate);
    if (!body) co_return json_error(req, err);
    co_return attachment(req, std::move(*body), "application/json", file);
  }
  auto body = co_await csv_of(*r, *csv);
  co_return attachment(req, std::move(body), "text/csv; charset=utf-8", file);
}

}  // namespace tribune::server
