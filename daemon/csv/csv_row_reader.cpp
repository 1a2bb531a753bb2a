#include "daemon/csv/csv_row_reader.h"

#include <algorithm>
#include <charconv>
#include <utility>

namespace duly::daemon {
namespace {

bool Contains(std::span<const std::string_view> names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::vector<std::string_view> SplitPointer(std::string_view pointer) {
  std::vector<std::string_view> segments;
  if (!pointer.empty() && pointer.front() == '/') pointer.remove_prefix(1);
  while (true) {
    const std::size_t slash = pointer.find('/');
    segments.push_back(pointer.substr(0, slash));
    if (slash == std::string_view::npos) break;
    pointer.remove_prefix(slash + 1);
  }
  return segments;
}

std::optional<std::size_t> ParseIndex(std::string_view text) {
  std::size_t index = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), index);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return index;
}

}  // namespace

Status BindColumns(const CsvTable& table, std::span<const std::string_view> known,
                   std::span<const std::string_view> required) {
  std::vector<FieldError> errors;
  for (const std::string& name : table.header()) {
    if (!Contains(known, name)) {
      std::string expected;
      for (std::string_view column : known) {
        if (!expected.empty()) expected += ", ";
        expected += column;
      }
      errors.push_back(
          {CsvPosition(1, name), "is not a known column; the columns are " + expected});
    }
  }
  for (std::string_view name : required) {
    if (!table.ColumnIndex(name)) {
      errors.push_back({CsvPosition(1, name), "is a required column and is missing"});
    }
  }
  if (errors.empty()) return Status::Ok();
  return InvalidArgument("the header does not match the expected columns", std::move(errors));
}

Error CsvRowsError(std::string_view records, std::vector<FieldError> errors) {
  const std::size_t total = errors.size();
  std::string message = "the " + std::string(records) + " file has " + std::to_string(total) +
                        " problem" + (total == 1 ? "" : "s") + "; nothing was imported";
  if (total > CsvTable::kMaxReportedErrors) {
    errors.resize(CsvTable::kMaxReportedErrors);
    message += " (the first " + std::to_string(CsvTable::kMaxReportedErrors) + " are listed)";
  }
  return InvalidArgument(std::move(message), std::move(errors));
}

const std::string* CsvRowReader::Field(std::string_view column) const {
  const auto index = table_.ColumnIndex(column);
  if (!index || *index >= row_.fields.size()) return nullptr;
  return &row_.fields[*index];
}

std::string CsvRowReader::Text(std::string_view column) const {
  const std::string* field = Field(column);
  return field == nullptr ? std::string() : *field;
}

std::string CsvRowReader::TextOr(std::string_view column, std::string_view fallback) const {
  const std::string* field = Field(column);
  return field == nullptr || field->empty() ? std::string(fallback) : *field;
}

std::vector<std::string> CsvRowReader::List(std::string_view column) const {
  std::vector<std::string> items;
  const std::string* field = Field(column);
  if (field == nullptr || field->empty()) return items;
  std::string_view rest = *field;
  while (true) {
    const std::size_t bar = rest.find(kCsvListSeparator);
    items.emplace_back(rest.substr(0, bar));
    if (bar == std::string_view::npos) break;
    rest.remove_prefix(bar + 1);
  }
  return items;
}

void CsvRowReader::ReadMoney(std::string_view column, Money& out) {
  const std::string* field = Field(column);
  if (field == nullptr) return;
  auto money = Money::Parse(*field);
  if (!money) {
    AddError(column, money.error().message);
    return;
  }
  out = *money;
}

void CsvRowReader::ReadOptionalMoney(std::string_view column, std::optional<Money>& out) {
  const std::string* field = Field(column);
  if (field == nullptr) return;
  if (field->empty()) {
    out.reset();
    return;
  }
  auto money = Money::Parse(*field);
  if (!money) {
    AddError(column, money.error().message);
    return;
  }
  out = *money;
}

void CsvRowReader::ReadDate(std::string_view column, CalendarDate& out) {
  const std::string* field = Field(column);
  if (field == nullptr) return;
  auto day = ParseCalendarDate(*field);
  if (!day) {
    AddError(column, day.error().message);
    return;
  }
  out = *day;
}

void CsvRowReader::ReadBool(std::string_view column, bool& out) {
  const std::string* field = Field(column);
  if (field == nullptr || field->empty()) return;
  if (*field == "true") {
    out = true;
  } else if (*field == "false") {
    out = false;
  } else {
    AddError(column, "must be true or false");
  }
}

void CsvRowReader::AddError(std::string_view column, std::string message) {
  errors_.push_back({CsvPosition(row_.number, column), std::move(message)});
}

void CsvRowReader::AddValidation(const std::vector<FieldError>& problems) {
  for (const FieldError& problem : problems) {
    const std::vector<std::string_view> segments = SplitPointer(problem.field);
    std::string_view column = segments.front();
    std::string prefix;
    if (column == "address" && segments.size() > 1) {
      column = segments[1];
    } else if (column == "open_amount") {
      column = "amount";
    } else if (segments.size() > 1) {
      if (auto index = ParseIndex(segments[1])) {
        prefix = "item " + std::to_string(*index + 1);
        if (segments.size() > 2) prefix += " (" + std::string(segments[2]) + ")";
        prefix += ": ";
      }
    }
    AddError(column, prefix + problem.message);
  }
}

std::string JoinCsvList(const std::vector<std::string>& items) {
  std::string joined;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) joined += kCsvListSeparator;
    joined += items[i];
  }
  return joined;
}

}  // namespace duly::daemon
