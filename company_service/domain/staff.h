#ifndef GOFAST_COMPANY_SERVICE_DOMAIN_STAFF_H_
#define GOFAST_COMPANY_SERVICE_DOMAIN_STAFF_H_

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/result.h"

namespace gofast::company {

inline constexpr std::array<const char*, 5> kRoles = {"Founder", "CFO", "Sales", "Marketing",
                                                      "Community Manager"};
inline constexpr char kInvitedPrefix[] = "temp-";

bool IsRole(std::string_view role);

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

struct StaffCursor {
  std::string updated_at;
  std::string id;
};

// Storage of staff and the tenant, implemented per database. Every method
// is atomic on its own; failures of the database are kInternal.
class StaffStore {
 public:
  virtual ~StaffStore() = default;

  virtual Result<std::optional<Staff>> FindById(const std::string& id) = 0;
  virtual Result<std::optional<Staff>> FindByFirebaseId(const std::string& firebase_id) = 0;
  // The oldest invited (temp-) row with this lower-case email.
  virtual Result<std::optional<Staff>> FindInvitedByEmail(const std::string& email) = 0;
  // Sets firebaseId on the invited row `staff_id` if it is still invited;
  // nullopt when another call linked it first.
  virtual Result<std::optional<Staff>> LinkInvited(const std::string& staff_id,
                                                   const std::string& firebase_id,
                                                   const std::string& now) = 0;
  // kConflict when the firebaseId exists already.
  virtual Result<Staff> Insert(const Staff& staff) = 0;
  // kConflict when any row has this email (case-insensitive); check and
  // insert are one transaction.
  virtual Result<Staff> InsertIfEmailFree(const Staff& staff) = 0;
  // Ordered by (updatedAt, id), after `after` when given.
  virtual Result<StaffPage> List(size_t limit, const std::optional<StaffCursor>& after) = 0;

  virtual Result<std::optional<Company>> FindCompany() = 0;
  virtual Status InsertCompany(const Company& company) = 0;
  virtual Result<bool> HasStaff() = 0;
  // Company and staff in one transaction.
  virtual Status Seed(const std::optional<Company>& company, const std::vector<Staff>& staff) = 0;
};

}  // namespace gofast::company

#endif  // GOFAST_COMPANY_SERVICE_DOMAIN_STAFF_H_
