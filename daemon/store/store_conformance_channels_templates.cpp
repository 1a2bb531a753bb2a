// The store conformance suite, channels part three: stored template versions, and the 0004
// upgrade of a database that already holds 0003 outbox rows and call tasks.
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "daemon/store/migrator.h"
#include "daemon/store/store_conformance_channels.h"

namespace duly::daemon {
namespace {

StoredTemplate Template(const std::string& id, const std::string& language,
                        const std::string& subject) {
  StoredTemplate stored;
  stored.id = id;
  stored.language = language;
  stored.parts = {{"email.subject", subject}, {"email.text", "Beste {{customer.name}},"}};
  return stored;
}

}  // namespace

TEST_P(StoreConformance, TemplatesAreKeptAsVersions) {
  EXPECT_EQ(*store_->TemplateRevision(), 0);
  EXPECT_TRUE(store_->ListTemplates()->empty());
  EXPECT_EQ(store_->GetTemplate("reminder", "nl").error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(HasField(store_->SaveTemplate(Template("", "nl", "x"), kActor).error(), "/id"));
  EXPECT_TRUE(HasField(store_->SaveTemplate(Template("a", "", "x"), kActor).error(), "/language"));
  StoredTemplate empty = Template("a", "nl", "x");
  empty.parts.clear();
  EXPECT_TRUE(HasField(store_->SaveTemplate(empty, kActor).error(), "/parts"));

  clock_.Set(At("2026-01-05T10:00"));
  auto first =
      store_->SaveTemplate(Template("reminder", "nl", "Herinnering {{invoice.id}}"), kActor);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->version, 1);
  EXPECT_EQ(first->actor, "test");
  EXPECT_EQ(first->saved_at, At("2026-01-05T10:00"));
  EXPECT_EQ(*store_->TemplateRevision(), 1);
  const std::int64_t events = EventCount(*store_);
  auto same =
      store_->SaveTemplate(Template("reminder", "nl", "Herinnering {{invoice.id}}"), kActor);
  ASSERT_TRUE(same) << same.error().message;
  EXPECT_EQ(*same, *first);  // identical: nothing written
  EXPECT_EQ(*store_->TemplateRevision(), 1);
  EXPECT_EQ(EventCount(*store_), events);

  clock_.Set(At("2026-01-06T10:00"));
  auto second = store_->SaveTemplate(
      Template("reminder", "nl", "Vriendelijke herinnering — € {{amount}}"), kActor);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->version, 2);
  EXPECT_EQ(*store_->TemplateRevision(), 2);
  ASSERT_TRUE(store_->SaveTemplate(Template("reminder", "fr", "Rappel"), kActor));
  ASSERT_TRUE(store_->SaveTemplate(Template("final", "en", "Final notice"), kActor));
  EXPECT_EQ(*store_->TemplateRevision(), 4);

  EXPECT_EQ(*store_->GetTemplate("reminder", "nl"), *second);
  auto versions = store_->TemplateVersions("reminder", "nl");
  ASSERT_TRUE(versions);
  ASSERT_EQ(versions->size(), 2U);
  EXPECT_EQ((*versions)[0], *first);  // never changed
  EXPECT_EQ((*versions)[1].parts.at("email.subject"), "Vriendelijke herinnering — € {{amount}}");
  EXPECT_TRUE(store_->TemplateVersions("reminder", "de")->empty());
  auto latest = store_->ListTemplates();
  ASSERT_TRUE(latest);
  std::vector<std::string> keys;
  for (const StoredTemplate& stored : *latest) {
    keys.push_back(stored.id + "/" + stored.language + "/" + std::to_string(stored.version));
  }
  EXPECT_EQ(keys, (std::vector<std::string>{"final/en/1", "reminder/fr/1", "reminder/nl/2"}));
  auto history = store_->ListEvents({"", 1000});
  ASSERT_TRUE(history);
  EXPECT_EQ(history->items.back().type, "template.saved");
  EXPECT_EQ(history->items.back().customer, "");
}

TEST_P(StoreConformance, UpgradeTo0004KeepsQueuedMessagesAndCallTasks) {
  std::string skip;
  const std::string url_text = GetParam().create(skip);
  if (url_text.empty()) GTEST_SKIP() << skip;
  auto url = DatabaseUrl::Parse(url_text);
  ASSERT_TRUE(url) << url.error().message;
  {
    soci::session session;
    if (url->kind == DatabaseKind::kSqlite) {
      session.open(soci::sqlite3, url->soci_connect);
    } else {
      session.open(soci::postgresql, url->soci_connect);
    }
    std::vector<Migration> before;
    for (Migration& migration : EmbeddedMigrations(url->kind)) {
      if (migration.version <= 3) before.push_back(std::move(migration));
    }
    ASSERT_TRUE(Migrator(session, url->kind, before).Apply(0));
    session << "INSERT INTO customers (id, name, kind, language, email, phone, whatsapp,"
               " preferred_channels, contacts, street, postal_code, city, country,"
               " account_manager, tags, vat_number, iban, time_zone, credit_limit, currency,"
               " content_hash, created_at, updated_at) VALUES ('C1', 'C', 'b2b', 'nl', '', '', 0,"
               " '[]', '[]', '', '', '', 'NL', '', '[]', '', '', '', NULL, 'EUR', '', 0, 0)";
    session << "INSERT INTO outbox_messages (id, recipient_kind, recipient, customer, channel,"
               " language, template, reason, case_id, local_day, state, due_at, lease_owner,"
               " lease_until, attempt, provider_id, last_error, items, created_at, sent_at)"
               " VALUES (5, 'customer', 'C1', 'C1', 'sms', 'nl', 't', '', '', '2026-02-03',"
               " 'leased', 10, 'node-1', 20, 0, '', '', '[]', 3, NULL)";
    session << "INSERT INTO call_tasks (id, customer, local_day, script, items, assignee, state,"
               " due_at, created_at) VALUES (9, 'C1', '2026-02-03', 'courtesy', '[]', '', 'open',"
               " 10, 3)";
    ASSERT_TRUE(Migrator(session, url->kind, EmbeddedMigrations(url->kind)).Apply(0));
    long long number = 0;
    std::string text;
    session << "SELECT leased_at FROM outbox_messages WHERE id = 5", soci::into(number);
    EXPECT_EQ(number, 3);  // an older lease counts from the row's creation
    session << "SELECT fallbacks FROM outbox_messages WHERE id = 5", soci::into(text);
    EXPECT_EQ(text, "[]");
    session << "SELECT kind FROM tasks WHERE id = 9", soci::into(text);
    EXPECT_EQ(text, "call");
    session << "SELECT COUNT(*) FROM call_tasks", soci::into(number);  // the 0002 view
    EXPECT_EQ(number, 1);
    // New tasks are numbered after the copied ones.
    session << "INSERT INTO tasks (kind, customer, local_day, script, items, detail, message,"
               " assignee, state, due_at, attempts, outcome, note, created_at, updated_at) VALUES"
               " ('reply', 'C1', '2026-02-03', '', '[]', 'hi', 0, '', 'open', 0, 0, '', '', 0, 0)";
    session << "SELECT MAX(id) FROM tasks", soci::into(number);
    EXPECT_EQ(number, 10);
  }
  GetParam().drop(url_text);
}

}  // namespace duly::daemon
