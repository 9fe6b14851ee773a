// The app's PostgreSQL store on a new database of the fixture cluster: the
// list query's use of the indexes (the SQLite twin is in sqlite_stores_test.cc).
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "app_service/storage/migrations.h"
#include "app_service/storage/postgres_app_stores.h"
#include "shared/db/postgres.h"
#include "tests/app/unit/list_plan_cases.h"
#include "tests/support/test_database.h"

namespace gofast::app {
namespace {

using testing::TempDir;
using testing::TestDatabase;

TEST_CASE("on PostgreSQL each list filter is served by its index, in list order", "[postgres]") {
  TempDir dir;
  const TestDatabase database(dir, "app.db");
  Result<std::unique_ptr<db::PgPool>> pool =
      db::PgPool::Open(database.url(), PostgresSchemaMigrations(), 2, &PreparePostgresStatements);
  REQUIRE(pool);
  PostgresRunStore runs(*pool.value());
  for (const ListPlanCase& c : ListPlanCases()) {
    for (const bool with_cursor : {false, true}) {
      const Result<std::vector<std::string>> plan = runs.ListQueryPlan(c.filter, with_cursor);
      INFO((plan ? std::string() : plan.error().message));
      REQUIRE(plan);
      const std::string text = JoinPlan(plan.value());
      INFO(text);
      // Newest first straight from the index, and the keys from it alone:
      // no sort step, no row read.
      CHECK(text.find(std::string("Index Only Scan Backward using ") + c.index + " on city_runs") !=
            std::string::npos);
      CHECK(text.find("Sort") == std::string::npos);
    }
  }
}

}  // namespace
}  // namespace gofast::app
