// The app's PostgreSQL store on a new database of the fixture cluster: the
// list query's use of the indexes (the SQLite twin is in sqlite_stores_test.cc).
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "app_service/storage/migrations.h"
#include "app_service/storage/postgres_app_stores.h"
#include "shared/db/postgres.h"
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
  struct Case {
    RunFilter filter;
    const char* index;
  };
  std::vector<Case> cases(5);
  cases[0] = {RunFilter{}, "city_runs_created"};
  cases[1].filter.staff_generated_id = "s";
  cases[1].index = "city_runs_staff";
  cases[2].filter.city_slug = "c";
  cases[2].index = "city_runs_city";
  cases[3].filter.run_club_slug = "r";
  cases[3].index = "city_runs_run_club";
  cases[4].filter.athlete_generated_id = "a";
  cases[4].index = "city_runs_athlete";
  for (const Case& c : cases) {
    for (const bool with_cursor : {false, true}) {
      const Result<std::vector<std::string>> plan = runs.ListQueryPlan(c.filter, with_cursor);
      INFO((plan ? std::string() : plan.error().message));
      REQUIRE(plan);
      std::string text;
      for (const std::string& line : plan.value()) text += line + "\n";
      INFO(text);
      // Newest first straight from the index: no sort step.
      CHECK(text.find(std::string("Index Scan Backward using ") + c.index + " on city_runs") !=
            std::string::npos);
      CHECK(text.find("Sort") == std::string::npos);
    }
  }
}

}  // namespace
}  // namespace gofast::app
