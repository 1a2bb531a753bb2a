// SociReportStore: aging and the receivables ledger (the rest is in
// soci_report_store_activity.cpp).
#include "daemon/store/soci_report_store.h"

#include <string>

namespace duly::daemon {
namespace {

// Amounts open at the end of :day, one row per invoice part: today's open amounts of invoices
// issued by then (not written off by then), plus what was settled on them after it.
constexpr const char* kOpenOnDay =
    "SELECT customer, due, open_amount AS amount FROM invoices"
    " WHERE kind = 'invoice' AND open_amount > 0 AND issued <= :day"
    " AND (status <> 'written_off' OR updated_at >= :cutoff)"
    " UNION ALL"
    " SELECT i.customer, i.due, a.amount FROM allocations a JOIN invoices i ON i.id = a.invoice"
    " WHERE a.settled_on > :after AND i.issued <= :issued_by"
    " AND (i.status <> 'written_off' OR i.updated_at >= :written_off_after)";
// Its bucket: 0 not due, 1 1-30, 2 31-60, 3 61-90, 4 over 90 days past due (aging.h).
constexpr const char* kBucketOf =
    "CASE WHEN o.due >= :not_due THEN 0 WHEN o.due >= :days_1_30 THEN 1"
    " WHEN o.due >= :days_31_60 THEN 2 WHEN o.due >= :days_61_90 THEN 3 ELSE 4 END";

std::string AgingTotalsSql() {
  return std::string("SELECT b.bucket, CAST(SUM(b.amount) AS BIGINT) FROM (SELECT ") + kBucketOf +
         " AS bucket, o.amount FROM (" + kOpenOnDay + ") o) b GROUP BY b.bucket";
}

std::string AgingByCustomerSql() {
  std::string sql = "SELECT b.customer, c.name";
  for (int bucket = 0; bucket < kAgingBucketCount; ++bucket) {
    sql += ", CAST(SUM(CASE WHEN b.bucket = " + std::to_string(bucket) +
           " THEN b.amount ELSE 0 END) AS BIGINT)";
  }
  return sql + ", CAST(SUM(b.amount) AS BIGINT) AS total FROM (SELECT o.customer, " + kBucketOf +
         " AS bucket, o.amount FROM (" + kOpenOnDay +
         ") o) b JOIN customers c ON c.id = b.customer GROUP BY b.customer, c.name"
         " ORDER BY total DESC, b.customer LIMIT :limit";
}

constexpr const char* kSalesPerDay =
    "SELECT issued, CAST(SUM(amount) AS BIGINT) FROM invoices"
    " WHERE kind = 'invoice' AND issued >= :from AND issued <= :to GROUP BY issued";
constexpr const char* kSettledPerDay =
    "SELECT settled_on, CAST(SUM(amount) AS BIGINT) FROM allocations"
    " WHERE settled_on >= :from AND settled_on <= :to GROUP BY settled_on";
// Written off per UTC day (epoch day number).
constexpr const char* kWrittenOffPerDay =
    "SELECT updated_at / 86400000, CAST(SUM(open_amount) AS BIGINT) FROM invoices"
    " WHERE status = 'written_off' AND kind = 'invoice' AND updated_at >= :from"
    " AND updated_at < :to GROUP BY updated_at / 86400000";

// The values kOpenOnDay and kBucketOf bind, kept alive while the statement runs.
struct OpenOnDayParams {
  explicit OpenOnDayParams(CalendarDate as_of) {
    day = FormatCalendarDate(as_of);
    after = day;
    issued_by = day;
    cutoff = ToEpochMillis(Instant(as_of + date::days(1)));
    written_off_after = cutoff;
    const AgingCutoffs cut = CutoffsAsOf(as_of);
    not_due = FormatCalendarDate(cut.not_due);
    days_1_30 = FormatCalendarDate(cut.days_1_30);
    days_31_60 = FormatCalendarDate(cut.days_31_60);
    days_61_90 = FormatCalendarDate(cut.days_61_90);
  }
  void Bind(soci::statement& st) {
    st.exchange(soci::use(not_due, "not_due"));
    st.exchange(soci::use(days_1_30, "days_1_30"));
    st.exchange(soci::use(days_31_60, "days_31_60"));
    st.exchange(soci::use(days_61_90, "days_61_90"));
    st.exchange(soci::use(day, "day"));
    st.exchange(soci::use(cutoff, "cutoff"));
    st.exchange(soci::use(after, "after"));
    st.exchange(soci::use(issued_by, "issued_by"));
    st.exchange(soci::use(written_off_after, "written_off_after"));
  }
  std::string day, after, issued_by, not_due, days_1_30, days_31_60, days_61_90;
  long long cutoff = 0;
  long long written_off_after = 0;
};

void Run(soci::statement& st, const std::string& sql) {
  st.alloc();
  st.prepare(sql);
  st.define_and_bind();
  st.execute();
}

AgingBuckets ReadAgingTotals(soci::session& session, CalendarDate as_of) {
  AgingBuckets buckets;
  OpenOnDayParams params(as_of);
  long long bucket = 0;
  long long amount = 0;
  soci::statement st(session);
  st.exchange(soci::into(bucket));
  st.exchange(soci::into(amount));
  params.Bind(st);
  Run(st, AgingTotalsSql());
  while (st.fetch()) {
    if (bucket >= 0 && bucket < kAgingBucketCount) {
      buckets[static_cast<AgingBucket>(bucket)] = Money::FromCents(amount);
    }
  }
  return buckets;
}

// Rows of (day text, amount) into `days`, with `set` choosing the ledger column.
template <typename Set>
void ReadPerDay(soci::session& session, const char* sql, const std::string& from,
                const std::string& to, std::vector<LedgerDay>& days, Set set) {
  std::string day;
  long long amount = 0;
  soci::statement st = (session.prepare << sql, soci::into(day), soci::into(amount),
                        soci::use(from, "from"), soci::use(to, "to"));
  st.execute();
  while (st.fetch()) {
    Result<CalendarDate> parsed = ParseCalendarDate(day);
    if (!parsed) continue;  // not a date: cannot be placed on a day (the schema stores dates)
    LedgerDay entry;
    entry.day = *parsed;
    set(entry, Money::FromCents(amount));
    days.push_back(entry);
  }
}

}  // namespace

Result<AgingBuckets> SociReportStore::AgingTotals(CalendarDate as_of) {
  return Read<AgingBuckets>("reading aging totals", [&](soci::session& session) {
    return Result<AgingBuckets>(ReadAgingTotals(session, as_of));
  });
}

Result<std::vector<CustomerAging>> SociReportStore::AgingByCustomer(CalendarDate as_of, int limit) {
  if (limit < 1 || limit > 1000) {
    return FieldInvalid("/limit", "must be from 1 to 1000; it is " + std::to_string(limit));
  }
  return Read<std::vector<CustomerAging>>(
      "reading aging per customer", [&](soci::session& session) {
        std::vector<CustomerAging> rows;
        OpenOnDayParams params(as_of);
        CustomerAging row;
        long long amounts[kAgingBucketCount] = {};
        long long total = 0;
        long long wanted = limit;
        soci::statement st(session);
        st.exchange(soci::into(row.customer));
        st.exchange(soci::into(row.name));
        for (long long& amount : amounts) st.exchange(soci::into(amount));
        st.exchange(soci::into(total));
        params.Bind(st);
        st.exchange(soci::use(wanted, "limit"));
        Run(st, AgingByCustomerSql());
        while (st.fetch()) {
          for (int bucket = 0; bucket < kAgingBucketCount; ++bucket) {
            row.buckets[static_cast<AgingBucket>(bucket)] = Money::FromCents(amounts[bucket]);
          }
          rows.push_back(row);
        }
        return Result<std::vector<CustomerAging>>(std::move(rows));
      });
}

Result<ReceivablesLedger> SociReportStore::Ledger(const LedgerRange& range) {
  if (range.sales_from > range.ar_from || range.ar_from > range.to) {
    return FieldInvalid("/range", "needs sales_from <= ar_from <= to");
  }
  return Read<ReceivablesLedger>("reading the receivables ledger", [&](soci::session& session) {
    const Money ar_at_end = ReadAgingTotals(session, range.to).Total();
    std::vector<LedgerDay> days;
    const std::string to = FormatCalendarDate(range.to);
    ReadPerDay(session, kSalesPerDay, FormatCalendarDate(range.sales_from), to, days,
               [](LedgerDay& day, Money amount) { day.sales = amount; });
    ReadPerDay(session, kSettledPerDay, FormatCalendarDate(range.ar_from), to, days,
               [](LedgerDay& day, Money amount) { day.settled = amount; });
    long long epoch_day = 0;
    long long amount = 0;
    long long from_ms = ToEpochMillis(Instant(range.ar_from));
    long long to_ms = ToEpochMillis(Instant(range.to + date::days(1)));
    soci::statement st = (session.prepare << kWrittenOffPerDay, soci::into(epoch_day),
                          soci::into(amount), soci::use(from_ms, "from"), soci::use(to_ms, "to"));
    st.execute();
    while (st.fetch()) {
      LedgerDay entry;
      entry.day = CalendarDate(date::days(epoch_day));
      entry.written_off = Money::FromCents(amount);
      days.push_back(entry);
    }
    return Result<ReceivablesLedger>(ReceivablesLedger(range, ar_at_end, days));
  });
}

}  // namespace duly::daemon
