#pragma once
// The channel of the `channel` scenario, written straight into a fresh database with the server's
// own storage layer: its stream of events (engine::channel events in their storage form,
// `to_record`), appended in large batches with their expected seq, the first batch registering
// the channel's row. Through the REST API the same channel would take days: new identities,
// proposals, opinions and comments are all rate-limited per identity and per address, on purpose.
//
// The events follow one simulated history over 120 days: visitors arrive as they first act (so
// identities appear all along), topics are proposed, opinions and comments go to recent topics,
// to a few popular ones and to any topic at random; the organizer answers about a third of the
// proposals (accepted, declined with a reason, or merged), schedules some accepted ones and hides
// one comment in two hundred. Each event is folded into an engine state as it is written, so the
// history is one the engine accepts, in an order the server can load.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace bench {

struct channel_plan {
  std::size_t identities = 20000;
  std::size_t topics = 10000;
  std::size_t opinions = 200000;
  std::size_t comments = 50000;
  std::uint64_t seed = 1;
};

struct seeded_channel {
  std::string id;
  std::vector<std::string> categories;
  std::size_t events = 0;
  std::size_t identities = 0;
  std::size_t topics = 0;
  std::size_t opinions = 0;  // opinion events (a few change an earlier opinion of the same visitor)
  std::size_t comments = 0;
  std::size_t answered = 0;
  std::size_t scheduled = 0;
  std::uint32_t busiest_topic = 0;  // the topic with the most comments
  std::size_t busiest_comments = 0;
  std::size_t busiest_opinions = 0;
  std::vector<std::uint32_t> open_topics;  // neither declined nor merged: opinions are taken
  double seconds = 0;                      // to build and write it all
};

// Creates `db` (which must not exist yet) and writes the channel into it. Throws on a storage error.
seeded_channel seed_channel(const std::filesystem::path& db, const channel_plan& plan);

}  // namespace bench
