#include "channels/print/print_batch.h"

#include <algorithm>
#include <charconv>
#include <sstream>
#include <system_error>

#include <date/tz.h>
#include <nlohmann/json.hpp>

#include "channels/compose/letter_document_json.h"
#include "channels/print/letter_spool.h"
#include "channels/print/spool_file.h"

namespace duly::channels {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// The message id of "letter-<id>.json", or -1.
std::int64_t LetterId(const std::string& name) {
  constexpr std::string_view kPrefix = "letter-";
  constexpr std::string_view kSuffix = ".json";
  if (name.size() <= kPrefix.size() + kSuffix.size() || name.rfind(kPrefix, 0) != 0 ||
      name.compare(name.size() - kSuffix.size(), kSuffix.size(), kSuffix) != 0) {
    return -1;
  }
  std::int64_t id = -1;
  const char* first = name.data() + kPrefix.size();
  const char* last = name.data() + name.size() - kSuffix.size();
  const auto [end, error] = std::from_chars(first, last, id);
  return error == std::errc() && end == last ? id : -1;
}

std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

json RegisterJson(const PrintRegister& batch) {
  json letters = json::array();
  for (const PrintedLetter& letter : batch.letters) {
    letters.push_back({{"message", letter.message},
                       {"customer", letter.customer},
                       {"recipient", letter.recipient_name},
                       {"first_page", letter.first_page},
                       {"pages", letter.pages}});
  }
  return {{"day", FormatCalendarDate(batch.day)}, {"pages", batch.pages}, {"letters", letters}};
}

std::string RegisterCsv(const PrintRegister& batch) {
  std::ostringstream csv;
  csv << "position,message,customer,recipient,first_page,pages\r\n";
  int position = 0;
  for (const PrintedLetter& letter : batch.letters) {
    csv << ++position << ',' << letter.message << ',' << CsvField(letter.customer) << ','
        << CsvField(letter.recipient_name) << ',' << letter.first_page << ',' << letter.pages
        << "\r\n";
  }
  return csv.str();
}

}  // namespace

Result<PrintRegister> PrintLetters(const fs::path& dir, CalendarDate day,
                                   const LetterRenderer& renderer) {
  const fs::path folder = BatchFolder(dir, day);
  std::vector<std::pair<std::int64_t, fs::path>> spooled;
  std::error_code error;
  for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
    const std::int64_t id = LetterId(it->path().filename().string());
    if (id >= 0) spooled.emplace_back(id, it->path());
  }
  if (spooled.empty()) return NotFound("no letters spooled for " + FormatCalendarDate(day));
  std::sort(spooled.begin(), spooled.end());

  std::vector<LetterDocument> letters;
  letters.reserve(spooled.size());
  for (const auto& [id, path] : spooled) {
    Result<std::string> text = ReadWholeFile(path);
    if (!text) return text.error();
    Result<LetterDocument> letter = LetterDocumentFromJson(*text);
    if (!letter) return letter.error().WithContext(path.string());
    letters.push_back(std::move(*letter));
  }
  Result<PrintBatch> rendered = renderer.RenderBatch(letters);
  if (!rendered) return rendered.error().WithContext("print batch " + FormatCalendarDate(day));

  PrintRegister batch;
  batch.day = day;
  batch.pages = rendered->pages;
  batch.pdf = folder / ("batch-" + FormatCalendarDate(day) + ".pdf");
  for (std::size_t i = 0; i < rendered->letters.size(); ++i) {
    const LetterRegisterEntry& entry = rendered->letters[i];
    batch.letters.push_back(PrintedLetter{spooled[i].first, entry.customer, entry.recipient_name,
                                          entry.first_page, entry.pages});
  }
  const std::string stem = "batch-" + FormatCalendarDate(day);
  for (Status written :
       {WriteFileAtomically(folder / (stem + ".json"), RegisterJson(batch).dump(2) + "\n"),
        WriteFileAtomically(folder / (stem + ".csv"), RegisterCsv(batch)),
        WriteFileAtomically(batch.pdf, rendered->pdf)}) {
    if (!written) return std::move(written).error();
  }
  return batch;
}

Result<std::vector<PrintRegister>> PrintDueBatches(const LetterSpoolOptions& options, Instant now,
                                                   const LetterRenderer& renderer) {
  const auto local = date::make_zoned(options.time_zone, now).get_local_time();
  const auto midnight = date::floor<date::days>(local);
  const CalendarDate today{midnight.time_since_epoch()};
  const bool today_due =
      std::chrono::duration_cast<std::chrono::minutes>(local - midnight).count() >=
      options.print_minutes;
  std::vector<CalendarDate> days;
  std::error_code error;
  for (fs::directory_iterator it(options.dir, error), end; !error && it != end;
       it.increment(error)) {
    Result<CalendarDate> day = ParseCalendarDate(it->path().filename().string());
    if (!day || !it->is_directory(error)) continue;
    if (*day < today || (*day == today && today_due)) days.push_back(*day);
  }
  std::sort(days.begin(), days.end());
  std::vector<PrintRegister> printed;
  for (const CalendarDate day : days) {
    if (IsBatchPrinted(options.dir, day)) continue;
    Result<PrintRegister> batch = PrintLetters(options.dir, day, renderer);
    if (!batch && batch.error().code == ErrorCode::kNotFound) continue;  // nothing spooled
    if (!batch) return batch.error();
    printed.push_back(std::move(*batch));
  }
  return printed;
}

Result<PrintRegister> ReadPrintRegister(const fs::path& dir, CalendarDate day) {
  if (!IsBatchPrinted(dir, day)) return NotFound(FormatCalendarDate(day) + " is not printed");
  const fs::path folder = BatchFolder(dir, day);
  const std::string stem = "batch-" + FormatCalendarDate(day);
  Result<std::string> text = ReadWholeFile(folder / (stem + ".json"));
  if (!text) return text.error();
  const json document = json::parse(*text, nullptr, false);
  if (document.is_discarded() || !document.contains("letters")) {
    return InternalError("register " + (folder / (stem + ".json")).string() + " is damaged");
  }
  PrintRegister batch;
  batch.day = day;
  batch.pages = document.value("pages", 0);
  batch.pdf = folder / (stem + ".pdf");
  for (const json& letter : document["letters"]) {
    batch.letters.push_back(PrintedLetter{letter.value("message", std::int64_t{0}),
                                          letter.value("customer", std::string()),
                                          letter.value("recipient", std::string()),
                                          letter.value("first_page", 0), letter.value("pages", 0)});
  }
  return batch;
}

}  // namespace duly::channels
