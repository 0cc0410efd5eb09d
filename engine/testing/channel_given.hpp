#pragma once
// Given/when/then for a channel: `channel_under_test` folds accepted commands into a state (and
// keeps every event in its storage form), `rejected` unpacks a refusal. Single-threaded test code.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/channel/channel.hpp"

namespace tribune::engine::channel::testing_channel {

using protocol::error_code;

inline const who organizer{true, 0, {}};

struct channel_under_test {
  state s;
  std::int64_t now = 1'000'000;
  std::vector<event_record> log;  // every event applied, in its storage form

  decision decide(const who& by, const command& cmd) const { return channel::decide(s, context{by, now}, cmd); }

  // Decides and applies; the command must be accepted.
  std::vector<event_body> run(const who& by, const command& cmd) {
    auto d = decide(by, cmd);
    if (const auto* r = std::get_if<rejection>(&d)) {
      ADD_FAILURE() << "rejected: " << protocol::to_string(r->code) << " " << r->detail;
      return {};
    }
    auto produced = std::get<std::vector<event_body>>(std::move(d));
    for (const auto& body : produced) {
      const event e{s.seq + 1, now, body, {}};
      log.push_back(to_record(e));
      evolve(s, e);
    }
    now += 1000;
    return produced;
  }

  who visitor(const std::string& name) {
    run(who{}, create_identity{name, credential{"sel-" + name, "hash-" + name}});
    return who{false, static_cast<identity_id>(s.identities.size()), {}};
  }

  topic_id propose(const who& by, const std::string& title, const std::string& category = "Politique") {
    run(by, pc::propose_topic{title, "Pourquoi en débattre", category, protocol::show_format::oxford,
                              pc::treatment::controversy, ""});
    return static_cast<topic_id>(s.topics.size());
  }
};

inline channel_under_test open_channel() {
  channel_under_test c;
  pc::create_channel what{"La chaîne", "Nos débats", "#123456", "", pc::default_categories(), {pc::language::fr}};
  c.run(organizer, create{"acme", what});
  return c;
}

inline error_code rejected(const decision& d) {
  const auto* r = std::get_if<rejection>(&d);
  EXPECT_NE(r, nullptr) << "accepted";
  return r != nullptr ? r->code : error_code::bad_json;
}

}  // namespace tribune::engine::channel::testing_channel
