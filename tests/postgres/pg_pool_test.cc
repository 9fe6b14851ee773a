// The PostgreSQL layer against a real server: the throw-away cluster of the
// CTest fixture (tests/postgres/cluster.sh), one new database per test.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <future>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "shared/core/ids.h"
#include "shared/db/postgres.h"
#include "tests/support/test_database.h"
#include "tests/support/test_keys.h"

using gofast::ErrorCode;
using gofast::db::PgFailure;
using gofast::db::PgPool;
using gofast::testing::PostgresClusterUrl;
using gofast::testing::TempDir;
using gofast::testing::TestDatabase;

namespace {

// A new empty database on the fixture cluster, dropped at the end of the test.
struct NewDatabase {
  TempDir dir;
  TestDatabase database{dir, "unused.db"};
  std::string url() const { return database.url(); }
};

const std::vector<std::string> kMigrations = {
    "CREATE TABLE things (id text PRIMARY KEY)",
    "ALTER TABLE things ADD COLUMN \"createdAt\" timestamptz",
};

int64_t Count(const std::string& url, const std::string& sql) {
  pqxx::connection connection(url);
  return pqxx::nontransaction(connection).exec1(sql)[0].as<int64_t>();
}

}  // namespace

TEST_CASE("four pools opening one new database together apply each migration once", "[postgres]") {
  const NewDatabase database;
  std::vector<std::future<gofast::Result<std::unique_ptr<PgPool>>>> opening;
  for (int i = 0; i < 4; ++i) {
    opening.push_back(std::async(
        std::launch::async, [&] { return PgPool::Open(database.url(), kMigrations, 2, nullptr); }));
  }
  for (auto& pool : opening) {
    const auto opened = pool.get();
    INFO((opened ? std::string() : opened.error().message));
    CHECK(opened);
  }
  CHECK(Count(database.url(), "SELECT count(*) FROM gofast_migrations") == 2);
  CHECK(Count(database.url(),
              "SELECT count(*) FROM information_schema.columns WHERE "
              "table_name = 'things' AND column_name = 'createdAt'") == 1);
}

TEST_CASE("a database migrated by a newer build is refused", "[postgres]") {
  const NewDatabase database;
  REQUIRE(PgPool::Open(database.url(), kMigrations, 1, nullptr));
  const auto older = PgPool::Open(database.url(), {kMigrations[0]}, 1, nullptr);
  REQUIRE_FALSE(older);
  CHECK(older.error().code == ErrorCode::kDatabaseUnavailable);
  CHECK_THAT(older.error().message,
             Catch::Contains("migration 2, newer than this build knows (1)"));
}

TEST_CASE(
    "a wrong password, a missing database or no server is refused without the password, and "
    "both services exit 2 on it",
    "[postgres]") {
  const std::optional<std::string> cluster = PostgresClusterUrl();
  const std::string password =
      cluster->substr(cluster->find(':', 13) + 1, cluster->find('@') - cluster->find(':', 13) - 1);
  std::string wrong_password = *cluster;
  wrong_password.replace(wrong_password.find(password), password.size(), "not-the-password");
  const std::string port = cluster->substr(cluster->rfind(':') + 1, 5);
  const struct {
    std::string url;
    const char* says;
  } refused[] = {
      {wrong_password, "password authentication failed"},
      {cluster->substr(0, cluster->rfind('/') + 1) + "no_such_database", "does not exist"},
      {"postgresql://postgres:" + password + "@127.0.0.1:1/postgres", "127.0.0.1"},
  };
  for (const auto& bad : refused) {
    INFO(bad.says);
    const auto pool = PgPool::Open(bad.url, kMigrations, 1, nullptr);
    REQUIRE_FALSE(pool);
    CHECK(pool.error().code == ErrorCode::kDatabaseUnavailable);
    CHECK_THAT(pool.error().message, Catch::Contains(bad.says));
    CHECK_THAT(pool.error().message,
               Catch::Contains("cannot use PostgreSQL at postgresql://postgres:***@"));
    CHECK_THAT(pool.error().message, !Catch::Contains(password));
    CHECK_THAT(pool.error().message, !Catch::Contains("not-the-password"));
    for (const char* service : {GOFAST_COMPANY_SERVICE_BIN, GOFAST_APP_SERVICE_BIN}) {
      INFO(service);
      const gofast::process::CommandResult start =
          gofast::testing::RunCommand(service, gofast::testing::ServiceArgs(bad.url));
      CHECK(start.exit_code == 2);
      CHECK_THAT(start.err, Catch::Contains(bad.says));
      CHECK_THAT(start.out + start.err, !Catch::Contains(password));
      CHECK_THAT(start.out + start.err, !Catch::Contains("not-the-password"));
    }
  }
}

TEST_CASE("the pool connects again after the server ended its connections", "[postgres]") {
  const NewDatabase database;
  auto pool = PgPool::Open(database.url(), kMigrations, 2, nullptr);
  REQUIRE(pool);
  REQUIRE(pool.value()->Ping());
  {
    pqxx::connection admin(*PostgresClusterUrl());
    pqxx::nontransaction(admin).exec(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" +
        database.url().substr(database.url().rfind('/') + 1) + "'");
  }
  // The pooled connection is dead: its first use fails as the server being away...
  {
    PgPool::Lease lease = pool.value()->Acquire();
    try {
      pqxx::nontransaction(*lease).exec1("SELECT 1");
    } catch (const std::exception& e) {
      CHECK(PgFailure("test", e).code == ErrorCode::kDatabaseUnavailable);
    }
  }
  // ...and the pool serves again without a restart.
  CHECK(pool.value()->Ping());
}

TEST_CASE("a broken unique rule is a conflict, not a failure of the database", "[postgres]") {
  const NewDatabase database;
  auto pool = PgPool::Open(database.url(), kMigrations, 1, nullptr);
  REQUIRE(pool);
  PgPool::Lease lease = pool.value()->Acquire();
  pqxx::nontransaction(*lease).exec0("INSERT INTO things (id) VALUES ('a')");
  try {
    pqxx::nontransaction(*lease).exec0("INSERT INTO things (id) VALUES ('a')");
    FAIL("the second insert was accepted");
  } catch (const std::exception& e) {
    CHECK(PgFailure("test", e).code == ErrorCode::kConflict);
  }
}
