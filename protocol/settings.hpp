#pragma once
// A debate's presentation, set by its organizer: the brand (accent colour, logo), the show's live
// stream, and the sites allowed to frame its audience page. Every address is checked here, strictly,
// because the server writes the stream's and the embedding sites' origins into the page's
// Content-Security-Policy: an accepted value can never carry a quote, a space or a semicolon.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "protocol/errors.hpp"

namespace tribune::protocol {

constexpr std::size_t max_url_chars = 500;
constexpr std::size_t max_embed_origins = 10;

enum class stream_kind : std::uint8_t { youtube, vimeo, twitch, peertube, hls };

struct stream_link {
  stream_kind kind = stream_kind::hls;
  std::string url;
  std::string origin;  // "https://host[:port]"
};

struct debate_settings {
  std::string accent;  // "#rrggbb" (lower case), or empty
  std::string logo;    // an https address, or empty
  std::optional<stream_link> stream;
  std::vector<std::string> embed_origins;  // "http(s)://host[:port]", no duplicates
  // "Brought to you by": the organisation of the sponsor attached to the debate's channel topic.
  // Set by the channel only; a PUT of the settings neither sets nor clears it.
  std::string sponsor;
  // The channel and topic the debate was made from (empty channel: none). Set by the channel only,
  // as the sponsor is.
  std::string from_channel;
  std::uint32_t from_topic = 0;
};

std::string_view word(stream_kind k);

// An absolute http(s) address whose host is plain (letters, digits, dots, hyphens) and whose rest
// holds no character that needs quoting; its origin, lower case. nullopt for anything else.
std::optional<std::string> url_origin(std::string_view url, bool https_only);
// What kind of player a stream address needs: a YouTube, Vimeo, Twitch or PeerTube embed link, or
// an HLS playlist (.m3u8). nullopt for any other address.
std::optional<stream_link> classify_stream(std::string_view url);

// A debate's or a channel's brand, read from a request object: "accent" ("#rrggbb", stored lower
// case) and "logo" (an https address), each optional. Throws field_error naming the field.
struct brand {
  std::string accent;
  std::string logo;
};
brand read_brand(const nlohmann::json& obj);

// PUT /api/debates/{id}/settings. Absent or null fields clear what they name.
std::variant<debate_settings, error> decode_settings(std::string_view body);
// The stored form (the same JSON the request takes), and back; an unreadable text is no settings.
std::string settings_text(const debate_settings& s);
debate_settings settings_from_text(std::string_view text);

}  // namespace tribune::protocol
