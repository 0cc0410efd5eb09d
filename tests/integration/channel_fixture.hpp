#pragma once
// A channel made by the organizer before each test, on a real server with its own database, and
// the calls its tests make: as the organizer, as a visitor's token, or as nobody.
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "harness.hpp"

namespace tribune::testing {

class channel_api : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.start();
    const auto created =
        organizer("POST", "/api/channels", json{{"name", "Acme TV"}, {"categories", {"RH", "Politique"}}});
    ASSERT_EQ(created.status, 201) << created.raw;
    id_ = created.body["id"];
  }

  http_reply organizer(const std::string& method, const std::string& path, const std::optional<json>& body = {}) {
    return http_request(server_.port(), method, path, body, server_.admin_token());
  }
  http_reply as(const std::string& token, const std::string& method, const std::string& sub,
                const std::optional<json>& body = {}) {
    return http_request(server_.port(), method, path(sub), body, token);
  }
  std::string path(const std::string& sub = {}) const { return "/api/channels/" + id_ + sub; }

  // A new visitor identity's token.
  std::string visitor(const std::string& name) {
    const auto made = http_request(server_.port(), "POST", path("/identities"), json{{"name", name}});
    EXPECT_EQ(made.status, 201) << made.raw;
    EXPECT_EQ(made.body["name"], name);
    return made.body.value("token", "");
  }

  json proposal(const std::string& title) const {
    return {{"title", title}, {"pitch", "Pourquoi en débattre"}, {"category", "RH"}, {"format", "oxford"}};
  }

  temp_dir dir_;
  server_process server_{dir_.path() / "tribune.db"};
  std::string id_;
};

// An application to take part, with its required consent.
inline json application(const std::string& motivation, const std::string& contact) {
  return {{"motivation", motivation}, {"contact", contact}, {"consent", true}};
}

}  // namespace tribune::testing
