#pragma once
// What the report page /r/CODE downloads on a first visit, besides the API's JSON: the page, the
// files it names (style sheets, Chart.js, modules, the icon), every module those import (followed
// to the end), and its catalogs of words in one language (common plus those its initI18n call
// names). Each file is asked for twice: plainly over the keep-alive connection, to read it, and
// with `Accept-Encoding: gzip` on a connection of its own, to count the bytes the server sends a
// browser (the server keeps a gzip copy of each static file, level 9).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "keepalive_client.hpp"
#include "net.hpp"

namespace bench {

// `data` in the gzip format, deflated at zlib's level 6 (gzip's default).
std::string gzip_level6(std::string_view data);

struct gzip_answer {
  int status = 0;
  std::string body;              // as sent
  std::string content_encoding;  // gzip, or empty when the server sent it plain
};

// GET `path` from the loopback server at `port` with `Accept-Encoding: gzip`, on a new connection.
// Throws boost::system::system_error when the server does not answer.
gzip_answer get_accepting_gzip(std::uint16_t port, const std::string& path, const std::string& bearer = {});

struct page_files {
  std::size_t count = 0;
  std::size_t raw_bytes = 0;
  std::size_t wire_bytes = 0;  // the bodies as sent to a browser that accepts gzip
  std::size_t sent_plain = 0;  // files the server sent uncompressed although gzip was accepted
  std::size_t missing = 0;     // files named by the page that did not answer 200
  json files = json::array();  // {path, status, raw, wire}
};

// Throws boost::system::system_error when the server does not answer.
page_files report_page_files(keepalive_client& http, std::uint16_t port, const std::string& code,
                             const std::string& language);

}  // namespace bench
