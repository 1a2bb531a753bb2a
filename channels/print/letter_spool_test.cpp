// The letter channel and the daily print batch on a real folder, checked with poppler's
// pdftotext: batch days, idempotent spooling, reconcile, cancel, and the printed day.
#include "channels/print/letter_spool.h"

#include <array>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <variant>

#include <date/tz.h>
#include <gtest/gtest.h>

#include "channels/compose/letter_document_json.h"
#include "channels/print/print_batch.h"
#include "channels/print/spool_file.h"

namespace duly::channels {
namespace {

namespace fs = std::filesystem;

// Local time in Amsterdam as an Instant.
Instant Amsterdam(const char* day, int hour, int minute = 0) {
  const CalendarDate date = *ParseCalendarDate(day);
  const auto local = date::local_days{date.time_since_epoch()} + std::chrono::hours(hour) +
                     std::chrono::minutes(minute);
  return std::chrono::time_point_cast<std::chrono::milliseconds>(
      date::make_zoned("Europe/Amsterdam", local).get_sys_time());
}

CalendarDate Day(const char* text) { return *ParseCalendarDate(text); }

LetterDocument Letter(const std::string& customer, const std::string& name) {
  LetterDocument letter;
  letter.customer = customer;
  letter.sender.company_name = "Duly Demo BV";
  letter.sender.address_lines = {"Kerkstraat 1", "3511 AA Utrecht"};
  letter.sender.iban = "NL91 ABNA 0417 1643 00";
  letter.recipient.name = name;
  letter.recipient.address_lines = {"Rue Féronstrée 12", "4000 Liège", "BELGIQUE"};
  letter.place_and_date = "Utrecht, 24 november 2026";
  letter.subject = "Herinnering";
  letter.paragraphs = {"Beste klant, wij zagen nog een openstaande factuur."};
  letter.invoices = {{"INV-1", "01-10-2026", "31-10-2026", "€ 1.250,00", "€ 1.250,00"}};
  letter.total = "€ 1.250,00";
  letter.closing = {"Met vriendelijke groet"};
  return letter;
}

OutboundMessage LetterMessage(std::int64_t id, const LetterDocument& letter) {
  OutboundMessage message;
  message.id = id;
  message.channel = "letter";
  message.customer = letter.customer;
  message.attachments.push_back(
      {"letter.json", std::string(kLetterJsonMediaType), LetterDocumentToJson(letter)});
  return message;
}

std::string PdfText(const fs::path& pdf) {
  const std::string command = "pdftotext -layout '" + pdf.string() + "' - 2>/dev/null";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(command.c_str(), "r"), ::pclose);
  std::string text;
  std::array<char, 4096> buffer{};
  while (pipe && std::fgets(buffer.data(), buffer.size(), pipe.get()) != nullptr) {
    text += buffer.data();
  }
  return text;
}

class LetterSpoolTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("duly-spool-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    options_.dir = dir_;
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path dir_;
  LetterSpoolOptions options_;
  ManualClock clock_{Amsterdam("2026-11-24", 10)};  // a Tuesday
};

TEST_F(LetterSpoolTest, BatchDayIsTodayBeforeThePrintTimeOnWorkingDaysElseTheNextWorkingDay) {
  EXPECT_EQ(BatchDayFor(Amsterdam("2026-11-24", 15, 59), options_), Day("2026-11-24"));
  EXPECT_EQ(BatchDayFor(Amsterdam("2026-11-24", 16, 0), options_), Day("2026-11-25"));
  EXPECT_EQ(BatchDayFor(Amsterdam("2026-11-27", 17), options_), Day("2026-11-30"));  // Fri
  EXPECT_EQ(BatchDayFor(Amsterdam("2026-11-28", 9), options_), Day("2026-11-30"));   // Sat
  // Christmas and Boxing Day are Dutch public holidays.
  EXPECT_EQ(BatchDayFor(Amsterdam("2026-12-24", 17), options_), Day("2026-12-28"));
}

TEST_F(LetterSpoolTest, SpoolingIsIdempotentAndReconcileAnswersFromTheFiles) {
  LetterSpool spool(options_, clock_);
  const OutboundMessage message = LetterMessage(7, Letter("C1", "Brasserie L'Été"));
  EXPECT_TRUE(std::holds_alternative<Status>(spool.Reconcile(message, clock_.Now())));

  const SendOutcome first = spool.Send(message);
  ASSERT_TRUE(std::holds_alternative<SendReceipt>(first));
  EXPECT_EQ(std::get<SendReceipt>(first).provider_id, "letter:2026-11-24:7");
  EXPECT_TRUE(fs::exists(dir_ / "2026-11-24" / "letter-7.json"));

  clock_.Set(Amsterdam("2026-11-24", 17));  // after the print time: would go to tomorrow
  const SendOutcome again = spool.Send(message);
  ASSERT_TRUE(std::holds_alternative<SendReceipt>(again));
  EXPECT_EQ(std::get<SendReceipt>(again), std::get<SendReceipt>(first));
  EXPECT_FALSE(fs::exists(dir_ / "2026-11-25"));

  const auto found = spool.Reconcile(message, clock_.Now());
  ASSERT_TRUE(std::holds_alternative<SendReceipt>(found));
  EXPECT_EQ(std::get<SendReceipt>(found).provider_id, "letter:2026-11-24:7");
}

TEST_F(LetterSpoolTest, AMessageWithoutAPrintableLetterFailsPermanently) {
  LetterSpool spool(options_, clock_);
  OutboundMessage bare;
  bare.id = 3;
  const SendOutcome none = spool.Send(bare);
  ASSERT_TRUE(std::holds_alternative<SendFailure>(none));
  EXPECT_EQ(std::get<SendFailure>(none).kind, FailureKind::kPermanent);

  OutboundMessage broken = bare;
  broken.attachments.push_back({"x.json", std::string(kLetterJsonMediaType), "{\"format\": 99}"});
  const SendOutcome refused = spool.Send(broken);
  ASSERT_TRUE(std::holds_alternative<SendFailure>(refused));
  EXPECT_EQ(std::get<SendFailure>(refused).kind, FailureKind::kPermanent);
  EXPECT_FALSE(fs::exists(dir_ / "2026-11-24"));
}

TEST_F(LetterSpoolTest, ThePrintBatchHoldsEveryLetterOfTheDayInOrderAndClosesTheDay) {
  LetterSpool spool(options_, clock_);
  ASSERT_TRUE(std::holds_alternative<SendReceipt>(
      spool.Send(LetterMessage(12, Letter("C2", "Bakkerij Jansen B.V.")))));
  ASSERT_TRUE(std::holds_alternative<SendReceipt>(
      spool.Send(LetterMessage(5, Letter("C1", "Brasserie L'Été")))));
  const SendOutcome withdrawn = spool.Send(LetterMessage(9, Letter("C3", "Café Noël")));
  ASSERT_TRUE(std::holds_alternative<SendReceipt>(withdrawn));
  const std::string withdrawn_id = std::get<SendReceipt>(withdrawn).provider_id;
  EXPECT_EQ(std::get<DeliveryState>(spool.Cancel(withdrawn_id)), DeliveryState::kCanceled);

  const LetterRenderer renderer;
  Result<PrintRegister> batch = PrintLetters(dir_, Day("2026-11-24"), renderer);
  ASSERT_TRUE(batch.has_value()) << batch.error().message;
  ASSERT_EQ(batch->letters.size(), 2u);
  EXPECT_EQ(batch->letters[0].message, 5);  // in message order
  EXPECT_EQ(batch->letters[0].customer, "C1");
  EXPECT_EQ(batch->letters[0].first_page, 1);
  EXPECT_EQ(batch->letters[1].message, 12);
  EXPECT_EQ(batch->letters[1].first_page, batch->letters[0].pages + 1);
  const std::string text = PdfText(batch->pdf);
  EXPECT_NE(text.find("Brasserie L'Été"), std::string::npos) << text;
  EXPECT_NE(text.find("Bakkerij Jansen B.V."), std::string::npos);
  EXPECT_NE(text.find("Rue Féronstrée 12"), std::string::npos);
  EXPECT_NE(text.find("€ 1.250,00"), std::string::npos);
  EXPECT_EQ(text.find("Café Noël"), std::string::npos);  // withdrawn before printing

  Result<PrintRegister> register_read = ReadPrintRegister(dir_, Day("2026-11-24"));
  ASSERT_TRUE(register_read.has_value()) << register_read.error().message;
  EXPECT_EQ(*register_read, *batch);
  Result<std::string> csv = ReadWholeFile(dir_ / "2026-11-24" / "batch-2026-11-24.csv");
  ASSERT_TRUE(csv.has_value());
  EXPECT_NE(csv->find("1,5,C1,Brasserie L'Été,1,"), std::string::npos) << *csv;

  // The day is printed: its letters are sent, nothing can be withdrawn, and a new letter goes to
  // the next working day even before the print time.
  EXPECT_EQ(std::get<DeliveryState>(spool.Status("letter:2026-11-24:5")), DeliveryState::kSent);
  EXPECT_EQ(std::get<DeliveryState>(spool.Cancel("letter:2026-11-24:5")), DeliveryState::kSent);
  const SendOutcome late = spool.Send(LetterMessage(20, Letter("C4", "Late B.V.")));
  ASSERT_TRUE(std::holds_alternative<SendReceipt>(late));
  EXPECT_EQ(std::get<SendReceipt>(late).provider_id, "letter:2026-11-25:20");
}

TEST_F(LetterSpoolTest, DueBatchesArePrintedOnceTheirTimeHasPassedAndMissedDaysCatchUp) {
  LetterSpool spool(options_, clock_);
  ASSERT_TRUE(std::holds_alternative<SendReceipt>(
      spool.Send(LetterMessage(1, Letter("C1", "Brasserie L'Été")))));
  clock_.Set(Amsterdam("2026-11-24", 16, 30));  // after the print time: tomorrow's batch
  ASSERT_TRUE(std::holds_alternative<SendReceipt>(
      spool.Send(LetterMessage(2, Letter("C2", "Bakkerij Jansen B.V.")))));
  const LetterRenderer renderer;

  Result<std::vector<PrintRegister>> before =
      PrintDueBatches(options_, Amsterdam("2026-11-24", 15), renderer);
  ASSERT_TRUE(before.has_value()) << before.error().message;
  EXPECT_TRUE(before->empty());

  // The daemon was down from 15:00 until the next afternoon: both days print now, oldest first.
  Result<std::vector<PrintRegister>> caught_up =
      PrintDueBatches(options_, Amsterdam("2026-11-25", 16, 1), renderer);
  ASSERT_TRUE(caught_up.has_value()) << caught_up.error().message;
  ASSERT_EQ(caught_up->size(), 2u);
  EXPECT_EQ((*caught_up)[0].day, Day("2026-11-24"));
  EXPECT_EQ((*caught_up)[1].day, Day("2026-11-25"));
  EXPECT_EQ((*caught_up)[1].letters.at(0).message, 2);

  Result<std::vector<PrintRegister>> again =
      PrintDueBatches(options_, Amsterdam("2026-11-25", 17), renderer);
  ASSERT_TRUE(again.has_value());
  EXPECT_TRUE(again->empty());  // printed days are not printed twice
}

TEST_F(LetterSpoolTest, ADayWithoutLettersIsNotFoundAndNotPrinted) {
  const LetterRenderer renderer;
  Result<PrintRegister> batch = PrintLetters(dir_, Day("2026-11-24"), renderer);
  ASSERT_FALSE(batch.has_value());
  EXPECT_EQ(batch.error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(IsBatchPrinted(dir_, Day("2026-11-24")));
}

}  // namespace
}  // namespace duly::channels
