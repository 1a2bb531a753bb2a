#include "channels/print/letter_spool.h"

#include <charconv>
#include <system_error>
#include <variant>

#include <date/tz.h>

#include "channels/compose/letter_document_json.h"
#include "channels/print/spool_file.h"

namespace duly::channels {
namespace {

namespace fs = std::filesystem;

const Attachment* FindAttachment(const OutboundMessage& message, std::string_view media_type) {
  for (const Attachment& attachment : message.attachments) {
    if (attachment.media_type == media_type) return &attachment;
  }
  return nullptr;
}

SendFailure Permanent(std::string reason) {
  return SendFailure{FailureKind::kPermanent, std::move(reason), "", std::nullopt};
}

SendFailure Transient(std::string reason) {
  return SendFailure{FailureKind::kTransient, std::move(reason), "", std::nullopt};
}

std::string LetterFileName(std::int64_t id, std::string_view extension) {
  return "letter-" + std::to_string(id) + std::string(extension);
}

std::string ProviderId(CalendarDate day, std::int64_t id) {
  return "letter:" + FormatCalendarDate(day) + ":" + std::to_string(id);
}

// "letter:<day>:<id>" -> (day, id).
std::optional<std::pair<CalendarDate, std::int64_t>> ParseProviderId(const std::string& text) {
  constexpr std::string_view kPrefix = "letter:";
  if (text.rfind(kPrefix, 0) != 0 || text.size() < kPrefix.size() + 12) return std::nullopt;
  Result<CalendarDate> day = ParseCalendarDate(std::string_view(text).substr(kPrefix.size(), 10));
  if (!day || text[kPrefix.size() + 10] != ':') return std::nullopt;
  std::int64_t id = 0;
  const char* first = text.data() + kPrefix.size() + 11;
  const char* last = text.data() + text.size();
  const auto [end, error] = std::from_chars(first, last, id);
  if (error != std::errc() || end != last) return std::nullopt;
  return std::make_pair(*day, id);
}

}  // namespace

CalendarDate BatchDayFor(Instant at, const LetterSpoolOptions& options) {
  const auto local = date::make_zoned(options.time_zone, at).get_local_time();
  const auto midnight = date::floor<date::days>(local);
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(local - midnight).count();
  const CalendarDate today{midnight.time_since_epoch()};
  const BusinessCalendar calendar(options.country);
  if (calendar.IsWorkingDay(today) && minutes < options.print_minutes) return today;
  return calendar.NextWorkingDay(today);
}

fs::path BatchFolder(const fs::path& dir, CalendarDate day) {
  return dir / FormatCalendarDate(day);
}

bool IsBatchPrinted(const fs::path& dir, CalendarDate day) {
  std::error_code error;
  return fs::exists(BatchFolder(dir, day) / ("batch-" + FormatCalendarDate(day) + ".pdf"), error);
}

LetterSpool::LetterSpool(LetterSpoolOptions options, const Clock& clock)
    : options_(std::move(options)), clock_(clock) {}

fs::path LetterSpool::FindSpooled(std::int64_t id) const {
  std::error_code error;
  const std::string name = LetterFileName(id, ".json");
  for (fs::directory_iterator it(options_.dir, error), end; !error && it != end;
       it.increment(error)) {
    if (!it->is_directory(error)) continue;
    const fs::path candidate = it->path() / name;
    if (fs::exists(candidate, error)) return candidate;
  }
  return {};
}

SendOutcome LetterSpool::Send(const OutboundMessage& message) {
  const Attachment* document = FindAttachment(message, kLetterJsonMediaType);
  if (document == nullptr) {
    return Permanent("letter " + std::to_string(message.id) + " has no attachment of type " +
                     std::string(kLetterJsonMediaType) + " to print");
  }
  if (Result<LetterDocument> decoded = LetterDocumentFromJson(document->content); !decoded) {
    return Permanent("letter " + std::to_string(message.id) +
                     " cannot be printed: " + decoded.error().message);
  }
  std::lock_guard lock(mutex_);
  if (const fs::path spooled = FindSpooled(message.id); !spooled.empty()) {
    Result<CalendarDate> day = ParseCalendarDate(spooled.parent_path().filename().string());
    if (day) return SendReceipt{ProviderId(*day, message.id), DeliveryState::kAccepted};
  }
  CalendarDate day = BatchDayFor(clock_.Now(), options_);
  const BusinessCalendar calendar(options_.country);
  while (IsBatchPrinted(options_.dir, day)) day = calendar.NextWorkingDay(day);
  const fs::path folder = BatchFolder(options_.dir, day);
  std::error_code error;
  fs::create_directories(folder, error);
  if (error) return Transient("cannot create " + folder.string() + ": " + error.message());
  if (const Attachment* pdf = FindAttachment(message, "application/pdf"); pdf != nullptr) {
    if (duly::Status written =
            WriteFileAtomically(folder / LetterFileName(message.id, ".pdf"), pdf->content);
        !written) {
      return Transient(written.error().message);
    }
  }
  // The JSON last: its presence is what makes the letter spooled.
  if (duly::Status written =
          WriteFileAtomically(folder / LetterFileName(message.id, ".json"), document->content);
      !written) {
    return Transient(written.error().message);
  }
  return SendReceipt{ProviderId(day, message.id), DeliveryState::kAccepted};
}

StatusOutcome LetterSpool::Status(const std::string& provider_id) {
  const auto parsed = ParseProviderId(provider_id);
  if (!parsed) return Permanent("not a letter id: " + provider_id);
  std::error_code error;
  const fs::path spooled =
      BatchFolder(options_.dir, parsed->first) / LetterFileName(parsed->second, ".json");
  if (!fs::exists(spooled, error)) return DeliveryState::kCanceled;
  return IsBatchPrinted(options_.dir, parsed->first) ? DeliveryState::kSent
                                                     : DeliveryState::kAccepted;
}

StatusOutcome LetterSpool::Cancel(const std::string& provider_id) {
  const auto parsed = ParseProviderId(provider_id);
  if (!parsed) return Permanent("not a letter id: " + provider_id);
  std::lock_guard lock(mutex_);
  if (IsBatchPrinted(options_.dir, parsed->first)) return DeliveryState::kSent;
  const fs::path folder = BatchFolder(options_.dir, parsed->first);
  std::error_code error;
  fs::remove(folder / LetterFileName(parsed->second, ".json"), error);
  if (error) return Transient("cannot withdraw letter " + provider_id + ": " + error.message());
  fs::remove(folder / LetterFileName(parsed->second, ".pdf"), error);
  return DeliveryState::kCanceled;
}

Channel::ReconcileOutcome LetterSpool::Reconcile(const OutboundMessage& message,
                                                 Instant /*attempted_at*/) {
  std::lock_guard lock(mutex_);
  const fs::path spooled = FindSpooled(message.id);
  if (spooled.empty()) {
    return duly::Status(NotFound("letter " + std::to_string(message.id) + " is not spooled"));
  }
  Result<CalendarDate> day = ParseCalendarDate(spooled.parent_path().filename().string());
  if (!day) return Transient("unexpected spool folder " + spooled.parent_path().string());
  return SendReceipt{ProviderId(*day, message.id), DeliveryState::kAccepted};
}

}  // namespace duly::channels
