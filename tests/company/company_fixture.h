#ifndef GOFAST_TESTS_COMPANY_COMPANY_FIXTURE_H_
#define GOFAST_TESTS_COMPANY_COMPANY_FIXTURE_H_

#include <string>
#include <vector>

#include "tests/support/db_inspect.h"
#include "tests/support/http_client.h"
#include "tests/support/process.h"
#include "tests/support/test_keys.h"

namespace gofast::testing {

inline constexpr char kTenantId[] = "cmhpqe7kl0000nw1uvcfhf2hs";

// The real company_service binary on port 0 with a fresh database.
class CompanyService {
 public:
  explicit CompanyService(const std::vector<std::string>& extra_args = {})
      : db_path_(dir_.File("company.db")),
        process_(GOFAST_COMPANY_SERVICE_BIN, ServiceArgs(db_path_, extra_args)),
        client_(Service::kCompany, process_.port()) {}

  TestClient& client() { return client_; }
  ServiceProcess& process() { return process_; }
  const std::string& db_path() const { return db_path_; }
  const TempDir& dir() const { return dir_; }

  int64_t StaffCount() const { return CountRows(db_path_, "company_staff"); }
  std::string StaffSnapshot() const { return TableSnapshot(db_path_, "company_staff"); }

  Reply FindOrCreate(const std::string& token, const std::string& body = "") {
    return body.empty() ? client_.Post("/api/staff/find-or-create", token, "", "")
                        : client_.Post("/api/staff/find-or-create", token, body);
  }
  Reply Invite(const std::string& token, const nlohmann::json& body) {
    return client_.PostJson("/api/staff/invite", token, body);
  }

 private:
  TempDir dir_;
  std::string db_path_;
  ServiceProcess process_;
  TestClient client_;
};

}  // namespace gofast::testing

#endif  // GOFAST_TESTS_COMPANY_COMPANY_FIXTURE_H_
