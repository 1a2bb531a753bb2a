// `duly import-invoices FILE...`: UBL 2.1 / Peppol BIS Billing 3.0 invoices and credit notes.
//
// Promise: RunImportInvoices reads every file, then imports them with
// einvoice::ImportUblFiles: all files are parsed and mapped first, and one bad file rejects the
// whole run with nothing written; the error names the file and the XML path of its first problem
// ("duly: invoice.xml: UBL: /Invoice/cbc:IssueDate: ..."). On success it prints one line per
// file (the invoice, its customer and how the buyer was matched) and the counts of customers
// created and invoices created, updated and unchanged; a re-import of the same files reports them
// all unchanged. Returns kExitOk or kExitFailure (an unreadable file, a refused document, a store
// error). Not synchronised.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "daemon/cli/command_context.h"

namespace duly::daemon {

int RunImportInvoices(Store& store, const std::vector<std::string>& paths, CommandContext& context);

void AddImportInvoicesCommand(CLI::App& app, CommandContext& context);

}  // namespace duly::daemon
