#include "daemon/cli/import_command.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "daemon/cli/command_test_fixture.h"

namespace duly::daemon {
namespace {

using ::testing::HasSubstr;

class ImportCommandTest : public CommandTest {};

TEST_F(ImportCommandTest, ImportsAGoodFile) {
  const std::string path =
      WriteFile("customers.csv",
                "\xEF\xBB\xBFid,name,kind,language,email,tags,city,country\r\n"
                "C1,\"Jansen, Bakkerij\",b2b,nl,info@jansen.nl,key-account|horeca,Utrecht,NL\r\n"
                "C2,Élise Dubois,b2c,fr,,,Liège,BE\r\n");
  ASSERT_EQ(RunImport(*store_, "customers", path, context_), kExitOk) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("2 created, 0 updated, 0 unchanged"));
  auto stored = store_->GetCustomer("C1");
  ASSERT_TRUE(stored) << stored.error().message;
  EXPECT_EQ(stored->name, "Jansen, Bakkerij");
  EXPECT_EQ(stored->tags, (std::vector<std::string>{"key-account", "horeca"}));
  EXPECT_EQ(store_->GetCustomer("C2")->address.city, "Liège");

  ClearOutput();
  ASSERT_EQ(RunImport(*store_, "customers", path, context_), kExitOk) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("0 created, 0 updated, 2 unchanged"));
}

TEST_F(ImportCommandTest, ABadRowWritesNothingAndNamesRowAndColumn) {
  const std::string path = WriteFile("customers.csv",
                                     "id,name,email\n"
                                     "C1,Good,good@example.nl\n"
                                     "C2,Bad,not-an-address\n"
                                     "C3,Also good,\n");
  EXPECT_EQ(RunImport(*store_, "customers", path, context_), kExitFailure);
  EXPECT_THAT(err_.str(), HasSubstr("row 3, column email: "));
  EXPECT_EQ(out_.str(), "");
  auto page = store_->ListCustomers({});
  ASSERT_TRUE(page);
  EXPECT_TRUE(page->items.empty());
}

TEST_F(ImportCommandTest, AStoreRuleNamesTheRowToo) {
  ASSERT_EQ(RunImport(*store_, "customers", WriteFile("c.csv", "id,name\nC1,Jan\n"), context_),
            kExitOk);
  const std::string path = WriteFile("invoices.csv",
                                     "id,customer,issued,due,amount\n"
                                     "I1,C1,2026-03-01,2026-03-31,10.00\n"
                                     "I2,C404,2026-03-01,2026-03-31,20.00\n");
  EXPECT_EQ(RunImport(*store_, "invoices", path, context_), kExitFailure);
  EXPECT_THAT(err_.str(), HasSubstr("row 3, column customer: "));
  EXPECT_FALSE(store_->GetInvoice("I1"));
}

TEST_F(ImportCommandTest, BrokenCsvAndMissingFilesFail) {
  EXPECT_EQ(RunImport(*store_, "customers", WriteFile("r.csv", "id,name\nC1\n"), context_),
            kExitFailure);
  EXPECT_THAT(err_.str(), HasSubstr("row 2: has 1 fields; the header has 2"));
  ClearOutput();
  EXPECT_EQ(RunImport(*store_, "customers", dir_.File("absent.csv"), context_), kExitFailure);
  EXPECT_THAT(err_.str(), HasSubstr("cannot open"));
  ClearOutput();
  EXPECT_EQ(RunImport(*store_, "suppliers", dir_.File("absent.csv"), context_), kExitUsage);
}

TEST_F(ImportCommandTest, ImportsPaymentsWithAllocations) {
  ASSERT_EQ(RunImport(*store_, "customers", WriteFile("c.csv", "id,name\nC1,Jan\n"), context_),
            kExitOk);
  ASSERT_EQ(RunImport(*store_, "invoices",
                      WriteFile("i.csv",
                                "id,customer,issued,due,amount\n"
                                "I1,C1,2026-03-01,2026-03-31,100.00\n"
                                "I2,C1,2026-03-02,2026-04-01,50.00\n"),
                      context_),
            kExitOk)
      << err_.str();
  ASSERT_EQ(RunImport(*store_, "payments",
                      WriteFile("p.csv",
                                "id,customer,amount,received,remittance,allocations\n"
                                "P1,C1,120.00,2026-03-09,\"I1 and\nI2\",I1=100.00|I2=20.00\n"),
                      context_),
            kExitOk)
      << err_.str();
  EXPECT_EQ(store_->GetInvoice("I1")->open_amount, Money::FromCents(0));
  EXPECT_EQ(store_->GetInvoice("I2")->open_amount, Money::FromCents(3000));
  EXPECT_EQ(store_->GetPayment("P1")->remittance, "I1 and\nI2");
}

}  // namespace
}  // namespace duly::daemon
