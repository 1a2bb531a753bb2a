#include "daemon/csv/csv_writer.h"

namespace duly::daemon {
namespace {

bool NeedsQuotes(std::string_view field) {
  if (field.find_first_of(",\"\r\n") != std::string_view::npos) return true;
  return !field.empty() && (field.front() == ' ' || field.back() == ' ');
}

}  // namespace

void CsvWriter::AddField(std::string_view field, bool first) {
  if (!first) text_ += ',';
  if (!NeedsQuotes(field)) {
    text_ += field;
    return;
  }
  text_ += '"';
  for (char c : field) {
    if (c == '"') text_ += '"';
    text_ += c;
  }
  text_ += '"';
}

void CsvWriter::AddRow(const std::vector<std::string>& fields) {
  // A lone empty field would be a blank line, which readers skip: quote it.
  if (fields.size() == 1 && fields.front().empty()) {
    text_ += "\"\"\r\n";
    return;
  }
  for (std::size_t i = 0; i < fields.size(); ++i) AddField(fields[i], i == 0);
  text_ += "\r\n";
}

void CsvWriter::AddRow(const std::vector<std::string_view>& fields) {
  AddRow(std::vector<std::string>(fields.begin(), fields.end()));
}

}  // namespace duly::daemon
