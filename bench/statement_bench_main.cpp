// duly_statement_bench: bank statement entries imported, matched and posted per second against a
// large book of open invoices, whole path: CAMT.053 bytes -> ReadStatementFile (parse, keys) ->
// SociStatementStore::ImportStatement (load the open items and payers into a MatchIndex, match
// every entry, post the payments with their allocations, queue the rest, one transaction).
// Not a test; run by hand:
//
//   duly_statement_bench DATABASE_URL [--invoices 100000] [--entries 50000] [--customers 10000]
//
// DATABASE_URL names an empty database (sqlite:///tmp/bench.db, or postgresql://... e.g. under
// pg_virtualenv). Phases: seed (customers and open invoices, each with a generated structured
// reference, through the Store; not timed), build the CAMT document (not timed), then timed:
// parse, import. The entries: 80% quote an invoice's structured reference, 10% name an invoice
// number in the free text, 10% name nothing (queued for reconciliation). Prints one JSON line.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "daemon/statements/statement_file.h"
#include "daemon/store/soci_statement_store.h"
#include "daemon/store/soci_store.h"

namespace {

using duly::Money;
using Seconds = std::chrono::duration<double>;

long Flag(int argc, char** argv, const std::string& name, long fallback) {
  for (int i = 2; i + 1 < argc; ++i) {
    if (argv[i] == name) return std::atol(argv[i + 1]);
  }
  return fallback;
}

std::string Entry(long n, const std::string& amount, const std::string& reference,
                  const std::string& text) {
  std::string rmt;
  if (!reference.empty()) {
    rmt += "<Strd><CdtrRefInf><Ref>" + reference + "</Ref></CdtrRefInf></Strd>";
  }
  if (!text.empty()) rmt += "<Ustrd>" + text + "</Ustrd>";
  const std::string ref = "B" + std::to_string(n);
  return "<Ntry><NtryRef>" + ref + "</NtryRef><Amt Ccy=\"EUR\">" + amount +
         "</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-03-10</Dt></BookgDt>"
         "<ValDt><Dt>2026-03-10</Dt></ValDt><AcctSvcrRef>" +
         ref + "</AcctSvcrRef><NtryDtls><TxDtls><RltdPties><Dbtr><Nm>Payer " + std::to_string(n) +
         "</Nm></Dbtr></RltdPties><RmtInf>" + rmt + "</RmtInf></TxDtls></NtryDtls></Ntry>\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s DATABASE_URL [--invoices N] [--entries N] [--customers N]\n",
                 argv[0]);
    return 2;
  }
  const long invoices = Flag(argc, argv, "--invoices", 100000);
  const long entries = Flag(argc, argv, "--entries", 50000);
  const long customers = Flag(argc, argv, "--customers", 10000);
  duly::ManualClock clock(duly::FromEpochMillis(1773133200000));  // 2026-03-10T09:00:00Z
  auto url = duly::daemon::DatabaseUrl::Parse(argv[1]);
  if (!url) {
    std::fprintf(stderr, "%s\n", url.error().message.c_str());
    return 2;
  }
  auto opened = duly::daemon::OpenStore(*url, clock);
  if (!opened) {
    std::fprintf(stderr, "%s\n", opened.error().message.c_str());
    return 1;
  }
  duly::daemon::SociStore& store = **opened;
  const duly::Actor actor{"bench"};
  const auto seed_start = std::chrono::steady_clock::now();
  {
    std::vector<duly::Customer> batch;
    for (long c = 0; c < customers; ++c) {
      duly::Customer customer;
      customer.id = "C" + std::to_string(c);
      customer.name = "Customer " + std::to_string(c);
      customer.address.country = c % 3 == 0 ? "BE" : c % 3 == 1 ? "NL" : "DE";
      batch.push_back(std::move(customer));
    }
    if (auto done = store.UpsertCustomers(batch, actor); !done) {
      std::fprintf(stderr, "seeding customers: %s\n", done.error().message.c_str());
      return 1;
    }
  }
  for (long first = 0; first < invoices; first += 10000) {
    std::vector<duly::Invoice> batch;
    for (long i = first; i < std::min(invoices, first + 10000); ++i) {
      duly::Invoice invoice;
      invoice.id = "INV-" + std::to_string(1000000 + i);
      invoice.customer = "C" + std::to_string(i % customers);
      invoice.issued = duly::ParseCalendarDate("2026-01-01").value();
      invoice.due = invoice.issued + date::days(30 + i % 60);
      invoice.amount = Money::FromCents(10000 + (i * 37) % 90000);
      batch.push_back(std::move(invoice));
    }
    if (auto done = store.UpsertInvoices(batch, actor); !done) {
      std::fprintf(stderr, "seeding invoices: %s\n", done.error().message.c_str());
      return 1;
    }
  }
  const double seed_seconds = Seconds(std::chrono::steady_clock::now() - seed_start).count();

  // The CAMT document: entry n pays invoice n * invoices / entries (all different invoices).
  std::string document =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document "
      "xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\"><BkToCstmrStmt><GrpHdr><MsgId>"
      "BENCH</MsgId><CreDtTm>2026-03-10T08:00:00</CreDtTm></GrpHdr><Stmt><Id>BENCH-1</Id><Acct>"
      "<Id><IBAN>NL91ABNA0417164300</IBAN></Id><Ccy>EUR</Ccy></Acct><Bal><Tp><CdOrPrtry><Cd>OPBD"
      "</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">0.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>"
      "2026-03-09</Dt></Dt></Bal><Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt "
      "Ccy=\"EUR\">0.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-03-10</Dt></Dt></Bal>\n";
  for (long n = 0; n < entries; ++n) {
    const long i = n * invoices / entries;
    const std::string id = "INV-" + std::to_string(1000000 + i);
    auto invoice = store.GetInvoice(id);
    if (!invoice) {
      std::fprintf(stderr, "%s\n", invoice.error().message.c_str());
      return 1;
    }
    const std::string amount = invoice->amount.ToString();
    if (n % 10 == 8) {
      document += Entry(n, amount, "", "invoice " + id);
    } else if (n % 10 == 9) {
      document += Entry(n, "1.23", "", "no clue at all");
    } else {
      document += Entry(n, amount, invoice->reference, "");
    }
  }
  document += "</Stmt></BkToCstmrStmt></Document>\n";

  duly::daemon::SociStatementStore statements(store.SharedConnections(), clock);
  const auto start = std::chrono::steady_clock::now();
  auto file = duly::statements::ReadStatementFile(document);
  if (!file) {
    std::fprintf(stderr, "%s\n", file.error().message.c_str());
    return 1;
  }
  const auto parsed = std::chrono::steady_clock::now();
  auto report = statements.ImportStatement(*file, actor);
  if (!report) {
    std::fprintf(stderr, "%s\n", report.error().message.c_str());
    return 1;
  }
  const auto done = std::chrono::steady_clock::now();
  const double parse_seconds = Seconds(parsed - start).count();
  const double import_seconds = Seconds(done - parsed).count();
  const double total = Seconds(done - start).count();
  nlohmann::json line = {
      {"database", url->kind == duly::daemon::DatabaseKind::kSqlite ? "sqlite" : "postgresql"},
      {"open_invoices", invoices},
      {"entries", report->entries},
      {"posted", report->posted},
      {"queued", report->queued},
      {"seed_seconds", seed_seconds},
      {"parse_seconds", parse_seconds},
      {"import_seconds", import_seconds},
      {"entries_per_second", static_cast<double>(report->entries) / total}};
  std::printf("%s\n", line.dump().c_str());
  return 0;
}
