#include "daemon/cli/export_command.h"

#include <algorithm>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "daemon/cli/command_test_fixture.h"
#include "daemon/cli/demo_command.h"
#include "daemon/cli/import_command.h"

namespace duly::daemon {
namespace {

using ::testing::HasSubstr;

class ExportCommandTest : public CommandTest {
 protected:
  std::string Export(SociStore& store, const char* records) {
    std::ostringstream sink;
    EXPECT_EQ(RunExport(store, records, sink, context_), kExitOk) << err_.str();
    return sink.str();
  }
};

TEST_F(ExportCommandTest, ExportThenImportIntoAFreshDatabaseRoundTrips) {
  ASSERT_TRUE(LoadDemoData(*store_, *store_, *ParseCalendarDate("2026-03-10")));
  const char* kinds[] = {"colleagues", "customers", "invoices", "payments"};
  std::vector<std::string> exported;
  for (const char* kind : kinds) exported.push_back(Export(*store_, kind));
  EXPECT_THAT(exported[1], HasSubstr("id,name,kind,language"));
  EXPECT_EQ(std::count(exported[2].begin(), exported[2].end(), '\n'), 81);

  CommandContext fresh_context{out_, err_, clock_, "sqlite://" + dir_.File("fresh.db"), kExitOk};
  auto fresh = fresh_context.OpenDatabase();
  ASSERT_NE(fresh, nullptr) << err_.str();
  for (std::size_t i = 0; i < exported.size(); ++i) {
    const std::string path = WriteFile(std::string(kinds[i]) + ".csv", exported[i]);
    ASSERT_EQ(RunImport(*fresh, kinds[i], path, context_), kExitOk) << err_.str();
  }
  for (std::size_t i = 0; i < exported.size(); ++i) {
    EXPECT_EQ(Export(*fresh, kinds[i]), exported[i]) << kinds[i];
  }
  EXPECT_EQ(fresh->GetInvoice("INV-24001")->open_amount,
            store_->GetInvoice("INV-24001")->open_amount);
}

TEST_F(ExportCommandTest, PagesThroughMoreThanOnePage) {
  std::string text = "id,name\n";
  for (int i = 0; i < 1005; ++i)
    text += "C" + std::to_string(10000 + i) + ",Klant " + std::to_string(i) + "\n";
  ASSERT_EQ(RunImport(*store_, "customers", WriteFile("many.csv", text), context_), kExitOk)
      << err_.str();
  const std::string exported = Export(*store_, "customers");
  EXPECT_EQ(std::count(exported.begin(), exported.end(), '\n'), 1006);
  EXPECT_THAT(exported, HasSubstr("C11004,Klant 1004,"));
}

TEST_F(ExportCommandTest, UnknownKindIsAUsageError) {
  std::ostringstream sink;
  EXPECT_EQ(RunExport(*store_, "suppliers", sink, context_), kExitUsage);
  EXPECT_EQ(sink.str(), "");
}

}  // namespace
}  // namespace duly::daemon
