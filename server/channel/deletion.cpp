// DELETE /api/channels/{id}: a channel goes with everything in it — the debates made for its
// topics first, each as DELETE /api/debates/{id} deletes one, then its own stream with its contacts
// and webhooks. Retrying after a failure is safe: what was deleted already answers absent.
#include "server/api.hpp"
#include "server/channel/api.hpp"
#include "server/debates.hpp"
#include "server/log.hpp"

namespace tribune::server {

asio::awaitable<storage::delete_result> delete_channel(app& a, const std::string& id) {
  using kind = storage::delete_result::kind;
  const auto c = co_await find_channel(a, id);
  // Another deletion of it under way answers as if it were gone already.
  if (!c || !a.channels.close(id)) co_return storage::delete_result{kind::absent, {}};
  auto closing = [c](auto done) { c->close_for_deletion(std::move(done)); };
  const auto debates = co_await await_callback<std::vector<std::string>>(std::move(closing));
  storage::delete_result result{kind::deleted, {}};
  for (const auto& debate : debates) {
    const auto one = co_await delete_debate(a, debate);
    if (one.outcome == kind::failed) {
      result = one;
      break;
    }
  }
  if (result.outcome != kind::failed) {
    auto erase = [&a, id](auto done) { a.log.delete_stream(id, std::move(done)); };
    result = co_await await_callback<storage::delete_result>(std::move(erase));
  }
  a.channels.forget(id);
  if (result.outcome == kind::failed) {
    log::error("channel_delete_failed", {{"channel", id}, {"detail", result.detail}});
  } else {
    log::info("channel_deleted", {{"channel", id}, {"debates", debates.size()}});
  }
  co_return result;
}

asio::awaitable<http_response> remove_channel(app& a, const http_request& req, const std::string& id) {
  if (!is_organizer(a, req)) co_return json_error(req, protocol::error_code::unauthorized, "organizer token required");
  const auto result = co_await delete_channel(a, id);
  co_return deletion_answer(req, result, "channel");
}

}  // namespace tribune::server
