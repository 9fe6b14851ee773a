#ifndef GOFAST_APP_SERVICE_DOMAIN_AUDIT_H_
#define GOFAST_APP_SERVICE_DOMAIN_AUDIT_H_

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "app_service/domain/run.h"
#include "app_service/domain/stores.h"
#include "shared/core/result.h"

namespace gofast::app {

// The caller's credentials, passed on to the company service as they came.
struct ForwardedCredentials {
  std::string bearer_token;
  std::string request_id;
};

// What the company service said about one staff id.
struct StaffLookup {
  enum class Outcome { kFound, kNotFound, kDenied, kUnavailable };
  Outcome outcome = Outcome::kUnavailable;
  std::optional<int> company_status;  // none when it did not answer
  nlohmann::json staff;               // the company's staff object when found, else null
};

// The company's staff, seen from the app: the only way this database learns
// who a staffGeneratedId is. Implemented by a client of the company API.
class StaffDirectory {
 public:
  virtual ~StaffDirectory() = default;
  virtual StaffLookup Lookup(const std::string& staff_id, const ForwardedCredentials& credentials) = 0;
};

struct CreatorAudit {
  Run run;
  std::string resolution;  // found, mismatch, not_found, company_denied, company_unavailable, athlete
  nlohmann::json staff;
  std::optional<int> company_status;
};

// "Who created this run?" (spec/app-service.md, the audit).
class AuditService {
 public:
  // `directory` is null when no company service is configured.
  AuditService(RunStore& runs, StaffDirectory* directory) : runs_(runs), directory_(directory) {}

  // kNotFound "Run not found"; otherwise always an answer, whatever the company said.
  Result<CreatorAudit> WhoCreated(const std::string& run_id, const ForwardedCredentials& credentials);

 private:
  RunStore& runs_;
  StaffDirectory* directory_;
};

}  // namespace gofast::app

#endif  // GOFAST_APP_SERVICE_DOMAIN_AUDIT_H_
