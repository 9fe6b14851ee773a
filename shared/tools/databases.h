#ifndef GOFAST_SHARED_TOOLS_DATABASES_H_
#define GOFAST_SHARED_TOOLS_DATABASES_H_

#include <CLI/CLI.hpp>
#include <filesystem>
#include <string>

#include "shared/core/result.h"
#include "shared/devkit/service_process.h"

namespace gofast::tools {

// Where gofast up, exec and demo keep the services' data: SQLite files in the
// data folder (the default), two databases made on one PostgreSQL server
// (--postgres), or the two given (--company-db with --app-db).
struct DatabaseOptions {
  std::string postgres;
  std::string company_db;
  std::string app_db;
};

// The two databases --postgres makes on its server.
struct ServerDatabases {
  const char* company;
  const char* app;
  // Dropped and made anew at each start, as the demo replaces its folder;
  // else made when absent, and kept.
  bool replace;
};

void DeclareDatabaseOptions(CLI::App& cli, DatabaseOptions& options,
                            const ServerDatabases& on_server);

// Each service's database, what its --db takes: a SQLite file or a
// postgresql:// URL, with its password if it has one (show it redacted).
struct Databases {
  std::string company;
  std::string app;
};

// The databases the options name, ready for the services: company.db and
// app.db in `data_dir`, the two given as they are, or `on_server` on the
// --postgres server, made through the URL's own database (normally
// postgres). A server that cannot be reached, or refuses the password or the
// CREATE DATABASE, is an error naming its URL without the password.
Result<Databases> PrepareDatabases(const DatabaseOptions& options, const ServerDatabases& on_server,
                                   const std::filesystem::path& data_dir);

// A service's environment for `database`: `variable` (COMPANY_DB, APP_DB)
// holds it, off the command line, where ps would show a password; and the
// caller's libpq variables (PGPASSWORD, PGPASSFILE, PGSSLMODE...), which a
// service started by gofast would otherwise not see.
process::Environment DatabaseEnvironment(const std::string& variable, const std::string& database);

// The database a postgresql:// URL names (its path), to show.
std::string DatabaseName(const std::string& url);

}  // namespace gofast::tools

#endif  // GOFAST_SHARED_TOOLS_DATABASES_H_
