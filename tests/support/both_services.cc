#include "tests/support/both_services.h"

#include <chrono>

#include "tests/support/contract_client.h"
#include "tests/support/test_keys.h"

namespace gofast::testing {
namespace {

constexpr std::chrono::seconds kClientTimeout{10};

}  // namespace

BothServices::BothServices(const BothServicesOptions& options)
    : company_db_(dir_, "company.db"),
      app_db_(dir_, "app.db"),
      company_url_(options.company_url),
      app_url_(options.app_url) {
  const auto args = [&](const TestDatabase& db, const std::vector<std::string>& more) {
    return options.emulator_project_id.empty()
               ? ServiceArgs(db.url(), more)
               : EmulatorServiceArgs(db.url(), options.emulator_project_id, more);
  };
  if (company_url_.empty()) {
    company_ = std::make_unique<ServiceProcess>(GOFAST_COMPANY_SERVICE_BIN,
                                                args(company_db_, options.company_args));
    company_url_ = company_->base_url();
  }
  if (app_url_.empty()) {
    std::vector<std::string> app_args;
    if (options.app_knows_company) app_args = {"--company-url", company_url_};
    app_args.insert(app_args.end(), options.app_args.begin(), options.app_args.end());
    app_ = std::make_unique<ServiceProcess>(GOFAST_APP_SERVICE_BIN, args(app_db_, app_args));
    app_url_ = app_->base_url();
  }
  company_client_ = std::make_unique<client::JsonClient>(company_url_, kClientTimeout);
  app_client_ = std::make_unique<client::JsonClient>(app_url_, kClientTimeout);
  WatchRequests(*company_client_, Service::kCompany);
  WatchRequests(*app_client_, Service::kApp);
}

nlohmann::json DialogRunFields(const std::string& title) {
  return {{"title", title},
          {"runClub", {{"slug", "arlington-runners"}, {"name", "Arlington Runners"}}},
          {"citySlug", "arlington"},
          {"startDate", "2026-02-07"},
          {"meetUpPoint", "Clarendon Metro"}};
}

}  // namespace gofast::testing
