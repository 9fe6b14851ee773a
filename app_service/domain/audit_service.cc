#include "app_service/domain/audit_service.h"

namespace gofast::app {

Result<CreatorAudit> AuditService::WhoCreated(const std::string& run_id,
                                              const ForwardedCredentials& credentials) {
  Result<std::optional<Run>> found = runs_.FindRun(run_id);
  if (!found) return found.error();
  if (!found.value()) return MakeError(ErrorCode::kNotFound, "Run not found");
  CreatorAudit audit;
  audit.run = std::move(*found.value());

  audit.from_replica = replica_ != nullptr;
  // A run with both ids is audited by its staff id.
  if (!audit.run.staff_generated_id) {
    audit.resolution = AuditResolution::kAthlete;
    return audit;
  }
  if (replica_ != nullptr) {
    Result<std::optional<ReplicaStaff>> staff = replica_->Find(*audit.run.staff_generated_id);
    if (!staff) return staff.error();
    if (!staff.value()) {
      audit.resolution = AuditResolution::kNotFound;  // a run stored before the switch
      return audit;
    }
    audit.resolution = staff.value()->firebase_id == audit.run.created_by_firebase_id
                           ? AuditResolution::kFound
                           : AuditResolution::kMismatch;
    audit.replica_staff = std::move(staff.value());
    return audit;
  }
  if (directory_ == nullptr) {
    audit.reason = "no company service is configured (--company-url)";
    return audit;  // company_unavailable
  }
  StaffLookup lookup = directory_->Lookup(*audit.run.staff_generated_id, credentials);
  audit.company_status = lookup.company_status;
  switch (lookup.outcome) {
    case StaffLookup::Outcome::kFound: {
      const bool same_account =
          lookup.staff && lookup.staff->firebase_id == audit.run.created_by_firebase_id;
      audit.resolution = same_account ? AuditResolution::kFound : AuditResolution::kMismatch;
      audit.staff = std::move(lookup.staff);
      break;
    }
    case StaffLookup::Outcome::kNotFound:
      audit.resolution = AuditResolution::kNotFound;
      break;
    case StaffLookup::Outcome::kDenied:
      audit.resolution = AuditResolution::kCompanyDenied;
      break;
    case StaffLookup::Outcome::kUnavailable:
      audit.resolution = AuditResolution::kCompanyUnavailable;
      audit.reason = std::move(lookup.reason);
      break;
  }
  return audit;
}

}  // namespace gofast::app
