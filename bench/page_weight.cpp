#include "page_weight.hpp"

#include <zlib.h>

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <algorithm>
#include <deque>
#include <set>
#include <stdexcept>
#include <vector>

namespace bench {
namespace {

constexpr int gzip_window_bits = 15 + 16;  // a 32 KiB window, with gzip's header and trailer
constexpr int memory_level = 8;

bool ends_with(std::string_view s, std::string_view tail) { return s.size() >= tail.size() && s.ends_with(tail); }

// `rel` ("./a.js", "../b.js", "/c.js") against the folder of `base` ("/js/report/main.js").
std::string resolve(const std::string& base, std::string_view rel) {
  if (rel.starts_with("/")) return std::string(rel);
  std::vector<std::string> parts;
  std::string_view dir(base);
  dir = dir.substr(0, dir.rfind('/'));
  for (std::size_t at = 1; at <= dir.size();) {
    const auto next = std::min(dir.find('/', at), dir.size());
    parts.emplace_back(dir.substr(at, next - at));
    at = next + 1;
  }
  while (!rel.empty()) {
    const auto next = std::min(rel.find('/'), rel.size());
    const auto part = rel.substr(0, next);
    if (part == ".." && !parts.empty()) parts.pop_back();
    if (part != "." && part != "..") parts.emplace_back(part);
    rel.remove_prefix(std::min(next + 1, rel.size()));
  }
  std::string out;
  for (const auto& p : parts) out += "/" + p;
  return out;
}

// The quoted string at `at` (after spaces and an opening parenthesis), or empty.
std::string_view quoted_at(std::string_view text, std::size_t at) {
  while (at < text.size() && (text[at] == ' ' || text[at] == '(')) ++at;
  if (at >= text.size() || (text[at] != '\'' && text[at] != '"')) return {};
  const auto end = text.find(text[at], at + 1);
  return end == std::string_view::npos ? std::string_view{} : text.substr(at + 1, end - at - 1);
}

// Every quoted string right after `word` in `text`.
std::vector<std::string_view> quoted_after(std::string_view text, std::string_view word) {
  std::vector<std::string_view> out;
  for (auto at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
    if (const auto q = quoted_at(text, at + word.size()); !q.empty()) out.push_back(q);
  }
  return out;
}

// The same-site files a page or a module names: href="/…", src="/…", and relative imports.
std::vector<std::string> named_files(const std::string& path, std::string_view text) {
  std::vector<std::string> out;
  for (const auto* attr : {"href=", "src="}) {
    for (const auto v : quoted_after(text, attr)) {
      if (v.starts_with("/") && !v.starts_with("//")) out.emplace_back(v.substr(0, v.find_first_of("?#")));
    }
  }
  if (!ends_with(path, ".js")) return out;
  for (const auto* word : {"from", "import"}) {
    for (const auto v : quoted_after(text, word)) {
      if (v.starts_with("./") || v.starts_with("../") || v.starts_with("/")) out.push_back(resolve(path, v));
    }
  }
  return out;
}

// The catalogs a module's initI18n('…', …) calls load, besides common.
std::vector<std::string> catalogs_in(std::string_view js) {
  std::vector<std::string> out;
  for (auto at = js.find("initI18n("); at != std::string_view::npos; at = js.find("initI18n(", at + 1)) {
    if (js.substr(0, at).ends_with("function ")) continue;  // its definition
    const auto args = js.substr(at, js.find(')', at) - at);
    for (const auto v : quoted_after(args, "(")) out.emplace_back(v);
    for (const auto v : quoted_after(args, ",")) out.emplace_back(v);
  }
  return out;
}

std::string locale(const std::string& language, const std::string& catalog) {
  std::string path = "/locales/";
  path += language;
  path += "/";
  path += catalog;
  path += ".json";
  return path;
}

}  // namespace

std::string gzip_level6(std::string_view data) {
  z_stream z{};
  if (deflateInit2(&z, 6, Z_DEFLATED, gzip_window_bits, memory_level, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("deflateInit2 failed");
  }
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const auto rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw std::runtime_error("deflate did not finish");
  return out;
}

gzip_answer get_accepting_gzip(std::uint16_t port, const std::string& path, const std::string& bearer) {
  asio::io_context io;
  tcp::socket socket(io);
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  http::request<http::string_body> req{http::verb::get, path, 11};
  req.set(http::field::host, "127.0.0.1:" + std::to_string(port));
  req.set(http::field::accept_encoding, "gzip, deflate, br");
  if (!bearer.empty()) req.set(http::field::authorization, "Bearer " + bearer);
  req.keep_alive(false);
  http::write(socket, req);
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64U << 20U);
  http::read(socket, buffer, parser);
  auto res = parser.release();
  gzip_answer out{static_cast<int>(res.result_int()), std::move(res.body()), {}};
  if (const auto it = res.find(http::field::content_encoding); it != res.end()) {
    out.content_encoding = std::string(it->value());
  }
  return out;
}

page_files report_page_files(keepalive_client& http, std::uint16_t port, const std::string& code,
                             const std::string& language) {
  page_files out;
  std::deque<std::string> next{"/r/" + code};
  std::set<std::string> seen(next.begin(), next.end());
  const auto add = [&](const std::string& p) {
    if (seen.insert(p).second) next.push_back(p);
  };
  while (!next.empty()) {
    const auto path = next.front();
    next.pop_front();
    const auto plain = http.get(path);
    const auto packed = get_accepting_gzip(port, path);
    ++out.count;
    out.missing += plain.status == 200 ? 0 : 1;
    out.raw_bytes += plain.body.size();
    out.wire_bytes += packed.body.size();
    out.sent_plain += packed.content_encoding == "gzip" ? 0 : 1;
    out.files.push_back(
        json{{"path", path}, {"status", plain.status}, {"raw", plain.body.size()}, {"wire", packed.body.size()}});
    if (plain.status != 200) continue;
    for (const auto& f : named_files(path, plain.body)) add(f);
    if (!ends_with(path, ".js")) continue;
    const auto catalogs = catalogs_in(plain.body);
    for (const auto& c : catalogs) add(locale(language, c));
    if (!catalogs.empty()) add(locale(language, "common"));
  }
  return out;
}

}  // namespace bench
