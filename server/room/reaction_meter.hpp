#pragma once
// Reaction clicks, counted rather than logged one by one: totals not yet recorded in the log, and
// a meter of the last few seconds for the screens. A tick tells whether the figures every screen
// shows changed since the last broadcast, so a quiet room sends nothing. Time is passed in, so the
// meter is tested without clocks. Not thread-safe: owned by one room, on its strand.
#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <utility>

#include "protocol/terms.hpp"

namespace tribune::server {

class reaction_meter {
 public:
  using clock = std::chrono::steady_clock;
  static constexpr std::size_t window_seconds = 5;

  void count(protocol::reaction_kind kind, clock::time_point now);

  // Clicks in the last window_seconds, by kind.
  protocol::reaction_counts recent(clock::time_point now) const;

  bool has_unrecorded() const noexcept;
  // The clicks not yet recorded in the log, which are now taken to be.
  protocol::reaction_counts take_unrecorded() noexcept;

  struct figures {
    protocol::reaction_counts totals{};
    protocol::reaction_counts recent{};
    friend bool operator==(const figures&, const figures&) = default;
  };
  // The figures to broadcast now, given the totals already recorded: nullopt when every screen
  // already shows exactly these.
  std::optional<figures> tick(const protocol::reaction_counts& recorded, clock::time_point now);
  // True while the meter still has something to show fall back to zero.
  bool moving(clock::time_point now) const;

 private:
  protocol::reaction_counts unrecorded_{};
  std::array<protocol::reaction_counts, window_seconds> buckets_{};
  std::array<std::int64_t, window_seconds> bucket_second_{};
  figures shown_{};  // the last broadcast
};

}  // namespace tribune::server
