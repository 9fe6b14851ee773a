#include "tests/support/test_database.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <pqxx/pqxx>

#include "shared/core/database_url.h"
#include "shared/core/ids.h"

namespace gofast::testing {
namespace {

const char* FixtureFolder() { return std::getenv("GOFAST_POSTGRES_FIXTURE"); }

// The cluster URL with its database replaced by `database`.
std::string WithDatabase(const std::string& cluster_url, const std::string& database) {
  return cluster_url.substr(0, cluster_url.rfind('/') + 1) + database;
}

void AsSuperuser(const std::string& sql) {
  pqxx::connection admin(*PostgresClusterUrl());
  pqxx::nontransaction(admin).exec0(sql);
}

std::string NewDatabaseName() {
  std::string id = NewUuidV4();
  id.erase(std::remove(id.begin(), id.end(), '-'), id.end());
  return "gofast_test_" + id.substr(0, 16);
}

}  // namespace

bool OnPostgres() { return FixtureFolder() != nullptr; }

std::optional<std::string> PostgresClusterUrl() {
  if (!OnPostgres()) return std::nullopt;
  std::ifstream file(std::string(FixtureFolder()) + "/url");
  std::string url;
  if (std::getline(file, url) && !url.empty()) return url;
  return std::nullopt;
}

TestDatabase::TestDatabase(const TempDir& dir, const std::string& file_name) {
  if (!OnPostgres()) {
    url_ = dir.File(file_name);
    return;
  }
  postgres_name_ = NewDatabaseName();
  AsSuperuser("CREATE DATABASE " + postgres_name_);
  url_ = WithDatabase(*PostgresClusterUrl(), postgres_name_);
}

TestDatabase::~TestDatabase() {
  if (postgres_name_.empty()) return;
  try {
    AsSuperuser("DROP DATABASE IF EXISTS " + postgres_name_ + " WITH (FORCE)");
  } catch (const std::exception& e) {
    std::cerr << "could not drop " << postgres_name_ << ": " << e.what() << "\n";
  }
}

int64_t CountRows(const std::string& db, const std::string& table) {
  const std::string sql = "SELECT count(*) FROM \"" + table + "\"";
  if (IsPostgresUrl(db)) {
    pqxx::connection connection(db);
    return pqxx::nontransaction(connection).exec1(sql)[0].as<int64_t>();
  }
  SQLite::Database sqlite(db, SQLite::OPEN_READONLY);
  return sqlite.execAndGet(sql).getInt64();
}

std::string TableSnapshot(const std::string& db, const std::string& table) {
  std::string snapshot;
  const auto add = [&snapshot](bool is_null, const std::string& text) {
    snapshot += is_null ? "<null>" : text;
    snapshot += '\x1f';
  };
  if (IsPostgresUrl(db)) {
    // The first column is the rowid where a table has one, else its key.
    pqxx::connection connection(db);
    for (const pqxx::row& row :
         pqxx::nontransaction(connection).exec("SELECT * FROM \"" + table + "\" ORDER BY 1")) {
      for (const pqxx::field& field : row) add(field.is_null(), field.c_str());
      snapshot += '\n';
    }
    return snapshot;
  }
  SQLite::Database sqlite(db, SQLite::OPEN_READONLY);
  SQLite::Statement query(sqlite, "SELECT * FROM \"" + table + "\" ORDER BY rowid");
  while (query.executeStep()) {
    for (int column = 0; column < query.getColumnCount(); ++column)
      add(query.getColumn(column).isNull(), query.getColumn(column).getString());
    snapshot += '\n';
  }
  return snapshot;
}

int64_t DeleteRowById(const std::string& db, const std::string& table, const std::string& id) {
  const std::string sql = "DELETE FROM \"" + table + "\" WHERE id = ";
  if (IsPostgresUrl(db)) {
    pqxx::connection connection(db);
    pqxx::nontransaction remove(connection);
    return remove.exec(sql + remove.quote(id)).affected_rows();
  }
  SQLite::Database sqlite(db, SQLite::OPEN_READWRITE);
  SQLite::Statement remove(sqlite, sql + "?");
  remove.bind(1, id);
  return remove.exec();
}

}  // namespace gofast::testing
