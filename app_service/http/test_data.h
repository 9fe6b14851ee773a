#ifndef GOFAST_APP_SERVICE_HTTP_TEST_DATA_H_
#define GOFAST_APP_SERVICE_HTTP_TEST_DATA_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app_service/domain/app_data.h"
#include "shared/http/test_api.h"

namespace gofast::app {

// The app's side of the test API (shared/http/test_api.h): documents in the
// format of --seed (seed_file.h), and the provider states, over AppData.
class AppTestData final : public http::TestData {
 public:
  // `data` outlives this.
  explicit AppTestData(AppData& data) : data_(data) {}

  Status Clear() override;
  Result<MergeOutcome> Seed(const nlohmann::json& document) override;
  Status Import(const nlohmann::json& document) override;
  Result<nlohmann::json> Export() override;

  // "a run exists", "no runs", "an athlete exists".
  std::vector<std::string> StateNames() const override;
  Result<http::StateSetup> SetUpState(const std::string& state,
                                      const nlohmann::json& params) override;
  Status DeleteRows(const http::StoredRows& rows) override;

 private:
  Result<http::StateSetup> SetUpRun(const nlohmann::json& params);
  Result<http::StateSetup> SetUpNoRuns(const nlohmann::json& params);
  Result<http::StateSetup> SetUpAthlete(const nlohmann::json& params);

  AppData& data_;
};

}  // namespace gofast::app

#endif  // GOFAST_APP_SERVICE_HTTP_TEST_DATA_H_
