#include "workflows/matching/match_index.h"

#include <algorithm>
#include <functional>

#include "workflows/matching/match_keys.h"

namespace duly {
namespace {

template <typename Map, typename Key>
std::span<const typename Map::mapped_type::value_type> Lookup(const Map& map, const Key& key) {
  const auto found = map.find(key);
  if (found == map.end()) return {};
  return found->second;
}

std::uint64_t LengthBit(std::size_t length) {
  return length < 64 ? std::uint64_t{1} << length : std::uint64_t{0};
}

bool MayHaveLength(std::uint64_t lengths, std::size_t length) {
  return length >= 64 || (lengths & LengthBit(length)) != 0;
}

template <typename T>
void AddOnce(std::vector<T>& values, T value) {
  if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(value);
}

template <typename T>
void Remove(std::vector<T>& values, T value) {
  values.erase(std::remove(values.begin(), values.end(), value), values.end());
}

}  // namespace

std::size_t MatchIndex::AmountKeyHash::operator()(const AmountKey& key) const {
  return std::hash<std::int64_t>{}(key.cents) * 31u + key.customer;
}

MatchIndex::CustomerId MatchIndex::CustomerFor(const std::string& id) {
  const auto [found, inserted] =
      customer_by_id_.try_emplace(id, static_cast<CustomerId>(customers_.size()));
  if (inserted) customers_.push_back({id, {}, {}, {}});
  return found->second;
}

Status MatchIndex::AddItem(const OpenItem& item) {
  if (item.id.empty()) return FieldInvalid("/id", "an open item needs its invoice number");
  if (item.customer.empty())
    return FieldInvalid("/customer", "open item " + item.id + " has no customer");
  if (!IsCurrencyCode(item.currency)) {
    return FieldInvalid("/currency", "open item " + item.id + ": '" + item.currency +
                                         "' is not a currency code like EUR");
  }
  if (item_by_id_.contains(item.id)) {
    return Conflict("open item " + item.id + " was added to the match index twice");
  }
  if (item.open_amount <= Money()) return Status::Ok();

  const auto id = static_cast<ItemId>(items_.size());
  const CustomerId customer = CustomerFor(item.customer);
  items_.push_back(item);
  item_customer_.push_back(customer);
  item_by_id_.emplace(item.id, id);
  customers_[customer].items.push_back(id);
  ++open_items_;
  CurrencyTotals& totals = TotalsFor(id);
  if (item.kind == InvoiceKind::kCreditNote) {
    customers_[customer].credit_notes.push_back(id);
    totals.credit_notes += item.open_amount;
  } else {
    totals.invoices += item.open_amount;
    ++totals.open_invoices;
  }
  if (!item.reference.empty()) {
    if (auto key = ReferenceKey(item.reference)) {
      reference_lengths_ |= LengthBit(key->size());
      by_reference_[*key].push_back(id);
    }
  }
  if (std::string key = InvoiceNumberKey(item.id); !key.empty()) {
    number_lengths_ |= LengthBit(key.size());
    by_number_[key].push_back(id);
  }
  IndexAmount(id);
  // A credit note and the invoice it corrects may come in either order: link them by id.
  if (item.kind == InvoiceKind::kCreditNote && !item.credits_invoice.empty()) {
    const auto invoice = item_by_id_.find(item.credits_invoice);
    if (invoice != item_by_id_.end()) {
      credit_notes_for_[invoice->second].push_back(id);
    } else {
      unlinked_credit_notes_[item.credits_invoice].push_back(id);
    }
  }
  if (item.kind == InvoiceKind::kInvoice) {
    const auto waiting = unlinked_credit_notes_.find(item.id);
    if (waiting != unlinked_credit_notes_.end()) {
      credit_notes_for_[id] = std::move(waiting->second);
      unlinked_credit_notes_.erase(waiting);
    }
  }
  return Status::Ok();
}

void MatchIndex::Reserve(std::size_t items) {
  items_.reserve(items);
  item_customer_.reserve(items);
  item_by_id_.reserve(items);
  by_reference_.reserve(items);
  by_number_.reserve(items);
  by_customer_amount_.reserve(items);
  by_amount_.reserve(items);
}

Status MatchIndex::AddCustomer(const KnownCustomer& customer) {
  if (customer.id.empty()) return FieldInvalid("/id", "a known customer needs its id");
  const CustomerId id = CustomerFor(customer.id);
  if (std::string key = CustomerNameKey(customer.name); !key.empty()) {
    AddOnce(customers_by_name_[key], id);
  }
  for (const std::string& iban : customer.ibans) {
    if (std::string key = IbanKey(iban); !key.empty()) AddOnce(customers_by_iban_[key], id);
  }
  return Status::Ok();
}

void MatchIndex::IndexAmount(ItemId id) {
  const std::int64_t cents = items_[id].open_amount.cents();
  by_customer_amount_[{item_customer_[id], cents}].push_back(id);
  by_amount_[cents].push_back(id);
}

void MatchIndex::UnindexAmount(ItemId id) {
  const std::int64_t cents = items_[id].open_amount.cents();
  const AmountKey key{item_customer_[id], cents};
  Remove(by_customer_amount_[key], id);
  if (by_customer_amount_[key].empty()) by_customer_amount_.erase(key);
  Remove(by_amount_[cents], id);
  if (by_amount_[cents].empty()) by_amount_.erase(cents);
}

Status MatchIndex::Apply(std::span<const Allocation> allocations,
                         std::span<const CreditNoteUse> uses) {
  // Check everything against the open amounts first, so a refusal changes nothing.
  std::vector<std::pair<ItemId, Money>> changes;
  auto take = [&](const std::string& item_id, Money amount) -> Status {
    const auto found = item_by_id_.find(item_id);
    if (found == item_by_id_.end() || !IsOpen(found->second)) {
      return NotFound("item " + item_id + " is not open in the match index");
    }
    if (amount <= Money()) {
      return Conflict("an amount applied to " + item_id + " must be positive, not " +
                      amount.ToString());
    }
    Money taken = amount;
    for (const auto& [changed, earlier] : changes) {
      if (changed == found->second) taken += earlier;
    }
    if (taken > items_[found->second].open_amount) {
      return Conflict("applying " + taken.ToString() + " to " + item_id + " exceeds its open " +
                      items_[found->second].open_amount.ToString());
    }
    changes.emplace_back(found->second, amount);
    return Status::Ok();
  };
  for (const Allocation& allocation : allocations) {
    if (Status status = take(allocation.invoice, allocation.amount); !status) return status;
  }
  for (const CreditNoteUse& use : uses) {
    if (Status status = take(use.credit_note, use.amount); !status) return status;
    if (Status status = take(use.invoice, use.amount); !status) return status;
  }
  for (const auto& [id, amount] : changes) {
    UnindexAmount(id);
    items_[id].open_amount -= amount;
    CurrencyTotals& totals = TotalsFor(id);
    const bool credit_note = items_[id].kind == InvoiceKind::kCreditNote;
    (credit_note ? totals.credit_notes : totals.invoices) -= amount;
    if (IsOpen(id)) {
      IndexAmount(id);
    } else {
      --open_items_;
      if (!credit_note) --totals.open_invoices;
    }
  }
  return Status::Ok();
}

std::span<const MatchIndex::ItemId> MatchIndex::ItemsByReference(const std::string& key) const {
  if (!MayHaveLength(reference_lengths_, key.size())) return {};
  return Lookup(by_reference_, key);
}
std::span<const MatchIndex::ItemId> MatchIndex::ItemsByNumber(const std::string& key) const {
  if (!MayHaveLength(number_lengths_, key.size())) return {};
  return Lookup(by_number_, key);
}
std::span<const MatchIndex::ItemId> MatchIndex::ItemsByCustomerAmount(CustomerId customer,
                                                                      Money amount) const {
  return Lookup(by_customer_amount_, AmountKey{customer, amount.cents()});
}
std::span<const MatchIndex::ItemId> MatchIndex::ItemsByAmount(Money amount) const {
  return Lookup(by_amount_, amount.cents());
}
std::span<const MatchIndex::ItemId> MatchIndex::CreditNotesFor(ItemId invoice) const {
  return Lookup(credit_notes_for_, invoice);
}
std::span<const MatchIndex::ItemId> MatchIndex::ItemsOfCustomer(CustomerId customer) const {
  return customers_[customer].items;
}
std::span<const MatchIndex::ItemId> MatchIndex::CreditNotesOfCustomer(CustomerId customer) const {
  return customers_[customer].credit_notes;
}

MatchIndex::CurrencyTotals& MatchIndex::TotalsFor(ItemId id) {
  auto& totals = customers_[item_customer_[id]].totals;
  for (CurrencyTotals& entry : totals) {
    if (entry.currency == items_[id].currency) return entry;
  }
  totals.push_back({items_[id].currency, Money(), Money(), 0});
  return totals.back();
}

const MatchIndex::CurrencyTotals* MatchIndex::TotalsOf(CustomerId customer,
                                                       const std::string& currency) const {
  for (const CurrencyTotals& entry : customers_[customer].totals) {
    if (entry.currency == currency) return &entry;
  }
  return nullptr;
}

std::optional<MatchIndex::ItemId> MatchIndex::FindItem(const std::string& id) const {
  const auto found = item_by_id_.find(id);
  if (found == item_by_id_.end()) return std::nullopt;
  return found->second;
}

std::span<const MatchIndex::CustomerId> MatchIndex::CustomersByIban(const std::string& key) const {
  return Lookup(customers_by_iban_, key);
}
std::span<const MatchIndex::CustomerId> MatchIndex::CustomersByName(const std::string& key) const {
  return Lookup(customers_by_name_, key);
}

}  // namespace duly
