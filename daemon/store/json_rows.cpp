#include "daemon/store/json_rows.h"

namespace duly::daemon {

std::string JsonRowsSelect(DatabaseKind kind, std::initializer_list<JsonColumn> columns) {
  std::string sql = "SELECT ";
  std::string types;
  bool first = true;
  for (const JsonColumn& column : columns) {
    if (!first) {
      sql += ", ";
      types += ", ";
    }
    first = false;
    if (kind == DatabaseKind::kSqlite) {
      sql += "json_extract(value, '$." + std::string(column.name) + "') AS " + column.name;
    } else {
      sql += column.name;
      types += std::string(column.name) + " " + column.type;
    }
  }
  if (kind == DatabaseKind::kSqlite) return sql + " FROM json_each(:rows)";
  return sql + " FROM json_to_recordset(CAST(:rows AS json)) AS r(" + types + ")";
}

std::string JsonRowsText(const nlohmann::json& rows) {
  return rows.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace duly::daemon
