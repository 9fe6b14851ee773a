#ifndef GOFAST_COMPANY_SERVICE_DOMAIN_STAFF_SERVICE_H_
#define GOFAST_COMPANY_SERVICE_DOMAIN_STAFF_SERVICE_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "company_service/domain/staff.h"
#include "company_service/domain/staff_store.h"
#include "shared/core/caller.h"
#include "shared/core/result.h"
#include "shared/core/time.h"

namespace gofast::company {

// Names a caller may offer; used only when a row is created.
struct ProfileFields {
  std::optional<std::string> first_name;
  std::optional<std::string> last_name;
  std::optional<std::string> photo_url;
};

struct FindOrCreateOutcome {
  Staff staff;
  bool created = false;
  bool linked = false;
};

struct InviteRequest {
  std::optional<std::string> email;
  std::optional<std::string> role;
  ProfileFields profile;
};

struct StaffPolicy {
  std::string company_id;
  SignupPolicy signup = SignupPolicy::kOpen;
  std::string default_role = "Founder";
  // Production tokens must say email_verified to claim an invitation.
  bool require_verified_email_to_link = true;
};

// The email rule of an invitation: one '@', a non-empty local part, a
// domain with a dot, at most 254 characters, no spaces or control characters.
bool IsValidEmail(const std::string& email);

// The staff rules of GoFastCompany (spec/company-service.md). Identity comes
// from the verified token only, never from a request body.
class StaffService {
 public:
  StaffService(StaffStore& store, StaffPolicy policy, IsoClock clock = {});

  // Find by uid, else link an invitation by email, else sign up by policy.
  Result<FindOrCreateOutcome> FindOrCreate(const Caller& caller, const ProfileFields& profile);

  // The caller's own linked row, or NOT_COMPANY_STAFF.
  Result<Staff> RequireStaff(const Caller& caller);

  Result<Staff> Get(const Caller& caller, const std::string& staff_id);
  Result<StaffPage> List(const Caller& caller, size_t limit,
                         const std::optional<StaffCursor>& after);
  // Validation first (400), then the caller's right (403), then the email's uniqueness (409).
  Result<Staff> Invite(const Caller& caller, const InviteRequest& request);

  // A Founder's edit of role, names or photo: 400 for an empty edit or an
  // unknown role, 403, 404, then 409 when the company would lose its last Founder.
  Result<Staff> Update(const Caller& caller, const std::string& staff_id, const StaffEdit& edit);
  // Off-boarding by a Founder: the row is removed (403, 404, 409 as Update);
  // answers the row as it was.
  Result<Staff> Remove(const Caller& caller, const std::string& staff_id);

  // The change feed, for services (the caller is checked by the HTTP layer):
  // changes after `position`, in commit order.
  Result<std::vector<StaffChange>> Changes(int64_t position, size_t limit);

 private:
  // The caller's own row, if it is a Founder's; `action` ends "Only a Founder can ...".
  Result<Staff> RequireFounder(const Caller& caller, const char* action);
  Result<FindOrCreateOutcome> SignUp(const Caller& caller, const std::string& email,
                                     const ProfileFields& profile);

  StaffStore& store_;
  StaffPolicy policy_;
  IsoClock clock_;
};

}  // namespace gofast::company

#endif  // GOFAST_COMPANY_SERVICE_DOMAIN_STAFF_SERVICE_H_
