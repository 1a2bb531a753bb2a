// Fuzzes CsvTable::Parse: never crashes, and a table it accepts survives CsvWriter and a second
// parse unchanged (header and every field; row numbers may differ where quoted line breaks were).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "daemon/csv/csv_table.h"
#include "daemon/csv/csv_writer.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto table = duly::daemon::CsvTable::Parse(text);
  if (!table) {
    DULY_FUZZ_CHECK(table.error().code == duly::ErrorCode::kInvalidArgument);
    DULY_FUZZ_CHECK(!table.error().fields.empty());
    DULY_FUZZ_CHECK(table.error().fields.size() <= duly::daemon::CsvTable::kMaxReportedErrors);
    return 0;
  }
  duly::daemon::CsvWriter writer;
  writer.AddRow(table->header());
  for (const auto& row : table->rows()) writer.AddRow(row.fields);
  auto again = duly::daemon::CsvTable::Parse(writer.text());
  DULY_FUZZ_CHECK(again.has_value());
  DULY_FUZZ_CHECK(again->header() == table->header());
  DULY_FUZZ_CHECK(again->rows().size() == table->rows().size());
  for (std::size_t i = 0; i < table->rows().size(); ++i) {
    DULY_FUZZ_CHECK(again->rows()[i].fields == table->rows()[i].fields);
  }
  return 0;
}
