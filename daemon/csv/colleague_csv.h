// The CSV form of colleagues, for `duly import colleagues`.
//
// Columns (only id and name are required): id, name, role (colleague|manager|collector|admin,
// default colleague), department, manager (colleague id), email, phone (E.164), notify
// (email|sms|whatsapp|chat, default email), chat_webhook (https URL), active (true|false,
// default true).
//
// Promise: DecodeColleagueCsv returns every colleague or, when any row is bad, kInvalidArgument
// listing each problem as "row 4, column email" (Validate() of each colleague included). The
// manager chain is checked by the store. Encoding writes the same columns. Pure; thread-safe.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/csv/csv_table.h"
#include "workflows/colleague.h"
#include "workflows/status.h"

namespace duly::daemon {

inline constexpr std::array<std::string_view, 10> kColleagueCsvColumns = {
    "id",    "name",  "role",   "department",   "manager",
    "email", "phone", "notify", "chat_webhook", "active"};

Result<std::vector<Colleague>> DecodeColleagueCsv(const CsvTable& table);
Result<std::vector<Colleague>> ParseColleagueCsv(std::string_view text);

std::vector<std::string> ColleagueCsvFields(const Colleague& colleague);
std::string EncodeColleagueCsv(const std::vector<Colleague>& colleagues);

}  // namespace duly::daemon
