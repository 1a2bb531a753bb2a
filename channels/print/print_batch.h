// duly::channels::PrintLetters: the day's print batch: every letter spooled for a day (see
// letter_spool.h) in one PDF, one letter after the other, with its register.
//
// Promise: reads <dir>/<day>/letter-<id>.json in the order of their message ids, decodes each
// (a file that does not decode fails the whole batch with kInvalidArgument naming the file and
// the field), renders them with LetterRenderer::RenderBatch, and writes, each whole or not at
// all (spool_file.h), the register as batch-<day>.json and batch-<day>.csv and the PDF as
// batch-<day>.pdf, the PDF last since its presence marks the day printed. Printing a day again
// renders the same letters again (the spool takes no letters for a printed day). A day without
// letters is kNotFound. ReadPrintRegister reads a printed day's register back.
// Thread-safety: different days may print concurrently; one day at a time.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "channels/letter/letter_renderer.h"
#include "channels/print/letter_spool.h"
#include "workflows/calendar_date.h"
#include "workflows/status.h"

namespace duly::channels {

struct PrintedLetter {
  std::int64_t message = 0;  // outbox row id
  std::string customer;
  std::string recipient_name;
  int first_page = 0;
  int pages = 0;
  friend bool operator==(const PrintedLetter&, const PrintedLetter&) = default;
};

struct PrintRegister {
  CalendarDate day{};
  int pages = 0;
  std::vector<PrintedLetter> letters;
  std::filesystem::path pdf;  // the batch PDF
  friend bool operator==(const PrintRegister&, const PrintRegister&) = default;
};

Result<PrintRegister> PrintLetters(const std::filesystem::path& dir, CalendarDate day,
                                   const LetterRenderer& renderer);

// Prints every spooled day whose print moment has passed at `now` and that is not printed yet:
// days before today, and today once its print time is reached (days without letters are
// skipped), oldest first, so a daemon that was down at the print time catches up. Stops at the
// first failure, returning it; the days printed before it stay printed.
Result<std::vector<PrintRegister>> PrintDueBatches(const LetterSpoolOptions& options, Instant now,
                                                   const LetterRenderer& renderer);

// The register of a printed day; kNotFound when the day is not printed.
Result<PrintRegister> ReadPrintRegister(const std::filesystem::path& dir, CalendarDate day);

}  // namespace duly::channels
