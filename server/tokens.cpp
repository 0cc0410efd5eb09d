#include "server/tokens.hpp"

#include <sodium.h>

#include <array>
#include <stdexcept>
#include <vector>

namespace tribune::server {
namespace {

constexpr std::size_t selector_bytes = 9;   // 12 base64url characters
constexpr std::size_t verifier_bytes = 32;  // 256 bits
constexpr std::size_t hash_bytes = crypto_generichash_BYTES;

std::string to_base64url(const unsigned char* data, std::size_t n) {
  std::string out(sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), data, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.size() - 1);  // drop the terminating NUL
  return out;
}

std::array<unsigned char, hash_bytes> hash(std::string_view secret) {
  std::array<unsigned char, hash_bytes> out{};
  crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(secret.data()), secret.size(),
                     nullptr, 0);
  return out;
}

std::string to_hex(const unsigned char* data, std::size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, n);
  out.resize(n * 2);
  return out;
}

bool equal_hash_hex(const std::array<unsigned char, hash_bytes>& computed, std::string_view stored_hex) {
  std::array<unsigned char, hash_bytes> stored{};
  std::size_t len = 0;
  if (stored_hex.size() != hash_bytes * 2 ||
      sodium_hex2bin(stored.data(), stored.size(), stored_hex.data(), stored_hex.size(), nullptr, &len, nullptr) != 0 ||
      len != hash_bytes) {
    return false;
  }
  return sodium_memcmp(computed.data(), stored.data(), hash_bytes) == 0;
}

std::string random_from_alphabet(std::string_view alphabet, std::size_t n) {
  std::string out(n, '\0');
  for (auto& c : out) {
    c = alphabet[randombytes_uniform(static_cast<std::uint32_t>(alphabet.size()))];
  }
  return out;
}

bool is_base64url(std::string_view s) {
  for (const char c : s) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

constexpr std::string_view join_alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

}  // namespace

void init_crypto() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string random_token_string(std::size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  auto out = to_base64url(raw.data(), raw.size());
  sodium_memzero(raw.data(), raw.size());
  return out;
}

issued_token issue_token() {
  auto selector = random_token_string(selector_bytes);
  auto verifier = random_token_string(verifier_bytes);
  const auto h = hash(verifier);
  issued_token out{selector + "." + verifier, engine::credential{selector, to_hex(h.data(), h.size())}};
  sodium_memzero(verifier.data(), verifier.size());
  return out;
}

namespace {

std::string keyed_verifier(std::string_view link_key, std::string_view selector) {
  std::array<unsigned char, verifier_bytes> out{};
  const std::string message = "tribune link\n" + std::string(selector);
  crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                     reinterpret_cast<const unsigned char*>(link_key.data()), link_key.size());
  auto text = to_base64url(out.data(), out.size());
  sodium_memzero(out.data(), out.size());
  return text;
}

void check_link_key(std::string_view link_key) {
  if (link_key.size() < crypto_generichash_KEYBYTES_MIN || link_key.size() > crypto_generichash_KEYBYTES_MAX) {
    throw std::invalid_argument("link key of the wrong size");
  }
}

}  // namespace

issued_token issue_recoverable_token(std::string_view link_key) {
  check_link_key(link_key);
  auto selector = random_token_string(selector_bytes);
  auto verifier = keyed_verifier(link_key, selector);
  const auto h = hash(verifier);
  issued_token out{selector + "." + verifier, engine::credential{selector, to_hex(h.data(), h.size())}};
  sodium_memzero(verifier.data(), verifier.size());
  return out;
}

std::optional<std::string> recover_token(std::string_view link_key, const engine::credential& stored) {
  check_link_key(link_key);
  if (stored.selector.empty()) return std::nullopt;
  auto token = stored.selector + "." + keyed_verifier(link_key, stored.selector);
  if (!verify_token(token, stored)) {
    sodium_memzero(token.data(), token.size());
    return std::nullopt;
  }
  return token;
}

std::optional<std::string_view> token_selector(std::string_view token) {
  const auto dot = token.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 >= token.size() || token.size() > 128) return std::nullopt;
  const auto selector = token.substr(0, dot);
  if (!is_base64url(selector) || !is_base64url(token.substr(dot + 1))) return std::nullopt;
  return selector;
}

bool verify_token(std::string_view token, const engine::credential& stored) {
  const auto selector = token_selector(token);
  if (!selector || stored.selector.empty()) return false;
  // Selectors are public lookup keys; the secret half is the part compared in constant time.
  if (*selector != stored.selector) return false;
  return equal_hash_hex(hash(token.substr(selector->size() + 1)), stored.verifier_hash);
}

std::optional<engine::holder> holder_of(const engine::state& s, std::string_view token) {
  const auto selector = token_selector(token);
  auto holder = selector ? engine::find_holder(s, *selector) : std::nullopt;
  if (!holder || !verify_token(token, *holder->cred)) return std::nullopt;
  return holder;
}

std::string hash_secret(std::string_view secret) {
  const auto h = hash(secret);
  return to_hex(h.data(), h.size());
}

bool verify_secret(std::string_view secret, std::string_view stored_hash_hex) {
  return equal_hash_hex(hash(secret), stored_hash_hex);
}

std::string new_debate_id() { return random_from_alphabet("abcdefghijkmnpqrstuvwxyz23456789", 12); }

std::string new_join_code() { return random_from_alphabet(join_alphabet, 6); }

std::string normalize_join_code(std::string_view typed) {
  std::string out;
  for (const char c : typed) {
    if (c == ' ' || c == '-') continue;
    out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
    if (out.size() > 16) break;
  }
  return out;
}

}  // namespace tribune::server
