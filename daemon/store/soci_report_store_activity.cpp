// SociReportStore: cash collected, promises, channel effectiveness, collector productivity and
// open cases (aging and the ledger are in soci_report_store.cpp).
#include <map>
#include <string>

#include "daemon/store/soci_report_store.h"

namespace duly::daemon {
namespace {

constexpr const char* kCashPerMonth =
    "SELECT substr(received, 1, 7), CAST(SUM(amount) AS BIGINT) FROM payments"
    " WHERE received >= :from AND received <= :to GROUP BY substr(received, 1, 7)"
    " ORDER BY substr(received, 1, 7)";
constexpr const char* kPromisesByState =
    "SELECT state, COUNT(*), CAST(SUM(amount) AS BIGINT) FROM promises"
    " WHERE promised_on >= :from AND promised_on <= :to GROUP BY state";
// A message is followed by payment when a payment of its customer posted within the window
// after it was allocated to an invoice among its items (items is JSON written compact with
// sorted keys: {"invoice":"INV-1",...}).
constexpr const char* kChannels =
    "SELECT o.channel, o.template, COUNT(*), CAST(SUM(CASE WHEN EXISTS (SELECT 1 FROM payments p"
    " JOIN allocations a ON a.payment = p.id WHERE p.customer = o.customer"
    " AND p.created_at >= o.sent_at AND p.created_at < o.sent_at + :window"
    " AND o.items LIKE '%\"invoice\":\"' || a.invoice || '\"%') THEN 1 ELSE 0 END) AS BIGINT)"
    " FROM outbox_messages o WHERE o.sent_at >= :from AND o.sent_at < :to"
    " AND o.recipient_kind = 'customer' AND o.state = 'sent'"
    " GROUP BY o.channel, o.template ORDER BY o.channel, o.template";
constexpr const char* kOutcomes =
    "SELECT assignee, outcome, COUNT(*) FROM tasks WHERE state = 'done'"
    " AND updated_at >= :from AND updated_at < :to GROUP BY assignee, outcome";
constexpr const char* kCollectedAfterCalls =
    "SELECT t.assignee, CAST(SUM(p.amount) AS BIGINT) FROM tasks t JOIN payments p"
    " ON p.customer = t.customer AND p.created_at >= t.updated_at"
    " AND p.created_at < t.updated_at + :window"
    " WHERE t.state = 'done' AND t.kind = 'call' AND t.updated_at >= :from AND t.updated_at < :to"
    " GROUP BY t.assignee";
// 0 overdue, 1 within a day, 2 within a week, 3 later.
constexpr const char* kCaseDeadlines =
    "SELECT CASE WHEN deadline_at < :now THEN 0 WHEN deadline_at < :day THEN 1"
    " WHEN deadline_at < :week THEN 2 ELSE 3 END, COUNT(*) FROM cases"
    " WHERE state IN ('open', 'escalated') GROUP BY 1";

constexpr std::int64_t kDayMillis = 86400000;

}  // namespace

Result<std::vector<MonthAmount>> SociReportStore::CashCollected(CalendarDate from,
                                                                CalendarDate to) {
  return Read<std::vector<MonthAmount>>("reading cash collected", [&](soci::session& session) {
    std::vector<MonthAmount> months;
    const std::string first = FormatCalendarDate(from);
    const std::string last = FormatCalendarDate(to);
    std::string month;
    long long amount = 0;
    soci::statement st = (session.prepare << kCashPerMonth, soci::into(month), soci::into(amount),
                          soci::use(first, "from"), soci::use(last, "to"));
    st.execute();
    while (st.fetch()) months.push_back({month, Money::FromCents(amount)});
    return Result<std::vector<MonthAmount>>(std::move(months));
  });
}

Result<PromiseTally> SociReportStore::Promises(CalendarDate from, CalendarDate to) {
  return Read<PromiseTally>("reading promises", [&](soci::session& session) {
    PromiseTally tally;
    const std::string first = FormatCalendarDate(from);
    const std::string last = FormatCalendarDate(to);
    std::string state;
    long long count = 0;
    long long amount = 0;
    soci::statement st = (session.prepare << kPromisesByState, soci::into(state), soci::into(count),
                          soci::into(amount), soci::use(first, "from"), soci::use(last, "to"));
    st.execute();
    while (st.fetch()) {
      if (state == "kept") {
        tally.kept = count;
        tally.kept_amount = Money::FromCents(amount);
      } else if (state == "broken") {
        tally.broken = count;
        tally.broken_amount = Money::FromCents(amount);
      } else if (state == "open") {
        tally.open = count;
      } else if (state == "cancelled") {
        tally.cancelled = count;
      }
    }
    return Result<PromiseTally>(tally);
  });
}

Result<std::vector<ChannelTally>> SociReportStore::Channels(Instant from, Instant to,
                                                            std::chrono::milliseconds window) {
  return Read<std::vector<ChannelTally>>(
      "reading channel effectiveness", [&](soci::session& session) {
        std::vector<ChannelTally> rows;
        long long first = ToEpochMillis(from);
        long long last = ToEpochMillis(to);
        long long within = window.count();
        ChannelTally row;
        long long messages = 0;
        long long followed = 0;
        soci::statement st =
            (session.prepare << kChannels, soci::into(row.channel), soci::into(row.template_id),
             soci::into(messages), soci::into(followed), soci::use(within, "window"),
             soci::use(first, "from"), soci::use(last, "to"));
        st.execute();
        while (st.fetch()) {
          row.messages = messages;
          row.followed_by_payment = followed;
          rows.push_back(row);
        }
        return Result<std::vector<ChannelTally>>(std::move(rows));
      });
}

Result<std::vector<CollectorTally>> SociReportStore::Collectors(Instant from, Instant to,
                                                                std::chrono::milliseconds window) {
  return Read<std::vector<CollectorTally>>(
      "reading collector productivity", [&](soci::session& session) {
        std::map<std::string, CollectorTally> collectors;
        long long first = ToEpochMillis(from);
        long long last = ToEpochMillis(to);
        long long within = window.count();
        std::string assignee;
        std::string outcome;
        long long count = 0;
        soci::statement outcomes =
            (session.prepare << kOutcomes, soci::into(assignee), soci::into(outcome),
             soci::into(count), soci::use(first, "from"), soci::use(last, "to"));
        outcomes.execute();
        while (outcomes.fetch()) {
          CollectorTally& tally = collectors[assignee];
          tally.collector = assignee;
          tally.tasks_completed += count;
          if (!outcome.empty()) tally.outcomes[outcome] += count;
          if (outcome == "promise") tally.promises_obtained += count;
        }
        long long amount = 0;
        soci::statement collected =
            (session.prepare << kCollectedAfterCalls, soci::into(assignee), soci::into(amount),
             soci::use(within, "window"), soci::use(first, "from"), soci::use(last, "to"));
        collected.execute();
        while (collected.fetch()) {
          CollectorTally& tally = collectors[assignee];
          tally.collector = assignee;
          tally.collected_after_calls = Money::FromCents(amount);
        }
        std::vector<CollectorTally> rows;
        for (auto& [name, tally] : collectors) rows.push_back(std::move(tally));
        return Result<std::vector<CollectorTally>>(std::move(rows));
      });
}

Result<CaseDeadlines> SociReportStore::OpenCasesByDeadline(Instant now) {
  return Read<CaseDeadlines>("reading open cases by deadline", [&](soci::session& session) {
    CaseDeadlines deadlines;
    long long at = ToEpochMillis(now);
    long long day = at + kDayMillis;
    long long week = at + 7 * kDayMillis;
    long long group = 0;
    long long count = 0;
    soci::statement st = (session.prepare << kCaseDeadlines, soci::into(group), soci::into(count),
                          soci::use(at, "now"), soci::use(day, "day"), soci::use(week, "week"));
    st.execute();
    while (st.fetch()) {
      if (group == 0) deadlines.overdue = count;
      if (group == 1) deadlines.within_day = count;
      if (group == 2) deadlines.within_week = count;
      if (group == 3) deadlines.later = count;
    }
    return Result<CaseDeadlines>(deadlines);
  });
}

}  // namespace duly::daemon
