// Every shared CAMT.053 and MT940 fixture parses; the three with expected results match them;
// the invalid one is refused.
#include <filesystem>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "daemon/statements/camt053_parser.h"
#include "daemon/statements/mt940_parser.h"
#include "daemon/statements/statement_files_test_support.h"

namespace duly::statements {
namespace {

namespace fs = std::filesystem;
using testing::ReadWhole;
using testing::SharedFixtures;

#define SKIP_WITHOUT(folder)                                                  \
  if (!fs::is_directory(folder)) {                                            \
    GTEST_SKIP() << "shared fixtures not found at " << (folder)               \
                 << " (set DULY_SHARED_DIR to the folder holding fixtures/)"; \
  }

TEST(StatementFixtures, EveryCamtFileParses) {
  const fs::path folder = SharedFixtures() / "camt";
  SKIP_WITHOUT(folder);
  int files = 0;
  for (const auto& file : fs::directory_iterator(folder)) {
    auto parsed = ParseCamt053(ReadWhole(file.path()));
    ASSERT_TRUE(parsed.has_value()) << file.path() << ": " << parsed.error().message;
    EXPECT_FALSE(parsed->empty()) << file.path();
    for (const Statement& statement : *parsed) {
      EXPECT_FALSE(statement.account_id.empty()) << file.path();
      EXPECT_TRUE(statement.opening_balance.has_value()) << file.path();
    }
    ++files;
  }
  EXPECT_GE(files, 7);
}

TEST(StatementFixtures, EveryMt940FileParses) {
  const fs::path folder = SharedFixtures() / "mt940";
  SKIP_WITHOUT(folder);
  int files = 0;
  for (const auto& file : fs::directory_iterator(folder)) {
    if (!file.is_regular_file()) continue;  // licenses/
    auto parsed = ParseMt940(ReadWhole(file.path()));
    ASSERT_TRUE(parsed.has_value()) << file.path() << ": " << parsed.error().message;
    EXPECT_FALSE(parsed->empty()) << file.path();
    ++files;
  }
  EXPECT_GE(files, 7);
}

TEST(StatementFixtures, StatementWithoutStmtIsRefused) {
  const fs::path file = SharedFixtures() / "invalid" / "camt053-v2-no-statement.xml";
  SKIP_WITHOUT(file.parent_path());
  auto parsed = ParseCamt053(ReadWhole(file));
  ASSERT_FALSE(parsed.has_value());
  ASSERT_EQ(parsed.error().fields.size(), 1U);
  EXPECT_EQ(parsed.error().fields[0].field, "/Document/BkToCstmrStmt/Stmt");
  EXPECT_NE(parsed.error().message.find("no statement"), std::string::npos);
}

std::int64_t SignedCents(const StatementEntry& entry) {
  return entry.side == EntrySide::kDebit ? -entry.amount.cents() : entry.amount.cents();
}

// Compares our result with the genkgo/camt dump its authors expect. Each dumped entry names its
// statement (getRecord/getId) and its index there; the dump lists each statement once.
void ExpectMatches(const std::vector<Statement>& statements, const nlohmann::json& expected) {
  ASSERT_EQ(statements.size(), expected.at("getRecords").size());
  const auto& want = expected.at("getEntries");
  ASSERT_FALSE(want.empty());
  for (const auto& w : want) {
    const auto& w_record = w.at("getRecord");
    const std::string id = w_record.at("getId").get<std::string>();
    const Statement* found_statement = nullptr;
    for (const Statement& statement : statements) {
      if (statement.statement_id == id) found_statement = &statement;
    }
    ASSERT_NE(found_statement, nullptr) << id;
    const Statement& s = *found_statement;
    const auto index = w.at("getIndex").get<std::size_t>();
    ASSERT_LT(index, s.entries.size());
    ASSERT_EQ(s.entries.size(), w_record.at("getEntries").size());
    const StatementEntry& e = s.entries[index];
    EXPECT_EQ(std::to_string(SignedCents(e)), w.at("getAmount").at("getAmount").get<std::string>());
    EXPECT_EQ(e.currency, w.at("getAmount").at("getCurrency").at("getCode").get<std::string>());
    EXPECT_EQ(e.side == EntrySide::kCredit ? "CRDT" : "DBIT",
              w.at("getCreditDebitIndicator").get<std::string>());
    EXPECT_EQ(FormatCalendarDate(e.booking_date),
              w.at("getBookingDate").at("0").get<std::string>().substr(0, 10));
    EXPECT_EQ(FormatCalendarDate(e.value_date),
              w.at("getValueDate").at("0").get<std::string>().substr(0, 10));
    EXPECT_EQ(e.bank_transaction_code,
              w.at("getBankTransactionCode").at("getProprietary").at("getCode").get<std::string>());
    const auto& detail = w.at("getTransactionDetail");
    const auto& e2e = detail.at("getReference").at("getEndToEndId");
    EXPECT_EQ(e.end_to_end_id, e2e.is_null() ? "" : e2e.get<std::string>());
    const auto& remittance = detail.at("getRemittanceInformation");
    if (!remittance.at("getUnstructuredBlocks").empty()) {
      EXPECT_EQ(e.remittance_text, remittance.at("getMessage").get<std::string>());
    }
    const auto& creditor = remittance.at("getCreditorReferenceInformation");
    EXPECT_EQ(e.creditor_reference,
              creditor.is_null() ? "" : creditor.at("getRef").get<std::string>());
    // The counterparty is one of the related parties genkgo lists, name and IBAN together.
    bool found = false;
    for (const auto& party : detail.at("getRelatedParties")) {
      const std::string name = party.at("getRelatedPartyType").at("getName").get<std::string>();
      const std::string iban =
          party.at("getAccount").at("getIban").at("getIban").get<std::string>();
      found = found || (name == e.counterparty_name && iban == e.counterparty_iban);
    }
    EXPECT_TRUE(found) << "counterparty " << e.counterparty_name << " " << e.counterparty_iban;
    EXPECT_EQ(s.account_iban,
              w_record.at("getAccount").at("getIban").at("getIban").get<std::string>());
    for (const auto& balance : w_record.at("getBalances")) {
      const std::string type = balance.at("getType").get<std::string>();
      const std::optional<StatementBalance>* ours = type == "opening"   ? &s.opening_balance
                                                    : type == "closing" ? &s.closing_balance
                                                                        : nullptr;
      if (ours == nullptr) continue;
      ASSERT_TRUE(ours->has_value()) << type;
      EXPECT_EQ(std::to_string((*ours)->amount.cents()),
                balance.at("getAmount").at("getAmount").get<std::string>())
          << type;
      EXPECT_EQ((*ours)->currency,
                balance.at("getAmount").at("getCurrency").at("getCode").get<std::string>());
      EXPECT_EQ(FormatCalendarDate((*ours)->date),
                balance.at("getDate").at("0").get<std::string>().substr(0, 10));
    }
  }
}

class ExpectedCamt : public ::testing::TestWithParam<std::string> {};

TEST_P(ExpectedCamt, MatchesWhatItsAuthorsExpect) {
  const fs::path root = SharedFixtures();
  SKIP_WITHOUT(root / "expected");
  auto parsed = ParseCamt053(ReadWhole(root / "camt" / (GetParam() + ".xml")));
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  ExpectMatches(*parsed, nlohmann::json::parse(
                             ReadWhole(root / "expected" / (GetParam() + ".expected.json"))));
}

INSTANTIATE_TEST_SUITE_P(Genkgo, ExpectedCamt,
                         ::testing::Values("genkgo-camt053.v2.minimal",
                                           "genkgo-camt053.v2.five.decimals",
                                           "genkgo-camt053.v2.multi-statement"),
                         [](const auto& test_param) {
                           std::string name =
                               test_param.param.substr(std::string("genkgo-camt053.v2.").size());
                           for (char& c : name) {
                             if (c == '.' || c == '-') c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace duly::statements
