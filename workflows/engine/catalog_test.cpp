// BuildCatalog: parsing stored versions, serving segments, the facts request.
#include "workflows/engine/catalog.h"

#include <gtest/gtest.h>

#include "workflows/engine/testdata/fixture.h"

namespace duly {
namespace {

using namespace testdata;  // NOLINT(google-build-using-namespace): test fixtures

TEST(BuildCatalogTest, ServesSegmentsAndReportsUnservedOnes) {
  Result<std::shared_ptr<const Catalog>> built =
      BuildCatalog(5, SegmentsVersion{2, std::string(kSegments), {}, "ann"},
                   {Stored(kB2bStandard, 3), Stored(kKeyAccounts, 1)});
  ASSERT_TRUE(built.has_value()) << built.error().message;
  const Catalog& catalog = **built;
  EXPECT_EQ(catalog.revision, 5);
  ASSERT_NE(catalog.ForSegment("b2b-standard"), nullptr);
  EXPECT_EQ(catalog.ForSegment("b2b-standard")->id, "b2b-standard");
  EXPECT_EQ(catalog.ForSegment("b2b-standard")->version, 3);
  EXPECT_EQ(catalog.ForSegment("key-accounts")->id, "key-accounts");
  EXPECT_EQ(catalog.ForSegment("consumers"), nullptr);
  EXPECT_EQ(catalog.ForSegment("nope"), nullptr);
  EXPECT_EQ(catalog.Find("key-accounts")->steps.size(), 2u);
  EXPECT_EQ(catalog.Find("consumers"), nullptr);
  EXPECT_EQ(catalog.unserved, (std::vector<std::string>{"late-payers", "consumers"}));
  EXPECT_TRUE(catalog.needs_colleagues);
}

TEST(BuildCatalogTest, RequestsOnlyTheAggregateFactsRulesRead) {
  const std::string with_risk = R"({ "id": "w", "name": "w", "segment": "b2b-standard", "steps": [
    { "id": "s", "at": "due+1d", "when": { "all": [ { "customer.risk_rating": { "eq": "high" } },
      { "invoice.amount": { "gte": 10 } } ] },
      "action": { "type": "message", "channel": "email", "template": "t" } } ] })";
  Result<std::shared_ptr<const Catalog>> built = BuildCatalog(
      1, SegmentsVersion{1, std::string(kSegments), {}, "ann"}, {Stored(with_risk, 1)});
  ASSERT_TRUE(built.has_value()) << built.error().message;
  // customer.tags, customer.kind and customer.risk_rating come from the records; avg_days_late is
  // computed by the store.
  EXPECT_EQ((*built)->facts.names, (std::set<std::string, std::less<>>{"customer.avg_days_late"}));
  EXPECT_FALSE((*built)->needs_colleagues);
}

TEST(BuildCatalogTest, NoSegmentsSavedYetLeavesEverythingUnserved) {
  Result<std::shared_ptr<const Catalog>> built =
      BuildCatalog(0, SegmentsVersion{0, R"({"segments":[]})", {}, ""}, {Stored(kB2bStandard, 1)});
  ASSERT_TRUE(built.has_value()) << built.error().message;
  EXPECT_TRUE((*built)->segments.rules().empty());
  EXPECT_EQ((*built)->ForSegment("b2b-standard"), nullptr);  // no rule defines the segment
  EXPECT_NE((*built)->Find("b2b-standard"), nullptr);
  EXPECT_TRUE((*built)->unserved.empty());
}

TEST(BuildCatalogTest, BrokenStoredWorkflowIsAnInternalErrorNamingIt) {
  WorkflowVersion broken = Stored(kB2bStandard, 4);
  broken.definition = R"({"id":"b2b-standard","segment":"b2b-standard","steps":"x"})";
  Result<std::shared_ptr<const Catalog>> built =
      BuildCatalog(1, SegmentsVersion{1, std::string(kSegments), {}, "ann"}, {broken});
  ASSERT_FALSE(built.has_value());
  EXPECT_EQ(built.error().code, ErrorCode::kInternal);
  EXPECT_NE(built.error().message.find("workflow \"b2b-standard\" version 4"), std::string::npos)
      << built.error().message;
}

TEST(BuildCatalogTest, BrokenStoredSegmentsAreAnInternalError) {
  for (const char* definition : {"not json", R"({"segments":[{"id":"x"}]})"}) {
    Result<std::shared_ptr<const Catalog>> built =
        BuildCatalog(1, SegmentsVersion{7, definition, {}, "ann"}, {});
    ASSERT_FALSE(built.has_value()) << definition;
    EXPECT_EQ(built.error().code, ErrorCode::kInternal);
    EXPECT_NE(built.error().message.find("segments version 7"), std::string::npos);
  }
}

}  // namespace
}  // namespace duly
