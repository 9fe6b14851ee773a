#include "tests/support/db_inspect.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

namespace gofast::testing {

int64_t CountRows(const std::string& db_path, const std::string& table) {
  SQLite::Database db(db_path, SQLite::OPEN_READONLY);
  return db.execAndGet("SELECT count(*) FROM \"" + table + "\"").getInt64();
}

std::string TableSnapshot(const std::string& db_path, const std::string& table) {
  SQLite::Database db(db_path, SQLite::OPEN_READONLY);
  SQLite::Statement query(db, "SELECT * FROM \"" + table + "\" ORDER BY rowid");
  std::string snapshot;
  while (query.executeStep()) {
    for (int column = 0; column < query.getColumnCount(); ++column) {
      snapshot += query.getColumn(column).isNull() ? "<null>" : query.getColumn(column).getString();
      snapshot += '\x1f';
    }
    snapshot += '\n';
  }
  return snapshot;
}

}  // namespace gofast::testing
