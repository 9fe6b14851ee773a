#ifndef GOFAST_COMPANY_SERVICE_HTTP_TEST_DATA_H_
#define GOFAST_COMPANY_SERVICE_HTTP_TEST_DATA_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "company_service/domain/tenant_data.h"
#include "shared/http/test_api.h"

namespace gofast::company {

// The company's side of the test API (shared/http/test_api.h): documents in the format of
// --seed (seed_file.h), and the provider states, over TenantData.
class CompanyTestData final : public http::TestData {
 public:
  // `data` outlives this.
  explicit CompanyTestData(TenantData& data) : data_(data) {}

  Status Clear() override;
  Result<MergeOutcome> Seed(const nlohmann::json& document) override;
  Status Import(const nlohmann::json& document) override;
  Result<nlohmann::json> Export() override;

  // "a staff member exists", "an invitation exists", "no staff member with this id".
  std::vector<std::string> StateNames() const override;
  Result<http::StateSetup> SetUpState(const std::string& state,
                                      const nlohmann::json& params) override;
  Status DeleteRows(const http::StoredRows& rows) override;

 private:
  Result<http::StateSetup> SetUpStaffMember(const nlohmann::json& params);
  Result<http::StateSetup> SetUpInvitation(const nlohmann::json& params);
  Result<http::StateSetup> SetUpNoStaffMember(const nlohmann::json& params);
  // Merges the state's one row (with its id) as a seed does; the row as stored, and whether
  // the merge stored it.
  Result<std::pair<Staff, bool>> MergeRow(const SeedStaffRow& row);

  TenantData& data_;
};

}  // namespace gofast::company

#endif  // GOFAST_COMPANY_SERVICE_HTTP_TEST_DATA_H_
