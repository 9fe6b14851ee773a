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

using gofast::ErrorCode;
using gofast::db::PgFailure;
using gofast::db::PgPool;

namespace {

// The cluster's superuser URL, or nullopt after saying why the test is skipped.
std::optional<std::string> ClusterUrlOrSkip() {
  const char* dir = std::getenv("GOFAST_POSTGRES_FIXTURE");
  std::ifstream file(std::string(dir == nullptr ? "" : dir) + "/url");
  std::string url;
  if (std::getline(file, url) && !url.empty()) return url;
  std::cout << "SKIPPED: no PostgreSQL cluster (tests/postgres/cluster.sh found no PostgreSQL; "
               "scripts/setup installs it)"
            << std::endl;
  return std::nullopt;
}

// The URL with its database replaced by `database`.
std::string WithDatabase(const std::string& url, const std::string& database) {
  return url.substr(0, url.rfind('/') + 1) + database;
}

// A new empty database on the cluster, dropped at the end of the test.
class TemporaryDatabase {
 public:
  explicit TemporaryDatabase(std::string cluster_url)
      : cluster_url_(std::move(cluster_url)), name_("gofast_test_" + RandomSuffix()) {
    pqxx::connection admin(cluster_url_);
    pqxx::nontransaction(admin).exec0("CREATE DATABASE " + name_);
  }
  ~TemporaryDatabase() {
    try {
      pqxx::connection admin(cluster_url_);
      pqxx::nontransaction(admin).exec0("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    } catch (const std::exception& e) {
      std::cerr << "could not drop " << name_ << ": " << e.what() << "\n";
    }
  }
  TemporaryDatabase(const TemporaryDatabase&) = delete;
  TemporaryDatabase& operator=(const TemporaryDatabase&) = delete;

  std::string url() const { return WithDatabase(cluster_url_, name_); }
  const std::string& cluster_url() const { return cluster_url_; }

 private:
  static std::string RandomSuffix() {
    std::string id = gofast::NewUuidV4();
    id.erase(std::remove(id.begin(), id.end(), '-'), id.end());
    return id.substr(0, 16);
  }

  std::string cluster_url_;
  std::string name_;
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
  const std::optional<std::string> cluster = ClusterUrlOrSkip();
  if (!cluster) return;
  TemporaryDatabase database(*cluster);
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
  const std::optional<std::string> cluster = ClusterUrlOrSkip();
  if (!cluster) return;
  TemporaryDatabase database(*cluster);
  REQUIRE(PgPool::Open(database.url(), kMigrations, 1, nullptr));
  const auto older = PgPool::Open(database.url(), {kMigrations[0]}, 1, nullptr);
  REQUIRE_FALSE(older);
  CHECK(older.error().code == ErrorCode::kDatabaseUnavailable);
  CHECK_THAT(older.error().message,
             Catch::Contains("migration 2, newer than this build knows (1)"));
}

TEST_CASE("a wrong password, a missing database or no server is refused without the password",
          "[postgres]") {
  const std::optional<std::string> cluster = ClusterUrlOrSkip();
  if (!cluster) return;
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
      {WithDatabase(*cluster, "no_such_database"), "does not exist"},
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
  }
}

TEST_CASE("the pool connects again after the server ended its connections", "[postgres]") {
  const std::optional<std::string> cluster = ClusterUrlOrSkip();
  if (!cluster) return;
  TemporaryDatabase database(*cluster);
  auto pool = PgPool::Open(database.url(), kMigrations, 2, nullptr);
  REQUIRE(pool);
  REQUIRE(pool.value()->Ping());
  {
    pqxx::connection admin(database.cluster_url());
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
  const std::optional<std::string> cluster = ClusterUrlOrSkip();
  if (!cluster) return;
  TemporaryDatabase database(*cluster);
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
