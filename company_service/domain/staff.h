#ifndef GOFAST_COMPANY_SERVICE_DOMAIN_STAFF_H_
#define GOFAST_COMPANY_SERVICE_DOMAIN_STAFF_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gofast::company {

inline constexpr std::array<const char*, 5> kRoles = {"Founder", "CFO", "Sales", "Marketing",
                                                      "Community Manager"};
inline constexpr char kInvitedPrefix[] = "temp-";

bool IsRole(std::string_view role);

// An invitation not linked yet: its firebaseId is temp-<uuid>.
inline bool IsInvitedFirebaseId(std::string_view firebase_id) {
  return firebase_id.rfind(kInvitedPrefix, 0) == 0;
}

// Who may sign up without an invitation.
enum class SignupPolicy { kOpen, kInviteOnly };

// One row of company_staff.
struct Staff {
  std::string id;           // UUID v4: what other systems store as staffGeneratedId
  std::string firebase_id;  // Firebase uid, or temp-<uuid> while only invited
  std::string email;        // lower-case
  std::optional<std::string> first_name;
  std::optional<std::string> last_name;
  std::optional<std::string> photo_url;
  std::optional<std::string> company_id;
  std::string role;
  std::optional<std::string> start_date;
  std::string created_at;
  std::string updated_at;
};

// The single tenant row of gofast_company.
struct Company {
  std::string id;
  std::string company_name = "GoFast Inc";
  std::optional<std::string> address, city, state, website, description;
  std::string created_at;
  std::string updated_at;
};

struct StaffPage {
  std::vector<Staff> staff;
  bool has_more = false;
};

// The last row a page served; the next page starts after it.
struct StaffCursor {
  std::string updated_at;
  std::string id;
};

// What happened to a staff row, as the change feed tells it (GET /api/staff/changes).
enum class StaffChangeKind { kCreated, kLinked, kUpdated, kRemoved };

// "created", "linked", "updated", "removed", and back; nullopt for another word.
const char* StaffChangeKindName(StaffChangeKind kind);
std::optional<StaffChangeKind> ParseStaffChangeKind(std::string_view name);

// One entry of the feed: the row as the change left it (as it was, for a removal).
struct StaffChange {
  int64_t position = 0;  // 1, 2, 3... in commit order, never reused
  StaffChangeKind kind = StaffChangeKind::kCreated;
  Staff staff;
  std::string at;
};

// A Founder's edit of a staff row (PATCH /api/staff/{id}): what is present
// is set; a name or photo set to nullopt inside is cleared.
struct StaffEdit {
  std::optional<std::string> role;
  std::optional<std::optional<std::string>> first_name;
  std::optional<std::optional<std::string>> last_name;
  std::optional<std::optional<std::string>> photo_url;
};

// `row` with `edit` applied, updated at `now`.
Staff Edited(Staff row, const StaffEdit& edit, const std::string& now);

// Whether the edit (or, without one, the removal) takes the Founder role from
// `row`: refused when no other Founder is left, so the company always has one.
bool TakesFounderAway(const Staff& row, const StaffEdit* edit);

}  // namespace gofast::company

#endif  // GOFAST_COMPANY_SERVICE_DOMAIN_STAFF_H_
