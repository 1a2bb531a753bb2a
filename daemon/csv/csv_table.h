// duly::daemon::CsvTable: a whole CSV file (RFC 4180) read into a header and numbered rows.
//
// Promise: Parse reads comma-separated fields with '"' quoting (quoted fields may hold commas,
// doubled quotes and line breaks), CRLF or LF line ends, and is strict: the text must be UTF-8
// (a leading UTF-8 byte order mark is dropped), the first row is a header of unique, non-empty
// column names, and every row has exactly as many fields as the header. Spaces are kept as they
// are. Blank lines are skipped. Rows are numbered by record, 1-based, the header being row 1
// (a quoted line break does not start a new row). Every problem is a kInvalidArgument whose
// FieldErrors name the place: "row 4, column amount" (or "row 4" when no column applies).
// Values are plain data; Parse is a pure function and thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "workflows/status.h"

namespace duly::daemon {

struct CsvRow {
  int number = 0;  // 1-based record number; the header is row 1, so data starts at 2
  std::vector<std::string> fields;
};

class CsvTable {
 public:
  // At most this many errors are reported for one file; the rest are summarised.
  static constexpr std::size_t kMaxReportedErrors = 50;

  // Parses `text`. Errors (kInvalidArgument with one FieldError per problem): a syntax error
  // (a quote inside an unquoted field, text after a closing quote, an unterminated quote),
  // invalid UTF-8, an empty file, an empty or duplicate column name, a row with more or fewer
  // fields than the header.
  static Result<CsvTable> Parse(std::string_view text);

  CsvTable() = default;
  CsvTable(std::vector<std::string> header, std::vector<CsvRow> rows)
      : header_(std::move(header)), rows_(std::move(rows)) {}

  const std::vector<std::string>& header() const { return header_; }
  const std::vector<CsvRow>& rows() const { return rows_; }

  // The index of the column named `name`, if there is one.
  std::optional<std::size_t> ColumnIndex(std::string_view name) const;

 private:
  std::vector<std::string> header_;
  std::vector<CsvRow> rows_;
};

// "row 4, column amount"; "row 4" when `column` is empty.
std::string CsvPosition(int row, std::string_view column);

}  // namespace duly::daemon
