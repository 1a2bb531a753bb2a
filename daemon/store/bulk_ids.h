// duly::daemon bulk id look-ups: one statement for a whole batch instead of one per item.
//
// Promise: IdsJson() renders ids as a JSON array bound as one parameter; IdsIn(kind) is the SQL
// fragment "IN (...)" that expands that parameter (:ids) into a set on either backend (SQLite's
// json_each, PostgreSQL's = ANY over an array probing the key in byte order). ForEachRowIn runs
// such a query once for a whole batch. Pure (ForEachRowIn: within the caller's session);
// ForEachRowIn throws soci_error.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <soci/soci.h>

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

// Runs `select_where` + IN (ids) + `tail`, calling `row` after each fetched row; nothing when
// `ids` is empty.
template <typename... Into>
void ForEachRowIn(soci::session& session, DatabaseKind kind, const char* select_where,
                  const std::vector<std::string>& ids, const std::string& tail,
                  const std::function<void()>& row, Into&&... into) {
  if (ids.empty()) return;
  const std::string json_ids = IdsJson(ids);
  soci::statement select(session);
  (select.exchange(std::forward<Into>(into)), ...);
  select.exchange(soci::use(json_ids, "ids"));
  select.alloc();
  // Once: on PostgreSQL one round trip instead of PREPARE, EXECUTE and DEALLOCATE.
  select.prepare(WithIdsIn(kind, select_where) + tail, soci::details::st_one_time_query);
  select.define_and_bind();
  select.execute();
  while (select.fetch()) row();
}

}  // namespace duly::daemon
