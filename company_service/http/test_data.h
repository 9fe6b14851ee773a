#ifndef GOFAST_COMPANY_SERVICE_HTTP_TEST_DATA_H_
#define GOFAST_COMPANY_SERVICE_HTTP_TEST_DATA_H_

#include <nlohmann/json.hpp>

#include "company_service/domain/tenant_data.h"
#include "shared/http/test_api.h"

namespace gofast::company {

// The company's side of the test API (shared/http/test_api.h): documents in the format of
// --seed (seed_file.h), over TenantData.
class CompanyTestData final : public http::TestData {
 public:
  // `data` outlives this.
  explicit CompanyTestData(TenantData& data) : data_(data) {}

  Status Clear() override;
  Result<MergeOutcome> Seed(const nlohmann::json& document) override;
  Status Import(const nlohmann::json& document) override;
  Result<nlohmann::json> Export() override;

 private:
  TenantData& data_;
};

}  // namespace gofast::company

#endif  // GOFAST_COMPANY_SERVICE_HTTP_TEST_DATA_H_
