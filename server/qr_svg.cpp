#include "server/qr_svg.hpp"

#include <qrencode.h>

#include <memory>

namespace tribune::server {

std::optional<std::string> qr_svg(std::string_view text) {
  const std::string input(text);
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeString(input.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
  if (!code) return std::nullopt;
  const int width = code->width;
  constexpr int quiet = 4;  // the quiet zone the standard asks for around the symbol
  const int size = width + 2 * quiet;
  std::string svg = R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 )" + std::to_string(size) + " " +
                    std::to_string(size) + R"(" shape-rendering="crispEdges" role="img">)";
  svg += R"(<rect width="100%" height="100%" fill="#fff"/><path fill="#000" d=")";
  for (int y = 0; y < width; ++y) {
    int x = 0;
    while (x < width) {
      if ((code->data[y * width + x] & 1) == 0) {
        ++x;
        continue;
      }
      const int start = x;
      while (x < width && (code->data[y * width + x] & 1) != 0) ++x;
      svg += "M" + std::to_string(start + quiet) + " " + std::to_string(y + quiet) + "h" + std::to_string(x - start) +
             "v1h-" + std::to_string(x - start) + "z";
    }
  }
  svg += "\"/></svg>";
  return svg;
}

}  // namespace tribune::server
