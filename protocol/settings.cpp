// A debate's presentation settings: strict address checks, the request, and the stored form.
#include "protocol/settings.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include <nlohmann/json.hpp>

#include "protocol/body.hpp"
#include "protocol/decode.hpp"
#include "protocol/fields.hpp"

namespace tribune::protocol {
namespace {

using json = nlohmann::json;

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool host_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-'; }

// Printable ASCII that an address may hold unquoted, and that a header never needs escaped.
bool path_char(char c) {
  constexpr std::string_view forbidden = " \"'<>\\^`{|};,";
  return c > 0x20 && c < 0x7f && forbidden.find(c) == std::string_view::npos;
}

struct parts {
  std::string origin;
  std::string host;
  std::string rest;  // path, query and fragment, from the first '/', '?' or '#'
};

std::optional<parts> split(std::string_view url, bool https_only) {
  if (url.empty() || url.size() > max_url_chars) return std::nullopt;
  std::string scheme;
  for (const std::string_view s : {"https://", "http://"}) {
    if (url.size() > s.size() &&
        std::equal(s.begin(), s.end(), url.begin(), [](char a, char b) { return a == lower(b); })) {
      scheme = std::string(s);
      break;
    }
  }
  if (scheme.empty() || (https_only && scheme != "https://")) return std::nullopt;
  const auto after = url.substr(scheme.size());
  const auto end = after.find_first_of("/?#");
  const auto authority = after.substr(0, end);
  const auto colon = authority.find(':');
  std::string host;
  for (const char c : authority.substr(0, colon)) host.push_back(lower(c));
  if (host.empty() || host.size() > 253 || !std::all_of(host.begin(), host.end(), host_char) || host.front() == '.' ||
      host.front() == '-' || host.back() == '.' || host.find("..") != std::string::npos) {
    return std::nullopt;
  }
  std::string origin = scheme + host;
  if (colon != std::string_view::npos) {
    const auto port = authority.substr(colon + 1);
    if (port.empty() || port.size() > 5 ||
        !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        std::stoul(std::string(port)) > 65535) {
      return std::nullopt;
    }
    origin += ":" + std::string(port);
  }
  const auto rest = end == std::string_view::npos ? std::string_view() : after.substr(end);
  if (!std::all_of(rest.begin(), rest.end(), path_char)) return std::nullopt;
  return parts{std::move(origin), std::move(host), std::string(rest)};
}

bool path_starts(const parts& p, std::string_view prefix) {
  return p.rest.starts_with(prefix) && p.rest.size() > prefix.size();
}

std::string optional_address(const json& obj, const char* key) {
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return {};
  if (!it->is_string()) throw field_error{invalid(key, "an address, or null")};
  return it->get<std::string>();
}

}  // namespace

std::string_view word(stream_kind k) {
  constexpr std::array<std::string_view, 5> words{"youtube", "vimeo", "twitch", "peertube", "hls"};
  return words.at(static_cast<std::size_t>(k));
}

std::optional<std::string> url_origin(std::string_view url, bool https_only) {
  auto p = split(url, https_only);
  if (!p) return std::nullopt;
  return std::move(p->origin);
}

std::optional<stream_link> classify_stream(std::string_view url) {
  const auto p = split(url, true);
  if (!p) return std::nullopt;
  const auto& h = p->host;
  std::optional<stream_kind> kind;
  if ((h == "www.youtube.com" || h == "youtube.com" || h == "www.youtube-nocookie.com") && path_starts(*p, "/embed/")) {
    kind = stream_kind::youtube;
  } else if (h == "player.vimeo.com" && path_starts(*p, "/video/")) {
    kind = stream_kind::vimeo;
  } else if (h == "player.twitch.tv" && path_starts(*p, "/?")) {
    kind = stream_kind::twitch;
  } else if (path_starts(*p, "/videos/embed/")) {
    kind = stream_kind::peertube;
  } else {
    const auto path = std::string_view(p->rest).substr(0, p->rest.find_first_of("?#"));
    if (path.ends_with(".m3u8")) kind = stream_kind::hls;
  }
  if (!kind) return std::nullopt;
  return stream_link{*kind, std::string(url), p->origin};
}

brand read_brand(const json& obj) {
  brand b;
  b.accent = optional_address(obj, "accent");
  const bool hex = b.accent.size() == 7 && b.accent[0] == '#' &&
                   std::all_of(b.accent.begin() + 1, b.accent.end(),
                               [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
  if (!b.accent.empty() && !hex) throw field_error{invalid("accent", "a colour written #rrggbb")};
  std::transform(b.accent.begin(), b.accent.end(), b.accent.begin(), lower);
  b.logo = optional_address(obj, "logo");
  if (!b.logo.empty() && !url_origin(b.logo, true)) {
    throw field_error{invalid("logo", "an https address of an image")};
  }
  return b;
}

std::variant<debate_settings, error> decode_settings(std::string_view body) {
  return read_body<debate_settings>(body, [](const json& obj) {
    debate_settings s;
    auto b = read_brand(obj);
    s.accent = std::move(b.accent);
    s.logo = std::move(b.logo);
    if (const auto stream = optional_address(obj, "stream"); !stream.empty()) {
      s.stream = classify_stream(stream);
      if (!s.stream) {
        throw field_error{invalid(
            "stream", "a YouTube, Vimeo, Twitch or PeerTube embed link, or an HLS address (.m3u8), over https")};
      }
    }
    if (const auto it = obj.find("embed_origins"); it != obj.end() && !it->is_null()) {
      if (!it->is_array() || it->size() > max_embed_origins) {
        throw field_error{invalid("embed_origins", "a list of at most 10 origins")};
      }
      for (const auto& item : *it) {
        const auto text = item.is_string() ? item.get<std::string>() : std::string();
        const auto p = split(text, false);
        if (!p || !(p->rest.empty() || p->rest == "/")) {
          throw field_error{invalid("embed_origins", "each is a site's origin, like https://www.example.com")};
        }
        if (std::find(s.embed_origins.begin(), s.embed_origins.end(), p->origin) == s.embed_origins.end()) {
          s.embed_origins.push_back(p->origin);
        }
      }
    }
    return s;
  });
}

std::string settings_text(const debate_settings& s) {
  json j = json::object();
  if (!s.accent.empty()) j["accent"] = s.accent;
  if (!s.logo.empty()) j["logo"] = s.logo;
  if (s.stream) j["stream"] = s.stream->url;
  if (!s.embed_origins.empty()) j["embed_origins"] = s.embed_origins;
  if (!s.sponsor.empty()) j["sponsor"] = s.sponsor;
  if (!s.from_channel.empty()) j["from"] = {{"channel", s.from_channel}, {"topic", s.from_topic}};
  return j.dump();
}

debate_settings settings_from_text(std::string_view text) {
  auto read = decode_settings(text);
  auto* s = std::get_if<debate_settings>(&read);
  if (s == nullptr) return {};
  // The sponsor and the topic it came from are not request fields: they are read from the stored
  // form only.
  const auto j = json::parse(text, nullptr, false);
  if (!j.is_object()) return std::move(*s);
  if (const auto it = j.find("sponsor"); it != j.end() && it->is_string()) s->sponsor = it->get<std::string>();
  const auto from = j.find("from");
  if (from != j.end() && from->is_object() && from->value("channel", json()).is_string() &&
      from->value("topic", json()).is_number_unsigned()) {
    s->from_channel = (*from)["channel"].get<std::string>();
    s->from_topic = (*from)["topic"].get<std::uint32_t>();
  }
  return std::move(*s);
}

}  // namespace tribune::protocol
