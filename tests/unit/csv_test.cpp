// CSV cells: quoted as RFC 4180 asks, and never read as a formula by a spreadsheet.
#include "protocol/csv.hpp"

#include <gtest/gtest.h>

namespace tribune::protocol {
namespace {

TEST(csv, a_plain_cell_stays_as_it_is_and_one_with_a_separator_is_quoted) {
  EXPECT_EQ(csv_cell("Bonjour"), "Bonjour");
  EXPECT_EQ(csv_cell("Oui, mais"), "\"Oui, mais\"");
  EXPECT_EQ(csv_cell("Il a dit \"non\""), "\"Il a dit \"\"non\"\"\"");
  EXPECT_EQ(csv_cell("ligne 1\nligne 2"), "\"ligne 1\nligne 2\"");
  EXPECT_EQ(csv_cell(" espace"), "\" espace\"");
  EXPECT_EQ(csv_cell(""), "");
  EXPECT_EQ(csv_cell("Été 2026"), "Été 2026");
}

TEST(csv, a_cell_a_spreadsheet_would_read_as_a_formula_starts_with_a_quote_mark) {
  EXPECT_EQ(csv_cell("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(csv_cell("+33 6 12"), "'+33 6 12");
  EXPECT_EQ(csv_cell("-2+3"), "'-2+3");
  EXPECT_EQ(csv_cell("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(csv_cell("\tx"), "'\tx");
  EXPECT_EQ(csv_cell("a=b"), "a=b") << "only the first character counts";
  EXPECT_EQ(csv_cell("  =1+1"), "'  =1+1") << "spaces before a formula do not hide it";
  EXPECT_EQ(csv_cell(" a=b"), "\" a=b\"") << "a leading space is quoted, and nothing more";
}

TEST(csv, records_end_with_crlf_and_a_table_starts_with_its_header) {
  EXPECT_EQ(csv_row({"a", "b,c", ""}), "a,\"b,c\",\r\n");
  EXPECT_EQ(csv_table({"id", "text"}, {{"q1", "Pourquoi ?"}, {"q2", "=1+1"}}),
            "id,text\r\nq1,Pourquoi ?\r\nq2,'=1+1\r\n");
}

}  // namespace
}  // namespace tribune::protocol
