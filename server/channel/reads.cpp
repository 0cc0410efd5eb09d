// Reading a channel over REST. The public views (the whole channel, a topic read without a token)
// are what nearly every visitor asks for: the channel encodes them once per change and every request
// until the next change shares those bytes, with the channel's seq as their ETag.
#include "server/channel/reads.hpp"

#include "server/static_files.hpp"

namespace tribune::server {
namespace {

namespace pc = protocol::channels;
using protocol::error_code;

struct cached_view {
  channel::encoded_view body;
  protocol::seq_t seq = 0;
};

asio::awaitable<cached_view> public_view(channel& c, pc::topic_id topic) {
  auto start = [&c, topic](auto done) {
    c.public_view(topic, [done = std::move(done)](channel::encoded_view v, protocol::seq_t seq) mutable {
      done(cached_view{std::move(v), seq});
    });
  };
  co_return co_await await_callback<cached_view>(std::move(start));
}

// A public view with the state's seq as its ETag: a page polling an unchanged channel gets 304 and
// no body.
http_response cached_answer(const http_request& req, const cached_view& v) {
  const auto etag = "\"s" + std::to_string(v.seq) + "\"";
  const bool same = etag_matches(req[http::field::if_none_match], etag);
  http_response res =
      same ? http_response{http::status::not_modified, req.version()} : json_response(req, http::status::ok, *v.body);
  res.set(http::field::etag, etag);
  res.set(http::field::cache_control, "no-cache");
  res.set(http::field::vary, "Authorization");
  res.keep_alive(req.keep_alive());
  return res;
}

}  // namespace

asio::awaitable<std::string> channel_json(channel& c, const pc::channel_query& q) {
  auto start = [&c, q](auto done) {
    c.inspect({}, [done = std::move(done), q](const ch::state& s, const ch::who&) mutable {
      done(pc::encode_channel(ch::channel_view(s, q)));
    });
  };
  co_return co_await await_callback<std::string>(std::move(start));
}

asio::awaitable<std::string> topic_json(channel& c, const channel_caller& caller, pc::topic_id topic) {
  auto start = [&c, caller, topic](auto done) mutable {
    c.inspect(caller, [done = std::move(done), topic](const ch::state& s, const ch::who& by) mutable {
      const auto view = ch::topic_view(s, topic, by);
      done(view ? pc::encode_topic(*view) : std::string());
    });
  };
  co_return co_await await_callback<std::string>(std::move(start));
}

asio::awaitable<http_response> read_channel(const http_request& req, channel& c) {
  const auto params = query_of(req);
  if (!params) co_return json_error(req, error_code::invalid_field, "bad query string");
  const auto decoded = pc::decode_channel_query(*params);
  if (const auto* e = std::get_if<protocol::error>(&decoded)) co_return json_error(req, *e);
  const auto& q = std::get<pc::channel_query>(decoded);
  if (q.whole()) {
    const auto cached = co_await public_view(c, 0);
    co_return cached_answer(req, cached);
  }
  auto view = co_await channel_json(c, q);
  co_return json_response(req, http::status::ok, std::move(view));
}

asio::awaitable<http_response> read_topic(const http_request& req, channel& c, const channel_caller& caller,
                                          pc::topic_id topic) {
  if (caller.token.empty()) {
    const auto cached = co_await public_view(c, topic);
    if (!cached.body) co_return json_error(req, error_code::unknown_topic, "no such topic");
    co_return cached_answer(req, cached);
  }
  auto view = co_await topic_json(c, caller, topic);
  if (view.empty()) co_return json_error(req, error_code::unknown_topic, "no such topic");
  co_return json_response(req, http::status::ok, std::move(view));
}

}  // namespace tribune::server
