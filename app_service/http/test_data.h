#ifndef GOFAST_APP_SERVICE_HTTP_TEST_DATA_H_
#define GOFAST_APP_SERVICE_HTTP_TEST_DATA_H_

#include <nlohmann/json.hpp>

#include "app_service/domain/app_data.h"
#include "shared/http/test_api.h"

namespace gofast::app {

// The app's side of the test API (shared/http/test_api.h): documents in the
// format of --seed (seed_file.h), over AppData.
class AppTestData final : public http::TestData {
 public:
  // `data` outlives this.
  explicit AppTestData(AppData& data) : data_(data) {}

  Status Clear() override;
  Result<MergeOutcome> Seed(const nlohmann::json& document) override;
  Status Import(const nlohmann::json& document) override;
  Result<nlohmann::json> Export() override;

 private:
  AppData& data_;
};

}  // namespace gofast::app

#endif  // GOFAST_APP_SERVICE_HTTP_TEST_DATA_H_
