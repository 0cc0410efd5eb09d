// The archive's hash chain (libsodium's SHA-256) and its lines (nlohmann/json).
#include "protocol/archive.hpp"

#include <sodium.h>

#include <nlohmann/json.hpp>

namespace tribune::protocol::archive {
namespace {

using nlohmann::json;

void put_u64(crypto_hash_sha256_state& st, std::uint64_t v) {
  std::array<unsigned char, 8> b{};
  for (std::size_t i = 0; i < b.size(); ++i) b[i] = static_cast<unsigned char>(v >> (8 * (7 - i)));
  crypto_hash_sha256_update(&st, b.data(), b.size());
}

void put_u32(crypto_hash_sha256_state& st, std::uint32_t v) {
  std::array<unsigned char, 4> b{};
  for (std::size_t i = 0; i < b.size(); ++i) b[i] = static_cast<unsigned char>(v >> (8 * (3 - i)));
  crypto_hash_sha256_update(&st, b.data(), b.size());
}

std::optional<digest> from_hex(const json& j) {
  if (!j.is_string()) return std::nullopt;
  const auto& s = j.get_ref<const std::string&>();
  digest d{};
  std::size_t len = 0;
  if (s.size() != 2 * d.size() || sodium_hex2bin(d.data(), d.size(), s.data(), s.size(), nullptr, &len, nullptr) != 0 ||
      len != d.size()) {
    return std::nullopt;
  }
  return d;
}

verdict fail(std::size_t line, std::string problem) {
  verdict v;
  v.line = line;
  v.problem = std::move(problem);
  return v;
}

std::optional<json> parse_object(std::string_view text) {
  auto j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  return j;
}

}  // namespace

digest genesis() noexcept { return digest{}; }

digest body_digest(std::string_view body) noexcept {
  digest d{};
  crypto_hash_sha256(d.data(), reinterpret_cast<const unsigned char*>(body.data()), body.size());
  return d;
}

digest chain(const digest& prev, std::uint64_t seq, std::int64_t at, std::string_view type,
             const digest& body) noexcept {
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  crypto_hash_sha256_update(&st, prev.data(), prev.size());
  put_u64(st, seq);
  put_u64(st, static_cast<std::uint64_t>(at));
  put_u32(st, static_cast<std::uint32_t>(type.size()));
  crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(type.data()), type.size());
  crypto_hash_sha256_update(&st, body.data(), body.size());
  digest out{};
  crypto_hash_sha256_final(&st, out.data());
  return out;
}

std::string hex(const digest& d) {
  std::string out(2 * d.size() + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), d.data(), d.size());
  out.pop_back();
  return out;
}

std::string header_line(const header& h) {
  const json j{{"archive", "tribune"}, {"version", format_version}, {"debate", h.debate}, {"code", h.code},
               {"title", h.title},     {"events", h.events},        {"head", hex(h.head)}};
  return j.dump() + "\n";
}

std::string head_json(std::uint64_t seq, const digest& head) { return json{{"seq", seq}, {"head", hex(head)}}.dump(); }

std::string event_line(std::uint64_t seq, std::int64_t at, std::string_view type,
                       const std::optional<std::string_view>& body, const digest& body_hash, const digest& hash) {
  json j{{"seq", seq}, {"at", at}, {"type", type}, {"hash", hex(hash)}};
  if (body) {
    j["body"] = *body;
  } else {
    j["sealed"] = hex(body_hash);
  }
  return j.dump() + "\n";
}

namespace {

verdict verify_lines(std::string_view text, std::size_t& line_no) {
  std::optional<json> head_line;
  digest prev = genesis();
  std::uint64_t last = 0;
  while (!text.empty()) {
    const auto end = text.find('\n');
    const auto line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    ++line_no;
    auto j = parse_object(line);
    if (!j) return fail(line_no, "not a JSON object");
    if (!head_line) {
      if (j->value("archive", "") != "tribune" || j->value("version", 0) != format_version) {
        return fail(line_no, "not a Tribune archive of version 1");
      }
      head_line = std::move(j);
      continue;
    }
    const auto seq = j->value("seq", std::uint64_t{0});
    if (seq != last + 1) {
      return fail(line_no, "seq " + std::to_string(seq) + " where " + std::to_string(last + 1) +
                               " was expected: an event is missing, added or out of order");
    }
    const auto type = j->value("type", std::string{});
    const auto at = j->value("at", std::int64_t{0});
    std::optional<digest> body;
    if (const auto b = j->find("body"); b != j->end() && b->is_string()) {
      body = body_digest(b->get_ref<const std::string&>());
    } else if (const auto sealed = j->find("sealed"); sealed != j->end()) {
      body = from_hex(*sealed);
    }
    if (!body) return fail(line_no, "seq " + std::to_string(seq) + " has neither a body nor a sealed digest");
    const auto want = chain(prev, seq, at, type, *body);
    const auto said = from_hex(j->value("hash", json{}));
    if (!said || *said != want) {
      return fail(line_no, "seq " + std::to_string(seq) + " does not hash to its recorded hash: it was changed");
    }
    prev = want;
    last = seq;
  }
  if (!head_line) return fail(1, "empty archive");
  if (head_line->value("events", std::uint64_t{0}) != last) {
    return fail(line_no, "the header counts " + std::to_string(head_line->value("events", std::uint64_t{0})) +
                             " events, the archive holds " + std::to_string(last));
  }
  const auto said = from_hex(head_line->value("head", json{}));
  if (!said || *said != prev) return fail(1, "the header's head is not the last event's hash");
  verdict v;
  v.ok = true;
  v.events = last;
  v.head = hex(prev);
  return v;
}

}  // namespace

verdict verify(std::string_view text) {
  std::size_t line_no = 0;
  try {
    return verify_lines(text, line_no);
  } catch (const json::exception&) {
    return fail(line_no, "a field has the wrong type");
  }
}

}  // namespace tribune::protocol::archive
