// The demo tool, run as a newcomer runs it (through scripts/demo).
#include <catch2/catch.hpp>

#include "tests/support/db_inspect.h"
#include "tests/support/process.h"

TEST_CASE("the demo plays the whole flow, reads both databases back and ends with the audit answer",
          "[e2e]") {
  gofast::testing::TempDir dir;
  const std::string data = dir.File("demo-data");
  const auto result = gofast::testing::RunCommand(GOFAST_DEMO_BIN, {"--data", data});
  INFO(result.out << result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(result.out.find("storedAs=text") != std::string::npos);
  CHECK(result.out.find("no staff table") != std::string::npos);
  CHECK(result.out.find("resolution: found") != std::string::npos);
  CHECK(result.out.find("created by Ada Admin <ada@gofast.test>, Founder") != std::string::npos);
  CHECK(gofast::testing::CountRows(data + "/company.db", "company_staff") == 1);
  CHECK(gofast::testing::CountRows(data + "/app.db", "city_runs") == 1);
  CHECK(gofast::testing::CountRows(data + "/app.db", "run_clubs") == 1);
}

TEST_CASE("the demo names the failed step and exits non-zero when a service cannot start",
          "[e2e]") {
  gofast::testing::TempDir dir;
  const auto result = gofast::testing::RunCommand(
      GOFAST_DEMO_BIN, {"--data", dir.File("d"), "--bin-dir", dir.File("nowhere")});
  CHECK(result.exit_code != 0);
  CHECK(result.err.find("demo FAILED at step \"start company_service\"") != std::string::npos);
}
