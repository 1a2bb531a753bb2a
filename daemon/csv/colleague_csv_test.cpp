#include "daemon/csv/colleague_csv.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace duly::daemon {
namespace {

TEST(ColleagueCsvTest, ExportThenImportRoundTrips) {
  Colleague lead;
  lead.id = "marieke.bos";
  lead.name = "Marieke Bos";
  lead.role = "manager";
  lead.department = "credit";
  lead.email = "marieke.bos@example.nl";
  Colleague collector;
  collector.id = "tom.peeters";
  collector.name = "Tom Peeters";
  collector.role = "collector";
  collector.department = "credit";
  collector.manager = "marieke.bos";
  collector.email = "tom.peeters@example.be";
  collector.phone = "+32470123456";
  collector.notify = "sms";
  collector.active = false;
  const std::vector<Colleague> colleagues = {lead, collector};
  auto decoded = ParseColleagueCsv(EncodeColleagueCsv(colleagues));
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(*decoded, colleagues);
}

TEST(ColleagueCsvTest, BadRoleAndSelfManagerAreNamed) {
  auto decoded =
      ParseColleagueCsv("id,name,role,manager,email\nanna,Anna,boss,anna,anna@example.nl\n");
  ASSERT_FALSE(decoded);
  std::vector<std::string> places;
  for (const FieldError& error : decoded.error().fields) places.push_back(error.field);
  EXPECT_THAT(places, ::testing::ElementsAre("row 2, column role", "row 2, column manager"));
}

}  // namespace
}  // namespace duly::daemon
