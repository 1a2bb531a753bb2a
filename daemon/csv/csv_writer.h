// duly::daemon::CsvWriter: builds RFC 4180 CSV text, one row at a time.
//
// Promise: a field is quoted only when it must be (it holds a comma, a quote, a CR or LF, or
// starts or ends with a space), with inner quotes doubled; rows end with CRLF. What CsvWriter
// writes, CsvTable::Parse reads back to the same fields. Not synchronised; one writer per file.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace duly::daemon {

class CsvWriter {
 public:
  // Appends one row.
  void AddRow(const std::vector<std::string>& fields);
  // Appends one row of string views (e.g. a column list).
  void AddRow(const std::vector<std::string_view>& fields);

  const std::string& text() const { return text_; }
  std::string Take() { return std::move(text_); }

 private:
  void AddField(std::string_view field, bool first);
  std::string text_;
};

}  // namespace duly::daemon
