// duly::channels::LetterSpool: the "letter" channel. A letter is delivered by putting it in the
// print batch of its day; the daily print job (print_batch.h) turns a day's letters into one PDF.
//
// Promise: Send takes the letter's LetterDocument from the message's attachment of media type
// kLetterJsonMediaType (compose/letter_document_json.h; a message without one, or whose JSON
// does not decode, is a kPermanent failure naming it) and writes it, with the letter's own PDF
// when attached, to <dir>/<batch day>/letter-<message id>.json (.pdf), each file written to a
// temporary name, flushed and renamed, so a crash leaves the letter whole or absent. The batch
// day is BatchDayFor(now). A day whose batch is already printed takes no more letters: the
// letter goes to the next working day's batch. Sending the same message id again finds the
// spooled file and answers the same receipt (provider id "letter:<day>:<id>", kAccepted)
// without writing. Reconcile answers exactly from the files (receipt or kNotFound). Status is
// kSent once the letter's batch is printed, else kAccepted; Cancel removes a letter whose batch
// is not printed yet (kCanceled) and otherwise answers kSent. Filesystem errors are kTransient
// with the path and the system's reason.
// Thread-safety: all methods may run concurrently; mutex_ serialises changes to the spool.
#pragma once

#include <filesystem>
#include <mutex>
#include <string>

#include "channels/channel.h"
#include "workflows/business_calendar.h"
#include "workflows/clock.h"

namespace duly::channels {

struct LetterSpoolOptions {
  std::filesystem::path dir;                   // the spool; created when missing
  std::string time_zone = "Europe/Amsterdam";  // where "today" and the print time are reckoned
  std::string country = "NL";                  // working days of the print room
  int print_minutes = 16 * 60;                 // the day's batch is printed at this local time
};

// The day whose batch a letter spooled at `at` joins: today when it is a working day and the
// print time has not passed, else the next working day.
CalendarDate BatchDayFor(Instant at, const LetterSpoolOptions& options);

// "<dir>/<YYYY-MM-DD>": the folder of a day's letters and batch.
std::filesystem::path BatchFolder(const std::filesystem::path& dir, CalendarDate day);

// True when the day's batch PDF exists (the day is printed).
bool IsBatchPrinted(const std::filesystem::path& dir, CalendarDate day);

class LetterSpool final : public Channel {
 public:
  // `clock` must outlive the spool.
  LetterSpool(LetterSpoolOptions options, const Clock& clock);

  std::string_view name() const override { return "letter"; }
  SendOutcome Send(const OutboundMessage& message) override;
  StatusOutcome Status(const std::string& provider_id) override;
  StatusOutcome Cancel(const std::string& provider_id) override;
  ReconcileOutcome Reconcile(const OutboundMessage& message, Instant attempted_at) override;

 private:
  // The spooled JSON of message `id` in any day's folder, or an empty path.
  std::filesystem::path FindSpooled(std::int64_t id) const;

  LetterSpoolOptions options_;
  const Clock& clock_;
  std::mutex mutex_;  // one change to the spool at a time
};

}  // namespace duly::channels
