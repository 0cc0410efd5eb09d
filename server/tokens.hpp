#pragma once
// Capability tokens and random ids, from libsodium's CSPRNG. A token is "<selector>.<verifier>":
// the selector finds the credential, the verifier (256 bits) proves it. Only a hash of the
// verifier is stored, and it is compared in constant time.
#include <optional>
#include <string>
#include <string_view>

#include "engine/engine.hpp"
#include "engine/types.hpp"

namespace tribune::server {

struct issued_token {
  std::string token;              // give to the holder once; never store or log
  engine::credential credential;  // store this
};

// Must run once before any other function here (sodium_init); throws if the CSPRNG is unusable.
void init_crypto();

issued_token issue_token();

// Staff links (moderator, stage, overlay, panelists) stay readable by the organizer: their verifier
// is a keyed hash of the selector under the server's link key, so the server can give a link again
// without storing it, and the event log still holds only a hash of each verifier. `link_key` is
// random_token_string(32), kept in the settings; a token is only as secret as that key.
issued_token issue_recoverable_token(std::string_view link_key);
// The token of `stored` when it was issued under `link_key`, else nullopt (a link made otherwise,
// or under another key).
std::optional<std::string> recover_token(std::string_view link_key, const engine::credential& stored);
bool verify_token(std::string_view token, const engine::credential& stored);
// The selector part of a well-formed token, else nullopt.
std::optional<std::string_view> token_selector(std::string_view token);

// Who holds `token` in this debate: its selector names one of the debate's credentials and its
// verifier proves it; nullopt otherwise (malformed, unknown, or a wrong verifier).
std::optional<engine::holder> holder_of(const engine::state& s, std::string_view token);

// Hash of a whole secret (for the organizer token), hex.
std::string hash_secret(std::string_view secret);
bool verify_secret(std::string_view secret, std::string_view stored_hash_hex);

std::string random_token_string(std::size_t bytes);  // URL-safe base64, no padding
std::string new_debate_id();                         // 12 lowercase base32 characters
std::string new_join_code();                         // 6 characters, no look-alikes (0/O, 1/I/L)
// Canonical form of a code typed by a person (upper case, spaces removed).
std::string normalize_join_code(std::string_view typed);

}  // namespace tribune::server
