#ifndef GOFAST_TESTS_SUPPORT_SERVICE_UNDER_TEST_H_
#define GOFAST_TESTS_SUPPORT_SERVICE_UNDER_TEST_H_

#include <string>
#include <vector>

#include "tests/support/http_client.h"
#include "tests/support/process.h"
#include "tests/support/test_database.h"
#include "tests/support/test_keys.h"

namespace gofast::testing {

// A real service binary on port 0 with a fresh database `db_name` (a file in
// a temporary folder of its own, or a database on PostgreSQL: TestDatabase), trusting the test
// project's keys (ServiceArgs, then `more`), and a client that checks every answer against the
// contract. The base of each service's test fixture.
class ServiceUnderTest {
 public:
  ServiceUnderTest(const std::string& binary, Service service, const std::string& db_name,
                   const std::vector<std::string>& more)
      : database_(dir_, db_name),
        process_(binary, ServiceArgs(database_.url(), more)),
        client_(service, process_.port()) {}

  TestClient& client() { return client_; }
  ServiceProcess& process() { return process_; }
  // A SQLite path or a PostgreSQL URL.
  const std::string& db_path() const { return database_.url(); }
  const TempDir& dir() const { return dir_; }

 private:
  TempDir dir_;  // first: removed only after the process is gone
  TestDatabase database_;
  ServiceProcess process_;
  TestClient client_;
};

}  // namespace gofast::testing

#endif  // GOFAST_TESTS_SUPPORT_SERVICE_UNDER_TEST_H_
