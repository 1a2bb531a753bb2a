// The letters routes over a real spool folder: nothing printed is 404, a spooled letter prints
// once its time has passed, its register and PDF can be fetched, and roles are enforced.
#include <variant>

#include "channels/compose/letter_document_json.h"
#include "daemon/api/api_test_fixture.h"

namespace duly::daemon {
namespace {

channels::OutboundMessage SpooledLetter(std::int64_t id) {
  channels::LetterDocument letter;
  letter.customer = "C1";
  letter.sender.company_name = "Duly Demo BV";
  letter.sender.address_lines = {"Kerkstraat 1", "3511 AA Utrecht"};
  letter.recipient.name = "Brasserie L'Été";
  letter.recipient.address_lines = {"Rue Féronstrée 12", "4000 Liège"};
  letter.place_and_date = "Utrecht, 24 november 2026";
  letter.subject = "Herinnering";
  letter.paragraphs = {"Beste klant, wij zagen nog een openstaande factuur."};
  channels::OutboundMessage message;
  message.id = id;
  message.channel = "letter";
  message.attachments.push_back({"letter.json", std::string(channels::kLetterJsonMediaType),
                                 channels::LetterDocumentToJson(letter)});
  return message;
}

TEST_F(ApiTest, LettersPrintOnceDueAndServeTheirRegisterAndPdf) {
  const std::string day = FormatCalendarDate(LocalDay(clock_.Now(), "Europe/Amsterdam"));
  EXPECT_EQ(Admin("GET", "/v1/letters/batches/" + day).status, 404);
  EXPECT_EQ(Admin("GET", "/v1/letters/batches/someday").status, 400);

  channels::LetterSpool spool(LetterOptions(), clock_);
  const channels::SendOutcome spooled = spool.Send(SpooledLetter(41));
  ASSERT_TRUE(std::holds_alternative<channels::SendReceipt>(spooled));
  const std::string batch_day = std::get<channels::SendReceipt>(spooled).provider_id.substr(7, 10);

  // Collectors may read but not print.
  EXPECT_EQ(Call("POST", "/v1/letters/print", tokens_.at(Role::kCollector)).status, 403);
  clock_.Advance(std::chrono::hours(24 * 5));  // past the batch day's print time
  const HttpResponse printed = Call("POST", "/v1/letters/print", tokens_.at(Role::kManager));
  ASSERT_EQ(printed.status, 200) << printed.body;
  const nlohmann::json batches = Json(printed)["printed"];
  ASSERT_EQ(batches.size(), 1u);
  EXPECT_EQ(batches[0]["day"], batch_day);
  EXPECT_EQ(batches[0]["letters"][0]["message"], 41);
  EXPECT_EQ(batches[0]["letters"][0]["recipient"], "Brasserie L'Été");
  EXPECT_TRUE(Json(Admin("POST", "/v1/letters/print"))["printed"].empty());  // printed once

  const HttpResponse register_read =
      Call("GET", "/v1/letters/batches/" + batch_day, tokens_.at(Role::kCollector));
  ASSERT_EQ(register_read.status, 200) << register_read.body;
  EXPECT_EQ(Json(register_read), batches[0]);
  const HttpResponse pdf = Admin("GET", "/v1/letters/batches/" + batch_day + "/pdf");
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.content_type, "application/pdf");
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  EXPECT_EQ(Call("GET", "/v1/letters/batches/" + batch_day, tokens_.at(Role::kIntegration)).status,
            403);
}

}  // namespace
}  // namespace duly::daemon
