#include "shared/tools/databases.h"

#include <algorithm>
#include <pqxx/pqxx>
#include <utility>

#include "shared/core/database_url.h"
#include "shared/core/text.h"

extern char** environ;

namespace gofast::tools {
namespace {

// Where a URL's database name lies: from the '/' after the host (or where it
// would be) to the parameters. A password must percent-encode '/', '?' and
// '#', as RedactPassword assumes too.
std::pair<size_t, size_t> DatabaseSpan(const std::string& url) {
  const size_t authority = url.find("://") + 3;
  const size_t start = std::min(url.find_first_of("/?#", authority), url.size());
  const size_t end = std::min(url.find_first_of("?#", start), url.size());
  return {start, end};
}

std::string WithDatabase(const std::string& url, const std::string& name) {
  const auto [start, end] = DatabaseSpan(url);
  return url.substr(0, start) + "/" + name + url.substr(end);
}

// Makes `name` on the server `admin` is connected to, unless it is there and
// kept. CREATE DATABASE cannot run in a transaction: each statement commits.
void MakeDatabase(pqxx::connection& admin, const std::string& name, bool replace) {
  pqxx::nontransaction sql(admin);
  const bool exists =
      !sql.exec_params("SELECT 1 FROM pg_database WHERE datname = $1", name).empty();
  if (exists && !replace) return;
  if (exists) sql.exec0("DROP DATABASE " + sql.quote_name(name));
  try {
    sql.exec0("CREATE DATABASE " + sql.quote_name(name));
  } catch (const pqxx::sql_error& e) {
    // duplicate_database, or the unique index of pg_database: another gofast
    // starting on the same server made it a moment ago.
    if (e.sqlstate() != "42P04" && e.sqlstate() != "23505") throw;
  }
}

}  // namespace

void DeclareDatabaseOptions(CLI::App& cli, DatabaseOptions& options,
                            const ServerDatabases& on_server) {
  const std::string made =
      on_server.replace ? "dropped and created anew on each run" : "created on it if absent";
  CLI::Option* postgres =
      cli.add_option("--postgres", options.postgres,
                     "A PostgreSQL server, postgresql://USER@HOST:PORT/postgres: both databases (" +
                         std::string(on_server.company) + ", " + on_server.app + ") are " + made +
                         ", through the URL's own database, and the services use them (default: "
                         "SQLite files in --data). A password in a URL shows in ps: prefer "
                         "PGPASSWORD or ~/.pgpass, which libpq reads")
          ->type_name("URL")
          ->check(CLI::Validator(
              [](std::string& url) -> std::string {
                return IsPostgresUrl(url) ? "" : "must start with postgresql:// or postgres://";
              },
              ""));
  CLI::Option* company =
      cli.add_option("--company-db", options.company_db,
                     "company_service's database, used as it is: a postgresql:// URL (on its "
                     "password, see --postgres) or a SQLite file (default: company.db in --data)")
          ->type_name("URL|FILE");
  CLI::Option* app =
      cli.add_option("--app-db", options.app_db,
                     "app_service's database, used as it is: a postgresql:// URL (on "
                     "its password, see --postgres) or a SQLite file (default: "
                     "app.db in --data)")
          ->type_name("URL|FILE");
  company->needs(app);
  app->needs(company);
  postgres->excludes(company);
  postgres->excludes(app);
}

Result<Databases> PrepareDatabases(const DatabaseOptions& options, const ServerDatabases& on_server,
                                   const std::filesystem::path& data_dir) {
  if (!options.company_db.empty()) return Databases{options.company_db, options.app_db};
  if (options.postgres.empty()) {
    return Databases{(data_dir / "company.db").string(), (data_dir / "app.db").string()};
  }
  try {
    pqxx::connection admin(options.postgres);
    for (const char* name : {on_server.company, on_server.app}) {
      MakeDatabase(admin, name, on_server.replace);
    }
  } catch (const std::exception& e) {
    // libpq's message names the host and the user, never the password.
    return MakeError(ErrorCode::kDatabaseUnavailable, "cannot use PostgreSQL at " +
                                                          RedactPassword(options.postgres) + ": " +
                                                          std::string(TrimWhitespace(e.what())));
  }
  return Databases{WithDatabase(options.postgres, on_server.company),
                   WithDatabase(options.postgres, on_server.app)};
}

process::Environment DatabaseEnvironment(const std::string& variable, const std::string& database) {
  process::Environment env;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string text = *entry;
    const size_t equals = text.find('=');
    if (StartsWith(text, "PG") && equals != std::string::npos) {
      env[text.substr(0, equals)] = text.substr(equals + 1);
    }
  }
  env[variable] = database;
  return env;
}

std::string DatabaseName(const std::string& url) {
  const auto [start, end] = DatabaseSpan(url);
  return start < end ? url.substr(start + 1, end - start - 1) : "";
}

}  // namespace gofast::tools
