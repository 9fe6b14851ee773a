#ifndef GOFAST_TESTS_SUPPORT_BOTH_SERVICES_H_
#define GOFAST_TESTS_SUPPORT_BOTH_SERVICES_H_

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "shared/client/json_client.h"
#include "tests/support/process.h"
#include "tests/support/test_database.h"

namespace gofast::testing {

struct BothServicesOptions {
  // Emulator-form tokens of this project instead of the test project's
  // signed ones (ServiceArgs): empty keeps the signed ones.
  std::string emulator_project_id;
  bool app_knows_company = true;      // the app gets --company-url
  std::vector<std::string> app_args;  // more options for the app
  // Builds to test instead of starting ours (another team's, for the
  // contract): a non-empty URL is used as it is.
  std::string company_url;
  std::string app_url;
  std::vector<std::string> company_args;  // more options for the company
};

// The company and the app services, each a real binary on port 0 with its
// own temporary database (TestDatabase: SQLite, or PostgreSQL in the
// postgres runs), the app pointed at the company; and a JsonClient
// for each whose every request is checked against the contract before it is
// sent (consumer verification). The fixture of the e2e and contract tests.
class BothServices {
 public:
  explicit BothServices(const BothServicesOptions& options = {});
  BothServices(const BothServices&) = delete;
  BothServices& operator=(const BothServices&) = delete;

  const std::string& company_url() const { return company_url_; }
  const std::string& app_url() const { return app_url_; }
  // Whether the app is ours, started here (its options are then known).
  bool started_app() const { return app_ != nullptr; }

  // The processes started here; a test must not ask for one it did not start.
  ServiceProcess& company_process() { return *company_; }
  ServiceProcess& app_process() { return *app_; }
  // Each database's path or URL.
  const std::string& company_db() const { return company_db_.url(); }
  const std::string& app_db() const { return app_db_.url(); }
  void StopCompany() { company_.reset(); }

  client::JsonClient& company() { return *company_client_; }
  client::JsonClient& app() { return *app_client_; }

 private:
  // Destroyed from the last: the clients, the app, the company, the folder.
  TempDir dir_;
  TestDatabase company_db_;
  TestDatabase app_db_;
  std::unique_ptr<ServiceProcess> company_;
  std::unique_ptr<ServiceProcess> app_;
  std::string company_url_;
  std::string app_url_;
  std::unique_ptr<client::JsonClient> company_client_;
  std::unique_ptr<client::JsonClient> app_client_;
};

// The fields an admin fills in the dialog for a Saturday run of the
// Arlington Runners in Arlington, titled `title`.
nlohmann::json DialogRunFields(const std::string& title);

}  // namespace gofast::testing

#endif  // GOFAST_TESTS_SUPPORT_BOTH_SERVICES_H_
