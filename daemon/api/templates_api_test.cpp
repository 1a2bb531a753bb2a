// The templates API over a real SQLite store, with the fixture's in-memory TemplateStore standing
// in for the SociStore's until it implements the interface.
#include <gmock/gmock.h>

#include "daemon/api/api_test_fixture.h"
#include "workflows/base64.h"

namespace duly::daemon {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

// The fixture's context has an in-memory TemplateStore and a company profile.
class TemplatesApiTest : public ApiTest {
 protected:
  HttpResponse As(Role role, const std::string& method, const std::string& target,
                  const std::string& body = "") const {
    return Call(method, target, tokens_.at(role), body);
  }
};

const char* kSmsOnly = R"({"parts": {"sms.text": "Nog {{total_open}} open bij {{company.name}}"}})";

json Find(const json& items, const std::string& id, const std::string& language) {
  for (const json& item : items) {
    if (item["id"] == id && item["language"] == language) return item;
  }
  return json();
}

TEST_F(TemplatesApiTest, ListsTheDefaultsAndThenTheStoredVersion) {
  HttpResponse listed = Admin("GET", "/v1/templates");
  ASSERT_EQ(listed.status, 200) << listed.body;
  json friendly = Find(Json(listed)["items"], "reminder-friendly", "fr");
  EXPECT_EQ(friendly["source"], "default");
  EXPECT_EQ(friendly["version"], 0);
  EXPECT_THAT(friendly["parts"].dump(), HasSubstr("whatsapp.text"));
  EXPECT_FALSE(Find(Json(listed)["items"], "courtesy", "en").is_null());

  HttpResponse saved = Admin("PUT", "/v1/templates/payment-thanks/nl", kSmsOnly);
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(Json(saved)["version"], 1);
  EXPECT_EQ(Json(saved)["actor"], "token:admin-test");
  EXPECT_EQ(Json(saved)["replaces_default"], false);

  json thanks = Find(Json(Admin("GET", "/v1/templates"))["items"], "payment-thanks", "nl");
  EXPECT_EQ(thanks["source"], "stored");
  EXPECT_EQ(thanks["version"], 1);
  HttpResponse one = As(Role::kCollector, "GET", "/v1/templates/payment-thanks/nl");
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(Json(one)["parts"]["sms.text"], "Nog {{total_open}} open bij {{company.name}}");
}

TEST_F(TemplatesApiTest, SavingKeepsVersionsAndReplacesTheDefaultInForce) {
  HttpResponse shipped = Admin("GET", "/v1/templates/reminder-friendly/nl");
  ASSERT_EQ(shipped.status, 200);
  json body = {{"parts", Json(shipped)["parts"]}};
  body["parts"]["sms.text"] = "Beste {{customer.name}}, nog {{total_open}} open. {{company.name}}";
  HttpResponse saved = Admin("PUT", "/v1/templates/reminder-friendly/nl", body.dump());
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(Json(saved)["replaces_default"], true);
  HttpResponse again = Admin("PUT", "/v1/templates/reminder-friendly/nl", body.dump());
  EXPECT_EQ(Json(again)["version"], 1) << "the same parts write nothing";
  body["parts"]["sms.text"] = "Nog {{total_open}} open. {{company.name}}";
  EXPECT_EQ(Json(Admin("PUT", "/v1/templates/reminder-friendly/nl", body.dump()))["version"], 2);

  HttpResponse versions = Admin("GET", "/v1/templates/reminder-friendly/nl/versions");
  ASSERT_EQ(versions.status, 200);
  ASSERT_EQ(Json(versions)["items"].size(), 2u);
  EXPECT_THAT(Json(versions)["items"][0]["parts"]["sms.text"].get<std::string>(),
              HasSubstr("Beste"));
  HttpResponse in_force = Admin("GET", "/v1/templates/reminder-friendly/nl");
  EXPECT_EQ(Json(in_force)["source"], "stored");
  EXPECT_EQ(Json(in_force)["parts"]["sms.text"], "Nog {{total_open}} open. {{company.name}}");
  EXPECT_EQ(Json(Admin("GET", "/v1/templates/reminder-friendly/fr/versions"))["items"].size(), 0u);
}

TEST_F(TemplatesApiTest, AnUnknownVariableIs422NamingThePartAndTheVariable) {
  HttpResponse refused = Admin("PUT", "/v1/templates/payment-thanks/nl", R"({"parts": {
      "sms.text": "Factuur {{invoice_number}}",
      "email.subject": "Bedankt {{customer.name}}",
      "email.html": "<p>{{#invoices}}{{numbr}}{{/invoices}}</p>"}})");
  ASSERT_EQ(refused.status, 422) << refused.body;
  const std::string fields = Fields(refused);
  EXPECT_THAT(fields, HasSubstr("/parts/sms.text: unknown variable {{invoice_number}}"));
  EXPECT_THAT(fields, HasSubstr("/parts/email.html: unknown variable {{numbr}}"));
  EXPECT_THAT(fields, Not(HasSubstr("email.subject")));
  EXPECT_EQ(Json(Admin("GET", "/v1/templates/payment-thanks/nl/versions"))["items"].size(), 0u);
  EXPECT_EQ(Admin("GET", "/v1/templates/payment-thanks/nl").status, 404);
}

TEST_F(TemplatesApiTest, AVariableTheCompanyProfileLeavesBlankIsRefusedWhenSaved) {
  ApiContext context = *context_;
  context.company.iban.clear();  // no IBAN configured
  router_ = std::make_unique<Router>(MakeTokenAuthenticator(*store_));
  AddApiRoutes(*router_, context);
  HttpResponse refused = Admin("PUT", "/v1/templates/payment-thanks/nl",
                               R"({"parts": {"sms.text": "Betaal naar {{company.iban}}"}})");
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_THAT(Fields(refused), HasSubstr("/parts/sms.text: {{company.iban}} has no value"));
}

TEST_F(TemplatesApiTest, ReplacingADefaultKeepsEveryPartItHas) {
  HttpResponse refused = Admin("PUT", "/v1/templates/final-notice/fr", kSmsOnly);
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_THAT(Fields(refused), HasSubstr("/parts/letter.text: required"));
  EXPECT_THAT(Fields(refused), HasSubstr("/parts/email.html: required"));
}

TEST_F(TemplatesApiTest, BadBodiesAndPathsAre400) {
  EXPECT_EQ(Admin("PUT", "/v1/templates/payment-thanks/nl", "{").status, 400);
  EXPECT_EQ(Admin("PUT", "/v1/templates/payment-thanks/nl", R"({"parts": {}})").status, 400);
  EXPECT_EQ(
      Admin("PUT", "/v1/templates/payment-thanks/nl", R"({"parts": {"fax.text": "x"}})").status,
      400);
  EXPECT_EQ(Admin("PUT", "/v1/templates/payment-thanks/xx", kSmsOnly).status, 400);
  EXPECT_EQ(Admin("PUT", "/v1/templates/Payment%20Thanks/nl", kSmsOnly).status, 400);
}

TEST_F(TemplatesApiTest, ManagersWriteAndCollectorsRead) {
  EXPECT_EQ(As(Role::kManager, "PUT", "/v1/templates/payment-thanks/nl", kSmsOnly).status, 200);
  EXPECT_EQ(As(Role::kCollector, "PUT", "/v1/templates/payment-thanks/nl", kSmsOnly).status, 403);
  EXPECT_EQ(As(Role::kCollector, "GET", "/v1/templates").status, 200);
  EXPECT_EQ(As(Role::kColleague, "GET", "/v1/templates").status, 403);
  EXPECT_EQ(As(Role::kIntegration, "GET", "/v1/templates/courtesy/nl").status, 403);
}

TEST_F(TemplatesApiTest, PreviewRendersForARealCustomerAndTheirOpenInvoices) {
  SeedCustomerAndInvoice();
  HttpResponse email = As(Role::kCollector, "POST", "/v1/templates/reminder-friendly/nl/preview",
                          R"({"customer": "C1", "channel": "email"})");
  ASSERT_EQ(email.status, 200) << email.body;
  json message = Json(email);
  EXPECT_EQ(message["language"], "nl");
  EXPECT_EQ(message["to"], "") << "C1 has no e-mail address; the preview still renders";
  EXPECT_THAT(message["text"].get<std::string>(), HasSubstr("€ 1.250,00"));
  EXPECT_THAT(message["text"].get<std::string>(), HasSubstr("Bakkerij de Vries"));
  EXPECT_THAT(message["html"].get<std::string>(), HasSubstr("INV-1"));
  EXPECT_EQ(message["invoices"], json::array({"INV-1"}));
  ASSERT_EQ(message["attachments"].size(), 1u);
  EXPECT_EQ(message["attachments"][0]["filename"], "INV-1.pdf");
  EXPECT_EQ(message["attachments"][0]["content_base64"], "JVBERi0xLjQK");

  HttpResponse french = Admin("POST", "/v1/templates/reminder-second/fr/preview",
                              R"({"customer": "C1", "channel": "sms"})");
  ASSERT_EQ(french.status, 200) << french.body;
  EXPECT_EQ(Json(french)["language"], "fr");
  EXPECT_THAT(Json(french)["text"].get<std::string>(), HasSubstr("1 250,00 €"));

  HttpResponse draft = Admin("POST", "/v1/templates/reminder-friendly/en/preview",
                             R"({"customer": "C1", "channel": "sms",
                                 "parts": {"sms.text": "Still open: {{total_open}}"}})");
  ASSERT_EQ(draft.status, 200) << draft.body;
  EXPECT_EQ(Json(draft)["text"], "Still open: €1,250.00");
  EXPECT_EQ(Json(Admin("GET", "/v1/templates/reminder-friendly/en/versions"))["items"].size(), 0u)
      << "a preview saves nothing";
}

TEST_F(TemplatesApiTest, PreviewOfALetterAnswersItsPdf) {
  ASSERT_EQ(Admin("POST", "/v1/customers", R"({"customers": [{"id": "C2", "name": "Café Noël",
                  "language": "fr", "address": {"street": "Rue Haute 3", "postal_code": "1000",
                  "city": "Bruxelles", "country": "BE"}}]})")
                .status,
            200);
  ASSERT_EQ(Admin("POST", "/v1/invoices", R"({"invoices": [{"id": "INV-2", "customer": "C2",
                  "issued": "2026-02-01", "due": "2026-03-01", "amount": "1234.56"}]})")
                .status,
            200);
  HttpResponse letter = Admin("POST", "/v1/templates/final-notice/fr/preview",
                              R"({"customer": "C2", "channel": "letter"})");
  ASSERT_EQ(letter.status, 200) << letter.body;
  json message = Json(letter);
  EXPECT_EQ(message["to"], "Café Noël, Rue Haute 3, 1000 Bruxelles");
  ASSERT_EQ(message["attachments"].size(), 2u);
  EXPECT_EQ(message["attachments"][0]["media_type"], "application/pdf");
  auto pdf = DecodeBase64(message["attachments"][0]["content_base64"].get<std::string>());
  ASSERT_TRUE(pdf);
  EXPECT_EQ(pdf->substr(0, 5), "%PDF-");
}

TEST_F(TemplatesApiTest, PreviewNamesWhatIsMissing) {
  SeedCustomerAndInvoice();
  EXPECT_EQ(Admin("POST", "/v1/templates/reminder-friendly/nl/preview",
                  R"({"customer": "C9", "channel": "email"})")
                .status,
            404);
  EXPECT_EQ(
      Admin("POST", "/v1/templates/no-such/nl/preview", R"({"customer": "C1", "channel": "email"})")
          .status,
      422);
  EXPECT_EQ(Admin("POST", "/v1/templates/reminder-friendly/nl/preview",
                  R"({"customer": "C1", "channel": "fax"})")
                .status,
            400);
}

TEST_F(ApiTest, TemplateRoutesWithoutATemplateStoreAnswer503) {
  ApiContext context = *context_;
  context.templates = nullptr;
  router_ = std::make_unique<Router>(MakeTokenAuthenticator(*store_));
  AddApiRoutes(*router_, context);
  EXPECT_EQ(Admin("GET", "/v1/templates").status, 503);
  EXPECT_EQ(Admin("PUT", "/v1/templates/payment-thanks/nl", kSmsOnly).status, 503);
}

TEST_F(ApiTest, AWorkflowMayNameATemplateOnceItIsStored) {
  ASSERT_EQ(
      Admin("PUT", "/v1/segments", R"({"segments": [{"id": "all", "priority": 1, "when": {}}]})")
          .status,
      200);
  const std::string workflow = R"({"id": "thanks", "name": "Thanks", "segment": "all",
      "steps": [{"id": "thank", "at": "due+1d", "action":
      {"type": "message", "channel": "sms", "template": "payment-thanks"}}]})";
  const HttpResponse unknown = Admin("POST", "/v1/workflows", workflow);
  ASSERT_EQ(unknown.status, 422) << unknown.body;
  EXPECT_NE(unknown.body.find("payment-thanks"), std::string::npos);

  ASSERT_EQ(Admin("PUT", "/v1/templates/payment-thanks/nl", kSmsOnly).status, 200);
  const HttpResponse saved = Admin("POST", "/v1/workflows", workflow);
  EXPECT_EQ(saved.status, 200) << saved.body;
}

}  // namespace
}  // namespace duly::daemon
