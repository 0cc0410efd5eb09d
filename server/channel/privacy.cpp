// A visitor's own data in a channel, read and erased (GET and DELETE /api/channels/{id}/me), and
// the organizer's export of the contacts left with consent (…/export/contacts.csv).
#include "engine/channel/contacts.hpp"
#include "protocol/channel_privacy.hpp"
#include "protocol/csv.hpp"
#include "server/api.hpp"
#include "server/channel/api.hpp"
#include "server/exports.hpp"

namespace tribune::server {
namespace {

namespace pc = protocol::channels;
using protocol::error_code;

// The caller's own data, encoded; empty when the caller is no visitor of the channel.
asio::awaitable<std::string> my_data_json(channel& c, const channel_caller& caller) {
  auto start = [&c, caller](auto done) mutable {
    c.inspect(caller, [done = std::move(done)](const ch::state& s, const ch::who& by) mutable {
      const auto mine = by.identity != 0 ? ch::my_data(s, by.identity) : std::nullopt;
      done(mine ? pc::encode_my_data(*mine) : std::string());
    });
  };
  co_return co_await await_callback<std::string>(std::move(start));
}

asio::awaitable<std::string> contacts_csv(channel& c) {
  auto start = [&c](auto done) {
    c.inspect({}, [done = std::move(done)](const ch::state& s, const ch::who&) mutable {
      const auto t = ch::contacts_table(s);
      done(protocol::csv_table(t.header, t.rows));
    });
  };
  co_return co_await await_callback<std::string>(std::move(start));
}

}  // namespace

asio::awaitable<http_response> my_data_api(app& a, const http_request& req, channel& c) {
  const auto m = req.method();
  if (!reads(m) && m != http::verb::delete_) co_return method_not_allowed(req, "GET, HEAD, DELETE");
  const auto caller = caller_of(a, req);
  if (m == http::verb::delete_) {
    ch::command erase{ch::erase_identity{}};
    const auto outcome = co_await run(c, caller, std::move(erase));
    if (!outcome.ok) co_return json_error(req, outcome.err);
  }
  auto mine = co_await my_data_json(c, caller);
  if (mine.empty()) {
    co_return json_error(req, error_code::forbidden, "only a visitor of this channel has data of their own here");
  }
  auto res = json_response(req, http::status::ok, std::move(mine));
  res.set(http::field::cache_control, "no-store");
  co_return res;
}

asio::awaitable<http_response> export_channel_contacts(app& a, const http_request& req, channel& c) {
  if (!reads(req.method())) co_return method_not_allowed(req, "GET, HEAD");
  if (!is_organizer(a, req)) co_return json_error(req, error_code::unauthorized, "organizer token required");
  auto body = co_await contacts_csv(c);
  co_return attachment(req, std::move(body), "text/csv; charset=utf-8", c.id() + "-contacts.csv");
}

}  // namespace tribune::server
