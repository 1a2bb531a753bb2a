// duly::MatchIndex: the open invoices, credit notes and known payers, prepared for matching.
//
// Promise: every lookup the matcher makes is a hash lookup (by reference key, invoice number key,
// IBAN key, customer name key, (customer, amount), amount) or a walk over one customer's items;
// nothing scans all items. The index holds only open items: an item added with an open amount
// <= 0 is ignored, and one that Apply() settles in full stops being returned. Apply() lowers open
// amounts as posted payments and credit notes use them, so the next credit of the same statement
// sees what is still open.
// Thread-safety: const member functions may run concurrently; AddItem, AddCustomer and Apply need
// exclusive access (build the index, then share it read-only, or guard it).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "workflows/matching/known_customer.h"
#include "workflows/matching/match_decision.h"
#include "workflows/matching/open_item.h"
#include "workflows/money.h"
#include "workflows/payment.h"
#include "workflows/status.h"

namespace duly {

class MatchIndex {
 public:
  using ItemId = std::uint32_t;      // position of an item in this index
  using CustomerId = std::uint32_t;  // position of a customer in this index

  // Adds an open invoice or credit note (skipped when open_amount <= 0). Its reference is indexed
  // when ReferenceKey() accepts it, its id when InvoiceNumberKey() is not empty.
  // Errors: kInvalidArgument naming "/id", "/customer" or "/currency" when empty or malformed;
  // kConflict when an item with this id was added before.
  Status AddItem(const OpenItem& item);

  // Sizes the tables for `items` open items, so building a large index does not rehash.
  void Reserve(std::size_t items);

  // Adds a customer's name and IBANs (merged with what an earlier call gave for the same id).
  // Errors: kInvalidArgument naming "/id" when empty.
  Status AddCustomer(const KnownCustomer& customer);

  // Lowers open amounts by posted allocations (payment -> invoice) and credit note uses (both the
  // credit note and its invoice). All or nothing. Errors: kNotFound for an id that is not open
  // here; kConflict when an amount is not positive or exceeds what is open.
  Status Apply(std::span<const Allocation> allocations, std::span<const CreditNoteUse> uses);

  std::size_t open_item_count() const { return open_items_; }

  // ---- Lookups. Returned ids may include items settled since; check IsOpen(). ----
  // What one customer has open in one currency.
  struct CurrencyTotals {
    std::string currency;
    Money invoices;      // sum of open invoice amounts
    Money credit_notes;  // sum of open credit note amounts
    std::size_t open_invoices = 0;
  };

  const OpenItem& item(ItemId id) const { return items_[id]; }
  std::optional<ItemId> FindItem(const std::string& id) const;
  bool IsOpen(ItemId id) const { return items_[id].open_amount > Money(); }
  std::span<const ItemId> ItemsByReference(const std::string& reference_key) const;
  std::span<const ItemId> ItemsByNumber(const std::string& number_key) const;
  std::span<const ItemId> ItemsByCustomerAmount(CustomerId customer, Money amount) const;
  std::span<const ItemId> ItemsByAmount(Money amount) const;
  std::span<const ItemId> CreditNotesFor(ItemId invoice) const;  // credit notes correcting it
  std::span<const ItemId> ItemsOfCustomer(CustomerId customer) const;
  std::span<const ItemId> CreditNotesOfCustomer(CustomerId customer) const;
  const CurrencyTotals* TotalsOf(CustomerId customer, const std::string& currency) const;
  std::span<const CustomerId> CustomersByIban(const std::string& iban_key) const;
  std::span<const CustomerId> CustomersByName(const std::string& name_key) const;
  CustomerId CustomerOf(ItemId id) const { return item_customer_[id]; }
  const std::string& customer_id(CustomerId customer) const { return customers_[customer].id; }

 private:
  struct Customer {
    std::string id;
    std::vector<ItemId> items;
    std::vector<ItemId> credit_notes;
    std::vector<CurrencyTotals> totals;
  };
  struct AmountKey {
    CustomerId customer;
    std::int64_t cents;
    friend bool operator==(const AmountKey&, const AmountKey&) = default;
  };
  struct AmountKeyHash {
    std::size_t operator()(const AmountKey& key) const;
  };

  CustomerId CustomerFor(const std::string& id);
  void IndexAmount(ItemId id);
  void UnindexAmount(ItemId id);
  CurrencyTotals& TotalsFor(ItemId id);

  std::vector<OpenItem> items_;
  std::vector<CustomerId> item_customer_;
  std::vector<Customer> customers_;
  std::size_t open_items_ = 0;
  std::unordered_map<std::string, ItemId> item_by_id_;
  std::unordered_map<std::string, CustomerId> customer_by_id_;
  // Bit n set when some indexed key has n characters (n < 64): most words of a remittance text
  // have a length no key has, and skip the hash lookup (a cache miss in a large index).
  std::uint64_t reference_lengths_ = 0;
  std::uint64_t number_lengths_ = 0;
  std::unordered_map<std::string, std::vector<ItemId>> by_reference_;
  std::unordered_map<std::string, std::vector<ItemId>> by_number_;
  std::unordered_map<AmountKey, std::vector<ItemId>, AmountKeyHash> by_customer_amount_;
  std::unordered_map<std::int64_t, std::vector<ItemId>> by_amount_;
  std::unordered_map<ItemId, std::vector<ItemId>> credit_notes_for_;
  std::unordered_map<std::string, std::vector<ItemId>> unlinked_credit_notes_;  // by invoice id
  std::unordered_map<std::string, std::vector<CustomerId>> customers_by_iban_;
  std::unordered_map<std::string, std::vector<CustomerId>> customers_by_name_;
};

}  // namespace duly
