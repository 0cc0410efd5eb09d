// Webhooks over real sockets: a receiver on 127.0.0.1 checks every delivery's Standard Webhooks
// signature, answers 500 three times then 200; the server is stopped and started again in the
// middle, and each event still arrives exactly once with a 200, retried from the outbox. The
// organizer reads each delivery's status; bad addresses and other callers are refused.
#include <gtest/gtest.h>

#include <sodium.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <map>
#include <mutex>
#include <thread>

#include "channel_fixture.hpp"
#include "schema_check.hpp"

namespace tribune::testing {
namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

struct seen_delivery {
  std::string id;
  std::string type;
  json body;
  int answer = 0;
  bool signed_well = false;
};

// The Standard Webhooks check: v1,base64(HMAC-SHA256(key, "id.timestamp.body")).
bool signature_holds(const std::string& secret, const std::string& id, const std::string& ts, const std::string& body,
                     const std::string& header) {
  const auto encoded = secret.substr(6);
  std::vector<unsigned char> key(encoded.size());
  std::size_t len = 0;
  if (!secret.starts_with("whsec_") || sodium_base642bin(key.data(), key.size(), encoded.data(), encoded.size(),
                                                         nullptr, &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    return false;
  }
  const auto message = id + "." + ts + "." + body;
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, key.data(), len);
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(message.data()), message.size());
  crypto_auth_hmacsha256_final(&st, mac.data());
  std::string b64(sodium_base64_ENCODED_LEN(mac.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(b64.data(), b64.size(), mac.data(), mac.size(), sodium_base64_VARIANT_ORIGINAL);
  b64.pop_back();
  return header == "v1," + b64;
}

// A webhook receiver: answers 500 to the first `failures` attempts of each delivery id, then 200.
class receiver {
 public:
  explicit receiver(int failures) : failures_(failures), acceptor_(io_, tcp::endpoint(tcp::v4(), 0)) {
    thread_ = std::thread([this] { serve(); });
  }
  ~receiver() {
    stopping_ = true;
    boost::system::error_code ignored;
    tcp::socket poke(io_);
    poke.connect(acceptor_.local_endpoint(), ignored);
    thread_.join();
  }
  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }
  void set_secret(std::string s) {
    const std::lock_guard lock(mutex_);
    secret_ = std::move(s);
  }
  std::vector<seen_delivery> seen() const {
    const std::lock_guard lock(mutex_);
    return seen_;
  }

 private:
  void serve() {
    while (!stopping_) {
      tcp::socket socket(io_);
      boost::system::error_code ec;
      acceptor_.accept(socket, ec);
      if (ec || stopping_) continue;
      boost::beast::flat_buffer buffer;
      http::request<http::string_body> req;
      http::read(socket, buffer, req, ec);
      if (ec) continue;
      const std::string id(req["webhook-id"]);
      seen_delivery d{id, {}, json::parse(req.body(), nullptr, false), 200, false};
      {
        const std::lock_guard lock(mutex_);
        d.signed_well = signature_holds(secret_, id, std::string(req["webhook-timestamp"]), req.body(),
                                        std::string(req["webhook-signature"]));
        d.type = d.body.is_object() ? d.body.value("type", "") : "";
        if (attempts_[id]++ < failures_) d.answer = 500;
        seen_.push_back(d);
      }
      http::response<http::string_body> res{d.answer == 200 ? http::status::ok : http::status::internal_server_error,
                                            11};
      res.body() = "{}";
      res.prepare_payload();
      http::write(socket, res, ec);
    }
  }

  int failures_;
  asio::io_context io_;
  tcp::acceptor acceptor_;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;  // guards secret_, attempts_, seen_
  std::string secret_;
  std::map<std::string, int> attempts_;
  std::vector<seen_delivery> seen_;
};

std::size_t successes(const std::vector<seen_delivery>& seen, const std::string& type) {
  std::size_t n = 0;
  for (const auto& d : seen) n += d.type == type && d.answer == 200 ? 1 : 0;
  return n;
}

TEST(webhooks, every_event_arrives_signed_exactly_once_through_failures_and_a_restart) {
  receiver hook(3);
  temp_dir dir;
  server_process server(dir.path() / "tribune.db", {"--webhook-retry-ms", "150"});
  server.start();
  auto organizer = [&](const std::string& method, const std::string& path, const std::optional<json>& body = {}) {
    return http_request(server.port(), method, path, body, server.admin_token());
  };
  const auto channel = organizer("POST", "/api/channels", json{{"name", "Acme TV"}, {"categories", {"RH"}}});
  ASSERT_EQ(channel.status, 201) << channel.raw;
  const std::string base = "/api/channels/" + channel.body["id"].get<std::string>();
  const auto url = "http://127.0.0.1:" + std::to_string(hook.port()) + "/hooks/tribune";
  const auto added =
      organizer("POST", base + "/webhooks", json{{"url", url}, {"events", {"topic.proposed", "topic.answered"}}});
  ASSERT_EQ(added.status, 201) << added.raw;
  EXPECT_EQ(added.body["webhook"]["url"], url);
  hook.set_secret(added.body["webhook"]["secret"]);

  const auto visitor = http_request(server.port(), "POST", base + "/identities", json{{"name", "Léa"}});
  ASSERT_EQ(visitor.status, 201);
  const auto proposed = http_request(
      server.port(), "POST", base + "/topics",
      json{{"title", "La semaine de quatre jours"}, {"pitch", "Pourquoi"}, {"category", "RH"}, {"format", "oxford"}},
      visitor.body["token"]);
  ASSERT_EQ(proposed.status, 201) << proposed.raw;
  // Mid-way through the retries, the server stops and starts again.
  ASSERT_TRUE(wait_until([&] { return hook.seen().size() >= 2; }, std::chrono::seconds(20)));
  EXPECT_EQ(server.terminate(), 0);
  server.start();
  ASSERT_EQ(organizer("POST", base + "/topics/t1/answer", json{{"answer", "accept"}, {"text", "Bonne idée"}}).status,
            200);
  ASSERT_TRUE(wait_until(
      [&] {
        const auto seen = hook.seen();
        return successes(seen, "topic.proposed") == 1 && successes(seen, "topic.answered") == 1;
      },
      std::chrono::seconds(30)));

  const auto seen = hook.seen();
  std::map<std::string, int> attempts;
  for (const auto& d : seen) {
    EXPECT_TRUE(d.signed_well) << d.id;
    EXPECT_TRUE(schema::problems(d.body, "webhook_delivery").empty()) << d.body.dump();
    ++attempts[d.id];
  }
  ASSERT_EQ(attempts.size(), 2u) << "one delivery id per event";
  for (const auto& [id, n] : attempts) EXPECT_EQ(n, 4) << id << ": three 500s, then one 200, and nothing after";

  const auto listed = organizer("GET", base + "/webhooks");
  ASSERT_EQ(listed.status, 200) << listed.raw;
  const auto& deliveries = listed.body["webhooks"][0]["deliveries"];
  ASSERT_EQ(deliveries.size(), 2u);
  for (const auto& d : deliveries) {
    EXPECT_EQ(d["status"], "delivered");
    EXPECT_EQ(d["attempts"], 4);
    EXPECT_EQ(d["last_code"], 200);
  }
  EXPECT_EQ(deliveries[0]["type"], "topic.answered") << "newest first";
  // Nothing is sent twice once delivered, even after another restart.
  EXPECT_EQ(server.terminate(), 0);
  server.start();
  EXPECT_EQ(organizer("GET", base + "/webhooks").body["webhooks"][0]["deliveries"][0]["status"], "delivered");
  EXPECT_EQ(hook.seen().size(), seen.size());
}

TEST(webhooks, only_the_organizer_registers_https_or_loopback_addresses) {
  temp_dir dir;
  server_process server(dir.path() / "tribune.db");
  server.start();
  auto organizer = [&](const std::string& method, const std::string& path, const std::optional<json>& body = {}) {
    return http_request(server.port(), method, path, body, server.admin_token());
  };
  const auto channel = organizer("POST", "/api/channels", json{{"name", "Acme TV"}});
  ASSERT_EQ(channel.status, 201);
  const std::string base = "/api/channels/" + channel.body["id"].get<std::string>() + "/webhooks";
  for (const auto& bad : {json{{"url", "http://example.com/hook"}}, json{{"url", "ftp://example.com"}},
                          json{{"url", "https://user@example.com/"}}, json{{"url", "https://example.com/a b"}},
                          json{{"url", "https://example.com/"}, {"events", {"topic.deleted"}}},
                          json{{"url", "https://example.com/"}, {"events", json::array()}}, json::object()}) {
    const auto refused = organizer("POST", base, bad);
    EXPECT_EQ(refused.status, 400) << bad.dump();
    EXPECT_EQ(refused.body["error"]["code"], "invalid_field") << bad.dump();
  }
  const auto made = organizer("POST", base, json{{"url", "https://hooks.example.com/tribune"}});
  ASSERT_EQ(made.status, 201) << made.raw;
  EXPECT_EQ(made.body["webhook"]["events"].size(), 6u) << "every type by default";
  EXPECT_EQ(made.body["webhook"]["secret"].get<std::string>().rfind("whsec_", 0), 0u);
  EXPECT_EQ(http_request(server.port(), "GET", base).status, 401);
  EXPECT_EQ(http_request(server.port(), "POST", base, json{{"url", "https://x.example.com/"}}).status, 401);
  EXPECT_EQ(organizer("GET", "/api/channels/nosuchchannel/webhooks").status, 404);
  const std::string id = made.body["webhook"]["id"];
  EXPECT_EQ(http_request(server.port(), "DELETE", base + "/" + id).status, 401);
  EXPECT_EQ(organizer("DELETE", base + "/" + id).status, 204);
  EXPECT_EQ(organizer("DELETE", base + "/" + id).status, 404);
  EXPECT_EQ(organizer("GET", base).body["webhooks"].size(), 0u);
  EXPECT_EQ(organizer("PUT", base, json::object()).status, 405);

  // A request sent again with its Idempotency-Key (its answer was lost) adds nothing more.
  const json again{{"url", "https://hooks.example.com/again"}};
  const auto first =
      http_request(server.port(), "POST", base, again, server.admin_token(), {{"Idempotency-Key", "k-1"}});
  const auto second =
      http_request(server.port(), "POST", base, again, server.admin_token(), {{"Idempotency-Key", "k-1"}});
  ASSERT_EQ(first.status, 201) << first.raw;
  ASSERT_EQ(second.status, 201) << second.raw;
  EXPECT_EQ(second.body["webhook"]["id"], first.body["webhook"]["id"]);
  EXPECT_EQ(second.body["webhook"]["secret"], first.body["webhook"]["secret"]);
  EXPECT_EQ(organizer("GET", base).body["webhooks"].size(), 1u);
  // Ten at most.
  for (int i = 1; i < 10; ++i) {
    ASSERT_EQ(organizer("POST", base, json{{"url", "https://hooks.example.com/" + std::to_string(i)}}).status, 201);
  }
  const auto full = organizer("POST", base, json{{"url", "https://hooks.example.com/eleven"}});
  EXPECT_EQ(full.status, 409);
  EXPECT_EQ(full.body["error"]["code"], "too_many_webhooks");
  EXPECT_EQ(organizer("GET", base).body["webhooks"].size(), 10u);
}

TEST(webhooks, a_show_made_from_a_topic_announces_its_start_its_end_with_the_report_and_its_archive) {
  receiver hook(0);
  temp_dir dir;
  server_process server(dir.path() / "tribune.db");
  server.start();
  auto organizer = [&](const std::string& method, const std::string& path, const std::optional<json>& body = {}) {
    return http_request(server.port(), method, path, body, server.admin_token());
  };
  const auto channel = organizer("POST", "/api/channels", json{{"name", "Acme TV"}, {"categories", {"RH"}}});
  ASSERT_EQ(channel.status, 201);
  const std::string base = "/api/channels/" + channel.body["id"].get<std::string>();
  const auto added = organizer("POST", base + "/webhooks",
                               json{{"url", "http://127.0.0.1:" + std::to_string(hook.port()) + "/"},
                                    {"events", {"debate.scheduled", "show.started", "show.ended", "archive.ready"}}});
  ASSERT_EQ(added.status, 201) << added.raw;
  hook.set_secret(added.body["webhook"]["secret"]);
  const auto visitor = http_request(server.port(), "POST", base + "/identities", json{{"name", "Léa"}});
  ASSERT_EQ(
      http_request(server.port(), "POST", base + "/topics",
                   json{{"title", "Quatre jours"}, {"pitch", "Pourquoi"}, {"category", "RH"}, {"format", "oxford"}},
                   visitor.body["token"])
          .status,
      201);
  ASSERT_EQ(organizer("POST", base + "/topics/t1/answer", json{{"answer", "accept"}}).status, 200);
  ASSERT_EQ(organizer("POST", base + "/topics/t1/schedule",
                      json{{"starts_at", 1'900'000'000'000}, {"time_zone", "Europe/Paris"}, {"place", "En ligne"}})
                .status,
            200);
  const auto debate = organizer("POST", base + "/topics/t1/debate", json::object());
  ASSERT_EQ(debate.status, 201) << debate.raw;
  const std::string id = debate.body["id"];
  const std::string code = debate.body["code"];
  ws_client moderator(server.port());
  moderator.hello(id, debate.body["tokens"]["moderator"]);
  ASSERT_EQ(moderator.command({{"type", "start_show"}})["type"], "ack");
  ASSERT_EQ(moderator.command({{"type", "end_show"}})["type"], "ack");
  ASSERT_TRUE(wait_until(
      [&] {
        const auto seen = hook.seen();
        return successes(seen, "debate.scheduled") == 1 && successes(seen, "show.started") == 1 &&
               successes(seen, "show.ended") == 1 && successes(seen, "archive.ready") == 1;
      },
      std::chrono::seconds(20)));
  std::map<std::string, json> data;
  for (const auto& d : hook.seen()) {
    EXPECT_TRUE(d.signed_well) << d.type;
    EXPECT_TRUE(schema::problems(d.body, "webhook_delivery").empty()) << d.body.dump();
    data[d.type] = d.body["data"];
  }
  EXPECT_EQ(data["debate.scheduled"]["time_zone"], "Europe/Paris");
  EXPECT_EQ(data["show.started"]["debate"], id);
  EXPECT_NE(data["show.ended"]["report"].get<std::string>().find("/r/" + code), std::string::npos);
  const auto& ready = data["archive.ready"];
  EXPECT_NE(ready["archive"].get<std::string>().find("/api/debates/" + id + "/archive"), std::string::npos);
  // The head announced is the chain's hash at the seq announced, in any later copy of the archive.
  const auto archive = http_request(server.port(), "GET", "/api/debates/" + id + "/archive");
  std::istringstream lines(archive.raw);
  std::string line;
  bool found = false;
  while (std::getline(lines, line)) {
    const auto e = json::parse(line);
    if (e.value("seq", json()) == ready["seq"]) found = e["hash"] == ready["head"];
  }
  EXPECT_TRUE(found) << ready.dump();
  for (const auto& [type, d] : data) EXPECT_EQ(d.dump().find("Léa"), std::string::npos) << "no proposer named";
}

}  // namespace
}  // namespace tribune::testing
