#include "daemon/store/store_conformance.h"

#include <thread>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "daemon/store/migrator.h"

namespace duly::daemon {
Customer MakeCustomer(const std::string& id) {
  Customer c;
  c.id = id;
  c.name = "Customer " + id;
  c.email = "ap@example.nl";
  c.preferred_channels = {"email", "sms"};
  c.contacts = {{"Anna", "accounts payable", "anna@example.nl", "+31612345678"}};
  c.tags = {"vip"};
  c.credit_limit = Money::FromCents(500000);
  return c;
}

Invoice MakeInvoice(const std::string& id, const std::string& customer, long long cents,
                    int due_day) {
  Invoice i;
  i.id = id;
  i.customer = customer;
  i.issued = ParseCalendarDate("2026-01-01").value();
  i.due = i.issued + date::days(30 + due_day);
  i.amount = Money::FromCents(cents);
  return i;
}

Payment MakePayment(const std::string& id, const std::string& customer, long long cents) {
  Payment p;
  p.id = id;
  p.customer = customer;
  p.amount = Money::FromCents(cents);
  p.received = ParseCalendarDate("2026-02-10").value();
  return p;
}

bool HasField(const Error& error, const std::string& field) {
  for (const FieldError& f : error.fields) {
    if (f.field == field) return true;
  }
  return false;
}

std::int64_t EventCount(SociStore& store) { return store.VerifyHistory()->events; }

void StoreConformance::SetUp() {
  std::string skip;
  url_text_ = GetParam().create(skip);
  if (url_text_.empty()) GTEST_SKIP() << skip;
  auto url = DatabaseUrl::Parse(url_text_);
  ASSERT_TRUE(url) << url.error().message;
  url_ = *url;
  auto store = OpenStore(url_, clock_);
  ASSERT_TRUE(store) << store.error().message;
  store_ = std::move(*store);
}

void StoreConformance::TearDown() {
  store_.reset();
  if (!url_text_.empty()) GetParam().drop(url_text_);
}

std::unique_ptr<SociStore> StoreConformance::OpenAgain() {
  auto store = OpenStore(url_, clock_);
  EXPECT_TRUE(store) << store.error().message;
  return store ? std::move(*store) : nullptr;
}

void StoreConformance::RawSql(const std::string& sql) {
  soci::session session;
  if (url_.kind == DatabaseKind::kSqlite) {
    session.open(soci::sqlite3, url_.soci_connect);
  } else {
    session.open(soci::postgresql, url_.soci_connect);
  }
  session << sql;
}

long long StoreConformance::SqlNumber(const std::string& sql) {
  soci::session session;
  if (url_.kind == DatabaseKind::kSqlite) {
    session.open(soci::sqlite3, url_.soci_connect);
  } else {
    session.open(soci::postgresql, url_.soci_connect);
  }
  long long value = -1;
  session << sql, soci::into(value);
  return value;
}

std::string StoreConformance::SqlText(const std::string& sql) {
  soci::session session;
  if (url_.kind == DatabaseKind::kSqlite) {
    session.open(soci::sqlite3, url_.soci_connect);
  } else {
    session.open(soci::postgresql, url_.soci_connect);
  }
  std::string value;
  session << sql, soci::into(value);
  return value;
}

TEST_P(StoreConformance, MigrationsAreIdempotent) {
  auto again = store_->Migrate();
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(*again, 0);
  auto list = store_->Migrations();
  ASSERT_TRUE(list);
  ASSERT_FALSE(list->empty());
  EXPECT_EQ(list->front().version, 1);
  EXPECT_EQ(list->front().name, "init");
  EXPECT_TRUE(list->front().applied);
  EXPECT_TRUE(store_->Ping());
}

TEST_P(StoreConformance, FailingMigrationRollsBack) {
  soci::session session;
  if (url_.kind == DatabaseKind::kSqlite) {
    session.open(soci::sqlite3, url_.soci_connect);
  } else {
    session.open(soci::postgresql, url_.soci_connect);
  }
  std::vector<Migration> migrations = EmbeddedMigrations(url_.kind);
  migrations.push_back({90, "good", "CREATE TABLE probe_good (id BIGINT);\n"});
  migrations.push_back({91, "broken",
                        "CREATE TABLE probe_broken (id BIGINT);\n"
                        "INSERT INTO probe_broken (id) VALUES (1);\n"
                        "INSERT INTO no_such_table (id) VALUES (1);\n"});
  Migrator migrator(session, url_.kind, migrations);
  auto applied = migrator.Apply(1);
  ASSERT_FALSE(applied);
  EXPECT_EQ(applied.error().code, ErrorCode::kInternal);
  EXPECT_NE(applied.error().message.find("0091_broken"), std::string::npos)
      << applied.error().message;
  auto list = migrator.List();
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), EmbeddedMigrations(url_.kind).size() + 2);
  EXPECT_TRUE((*list)[list->size() - 2].applied);
  EXPECT_FALSE((*list)[list->size() - 1].applied);
  long long count = -1;
  session << "SELECT COUNT(*) FROM probe_good", soci::into(count);  // migration 2 stayed
  EXPECT_EQ(count, 0);
  EXPECT_THROW(session << "SELECT COUNT(*) FROM probe_broken", soci::soci_error);
}

TEST_P(StoreConformance, CustomersRoundTripWithMetacharacters) {
  Customer c = MakeCustomer("C'1; DROP TABLE customers;--");
  c.name = "O'Brien \"Bobby\" ; -- % _ \\ Tables";
  auto result = store_->UpsertCustomers({c, MakeCustomer("C2")}, kActor);
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->created, 2);
  auto got = store_->GetCustomer(c.id);
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ(*got, c);
  EXPECT_EQ(store_->GetCustomer("nope").error().code, ErrorCode::kNotFound);
  auto again = store_->UpsertCustomers({c, MakeCustomer("C2")}, kActor);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->unchanged, 2);
  EXPECT_EQ(EventCount(*store_), 2);
  c.email = "new@example.nl";
  auto changed = store_->UpsertCustomers({c}, kActor);
  ASSERT_TRUE(changed);
  EXPECT_EQ(changed->updated, 1);
  EXPECT_EQ(store_->GetCustomer(c.id)->email, "new@example.nl");
  auto events = store_->ListCustomerEvents(c.id, {});
  ASSERT_TRUE(events);
  ASSERT_EQ(events->items.size(), 2U);
  EXPECT_EQ(events->items[0].type, "customer.created");
  EXPECT_EQ(events->items[1].type, "customer.updated");
  EXPECT_EQ(events->items[1].actor, "test");
}

TEST_P(StoreConformance, CustomerValidationWritesNothing) {
  Customer bad = MakeCustomer("C3");
  bad.kind = CustomerKind::kB2c;
  bad.phone = "0612";
  Customer orphan = MakeCustomer("C4");
  orphan.account_manager = "ghost";
  auto result =
      store_->UpsertCustomers({MakeCustomer("C1"), bad, orphan, MakeCustomer("C1")}, kActor);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(HasField(result.error(), "/1/phone"));
  EXPECT_TRUE(HasField(result.error(), "/2/account_manager"));
  EXPECT_TRUE(HasField(result.error(), "/3/id"));
  EXPECT_EQ(store_->GetCustomer("C1").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(EventCount(*store_), 0);
}

TEST_P(StoreConformance, ColleaguesManagersAndLoops) {
  Colleague boss;
  boss.id = "boss";
  boss.name = "Boss";
  boss.role = "manager";
  boss.department = "credit";
  boss.email = "boss@example.nl";
  Colleague anna = boss;
  anna.id = "anna";
  anna.name = "Anna";
  anna.role = "collector";
  anna.manager = "boss";
  anna.email = "anna@example.nl";
  auto result = store_->UpsertColleagues({anna, boss}, kActor);  // manager later in the batch
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->created, 2);
  EXPECT_EQ(*store_->GetColleague("anna"), anna);
  Colleague loop = boss;
  loop.manager = "anna";
  auto looped = store_->UpsertColleagues({loop}, kActor);
  ASSERT_FALSE(looped);
  EXPECT_TRUE(HasField(looped.error(), "/0/manager"));
  Colleague missing = anna;
  missing.id = "bert";
  missing.manager = "nobody";
  EXPECT_TRUE(HasField(store_->UpsertColleagues({missing}, kActor).error(), "/0/manager"));
  auto page = store_->ListColleagues({"", 1});
  ASSERT_TRUE(page);
  ASSERT_EQ(page->items.size(), 1U);
  EXPECT_EQ(page->items[0].id, "anna");
  EXPECT_EQ(page->next_after, "anna");
  Customer managed = MakeCustomer("C1");
  managed.account_manager = "anna";
  EXPECT_TRUE(store_->UpsertCustomers({managed}, kActor));
}

TEST_P(StoreConformance, InvoicesUpsertIdempotentAndValidated) {
  ASSERT_TRUE(store_->UpsertCustomers({MakeCustomer("C1")}, kActor));
  Invoice one = MakeInvoice("INV-1", "C1", 12550);
  one.document = InvoiceDocument{"INV-1.pdf", "application/pdf", std::string("%PDF\0\x01\xff", 7)};
  auto created = store_->UpsertInvoices({one, MakeInvoice("INV-2", "C1", 100)}, kActor);
  ASSERT_TRUE(created) << created.error().message;
  EXPECT_EQ(created->created, 2);
  auto got = store_->GetInvoice("INV-1");
  ASSERT_TRUE(got);
  one.open_amount = one.amount;
  // An invoice without a structured reference gets one (RF: the customer is not in BE or NL).
  EXPECT_TRUE(got->reference.starts_with("RF")) << got->reference;
  one.reference = got->reference;
  EXPECT_EQ(*got, one);
  one.reference.clear();
  EXPECT_EQ(store_->UpsertInvoices({one}, kActor)->unchanged, 1);
  Invoice bad = MakeInvoice("INV-3", "ghost", 100);
  Invoice negative = MakeInvoice("INV-4", "C1", -5);
  Invoice credit = MakeInvoice("CN-1", "C1", 100);
  credit.kind = InvoiceKind::kCreditNote;
  credit.credits_invoice = "INV-404";
  auto failed =
      store_->UpsertInvoices({MakeInvoice("INV-5", "C1", 1), bad, negative, credit}, kActor);
  ASSERT_FALSE(failed);
  EXPECT_TRUE(HasField(failed.error(), "/1/customer"));
  EXPECT_TRUE(HasField(failed.error(), "/2/amount"));
  EXPECT_TRUE(HasField(failed.error(), "/3/credits_invoice"));
  EXPECT_EQ(store_->GetInvoice("INV-5").error().code, ErrorCode::kNotFound);
}

TEST_P(StoreConformance, CreditNoteAppliesToInvoice) {
  ASSERT_TRUE(store_->UpsertCustomers({MakeCustomer("C1")}, kActor));
  Invoice credit = MakeInvoice("CN-1", "C1", 4000);
  credit.kind = InvoiceKind::kCreditNote;
  credit.credits_invoice = "INV-1";
  auto result = store_->UpsertInvoices({credit, MakeInvoice("INV-1", "C1", 10000)}, kActor);
  ASSERT_TRUE(result) << result.error().message;
  auto credited = store_->GetInvoice("INV-1");
  ASSERT_TRUE(credited) << credited.error().message;
  EXPECT_EQ(credited->open_amount.cents(), 6000);
  EXPECT_EQ(store_->GetInvoice("CN-1")->open_amount.cents(), 0);
  Invoice shrink = MakeInvoice("INV-1", "C1", 3000);
  auto shrunk = store_->UpsertInvoices({shrink}, kActor);
  ASSERT_FALSE(shrunk);
  EXPECT_TRUE(HasField(shrunk.error(), "/0/amount"));
}

TEST_P(StoreConformance, PaymentsAllocateOldestFirstAndConflict) {
  ASSERT_TRUE(store_->UpsertCustomers({MakeCustomer("C1"), MakeCustomer("C2")}, kActor));
  ASSERT_TRUE(store_->UpsertInvoices({MakeInvoice("A", "C1", 1000, 5),
                                      MakeInvoice("B", "C1", 1000, 1), MakeInvoice("X", "C2", 500)},
                                     kActor));
  Payment automatic = MakePayment("P1", "C1", 1500);
  auto posted = store_->PostPayments({automatic}, kActor);
  ASSERT_TRUE(posted) << posted.error().message;
  EXPECT_EQ(posted->created, 1);
  EXPECT_EQ(store_->GetInvoice("B")->status, InvoiceStatus::kPaid);
  EXPECT_EQ(store_->GetInvoice("A")->open_amount.cents(), 500);
  auto got = store_->GetPayment("P1");
  ASSERT_TRUE(got);
  ASSERT_EQ(got->allocations.size(), 2U);
  EXPECT_EQ(got->allocations[0].invoice, "B");
  EXPECT_EQ(store_->PostPayments({automatic}, kActor)->unchanged, 1);
  Payment changed = automatic;
  changed.amount = Money::FromCents(1600);
  EXPECT_EQ(store_->PostPayments({changed}, kActor).error().code, ErrorCode::kConflict);

  Payment explicit_payment = MakePayment("P2", "C1", 900);
  explicit_payment.allocations = {{"A", Money::FromCents(400)}};
  Payment too_much = MakePayment("P3", "C1", 900);
  too_much.allocations = {{"A", Money::FromCents(200)}};  // only 100 left after P2
  Payment foreign = MakePayment("P4", "C1", 100);
  foreign.allocations = {{"X", Money::FromCents(100)}};
  auto failed = store_->PostPayments({explicit_payment, too_much, foreign}, kActor);
  ASSERT_FALSE(failed);
  EXPECT_TRUE(HasField(failed.error(), "/1/allocations/0/amount"));
  EXPECT_TRUE(HasField(failed.error(), "/2/allocations/0/invoice"));
  EXPECT_EQ(store_->GetPayment("P2").error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(store_->PostPayments({explicit_payment}, kActor));
  EXPECT_EQ(store_->GetInvoice("A")->open_amount.cents(), 100);
  auto open = store_->ListInvoices({"C1", InvoiceStatus::kOpen}, {});
  ASSERT_TRUE(open);
  ASSERT_EQ(open->items.size(), 1U);
  EXPECT_EQ(open->items[0].id, "A");
  auto payments = store_->ListPayments("C1", {"", 1});
  ASSERT_TRUE(payments);
  ASSERT_EQ(payments->items.size(), 1U);
  EXPECT_EQ(payments->next_after, "P1");
}

TEST_P(StoreConformance, PaymentValidationAndCustomerCredit) {
  ASSERT_TRUE(store_->UpsertCustomers({MakeCustomer("C1")}, kActor));
  ASSERT_TRUE(store_->UpsertInvoices({MakeInvoice("A", "C1", 1000)}, kActor));
  Payment negative = MakePayment("P0", "C1", -100);
  Payment orphan = MakePayment("P1", "ghost", 100);
  Payment missing_invoice = MakePayment("P2", "C1", 100);
  missing_invoice.allocations = {{"nope", Money::FromCents(100)}};
  Payment dollars = MakePayment("P3", "C1", 100);
  dollars.currency = "USD";
  dollars.allocations = {{"A", Money::FromCents(100)}};
  auto failed = store_->PostPayments({negative}, kActor);
  ASSERT_FALSE(failed);
  EXPECT_TRUE(HasField(failed.error(), "/0/amount"));
  failed = store_->PostPayments({orphan, missing_invoice, dollars}, kActor);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(HasField(failed.error(), "/0/customer"));
  EXPECT_TRUE(HasField(failed.error(), "/1/allocations/0/invoice"));
  EXPECT_TRUE(HasField(failed.error(), "/2/allocations/0/invoice"));
  EXPECT_EQ(EventCount(*store_), 2);

  // More than is open: the invoice is paid and the rest stays as customer credit.
  auto posted = store_->PostPayments({MakePayment("P4", "C1", 2500)}, kActor);
  ASSERT_TRUE(posted) << posted.error().message;
  auto payment = store_->GetPayment("P4");
  ASSERT_TRUE(payment);
  ASSERT_EQ(payment->allocations.size(), 1U);
  EXPECT_EQ(payment->allocations[0].amount.cents(), 1000);
  auto invoice = store_->GetInvoice("A");
  EXPECT_EQ(invoice->status, InvoiceStatus::kPaid);
  EXPECT_EQ(invoice->open_amount.cents(), 0);
  auto events = store_->ListCustomerEvents("C1", {"2", 10});
  ASSERT_TRUE(events);
  ASSERT_EQ(events->items.size(), 2U);
  EXPECT_EQ(events->items[0].type, "payment.posted");
  EXPECT_NE(events->items[0].payload.find("\"unallocated\":1500"), std::string::npos);
  EXPECT_EQ(events->items[1].type, "invoice.allocated");
  EXPECT_EQ(events->items[1].invoice, "A");
}

TEST_P(StoreConformance, InvoiceUpdateKeepsAllocations) {
  ASSERT_TRUE(store_->UpsertCustomers({MakeCustomer("C1"), MakeCustomer("C2")}, kActor));
  ASSERT_TRUE(store_->UpsertInvoices({MakeInvoice("A", "C1", 1000)}, kActor));
  ASSERT_TRUE(store_->PostPayments({MakePayment("P1", "C1", 400)}, kActor));
  Invoice bigger = MakeInvoice("A", "C1", 1500);
  bigger.open_amount = Money::FromCents(1);  // ignored: the store maintains it
  auto updated = store_->UpsertInvoices({bigger}, kActor);
  ASSERT_TRUE(updated) << updated.error().message;
  EXPECT_EQ(updated->updated, 1);
  EXPECT_EQ(store_->GetInvoice("A")->open_amount.cents(), 1100);
  Invoice moved = bigger;
  moved.customer = "C2";
  Invoice recurrency = bigger;
  recurrency.currency = "USD";
  Invoice rekind = bigger;
  rekind.kind = InvoiceKind::kCreditNote;
  EXPECT_TRUE(HasField(store_->UpsertInvoices({moved}, kActor).error(), "/0/customer"));
  EXPECT_TRUE(HasField(store_->UpsertInvoices({recurrency}, kActor).error(), "/0/currency"));
  EXPECT_TRUE(HasField(store_->UpsertInvoices({rekind}, kActor).error(), "/0/kind"));
  Invoice credit = MakeInvoice("CN", "C2", 100);
  credit.kind = InvoiceKind::kCreditNote;
  credit.credits_invoice = "A";  // another customer's invoice
  EXPECT_TRUE(HasField(store_->UpsertInvoices({credit}, kActor).error(), "/0/credits_invoice"));
  auto page = store_->ListInvoices({}, {"", 10});
  ASSERT_TRUE(page);
  ASSERT_EQ(page->items.size(), 1U);
  EXPECT_EQ(page->items[0].amount.cents(), 1500);
}

}  // namespace duly::daemon
