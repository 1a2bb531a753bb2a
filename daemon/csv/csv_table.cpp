#include "daemon/csv/csv_table.h"

#include <set>
#include <utility>

#include <csv.h>

#include "workflows/utf8.h"

namespace duly::daemon {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// What libcsv's callbacks fill in while the text is parsed.
struct ParseState {
  std::vector<std::string> fields;  // of the record being read
  std::vector<std::vector<std::string>> records;
};

void OnField(void* field, std::size_t length, void* state) {
  auto* parse = static_cast<ParseState*>(state);
  parse->fields.emplace_back(field == nullptr ? "" : static_cast<const char*>(field), length);
}

void OnRecordEnd(int /*terminator*/, void* state) {
  auto* parse = static_cast<ParseState*>(state);
  parse->records.push_back(std::move(parse->fields));
  parse->fields.clear();
}

int NoSpaces(unsigned char /*c*/) { return 0; }

// libcsv parse of the whole text. An error names the row where the syntax broke.
Result<std::vector<std::vector<std::string>>> ReadRecords(std::string_view text) {
  csv_parser parser{};
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
    return InternalError("cannot initialise the CSV parser");
  }
  csv_set_space_func(&parser, NoSpaces);
  ParseState state;
  const std::size_t parsed =
      csv_parse(&parser, text.data(), text.size(), OnField, OnRecordEnd, &state);
  int failure = parsed == text.size() ? CSV_SUCCESS : csv_error(&parser);
  if (failure == CSV_SUCCESS && csv_fini(&parser, OnField, OnRecordEnd, &state) != 0) {
    failure = csv_error(&parser);
  }
  csv_free(&parser);
  if (failure != CSV_SUCCESS) {
    const int row = static_cast<int>(state.records.size()) + 1;
    std::string why = failure == CSV_EPARSE
                          ? "is not valid CSV: a quote inside an unquoted field, text after a "
                            "closing quote, or a quote that is never closed"
                          : std::string("cannot be read: ") + csv_strerror(failure);
    return InvalidArgument("the file is not valid CSV", {{CsvPosition(row, ""), std::move(why)}});
  }
  return std::move(state.records);
}

void Report(std::vector<FieldError>& errors, std::size_t& dropped, FieldError error) {
  if (errors.size() < CsvTable::kMaxReportedErrors) {
    errors.push_back(std::move(error));
  } else {
    ++dropped;
  }
}

}  // namespace

std::string CsvPosition(int row, std::string_view column) {
  std::string position = "row " + std::to_string(row);
  if (!column.empty()) {
    position += ", column ";
    position += column;
  }
  return position;
}

Result<CsvTable> CsvTable::Parse(std::string_view text) {
  if (text.substr(0, kUtf8Bom.size()) == kUtf8Bom) text.remove_prefix(kUtf8Bom.size());
  auto records = ReadRecords(text);
  if (!records) return std::move(records).error();
  if (records->empty()) {
    return InvalidArgument("the file is empty",
                           {{CsvPosition(1, ""), "must be a header row naming the columns"}});
  }

  std::vector<FieldError> errors;
  std::size_t dropped = 0;
  std::vector<std::string> header = std::move(records->front());
  std::set<std::string_view> names;
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string label = "column " + std::to_string(i + 1);
    const std::string where = CsvPosition(1, "") + ", " + label;
    if (!IsValidUtf8(header[i])) {
      Report(errors, dropped, {where, "the column name is not valid UTF-8"});
    } else if (header[i].empty()) {
      Report(errors, dropped, {where, "the column name is empty"});
    } else if (header[i].find(kUtf8Bom) != std::string::npos) {
      Report(errors, dropped,
             {where,
              "the column name holds a byte order mark (U+FEFF); the file has more "
              "than one at its start"});
    } else if (!names.insert(header[i]).second) {
      Report(errors, dropped, {CsvPosition(1, header[i]), "the column name appears twice"});
    }
  }

  std::vector<CsvRow> rows;
  rows.reserve(records->size() - 1);
  for (std::size_t r = 1; r < records->size(); ++r) {
    CsvRow row{static_cast<int>(r) + 1, std::move((*records)[r])};
    if (row.fields.size() != header.size()) {
      Report(errors, dropped,
             {CsvPosition(row.number, ""), "has " + std::to_string(row.fields.size()) +
                                               " fields; the header has " +
                                               std::to_string(header.size())});
      continue;
    }
    for (std::size_t i = 0; i < row.fields.size(); ++i) {
      if (!IsValidUtf8(row.fields[i])) {
        Report(errors, dropped,
               {CsvPosition(row.number, header[i]), "is not valid UTF-8; save the file as UTF-8"});
      }
    }
    rows.push_back(std::move(row));
  }
  if (!errors.empty()) {
    std::string message = "the file has " + std::to_string(errors.size() + dropped) + " problem" +
                          (errors.size() + dropped == 1 ? "" : "s");
    if (dropped > 0) message += " (" + std::to_string(dropped) + " not listed)";
    return InvalidArgument(std::move(message), std::move(errors));
  }
  return CsvTable(std::move(header), std::move(rows));
}

std::optional<std::size_t> CsvTable::ColumnIndex(std::string_view name) const {
  for (std::size_t i = 0; i < header_.size(); ++i) {
    if (header_[i] == name) return i;
  }
  return std::nullopt;
}

}  // namespace duly::daemon
