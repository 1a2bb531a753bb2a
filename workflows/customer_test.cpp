#include "workflows/customer.h"

#include <string>

#include <gtest/gtest.h>

namespace duly {
namespace {

Customer ValidCustomer() {
  Customer customer;
  customer.id = "C-1001";
  customer.name = "Bakkerij De Vries B.V.";
  customer.kind = CustomerKind::kB2b;
  customer.language = "nl";
  customer.email = "crediteuren@devries.nl";
  customer.phone = "+31612345678";
  customer.whatsapp = true;
  customer.preferred_channels = {"email", "whatsapp", "letter"};
  customer.contacts = {{"Anna de Vries", "owner", "anna@devries.nl", "+31687654321"},
                       {"Piet", "accounts payable", "piet@devries.nl", ""}};
  customer.address = {"Dorpsstraat 1", "1234 AB", "Utrecht", "NL"};
  customer.account_manager = "col-7";
  customer.tags = {"bakery", "key-account"};
  customer.vat_number = "NL123456789B01";
  customer.iban = "NL91ABNA0417164300";
  customer.time_zone = "Europe/Amsterdam";
  customer.credit_limit = Money::FromCents(500000);
  customer.currency = "EUR";
  return customer;
}

// Asserts that exactly one rule is broken, at `field`, and returns its message.
std::string OnlyError(const Customer& customer, const std::string& field) {
  const auto errors = Validate(customer);
  EXPECT_EQ(errors.size(), 1U) << field;
  if (errors.empty()) return {};
  EXPECT_EQ(errors[0].field, field);
  EXPECT_FALSE(errors[0].message.empty());
  return errors[0].message;
}

TEST(CustomerTest, AcceptsCompleteCustomer) { EXPECT_TRUE(Validate(ValidCustomer()).empty()); }

TEST(CustomerTest, AcceptsMinimalCustomer) {
  Customer customer;
  customer.id = "7";
  customer.name = "Jan";
  EXPECT_TRUE(Validate(customer).empty());
}

TEST(CustomerTest, RequiresId) {
  Customer customer = ValidCustomer();
  customer.id = "";
  EXPECT_EQ(OnlyError(customer, "/id"), "is required");
}

TEST(CustomerTest, LimitsIdToSixtyFourCharacters) {
  Customer customer = ValidCustomer();
  customer.id = std::string(64, 'x');
  EXPECT_TRUE(Validate(customer).empty());
  customer.id = std::string(65, 'x');
  EXPECT_EQ(OnlyError(customer, "/id"), "must be at most 64 characters; it has 65");
}

TEST(CustomerTest, RefusesControlCharactersInId) {
  Customer customer = ValidCustomer();
  customer.id = "C\t1";
  OnlyError(customer, "/id");
  customer.id = " C1";
  EXPECT_EQ(OnlyError(customer, "/id"), "must not start or end with a space");
}

TEST(CustomerTest, RequiresName) {
  Customer customer = ValidCustomer();
  customer.name = "   ";
  EXPECT_EQ(OnlyError(customer, "/name"), "is required");
}

TEST(CustomerTest, LimitsNameToTwoHundredCharacters) {
  Customer customer = ValidCustomer();
  std::string name;
  for (int i = 0; i < 200; ++i) name += "\xC3\xA9";  // 200 characters, 400 bytes
  customer.name = name;
  EXPECT_TRUE(Validate(customer).empty());
  customer.name = name + "e";
  EXPECT_EQ(OnlyError(customer, "/name"), "must be at most 200 characters; it has 201");
}

TEST(CustomerTest, RequiresUtf8Name) {
  Customer customer = ValidCustomer();
  customer.name = "Soci\xE9t\xE9 G\xE9n\xE9rale";  // Latin-1
  EXPECT_EQ(OnlyError(customer, "/name"), "is not valid UTF-8 text");
  customer.name = "Bakkerij\nDe Vries";
  OnlyError(customer, "/name");
}

TEST(CustomerTest, KnowsFourLanguages) {
  Customer customer = ValidCustomer();
  for (const char* language : {"nl", "fr", "en", "de"}) {
    customer.language = language;
    EXPECT_TRUE(Validate(customer).empty()) << language;
  }
  customer.language = "NL";
  OnlyError(customer, "/language");
}

TEST(CustomerTest, ChecksEmailShape) {
  Customer customer = ValidCustomer();
  customer.email = "crediteuren@devries";
  OnlyError(customer, "/email");
  for (const char* good : {"a@b.nl", "first.last+ar@sub.example.co.uk", "o'brien@example.ie"}) {
    EXPECT_TRUE(IsEmailAddress(good)) << good;
  }
  for (const char* bad : {"", "plain", "@example.com", "a@", "a b@example.com", "a@@b.nl",
                          "a@b@c.nl", ".a@b.nl", "a..b@c.nl", "a@-b.nl", "a@b..nl", "a@b.1",
                          "a@b.nl\n", "a@exa mple.nl", "<a@b.nl>", "a@b.nl,c@d.nl"}) {
    EXPECT_FALSE(IsEmailAddress(bad)) << bad;
  }
}

TEST(CustomerTest, ChecksPhoneIsE164) {
  Customer customer = ValidCustomer();
  customer.phone = "0612345678";
  OnlyError(customer, "/phone");
  EXPECT_TRUE(IsE164("+32470123456"));
  EXPECT_TRUE(IsE164("+12345678"));           // 8 digits
  EXPECT_TRUE(IsE164("+123456789012345"));    // 15 digits
  EXPECT_FALSE(IsE164("+1234567"));           // 7 digits
  EXPECT_FALSE(IsE164("+1234567890123456"));  // 16 digits
  EXPECT_FALSE(IsE164("+0612345678"));
  EXPECT_FALSE(IsE164("+31 6 12345678"));
  EXPECT_FALSE(IsE164("31612345678"));
}

TEST(CustomerTest, WhatsappNeedsPhone) {
  Customer customer = ValidCustomer();
  customer.phone = "";
  OnlyError(customer, "/whatsapp");
}

TEST(CustomerTest, ChecksPreferredChannelNames) {
  Customer customer = ValidCustomer();
  customer.preferred_channels = {"email", "fax"};
  OnlyError(customer, "/preferred_channels/1");
  customer.preferred_channels = {"sms", "voice", "sms"};
  EXPECT_EQ(OnlyError(customer, "/preferred_channels/2"), "lists sms a second time");
}

TEST(CustomerTest, ChecksContacts) {
  Customer customer = ValidCustomer();
  customer.contacts[1].phone = "06-12345678";
  OnlyError(customer, "/contacts/1/phone");
  customer = ValidCustomer();
  customer.contacts[0].email = "anna";
  OnlyError(customer, "/contacts/0/email");
  customer = ValidCustomer();
  customer.contacts[1].name = std::string(201, 'p');
  OnlyError(customer, "/contacts/1/name");
}

TEST(CustomerTest, ChecksAddressCountry) {
  Customer customer = ValidCustomer();
  customer.address.country = "Nederland";
  OnlyError(customer, "/address/country");
  customer.address.country = "nl";
  OnlyError(customer, "/address/country");
}

TEST(CustomerTest, ChecksAccountManagerId) {
  Customer customer = ValidCustomer();
  customer.account_manager = std::string(65, 'm');
  OnlyError(customer, "/account_manager");
}

TEST(CustomerTest, ChecksTags) {
  Customer customer = ValidCustomer();
  customer.tags = {"bakery", ""};
  OnlyError(customer, "/tags/1");
  customer.tags = {"bakery", "bakery"};
  OnlyError(customer, "/tags/1");
}

TEST(CustomerTest, ChecksVatNumberShape) {
  Customer customer = ValidCustomer();
  customer.vat_number = "NL 1234 5678 9B01";
  OnlyError(customer, "/vat_number");
  customer.vat_number = "BE0123456789";
  EXPECT_TRUE(Validate(customer).empty());
}

TEST(CustomerTest, ChecksIban) {
  Customer customer = ValidCustomer();
  customer.iban = "NL91ABNA0417164301";  // one digit off
  OnlyError(customer, "/iban");
}

TEST(CustomerTest, IbanPassesMod97ForEachCountryLength) {
  for (const char* iban :
       {"NL91ABNA0417164300", "BE68539007547034", "DE89370400440532013000",
        "FR1420041010050500013M02606", "LU280019400644750000", "GB29NWBK60161331926819",
        "AT611904300234573201", "ES9121000418450200051332", "IT60X0542811101000000123456",
        "CH9300762011623852957", "NO9386011117947", "MT84MALT011000012345MTLCAST001S"}) {
    EXPECT_TRUE(IsIban(iban)) << iban;
  }
  EXPECT_FALSE(IsIban("NL91ABNA041716430"));       // NL is 18 characters
  EXPECT_FALSE(IsIban("BE68539007547035"));        // check fails
  EXPECT_FALSE(IsIban("BE6853900754703"));         // BE is 16 characters
  EXPECT_FALSE(IsIban("NL91 ABNA 0417 1643 00"));  // spaces are normalised away before
  EXPECT_FALSE(IsIban("nl91abna0417164300"));      // upper case expected
  EXPECT_FALSE(IsIban("XX91ABNA0417164300"));      // unknown country
  EXPECT_FALSE(IsIban("NL91ABNA04171643-0"));
  EXPECT_FALSE(IsIban(""));
}

TEST(CustomerTest, ChecksTimeZone) {
  Customer customer = ValidCustomer();
  customer.time_zone = "Europe/Amsterdamm";
  OnlyError(customer, "/time_zone");
  customer.time_zone = "";
  EXPECT_TRUE(Validate(customer).empty());
}

TEST(CustomerTest, CreditLimitIsNotNegative) {
  Customer customer = ValidCustomer();
  customer.credit_limit = Money::FromCents(-1);
  OnlyError(customer, "/credit_limit");
}

TEST(CustomerTest, ChecksCurrency) {
  Customer customer = ValidCustomer();
  customer.currency = "euro";
  OnlyError(customer, "/currency");
}

TEST(CustomerTest, ChecksRiskRating) {
  Customer customer = ValidCustomer();
  for (const char* rating : {"", "low", "medium", "high"}) {
    customer.risk_rating = rating;
    EXPECT_TRUE(Validate(customer).empty()) << rating;
  }
  for (const char* rating : {"High", "critical", " low"}) {
    customer.risk_rating = rating;
    OnlyError(customer, "/risk_rating");
  }
  EXPECT_TRUE(IsRiskRating("medium"));
  EXPECT_FALSE(IsRiskRating(""));
}

TEST(CustomerTest, ReportsEveryBrokenRule) {
  Customer customer = ValidCustomer();
  customer.id = "";
  customer.email = "x";
  customer.iban = "NL00";
  const auto errors = Validate(customer);
  ASSERT_EQ(errors.size(), 3U);
  EXPECT_EQ(errors[0].field, "/id");
  EXPECT_EQ(errors[1].field, "/email");
  EXPECT_EQ(errors[2].field, "/iban");
}

TEST(CustomerTest, NamesKindsAndChannels) {
  EXPECT_EQ(ParseCustomerKind(CustomerKindName(CustomerKind::kB2c)), CustomerKind::kB2c);
  EXPECT_EQ(ParseCustomerKind(CustomerKindName(CustomerKind::kB2b)), CustomerKind::kB2b);
  EXPECT_FALSE(ParseCustomerKind("B2B").has_value());
  EXPECT_TRUE(IsCustomerChannel("letter"));
  EXPECT_FALSE(IsCustomerChannel("chat"));
}

}  // namespace
}  // namespace duly
