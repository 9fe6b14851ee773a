#ifndef GOFAST_TESTS_SUPPORT_TEST_DATABASE_H_
#define GOFAST_TESTS_SUPPORT_TEST_DATABASE_H_

#include <cstdint>
#include <optional>
#include <string>

#include "tests/support/process.h"

namespace gofast::testing {

// The services under test keep their data in SQLite files, or, in the runs
// labelled "postgres", on the throw-away cluster of the CTest fixture
// (tests/postgres/cluster.sh), whose folder GOFAST_POSTGRES_FIXTURE names.
bool OnPostgres();
// The fixture cluster's superuser URL; nullopt when no cluster runs (the
// test binary's main then skips every test).
std::optional<std::string> PostgresClusterUrl();

// One service's database for one test: the file `file_name` in `dir`, or on
// PostgreSQL a new empty database, dropped when this goes away.
class TestDatabase {
 public:
  TestDatabase(const TempDir& dir, const std::string& file_name);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  // What --db takes: a path or a postgresql:// URL.
  const std::string& url() const { return url_; }

 private:
  std::string postgres_name_;  // empty on SQLite
  std::string url_;
};

// Read-only looks into a service's database (a SQLite path or a PostgreSQL
// URL), to prove what a request wrote (or did not write).
int64_t CountRows(const std::string& db, const std::string& table);
// Every row of the table, in rowid order, as text: equal snapshots mean nothing changed.
std::string TableSnapshot(const std::string& db, const std::string& table);
// Deletes the table's row with this id behind the service's back; answers
// how many rows went.
int64_t DeleteRowById(const std::string& db, const std::string& table, const std::string& id);

}  // namespace gofast::testing

#endif  // GOFAST_TESTS_SUPPORT_TEST_DATABASE_H_
