#ifndef GOFAST_APP_SERVICE_STORAGE_MIGRATIONS_H_
#define GOFAST_APP_SERVICE_STORAGE_MIGRATIONS_H_

#include <string>
#include <vector>

namespace gofast::app {

// The schema of app.db, one migration per entry (PRAGMA user_version counts them).
const std::vector<std::string>& SchemaMigrations();

// The same schema on PostgreSQL (gofast_migrations counts them): the same
// tables and column names (camelCase quoted, as Prisma names them), with
// PostgreSQL's own types.
const std::vector<std::string>& PostgresSchemaMigrations();

// Raises the run generation (a table of migration 4 on SQLite, 3 on
// PostgreSQL): run in every transaction that deletes runs.
extern const char kRaiseRunGeneration[];

// The staff replica's tables (Option 2, --staff-mode replica), created at
// the first start in replica mode rather than by a migration, so a database
// that never left Option 1 has none. staff_sync holds one row: the feed's
// cursor and the count of changes applied, written in each page's
// transaction.
extern const char kStaffReplicaTables[];
extern const char kPostgresStaffReplicaTables[];

// The foreign key replica mode adds to city_runs, as SQLite's table text
// holds it (the rebuild appends and removes exactly this text).
extern const char kStaffForeignKey[];

}  // namespace gofast::app

#endif  // GOFAST_APP_SERVICE_STORAGE_MIGRATIONS_H_
