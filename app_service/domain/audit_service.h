#ifndef GOFAST_APP_SERVICE_DOMAIN_AUDIT_SERVICE_H_
#define GOFAST_APP_SERVICE_DOMAIN_AUDIT_SERVICE_H_

#include <optional>
#include <string>

#include "app_service/domain/run.h"
#include "app_service/domain/run_store.h"
#include "app_service/domain/staff_directory.h"
#include "app_service/domain/staff_replica.h"
#include "shared/core/result.h"

namespace gofast::app {

// How "who created this run?" was answered (the contract's `resolution`).
enum class AuditResolution {
  kFound,               // the company knows the staff id, and its firebaseId made the run
  kMismatch,            // the company knows the staff id, but another account made the run
  kNotFound,            // the company does not know the staff id
  kCompanyDenied,       // the company refused the caller
  kCompanyUnavailable,  // no usable answer, or no company service configured
  kAthlete,             // the run has no staff id: an athlete made it
};

struct CreatorAudit {
  Run run;
  AuditResolution resolution = AuditResolution::kCompanyUnavailable;
  bool from_replica = false;                  // answered by the staff replica, not the company
  std::optional<StaffRecord> staff;           // when the company found the staff id
  std::optional<ReplicaStaff> replica_staff;  // when the replica holds the staff id
  std::optional<int> company_status;
  std::optional<std::string> reason;  // why the company was unavailable, when known
};

// "Who created this run?" (spec/app-service.md, the audit).
class AuditService {
 public:
  // `directory` is null when no company service is configured; `replica`
  // is null in reference mode. With a replica, the audit reads it and never
  // calls the company, so it answers while the company is down.
  AuditService(RunStore& runs, StaffDirectory* directory, StaffReplica* replica = nullptr)
      : runs_(runs), directory_(directory), replica_(replica) {}

  // kNotFound "Run not found"; otherwise always an answer, whatever the company said.
  Result<CreatorAudit> WhoCreated(const std::string& run_id,
                                  const ForwardedCredentials& credentials);

 private:
  RunStore& runs_;
  StaffDirectory* directory_;
  StaffReplica* replica_;
};

}  // namespace gofast::app

#endif  // GOFAST_APP_SERVICE_DOMAIN_AUDIT_SERVICE_H_
