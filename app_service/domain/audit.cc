#include "app_service/domain/audit.h"

namespace gofast::app {

Result<CreatorAudit> AuditService::WhoCreated(const std::string& run_id,
                                              const ForwardedCredentials& credentials) {
  Result<std::optional<Run>> found = runs_.FindRun(run_id);
  if (!found) return found.error();
  if (!found.value()) return MakeError(ErrorCode::kNotFound, "Run not found");
  CreatorAudit audit{std::move(*found.value()), "", nullptr, std::nullopt};

  // A run with both ids is audited by its staff id.
  if (!audit.run.staff_generated_id) {
    audit.resolution = "athlete";
    return audit;
  }
  if (directory_ == nullptr) {
    audit.resolution = "company_unavailable";
    return audit;
  }
  StaffLookup lookup = directory_->Lookup(*audit.run.staff_generated_id, credentials);
  audit.company_status = lookup.company_status;
  switch (lookup.outcome) {
    case StaffLookup::Outcome::kFound: {
      const auto firebase_id = lookup.staff.find("firebaseId");
      const bool same_account = firebase_id != lookup.staff.end() && firebase_id->is_string() &&
                                firebase_id->get_ref<const std::string&>() == audit.run.created_by_firebase_id;
      audit.resolution = same_account ? "found" : "mismatch";
      audit.staff = std::move(lookup.staff);
      break;
    }
    case StaffLookup::Outcome::kNotFound: audit.resolution = "not_found"; break;
    case StaffLookup::Outcome::kDenied: audit.resolution = "company_denied"; break;
    case StaffLookup::Outcome::kUnavailable: audit.resolution = "company_unavailable"; break;
  }
  return audit;
}

}  // namespace gofast::app
