// duly::daemon::InvoiceRow: the bound columns of one invoices row (with its document), and how
// they map to and from an Invoice.
//
// Promise: From() fills every input column and the content hash (over the fields as received:
// not open_amount or status, which the store maintains); To() rebuilds the Invoice, decoding the
// document. Bind*() attach the members to a SOCI statement by name or position; the row must
// outlive the statement. Not thread-safe: one row per statement.
#pragma once

#include <string>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "daemon/store/record_digest.h"
#include "workflows/base64.h"
#include "workflows/invoice.h"

namespace duly::daemon {

// The bound columns of one invoices row.
struct InvoiceRow {
  std::string id, customer, kind, issued, due, currency, po_number, reference, credits_invoice,
      status, content_hash;
  long long amount = 0;
  long long open = 0;
  long long created_at = 0;
  long long updated_at = 0;
  std::string filename, media_type, content;
  soci::indicator document = soci::i_null;

  void From(const Invoice& invoice) {
    id = invoice.id;
    customer = invoice.customer;
    kind = InvoiceKindName(invoice.kind);
    issued = FormatCalendarDate(invoice.issued);
    due = FormatCalendarDate(invoice.due);
    currency = invoice.currency;
    po_number = invoice.po_number;
    reference = invoice.reference;
    credits_invoice = invoice.credits_invoice;
    amount = invoice.amount.cents();
    RecordDigest digest;
    digest.Add(id).Add(customer).Add(kind).Add(issued).Add(due).Add(amount).Add(currency);
    digest.Add(po_number).Add(reference).Add(credits_invoice);
    if (invoice.document) {
      digest.Add(invoice.document->filename).Add(invoice.document->media_type);
      digest.Add(invoice.document->content);
    } else {
      digest.Add("no document");
    }
    content_hash = digest.Finish();
  }

  void BindWrite(soci::statement& st) {
    st.exchange(soci::use(id, "id"));
    st.exchange(soci::use(customer, "customer"));
    st.exchange(soci::use(kind, "kind"));
    st.exchange(soci::use(issued, "issued"));
    st.exchange(soci::use(due, "due"));
    st.exchange(soci::use(amount, "amount"));
    st.exchange(soci::use(open, "open"));
    st.exchange(soci::use(currency, "currency"));
    st.exchange(soci::use(po_number, "po_number"));
    st.exchange(soci::use(reference, "reference"));
    st.exchange(soci::use(credits_invoice, "credits_invoice"));
    st.exchange(soci::use(status, "status"));
    st.exchange(soci::use(content_hash, "content_hash"));
    st.exchange(soci::use(updated_at, "updated_at"));
  }

  void BindRead(soci::statement& st) {
    for (std::string* column : {&id, &customer, &kind, &issued, &due}) {
      st.exchange(soci::into(*column));
    }
    st.exchange(soci::into(amount));
    st.exchange(soci::into(open));
    for (std::string* column : {&currency, &po_number, &reference, &credits_invoice, &status}) {
      st.exchange(soci::into(*column));
    }
    st.exchange(soci::into(filename, document));
    st.exchange(soci::into(media_type));
    st.exchange(soci::into(content));
  }

  Invoice To() const {
    Invoice invoice;
    invoice.id = id;
    invoice.customer = customer;
    invoice.kind = ParseInvoiceKind(kind).value_or(InvoiceKind::kInvoice);
    invoice.issued = ParseCalendarDate(issued).value();
    invoice.due = ParseCalendarDate(due).value();
    invoice.amount = Money::FromCents(amount);
    invoice.open_amount = Money::FromCents(open);
    invoice.currency = currency;
    invoice.po_number = po_number;
    invoice.reference = reference;
    invoice.credits_invoice = credits_invoice;
    invoice.status = ParseInvoiceStatus(status).value_or(InvoiceStatus::kOpen);
    if (document == soci::i_ok) {
      invoice.document = InvoiceDocument{filename, media_type, DecodeBase64(content).value()};
    }
    return invoice;
  }

  nlohmann::json Json() const {
    return {{"id", id},
            {"customer", customer},
            {"kind", kind},
            {"issued", issued},
            {"due", due},
            {"amount", amount},
            {"open_amount", open},
            {"currency", currency},
            {"po_number", po_number},
            {"reference", reference},
            {"credits_invoice", credits_invoice},
            {"status", status},
            {"content_hash", content_hash},
            {"created_at", created_at},
            {"updated_at", updated_at}};
  }

  std::string Payload() const {
    return "{\"kind\":\"" + kind + "\",\"amount\":" + std::to_string(amount) +
           ",\"open_amount\":" + std::to_string(open) + ",\"currency\":\"" + currency +
           "\",\"issued\":\"" + issued + "\",\"due\":\"" + due + "\",\"status\":\"" + status +
           "\"}";
  }
};

}  // namespace duly::daemon
