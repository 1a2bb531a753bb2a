// duly::daemon JSON rows: many rows written by one statement on either backend, from one JSON
// array parameter (:rows) instead of one round trip per row.
//
// Promise: JsonRowsSelect(kind, columns) is a "SELECT <columns> FROM ..." that yields one row per
// object of the JSON array bound as :rows (SQLite json_each + json_extract, PostgreSQL
// json_to_recordset), with each column named as given and typed `text` or `bigint`; use it as
// the source of INSERT ... SELECT or as a subquery. Pure; thread-safe.
#pragma once

#include <initializer_list>
#include <string>

#include <nlohmann/json.hpp>

#include "daemon/store/database_url.h"

namespace duly::daemon {

struct JsonColumn {
  const char* name;
  const char* type;  // "text" or "bigint"
};

std::string JsonRowsSelect(DatabaseKind kind, std::initializer_list<JsonColumn> columns);

// The JSON text to bind as :rows.
std::string JsonRowsText(const nlohmann::json& rows);

}  // namespace duly::daemon
