#include "server/webhooks/signing.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <vector>

namespace tribune::server::webhooks {
namespace {

constexpr std::string_view secret_prefix = "whsec_";
constexpr std::size_t key_bytes = 32;

std::string base64(const unsigned char* data, std::size_t n) {
  std::string out(sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), data, n, sodium_base64_VARIANT_ORIGINAL);
  out.pop_back();  // the terminating NUL
  return out;
}

}  // namespace

std::string new_secret() {
  std::array<unsigned char, key_bytes> key{};
  randombytes_buf(key.data(), key.size());
  auto out = std::string(secret_prefix) + base64(key.data(), key.size());
  sodium_memzero(key.data(), key.size());
  return out;
}

std::string derived_id(std::string_view prefix, std::string_view input, std::size_t bytes) {
  std::array<unsigned char, crypto_generichash_BYTES_MAX> hash{};
  bytes = std::min(std::max<std::size_t>(bytes, crypto_generichash_BYTES_MIN), hash.size());
  crypto_generichash(hash.data(), bytes, reinterpret_cast<const unsigned char*>(input.data()), input.size(), nullptr,
                     0);
  std::string hex(2 * bytes + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), hash.data(), bytes);
  hex.pop_back();
  return std::string(prefix) + hex;
}

std::optional<std::string> sign(std::string_view secret, std::string_view id, std::int64_t timestamp,
                                std::string_view body) {
  if (!secret.starts_with(secret_prefix)) return std::nullopt;
  const auto encoded = secret.substr(secret_prefix.size());
  std::vector<unsigned char> key(encoded.size());
  std::size_t len = 0;
  if (sodium_base642bin(key.data(), key.size(), encoded.data(), encoded.size(), nullptr, &len, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      len == 0) {
    return std::nullopt;
  }
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, key.data(), len);
  sodium_memzero(key.data(), key.size());
  const auto stamp = std::to_string(timestamp);
  auto update = [&st](std::string_view part) {
    crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(part.data()), part.size());
  };
  update(id);
  update(".");
  update(stamp);
  update(".");
  update(body);
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
  crypto_auth_hmacsha256_final(&st, mac.data());
  return "v1," + base64(mac.data(), mac.size());
}

}  // namespace tribune::server::webhooks
