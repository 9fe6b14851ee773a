#ifndef GOFAST_SHARED_DB_SQLITE_H_
#define GOFAST_SHARED_DB_SQLITE_H_

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "shared/core/metrics.h"
#include "shared/core/result.h"

namespace gofast::db {

// Opens (creating the file and its folder) a database in WAL mode with a busy
// timeout, foreign keys on and synchronous=NORMAL: a commit survives a crash
// of the process; a power cut may lose the last commits.
// Throws SQLite::Exception or std::filesystem::filesystem_error on failure.
// Connections have no mutex of their own (SQLITE_OPEN_NOMUTEX): each is used
// by one thread at a time (connection_pool.h), and SQLite's per-call locking
// cost about a tenth of a list request.
std::unique_ptr<SQLite::Database> OpenDatabase(const std::string& path);

// Read-only connection for readers beside the writer (WAL lets them run at once).
std::unique_ptr<SQLite::Database> OpenReader(const std::string& path);

// Migration N (1-based) is migrations[N-1]; PRAGMA user_version records the
// last one applied. Each runs in its own transaction. A database whose
// user_version is above migrations.size() was written by a newer binary and is
// refused.
Status Migrate(SQLite::Database& db, const std::vector<std::string>& migrations);

// Binds text, or NULL for nullopt.
void BindOptional(SQLite::Statement& statement, int index, const std::optional<std::string>& value);

// The column's text, or nullopt for NULL.
std::optional<std::string> OptionalText(const SQLite::Column& column);

// Logs what the database said on standard error, where operators read it,
// and answers DATABASE_UNAVAILABLE when the file itself failed (gone,
// replaced, corrupt, read-only, full, unreadable), else a bare kInternal:
// SQL text never reaches a client.
// Counted for gofast_database_errors_total (WriteDatabaseMetrics).
Error DatabaseFailure(const char* operation, const std::exception& e);

// gofast_database_errors_total: the failures DatabaseFailure saw in this process.
void WriteDatabaseMetrics(metrics::Exposition& out);

}  // namespace gofast::db

#endif  // GOFAST_SHARED_DB_SQLITE_H_
