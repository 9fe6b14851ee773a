#include "company_service/domain/staff_service.h"

#include <algorithm>

#include "shared/core/ids.h"
#include "shared/core/text.h"

namespace gofast::company {
namespace {

constexpr size_t kMaxEmailLength = 254;

Error NotStaff() {
  return MakeError(ErrorCode::kNotCompanyStaff, "This account is not company staff");
}

// The row an edit or a removal left, or its refusal as the API answers it.
Result<Staff> ChangedOrRefused(Result<StaffStore::ChangeOutcome> outcome) {
  if (!outcome) return outcome.error();
  if (outcome->refused == StaffStore::Refusal::kNotFound) {
    return MakeError(ErrorCode::kNotFound, "Staff not found");
  }
  if (outcome->refused == StaffStore::Refusal::kLastFounder) {
    return MakeError(ErrorCode::kConflict, "The company must keep at least one Founder");
  }
  return std::move(*outcome->staff);
}

}  // namespace

bool IsRole(std::string_view role) {
  return std::any_of(kRoles.begin(), kRoles.end(),
                     [&](const char* known) { return role == known; });
}

const char* StaffChangeKindName(StaffChangeKind kind) {
  switch (kind) {
    case StaffChangeKind::kCreated:
      return "created";
    case StaffChangeKind::kLinked:
      return "linked";
    case StaffChangeKind::kUpdated:
      return "updated";
    case StaffChangeKind::kRemoved:
      return "removed";
  }
  return "updated";
}

std::optional<StaffChangeKind> ParseStaffChangeKind(std::string_view name) {
  for (StaffChangeKind kind : {StaffChangeKind::kCreated, StaffChangeKind::kLinked,
                               StaffChangeKind::kUpdated, StaffChangeKind::kRemoved}) {
    if (name == StaffChangeKindName(kind)) return kind;
  }
  return std::nullopt;
}

Staff Edited(Staff row, const StaffEdit& edit, const std::string& now) {
  if (edit.role) row.role = *edit.role;
  if (edit.first_name) row.first_name = *edit.first_name;
  if (edit.last_name) row.last_name = *edit.last_name;
  if (edit.photo_url) row.photo_url = *edit.photo_url;
  row.updated_at = now;
  return row;
}

bool TakesFounderAway(const Staff& row, const StaffEdit* edit) {
  if (row.role != "Founder") return false;
  return edit == nullptr || (edit->role && *edit->role != "Founder");
}

bool IsValidEmail(const std::string& email) {
  if (email.empty() || email.size() > kMaxEmailLength) return false;
  const size_t at = email.find('@');
  if (at == std::string::npos || at == 0 || email.find('@', at + 1) != std::string::npos)
    return false;
  const std::string_view domain = std::string_view(email).substr(at + 1);
  if (domain.find('.') == std::string_view::npos) return false;
  return std::none_of(email.begin(), email.end(),
                      [](unsigned char c) { return c <= ' ' || c == 0x7f; });
}

StaffService::StaffService(StaffStore& store, StaffPolicy policy, IsoClock clock)
    : store_(store), policy_(std::move(policy)), clock_(OrSystemClock(std::move(clock))) {}

Result<FindOrCreateOutcome> StaffService::FindOrCreate(const Caller& caller,
                                                       const ProfileFields& profile) {
  // 1. Known uid: answer the row as stored.
  Result<std::optional<Staff>> existing = store_.FindByFirebaseId(caller.uid);
  if (!existing) return existing.error();
  if (existing.value()) return FindOrCreateOutcome{std::move(*existing.value()), false, false};

  // 2. Linking and sign-up both go by email.
  if (!caller.email || caller.email->empty()) {
    return MakeError(ErrorCode::kEmailRequired,
                     "The token has no email claim: an email is needed to find or create staff");
  }
  const std::string email = ToLowerAscii(*caller.email);

  // 3. An invitation for this email: link it to the uid.
  Result<std::optional<Staff>> invited = store_.FindInvitedByEmail(email);
  if (!invited) return invited.error();
  if (invited.value()) {
    if (policy_.require_verified_email_to_link && !caller.email_verified) {
      return MakeError(ErrorCode::kEmailNotVerified,
                       "Verify your email address before joining as invited staff");
    }
    Result<std::optional<Staff>> linked =
        store_.LinkInvited(invited.value()->id, caller.uid, clock_());
    if (!linked) return linked.error();
    if (linked.value()) return FindOrCreateOutcome{std::move(*linked.value()), false, true};
    // Another call linked it first; if that was this uid, answer its row.
    return FindOrCreate(caller, profile);
  }

  // 4. Nobody knows this account: the sign-up policy decides.
  if (policy_.signup == SignupPolicy::kInviteOnly) return NotStaff();
  return SignUp(caller, email, profile);
}

Result<FindOrCreateOutcome> StaffService::SignUp(const Caller& caller, const std::string& email,
                                                 const ProfileFields& profile) {
  const auto [token_first, token_last] = SplitDisplayName(caller.name.value_or(""));
  const std::string now = clock_();
  Staff staff;
  staff.id = NewUuidV4();
  staff.firebase_id = caller.uid;
  staff.email = email;
  staff.first_name = profile.first_name ? profile.first_name : token_first;
  staff.last_name = profile.last_name ? profile.last_name : token_last;
  staff.photo_url = profile.photo_url ? profile.photo_url : caller.picture;
  staff.company_id = policy_.company_id;
  staff.role = policy_.default_role;
  staff.created_at = now;
  staff.updated_at = now;
  // A simultaneous call for the same uid may have created the row since the
  // look-up: the store answers that row then.
  Result<StaffStore::InsertOutcome> inserted = store_.InsertIfAbsent(staff);
  if (!inserted) return inserted.error();
  return FindOrCreateOutcome{std::move(inserted->staff), inserted->created, false};
}

Result<Staff> StaffService::RequireStaff(const Caller& caller) {
  Result<std::optional<Staff>> row = store_.FindByFirebaseId(caller.uid);
  if (!row) return row.error();
  if (!row.value()) return NotStaff();
  return std::move(*row.value());
}

Result<Staff> StaffService::Get(const Caller& caller, const std::string& staff_id) {
  Result<Staff> self = RequireStaff(caller);
  if (!self) return self.error();
  Result<std::optional<Staff>> row = store_.FindById(staff_id);
  if (!row) return row.error();
  if (!row.value()) return MakeError(ErrorCode::kNotFound, "Staff not found");
  return std::move(*row.value());
}

Result<StaffPage> StaffService::List(const Caller& caller, size_t limit,
                                     const std::optional<StaffCursor>& after) {
  Result<Staff> self = RequireStaff(caller);
  if (!self) return self.error();
  return store_.List(limit, after);
}

Result<Staff> StaffService::Invite(const Caller& caller, const InviteRequest& request) {
  const std::string email = request.email ? ToLowerAscii(*request.email) : std::string();
  if (!IsValidEmail(email)) return FieldValidationError("email", "email is not a valid address");
  if (!request.role || !IsRole(*request.role)) {
    return FieldValidationError(
        "role", "role must be one of: Founder, CFO, Sales, Marketing, Community Manager");
  }
  Result<Staff> self = RequireFounder(caller, "invite staff");
  if (!self) return self.error();

  const std::string now = clock_();
  Staff staff;
  staff.id = NewUuidV4();
  staff.firebase_id = std::string(kInvitedPrefix) + NewUuidV4();
  staff.email = email;
  staff.first_name = request.profile.first_name;
  staff.last_name = request.profile.last_name;
  staff.photo_url = request.profile.photo_url;
  staff.company_id = policy_.company_id;
  staff.role = *request.role;
  staff.created_at = now;
  staff.updated_at = now;
  Result<Staff> inserted = store_.InsertIfEmailFree(staff);
  if (!inserted && inserted.error().code == ErrorCode::kConflict) {
    return MakeError(ErrorCode::kConflict, "A staff member with this email already exists");
  }
  return inserted;
}

Result<Staff> StaffService::RequireFounder(const Caller& caller, const char* action) {
  Result<Staff> self = RequireStaff(caller);
  if (!self) return self.error();
  if (self->role != "Founder") {
    return MakeError(ErrorCode::kForbidden, std::string("Only a Founder can ") + action);
  }
  return self;
}

Result<Staff> StaffService::Update(const Caller& caller, const std::string& staff_id,
                                   const StaffEdit& edit) {
  if (!edit.role && !edit.first_name && !edit.last_name && !edit.photo_url) {
    return MakeError(ErrorCode::kValidationFailed,
                     "Give at least one of: role, firstName, lastName, photoURL");
  }
  if (edit.role && !IsRole(*edit.role)) {
    return FieldValidationError(
        "role", "role must be one of: Founder, CFO, Sales, Marketing, Community Manager");
  }
  Result<Staff> self = RequireFounder(caller, "change staff");
  if (!self) return self.error();
  return ChangedOrRefused(store_.Update(staff_id, edit, clock_()));
}

Result<Staff> StaffService::Remove(const Caller& caller, const std::string& staff_id) {
  Result<Staff> self = RequireFounder(caller, "remove staff");
  if (!self) return self.error();
  return ChangedOrRefused(store_.Remove(staff_id, clock_()));
}

Result<std::vector<StaffChange>> StaffService::Changes(int64_t position, size_t limit) {
  return store_.ChangesAfter(position, limit);
}

}  // namespace gofast::company
