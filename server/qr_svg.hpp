#pragma once
// QR codes as SVG: libqrencode computes the matrix; this draws it, one path per row of dark runs.
#include <optional>
#include <string>
#include <string_view>

namespace tribune::server {

// nullopt when the text cannot be encoded (too long for a QR code).
std::optional<std::string> qr_svg(std::string_view text);

}  // namespace tribune::server
