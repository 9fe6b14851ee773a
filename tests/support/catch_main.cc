#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <iostream>

#include "tests/support/contract.h"
#include "tests/support/test_database.h"

int main(int argc, char* argv[]) {
  if (gofast::testing::OnPostgres() && !gofast::testing::PostgresClusterUrl()) {
    std::cout << "SKIPPED: no PostgreSQL cluster (tests/postgres/cluster.sh found no "
                 "PostgreSQL; scripts/setup installs it)"
              << std::endl;
    return 0;
  }
  const int failures = Catch::Session().run(argc, argv);
  // Contract violations seen on another thread after the test thread last
  // looked: they still fail the run, which CTest runs one test case at a time.
  const std::vector<std::string> late = gofast::testing::TakePendingViolations();
  for (const std::string& violation : late)
    std::cerr << "contract violation: " << violation << "\n";
  return failures != 0 ? failures : (late.empty() ? 0 : 1);
}
