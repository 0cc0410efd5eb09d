#pragma once
// The static web client: page routes (/admin, /a/CODE…) and files under the web root. Paths are
// checked segment by segment; nothing outside the web root, and no hidden file, is ever served.
// Files are streamed from disk (Beast's file_body), never read whole into memory, and each carries a
// strong validator: pages are served with `Cache-Control: no-cache`, so a browser revalidates on
// every load and, with If-None-Match, gets a 304 without the body.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "server/net.hpp"

namespace tribune::server {

// What a request path names under the web root.
struct static_target {
  std::filesystem::path relative;  // every segment non-empty, without '\\', NUL or a leading '.'
  std::string_view content_type;
};

// `path` is the request's percent-decoded path, starting with '/'. nullopt: a path that could leave
// the web root or name a hidden file. Pure: the disk is not touched.
std::optional<static_target> resolve_static(std::string_view path);

std::string_view content_type_for(const std::filesystem::path& file);

// Appends the segments of `path` (which starts with '/') to `out`; false for an empty segment, one
// starting with '.', or one holding '\\' or NUL. Pure.
bool safe_relative(std::string_view path, std::filesystem::path& out);

// A strong entity tag from a file's size and modification time in nanoseconds: a rewrite of the
// file changes at least one of them.
std::string make_etag(std::uintmax_t size, std::int64_t mtime_ns);

// Whether an If-None-Match field value is "*" or lists `etag`, compared weakly as RFC 9110
// §13.1.2 asks for If-None-Match (W/"x" matches "x").
bool etag_matches(std::string_view if_none_match, std::string_view etag);

struct static_file {
  http::file_body::value_type body;  // open, ready to stream
  std::string etag;
};

// Reads the whole of an opened file from its start; nullopt when it fails or holds over max_bytes.
// For a file about to be compressed, not for one about to be streamed.
std::optional<std::string> read_whole(static_file& file, std::size_t max_bytes);

// Opens a regular file for streaming; nullopt when it is missing or anything but a regular file.
std::optional<static_file> open_static(const std::filesystem::path& file);

}  // namespace tribune::server
