#include "daemon/store/generated_reference.h"

#include <cstdint>
#include <set>

#include "daemon/store/bulk_ids.h"
#include "workflows/payment_reference.h"

namespace duly::daemon {
namespace {

// The stored references of invoices among a batch's ids.
constexpr const char* kSelectReferences = "SELECT id, reference FROM invoices WHERE id";
// The countries of the customers among a batch's ids.
constexpr const char* kSelectCountries = "SELECT id, country FROM customers WHERE id";
// Stored invoices that already carry one of a batch of references (index invoices_reference).
constexpr const char* kSelectTakenReferences = "SELECT reference FROM invoices WHERE reference";

std::uint64_t Fnv1a(std::string_view text, int attempt) {
  std::uint64_t hash = 14695981039346656037ULL;
  auto feed = [&hash](unsigned char byte) {
    hash ^= byte;
    hash *= 1099511628211ULL;
  };
  for (char c : text) feed(static_cast<unsigned char>(c));
  feed(0);
  for (int shift = 0; shift < 32; shift += 8) {
    feed(static_cast<unsigned char>((static_cast<unsigned>(attempt) >> shift) & 0xFFU));
  }
  // Final mix (splitmix64), so nearby ids spread over every digit.
  hash ^= hash >> 30;
  hash *= 0xbf58476d1ce4e5b9ULL;
  hash ^= hash >> 27;
  hash *= 0x94d049bb133111ebULL;
  hash ^= hash >> 31;
  return hash;
}

std::string Digits(std::uint64_t value, int count) {
  std::string digits(static_cast<std::size_t>(count), '0');
  for (int i = count - 1; i >= 0; --i) {
    digits[static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return digits;
}

}  // namespace

std::string GeneratedReferenceFor(std::string_view invoice_id, std::string_view country,
                                  int attempt) {
  const std::uint64_t hash = Fnv1a(invoice_id, attempt);
  if (country == "BE") return MakeOgm(hash % 10000000000ULL);
  // 15 digits not starting with 0: the betalingskenmerk's long form (16 digits with its check).
  const std::string digits = Digits(100000000000000ULL + hash % 900000000000000ULL, 15);
  if (country == "NL") return MakeBetalingskenmerk(digits).value();
  return MakeRfReference(digits).value();
}

std::map<std::string, std::string> AssignReferences(soci::session& session, DatabaseKind kind,
                                                    const std::vector<Invoice>& invoices) {
  std::map<std::string, std::string> assigned;
  std::vector<std::string> ids;
  std::vector<std::string> customers;
  for (const Invoice& invoice : invoices) {
    if (invoice.kind != InvoiceKind::kInvoice || !invoice.reference.empty()) continue;
    ids.push_back(invoice.id);
    customers.push_back(invoice.customer);
  }
  if (ids.empty()) return assigned;
  std::string id;
  std::string text;
  std::map<std::string, std::string> country_of;
  ForEachRowIn(
      session, kind, kSelectReferences, ids, "",
      [&] {
        if (!text.empty()) assigned[id] = text;
      },
      soci::into(id), soci::into(text));
  ForEachRowIn(
      session, kind, kSelectCountries, customers, "", [&] { country_of[id] = text; },
      soci::into(id), soci::into(text));
  std::set<std::string> used;  // references handed out in this batch
  for (const auto& [invoice, reference] : assigned) used.insert(reference);
  std::map<std::string, std::string> fresh;  // invoice id -> candidate
  std::map<std::string, std::string> country;
  for (const Invoice& invoice : invoices) {
    if (invoice.kind != InvoiceKind::kInvoice || !invoice.reference.empty()) continue;
    if (assigned.count(invoice.id) != 0) continue;
    country[invoice.id] = country_of[invoice.customer];
  }
  for (int attempt = 0; !country.empty(); ++attempt) {
    std::vector<std::string> candidates;
    for (const auto& [invoice, place] : country) {
      std::string candidate = GeneratedReferenceFor(invoice, place, attempt);
      fresh[invoice] = candidate;
      candidates.push_back(std::move(candidate));
    }
    std::set<std::string> taken;
    ForEachRowIn(
        session, kind, kSelectTakenReferences, candidates, "", [&] { taken.insert(text); },
        soci::into(text));
    for (auto it = country.begin(); it != country.end();) {
      const std::string& candidate = fresh[it->first];
      if (taken.count(candidate) == 0 && used.insert(candidate).second) {
        assigned[it->first] = candidate;
        it = country.erase(it);
      } else {
        ++it;
      }
    }
  }
  return assigned;
}

}  // namespace duly::daemon
