#include "daemon/cli/import_statement_command.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "daemon/cli/command_test_fixture.h"
#include "daemon/cli/duly_command.h"
#include "daemon/store/soci_statement_store.h"

namespace duly::daemon {
namespace {

using ::testing::HasSubstr;

constexpr const char* kMt940 =
    ":20:CLI-1\r\n:25:NL91ABNA0417164300EUR\r\n:28C:1/1\r\n:60F:C260309EUR0,00\r\n"
    ":61:2603100310C121,00NTRFNONREF//CLI-B1\r\n"
    ":86:/EREF/E1//CNTP/NL91ABNA0417164300/ABNANL2A/Brasserie/Luik//REMI/USTD//INV-2026-77/\r\n"
    ":61:2603100310C5,00NTRFNONREF//CLI-B2\r\n:86:/REMI/USTD//interest/\r\n"
    ":62F:C260310EUR126,00\r\n-\r\n";

class ImportStatementCommandTest : public CommandTest {
 protected:
  void SetUp() override {
    CommandTest::SetUp();
    Customer customer;
    customer.id = "C1";
    customer.name = "Brasserie";
    ASSERT_TRUE(store_->UpsertCustomers({customer}, CommandLineActor()));
    Invoice invoice;
    invoice.id = "INV-2026-77";
    invoice.customer = "C1";
    invoice.issued = ParseCalendarDate("2026-02-01").value();
    invoice.due = ParseCalendarDate("2026-03-01").value();
    invoice.amount = Money::FromCents(12100);
    ASSERT_TRUE(store_->UpsertInvoices({invoice}, CommandLineActor()));
  }
  int Run(const std::vector<std::string>& paths) {
    std::vector<const char*> argv = {"duly", "import-statement"};
    for (const std::string& path : paths) argv.push_back(path.c_str());
    argv.push_back("--database");
    argv.push_back(context_.database.c_str());
    return RunDulyCommand(static_cast<int>(argv.size()), argv.data(), clock_, out_, err_);
  }
};

TEST_F(ImportStatementCommandTest, PrintsWhatEachFileDidAndSkipsDuplicates) {
  const std::string path = WriteFile("day1.sta", kMt940);
  ASSERT_EQ(Run({path}), kExitOk) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("day1.sta: 2 entries, 1 posted, 1 queued, 0 duplicates"));
  EXPECT_EQ(store_->GetInvoice("INV-2026-77")->status, InvoiceStatus::kPaid);
  ClearOutput();
  ASSERT_EQ(Run({path}), kExitOk) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("2 entries, 0 posted, 0 queued, 2 duplicates"));
}

TEST_F(ImportStatementCommandTest, AMalformedFileImportsNothingAtAll) {
  const std::string good = WriteFile("good.sta", kMt940);
  const std::string bad = WriteFile("bad.xml",
                                    "<?xml version=\"1.0\"?><Document><BkToCstmrStmt><Stmt>"
                                    "<Acct><Id><IBAN>NL91ABNA0417164300</IBAN></Id></Acct>"
                                    "<Ntry><Amt Ccy=\"EUR\">1x</Amt></Ntry></Stmt>"
                                    "</BkToCstmrStmt></Document>");
  EXPECT_EQ(Run({good, bad}), kExitFailure);
  EXPECT_THAT(err_.str(), HasSubstr("bad.xml"));
  EXPECT_THAT(err_.str(), HasSubstr("/Document/BkToCstmrStmt/Stmt"));
  EXPECT_EQ(out_.str(), "");
  EXPECT_EQ(store_->GetInvoice("INV-2026-77")->status, InvoiceStatus::kOpen);
  EXPECT_TRUE(store_->ListPayments("", {})->items.empty());
}

TEST_F(ImportStatementCommandTest, AnUnreadableFileIsNamed) {
  EXPECT_EQ(Run({dir_.File("missing.sta")}), kExitFailure);
  EXPECT_THAT(err_.str(), HasSubstr("missing.sta: cannot be read"));
}

}  // namespace
}  // namespace duly::daemon
