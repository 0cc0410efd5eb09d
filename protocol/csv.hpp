#pragma once
// CSV as RFC 4180 writes it (comma separated, CRLF line ends, a field quoted when it holds a
// comma, a quote, a line break or edge spaces, quotes doubled), in UTF-8, and safe to open in a
// spreadsheet: a cell that would start with =, +, -, @, a tab or a carriage return (after any
// spaces) is read as a formula there, so it starts with a quote mark instead (OWASP's "CSV
// injection" advice).
#include <string>
#include <string_view>
#include <vector>

namespace tribune::protocol {

// One cell, neutralised and quoted as needed.
std::string csv_cell(std::string_view text);
// One record of cells, ended by CRLF.
std::string csv_row(const std::vector<std::string>& cells);
// A header and its records.
std::string csv_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows);

}  // namespace tribune::protocol
