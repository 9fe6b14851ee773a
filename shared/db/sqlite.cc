#include "shared/db/sqlite.h"

#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>

#include <atomic>
#include <filesystem>
#include <mutex>

#include "shared/core/log.h"
#include "shared/db/connection_pool.h"

namespace gofast::db {
namespace {

constexpr int kBusyTimeoutMs = 5000;

// SQLite's memory statistics take one process-wide mutex around every
// allocation of every connection; nothing here reads them. Set before the
// library starts (the first connection starts it), or refused, harmlessly.
void TurnOffMemoryStatistics() {
  static std::once_flag once;
  std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

void ApplyConnectionSettings(SQLite::Database& db) {
  db.setBusyTimeout(kBusyTimeoutMs);
  db.exec("PRAGMA foreign_keys = ON");
  db.exec("PRAGMA synchronous = NORMAL");
}

}  // namespace

std::unique_ptr<SQLite::Database> OpenDatabase(const std::string& path) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
  TurnOffMemoryStatistics();
  auto db = std::make_unique<SQLite::Database>(
      path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX);
  // journal_mode must be set outside a transaction, and answers the mode now in force.
  db->exec("PRAGMA journal_mode = WAL");
  ApplyConnectionSettings(*db);
  return db;
}

std::unique_ptr<SQLite::Database> OpenReader(const std::string& path) {
  TurnOffMemoryStatistics();
  auto db = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX);
  ApplyConnectionSettings(*db);
  return db;
}

Status Migrate(SQLite::Database& db, const std::vector<std::string>& migrations) {
  try {
    const int current = db.execAndGet("PRAGMA user_version").getInt();
    if (current > static_cast<int>(migrations.size())) {
      return MakeError(ErrorCode::kInternal, "database schema version " + std::to_string(current) +
                                                 " is newer than this binary knows (" +
                                                 std::to_string(migrations.size()) + ")");
    }
    for (int version = current + 1; version <= static_cast<int>(migrations.size()); ++version) {
      SQLite::Transaction transaction(db);
      db.exec(migrations[static_cast<size_t>(version - 1)]);
      db.exec("PRAGMA user_version = " + std::to_string(version));
      transaction.commit();
    }
  } catch (const SQLite::Exception& e) {
    return MakeError(ErrorCode::kInternal, std::string("migration failed: ") + e.what());
  }
  return Ok{};
}

void BindOptional(SQLite::Statement& statement, int index,
                  const std::optional<std::string>& value) {
  if (value) {
    statement.bind(index, *value);
  } else {
    statement.bind(index);
  }
}

std::optional<std::string> OptionalText(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return column.getString();
}

namespace {
std::atomic<uint64_t> g_database_failures{0};
}  // namespace

void WriteDatabaseMetrics(metrics::Exposition& out) {
  out.Family("gofast_database_errors_total", metrics::Type::kCounter,
             "Database operations that failed (the log has what the database said).");
  out.Sample("gofast_database_errors_total", {}, static_cast<double>(g_database_failures.load()));
}

Error DatabaseFailure(const char* operation, const std::exception& e) {
  ++g_database_failures;
  LogError(std::string("database failure in ") + operation + ": " + e.what());
  if (dynamic_cast<const FileUnusable*>(&e) != nullptr) {
    return MakeError(ErrorCode::kDatabaseUnavailable, e.what());
  }
  const auto* sqlite_error = dynamic_cast<const SQLite::Exception*>(&e);
  switch (sqlite_error != nullptr ? sqlite_error->getErrorCode() : SQLITE_ERROR) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_READONLY:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_FULL:
    case SQLITE_PERM:
      // The file, not the request: what SQLite says of it is all the caller can act on.
      return MakeError(ErrorCode::kDatabaseUnavailable,
                       std::string("The database cannot be used: ") + e.what());
    default:
      return MakeError(ErrorCode::kInternal, "Internal error");
  }
}

}  // namespace gofast::db
