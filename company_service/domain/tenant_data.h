#ifndef GOFAST_COMPANY_SERVICE_DOMAIN_TENANT_DATA_H_
#define GOFAST_COMPANY_SERVICE_DOMAIN_TENANT_DATA_H_

#include <string>
#include <vector>

#include "company_service/domain/staff.h"
#include "company_service/domain/staff_store.h"
#include "company_service/domain/tenant.h"
#include "shared/core/merge_outcome.h"
#include "shared/core/result.h"
#include "shared/core/time.h"

namespace gofast::company {

// Everything stored for the tenant.
struct TenantSnapshot {
  Company company;
  std::vector<Staff> staff;  // in the order they were stored
};

// The tenant's data as a whole, for --seed, --import, --export-on-exit and the test API:
// emptied, merged into, read out.
class TenantData {
 public:
  TenantData(StaffStore& store, std::string company_id, IsoClock clock = {});

  // No staff left; the tenant row back to its start value (StartCompany, stamped now).
  Status Reset();

  // Checks the rows (CheckSeed), then merges them, writing in one transaction or not at all:
  // - A staff row is the stored row with its id; without an id, the one with its firebaseId;
  //   without either (an invitation named by its email), a stored row with its email. What
  //   it leaves out of id, firebaseId, createdAt and updatedAt is taken from that row; when
  //   every member then equals the stored one the row is skipped, else CONFLICT names the
  //   member that differs.
  // - A new row gets a UUID, an invitation's temp- firebaseId and the time now for what it
  //   leaves out. CONFLICT when a stored row holds its firebaseId, or its email while either
  //   of the two is an invitation.
  // - The tenant row (when the rows have one) is skipped when equal, replaced while still at
  //   its start value, else CONFLICT.
  Result<MergeOutcome> Merge(const SeedRows& rows);

  // Reset, then Merge; rows that break CheckSeed's rules change nothing.
  Status Import(const SeedRows& rows);

  Result<TenantSnapshot> Export();

  // Single rows, for the test API's provider states: they find a row again by what names it,
  // and delete only the rows they made.
  Result<std::optional<Staff>> FindStaff(const std::string& id);
  Result<std::optional<Staff>> FindStaffByFirebaseId(const std::string& firebase_id);
  // The oldest invitation not linked yet for this lower-case email.
  Result<std::optional<Staff>> FindInvitation(const std::string& email);
  // Ids not stored are skipped.
  Status DeleteStaff(const std::vector<std::string>& ids);

 private:
  Result<MergeOutcome> MergeChecked(const SeedRows& rows);

  StaffStore& store_;
  std::string company_id_;
  IsoClock clock_;
};

}  // namespace gofast::company

#endif  // GOFAST_COMPANY_SERVICE_DOMAIN_TENANT_DATA_H_
