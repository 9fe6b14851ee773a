#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <iostream>

#include "tests/support/contract.h"

int main(int argc, char* argv[]) {
  const int failures = Catch::Session().run(argc, argv);
  // Contract violations seen on another thread after the test thread last
  // looked: they still fail the run, which CTest runs one test case at a time.
  const std::vector<std::string> late = gofast::testing::TakePendingViolations();
  for (const std::string& violation : late)
    std::cerr << "contract violation: " << violation << "\n";
  return failures != 0 ? failures : (late.empty() ? 0 : 1);
}
