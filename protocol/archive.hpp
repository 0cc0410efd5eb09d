#pragma once
// A debate's public archive: its events as a hash chain, one JSON object per line (NDJSON), so that
// anyone holding a copy can check that no event was changed, removed, added or moved.
//
// Each event's hash covers the previous hash and the event's canonical bytes:
//   hash(n) = SHA-256( hash(n-1) ‖ u64be(seq) ‖ u64be(at) ‖ u32be(len(type)) ‖ type ‖ SHA-256(body) )
// with hash(0) 32 zero bytes and `body` the event's stored JSON text, byte for byte. Because the
// chain covers the body's digest, an event the public may not read (it carries credentials, or a
// reason moderation keeps private) is archived "sealed": its digest alone, and the chain still
// verifies. docs/protocol.md ("Archive") gives the format and a Python check.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tribune::protocol::archive {

constexpr int format_version = 1;

using digest = std::array<unsigned char, 32>;

digest genesis() noexcept;
digest body_digest(std::string_view body) noexcept;
digest chain(const digest& prev, std::uint64_t seq, std::int64_t at, std::string_view type,
             const digest& body) noexcept;
std::string hex(const digest& d);

// The archive's first line.
struct header {
  std::string debate;
  std::string code;
  std::string title;
  std::uint64_t events = 0;  // the last seq
  digest head{};             // the hash of the last event (genesis when there is none)
};
std::string header_line(const header& h);

// The REST answer naming a chain's head: {"seq": N, "head": "hex"}.
std::string head_json(std::uint64_t seq, const digest& head);

// One event's line: its body in full, or only its digest when `body` is nullopt (sealed).
std::string event_line(std::uint64_t seq, std::int64_t at, std::string_view type,
                       const std::optional<std::string_view>& body, const digest& body_hash, const digest& hash);

// What verification found: `ok`, or the first problem and the line (1-based) where it is.
struct verdict {
  bool ok = false;
  std::uint64_t events = 0;
  std::string head;  // hex, as recomputed
  std::size_t line = 0;
  std::string problem;
};
// Checks a whole archive: every line's seq follows the previous one, every hash is the chain's,
// and the header names the last seq and the head the events recompute to.
verdict verify(std::string_view text);

}  // namespace tribune::protocol::archive
