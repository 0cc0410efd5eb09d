#include "protocol/csv.hpp"

namespace tribune::protocol {

std::string csv_cell(std::string_view text) {
  std::string cell;
  cell.reserve(text.size() + 3);
  // Spaces before a formula do not stop some spreadsheets from reading it as one.
  const auto start = text.find_first_not_of(' ');
  const char first = start == std::string_view::npos ? '\0' : text[start];
  if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
    cell.push_back('\'');
  }
  cell.append(text);
  const bool quoted = cell.find_first_of(",\"\r\n") != std::string::npos ||
                      (!cell.empty() && (cell.front() == ' ' || cell.back() == ' '));
  if (!quoted) return cell;
  std::string out = "\"";
  out.reserve(cell.size() + 4);
  for (const char c : cell) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string csv_row(const std::vector<std::string>& cells) {
  std::string out;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i != 0) out.push_back(',');
    out += csv_cell(cells[i]);
  }
  out += "\r\n";
  return out;
}

std::string csv_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
  std::string out = csv_row(header);
  for (const auto& r : rows) out += csv_row(r);
  return out;
}

}  // namespace tribune::protocol
