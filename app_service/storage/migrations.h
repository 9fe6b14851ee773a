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

}  // namespace gofast::app

#endif  // GOFAST_APP_SERVICE_STORAGE_MIGRATIONS_H_
