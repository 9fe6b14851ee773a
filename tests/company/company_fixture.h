#ifndef GOFAST_TESTS_COMPANY_COMPANY_FIXTURE_H_
#define GOFAST_TESTS_COMPANY_COMPANY_FIXTURE_H_

#include <string>
#include <vector>

#include "tests/support/service_under_test.h"
#include "tests/support/test_database.h"

namespace gofast::testing {

inline constexpr char kTenantId[] = "cmhpqe7kl0000nw1uvcfhf2hs";

// The real company_service binary on port 0 with a fresh database.
class CompanyService : public ServiceUnderTest {
 public:
  explicit CompanyService(const std::vector<std::string>& extra_args = {})
      : ServiceUnderTest(GOFAST_COMPANY_SERVICE_BIN, Service::kCompany, "company.db", extra_args) {}

  int64_t StaffCount() const { return CountRows(db_path(), "company_staff"); }
  std::string StaffSnapshot() const { return TableSnapshot(db_path(), "company_staff"); }

  Reply FindOrCreate(const std::string& token, const std::string& body = "") {
    return body.empty() ? client().Post("/api/staff/find-or-create", token, "", "")
                        : client().Post("/api/staff/find-or-create", token, body);
  }
  Reply Invite(const std::string& token, const nlohmann::json& body) {
    return client().PostJson("/api/staff/invite", token, body);
  }
  Reply Patch(const std::string& token, const std::string& id, const nlohmann::json& body) {
    return client().Send(
        "PATCH", "/api/staff/" + id,
        {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}}, body.dump());
  }
  Reply Remove(const std::string& token, const std::string& id) {
    return client().Send("DELETE", "/api/staff/" + id, {{"Authorization", "Bearer " + token}});
  }
  // GET /api/staff/changes, sending `key` (none when empty).
  Reply Changes(const std::string& key, const std::string& query = "") {
    return client().Send(
        "GET", "/api/staff/changes" + query,
        key.empty() ? httplib::Headers{} : httplib::Headers{{"Authorization", "Bearer " + key}});
  }
};

}  // namespace gofast::testing

#endif  // GOFAST_TESTS_COMPANY_COMPANY_FIXTURE_H_
