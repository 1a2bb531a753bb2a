#include "channels/compose/template_library.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "channels/compose/memory_template_store.h"

namespace duly::channels {
namespace {

using ::testing::HasSubstr;

const Actor kAnna{"token:anna"};

StoredTemplate Sms(std::string source) {
  return StoredTemplate{"reminder-friendly", "nl", {{"sms.text", std::move(source)}}, 0, {}, ""};
}

MessageValues Values() {
  MessageValues values;
  values.customer_name = "Bakkerij Jansen";
  values.company_name = "Duly Demo BV";
  values.collector_name = "Carl";
  values.collector_phone = "+31611111111";
  values.reference = "RF18 5390 0754 7034";
  values.invoices.push_back({"INV-1", CalendarDate{}, CalendarDate{}, Money::FromCents(123456),
                             Money::FromCents(123456), 3});
  return values;
}

class TemplateLibraryTest : public ::testing::Test {
 protected:
  ManualClock clock_{FromEpochMillis(1773129600000)};
  MemoryTemplateStore store_{clock_};
  TemplateLibrary library_{store_};
};

TEST_F(TemplateLibraryTest, StoredVersionsOverlayTheDefaultsAndRebuildOnANewRevision) {
  auto before = library_.Current();
  ASSERT_TRUE(before) << before.error().message;
  auto shipped =
      (*before)->Render("reminder-friendly", {"nl", ""}, {TemplatePart::kSmsText}, Values());
  ASSERT_TRUE(shipped) << shipped.error().message;
  EXPECT_THAT(shipped->parts[TemplatePart::kSmsText], HasSubstr("€ 1.234,56"));

  ASSERT_TRUE(store_.SaveTemplate(Sms("Nog {{total_open}} open, groet {{company.name}}"), kAnna));
  auto after = library_.Current();
  ASSERT_TRUE(after);
  EXPECT_NE(after->get(), before->get()) << "a new revision rebuilds the set";
  auto stored =
      (*after)->Render("reminder-friendly", {"nl", ""}, {TemplatePart::kSmsText}, Values());
  ASSERT_TRUE(stored) << stored.error().message;
  EXPECT_EQ(stored->parts[TemplatePart::kSmsText], "Nog € 1.234,56 open, groet Duly Demo BV");
  // Only the stored (id, language) changed: the other parts and languages still come from the
  // defaults, and the earlier set handed out stays as it was.
  EXPECT_NE((*after)->Find("reminder-friendly", "fr"), nullptr);
  EXPECT_EQ((*after)->Find("reminder-friendly", "nl")->parts.size(), 1u);
  EXPECT_EQ((*before)->Find("reminder-friendly", "nl")->parts.size(), 6u);

  auto again = library_.Current();
  ASSERT_TRUE(again);
  EXPECT_EQ(again->get(), after->get()) << "same revision, same set";
}

TEST_F(TemplateLibraryTest, CheckNamesThePartAndTheVariable) {
  MessageTemplate candidate{"reminder-friendly", "nl", {}};
  candidate.parts[TemplatePart::kEmailSubject] = "Herinnering {{invoice_number}}";
  candidate.parts[TemplatePart::kSmsText] = "Nog {{total_open}} open";
  Status checked = library_.Check(candidate);
  ASSERT_FALSE(checked);
  EXPECT_EQ(checked.error().code, ErrorCode::kInvalidArgument);
  ASSERT_FALSE(checked.error().fields.empty());
  EXPECT_EQ(checked.error().fields.front().field, "/parts/email.subject");
  EXPECT_THAT(checked.error().message, HasSubstr("invoice_number"));

  candidate.parts.erase(TemplatePart::kEmailSubject);
  EXPECT_TRUE(library_.Check(candidate));
  auto current = library_.Current();
  ASSERT_TRUE(current);
  EXPECT_EQ((*current)->Find("reminder-friendly", "nl")->parts.size(), 6u)
      << "checking keeps nothing";
}

TEST_F(TemplateLibraryTest, AStoredTemplateThatNoLongerValidatesLeavesTheDefaultInPlace) {
  // The store does not validate; a version saved by an older build may use a name this build
  // does not know.
  ASSERT_TRUE(store_.SaveTemplate(Sms("Hallo {{customer.nickname}}"), kAnna));
  ASSERT_TRUE(store_.SaveTemplate(
      StoredTemplate{"reminder-second", "nl", {{"pigeon.text", "Hallo"}}, 0, {}, ""}, kAnna));
  auto current = library_.Current();
  ASSERT_TRUE(current) << current.error().message;
  EXPECT_EQ((*current)->Find("reminder-friendly", "nl")->parts.size(), 6u);
  EXPECT_EQ((*current)->Find("reminder-second", "nl")->parts.size(), 6u);
  const std::vector<Error> rejected = library_.Rejected();
  ASSERT_EQ(rejected.size(), 2u);
  EXPECT_THAT(rejected[0].message, HasSubstr("customer.nickname"));
  EXPECT_EQ(rejected[1].fields.front().field, "/parts/pigeon.text");
}

TEST(MemoryTemplateStoreTest, KeepsVersionsAndSkipsAnUnchangedSave) {
  ManualClock clock(FromEpochMillis(1773129600000));
  MemoryTemplateStore store(clock);
  EXPECT_EQ(store.GetTemplate("reminder-friendly", "nl").error().code, ErrorCode::kNotFound);
  auto first = store.SaveTemplate(Sms("Een {{total_open}}"), kAnna);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->version, 1);
  EXPECT_EQ(first->actor, "token:anna");
  EXPECT_EQ(first->saved_at, clock.Now());
  clock.Set(FromEpochMillis(1773133200000));
  auto same = store.SaveTemplate(Sms("Een {{total_open}}"), Actor{"token:mark"});
  ASSERT_TRUE(same);
  EXPECT_EQ(*same, *first) << "equal parts write nothing";
  EXPECT_EQ(*store.TemplateRevision(), 1);
  auto second = store.SaveTemplate(Sms("Twee {{total_open}}"), Actor{"token:mark"});
  ASSERT_TRUE(second);
  EXPECT_EQ(second->version, 2);
  EXPECT_EQ(*store.TemplateRevision(), 2);
  auto versions = store.TemplateVersions("reminder-friendly", "nl");
  ASSERT_TRUE(versions);
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ((*versions)[0].parts.at("sms.text"), "Een {{total_open}}");
  EXPECT_EQ(store.GetTemplate("reminder-friendly", "nl")->version, 2);
  EXPECT_EQ(store.ListTemplates()->size(), 1u);
}

}  // namespace
}  // namespace duly::channels
