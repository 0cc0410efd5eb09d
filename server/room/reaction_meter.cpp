#include "server/room/reaction_meter.hpp"

namespace tribune::server {
namespace {

std::int64_t second_of(reaction_meter::clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

bool any(const protocol::reaction_counts& c) {
  for (const auto n : c) {
    if (n != 0) return true;
  }
  return false;
}

}  // namespace

void reaction_meter::count(protocol::reaction_kind kind, clock::time_point now) {
  const auto k = static_cast<std::size_t>(kind);
  ++unrecorded_[k];
  const auto second = second_of(now);
  const auto slot = static_cast<std::size_t>(second) % window_seconds;
  if (bucket_second_[slot] != second) {
    buckets_[slot] = {};
    bucket_second_[slot] = second;
  }
  ++buckets_[slot][k];
}

protocol::reaction_counts reaction_meter::recent(clock::time_point now) const {
  protocol::reaction_counts out{};
  const auto second = second_of(now);
  for (std::size_t i = 0; i < window_seconds; ++i) {
    if (second - bucket_second_[i] < static_cast<std::int64_t>(window_seconds)) {
      for (std::size_t k = 0; k < out.size(); ++k) out[k] += buckets_[i][k];
    }
  }
  return out;
}

bool reaction_meter::has_unrecorded() const noexcept { return any(unrecorded_); }

protocol::reaction_counts reaction_meter::take_unrecorded() noexcept {
  return std::exchange(unrecorded_, protocol::reaction_counts{});
}

std::optional<reaction_meter::figures> reaction_meter::tick(const protocol::reaction_counts& recorded,
                                                            clock::time_point now) {
  figures f{recorded, recent(now)};
  for (std::size_t k = 0; k < f.totals.size(); ++k) f.totals[k] += unrecorded_[k];
  if (f == shown_) return std::nullopt;
  shown_ = f;
  return f;
}

bool reaction_meter::moving(clock::time_point now) const { return any(recent(now)) || any(shown_.recent); }

}  // namespace tribune::server
