// duly::daemon::CsvRowReader: reads the fields of one CSV row into a record, collecting every
// problem as a FieldError named "row N, column C".
//
// Promise: BindColumns checks a table's header against a record's column set (an unknown or a
// missing required column is an error naming it). A reader never fails fast: each Read* call
// that meets a bad value appends one FieldError and leaves the target as it was, so one pass over
// a file reports all of its problems. AddValidation maps the JSON pointers of a record's
// Validate() ("/address/city", "/tags/2") to the CSV column that holds the value. A reader
// borrows the table, row and error list; it must not outlive them. Not synchronised.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/csv/csv_table.h"
#include "workflows/calendar_date.h"
#include "workflows/money.h"
#include "workflows/status.h"

namespace duly::daemon {

// Checks that every column of `table` is in `known` and every `required` column is present.
// Errors: kInvalidArgument naming each unknown and each missing column.
Status BindColumns(const CsvTable& table, std::span<const std::string_view> known,
                   std::span<const std::string_view> required);

// The error for a file whose rows had `errors`: kInvalidArgument, at most
// CsvTable::kMaxReportedErrors of them listed. REQUIRES: !errors.empty().
Error CsvRowsError(std::string_view records, std::vector<FieldError> errors);

// The separator of list columns (tags, preferred_channels, allocations).
inline constexpr char kCsvListSeparator = '|';

class CsvRowReader {
 public:
  CsvRowReader(const CsvTable& table, const CsvRow& row, std::vector<FieldError>& errors)
      : table_(table), row_(row), errors_(errors) {}

  int row_number() const { return row_.number; }
  // How many errors the shared list holds (to tell whether a Read* call failed).
  std::size_t error_count() const { return errors_.size(); }

  // The field of `column`, or "" when the file has no such column.
  std::string Text(std::string_view column) const;
  // The field, or `fallback` when the column is absent or the field empty.
  std::string TextOr(std::string_view column, std::string_view fallback) const;
  // The '|'-separated items of the field; none when it is empty or absent.
  std::vector<std::string> List(std::string_view column) const;

  // Each parses the field into `out` when the column is present; an error leaves `out` alone.
  void ReadMoney(std::string_view column, Money& out);
  void ReadOptionalMoney(std::string_view column, std::optional<Money>& out);  // empty: none
  void ReadDate(std::string_view column, CalendarDate& out);
  void ReadBool(std::string_view column, bool& out);  // "true"/"false"; empty keeps `out`

  // Appends a problem with `column` of this row.
  void AddError(std::string_view column, std::string message);
  // Appends the record's Validate() errors, each moved from its JSON pointer to its column.
  void AddValidation(const std::vector<FieldError>& problems);

 private:
  const std::string* Field(std::string_view column) const;

  const CsvTable& table_;
  const CsvRow& row_;
  std::vector<FieldError>& errors_;
};

// Joins items with kCsvListSeparator.
std::string JoinCsvList(const std::vector<std::string>& items);

}  // namespace duly::daemon
