#pragma once
// Webhook signatures as the Standard Webhooks specification writes them: a secret "whsec_" +
// base64(key); each delivery carries `webhook-id`, `webhook-timestamp` (seconds since 1970) and
// `webhook-signature: v1,<base64 of HMAC-SHA256(key, "<id>.<timestamp>.<body>")>`.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tribune::server::webhooks {

// A fresh secret of 32 random bytes (CSPRNG).
std::string new_secret();

// `prefix` and the hex of a `bytes`-long BLAKE2b hash of `input` (at most 32 bytes): an id derived
// from what it names, the same every time.
std::string derived_id(std::string_view prefix, std::string_view input, std::size_t bytes);

// "v1,<signature>"; nullopt when `secret` is not one new_secret() makes.
std::optional<std::string> sign(std::string_view secret, std::string_view id, std::int64_t timestamp,
                                std::string_view body);

}  // namespace tribune::server::webhooks
