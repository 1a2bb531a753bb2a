// duly::daemon bulk id look-ups: one statement for a whole batch instead of one per item.
//
// Promise: IdsJson() renders ids as a JSON array bound as one parameter; IdsIn(kind) is the SQL
// fragment "IN (...)" that expands that parameter (:ids) into a set on either backend (SQLite's
// json_each, PostgreSQL's = ANY over an array probing the key in byte order). Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "daemon/store/database_url.h"

namespace duly::daemon {

std::string IdsJson(const std::vector<std::string>& ids);

// SQLite: expand the JSON array parameter :ids into a set.
inline constexpr const char* kIdsInSqlite = " IN (SELECT value FROM json_each(:ids))";
// PostgreSQL: the same as an array, so the planner probes the primary key per id (an IN over
// the set function is planned as a sequential scan), compared in the "C" collation of the ids.
inline constexpr const char* kIdsInPostgres =
    " = ANY(ARRAY(SELECT json_array_elements_text(CAST(:ids AS json))) COLLATE \"C\")";

inline std::string WithIdsIn(DatabaseKind kind, const char* select_where_column) {
  return std::string(select_where_column) +
         (kind == DatabaseKind::kSqlite ? kIdsInSqlite : kIdsInPostgres);
}

}  // namespace duly::daemon
