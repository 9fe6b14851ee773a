#ifndef GOFAST_COMPANY_SERVICE_DOMAIN_TENANT_H_
#define GOFAST_COMPANY_SERVICE_DOMAIN_TENANT_H_

#include <optional>
#include <string>
#include <vector>

#include "company_service/domain/staff.h"
#include "company_service/domain/staff_store.h"
#include "shared/core/result.h"
#include "shared/core/time.h"

namespace gofast::company {

// The rows of a seed as read from its document: every member may be missing.
struct SeedCompanyRow {
  std::optional<std::string> id, company_name, address, city, state, website, description,
      created_at, updated_at;
};
struct SeedStaffRow {
  std::optional<std::string> id, firebase_id, email, role, first_name, last_name, photo_url,
      start_date, company_id, created_at, updated_at;
};
struct SeedRows {
  std::optional<SeedCompanyRow> company;  // missing: the tenant row is left as it is
  std::vector<SeedStaffRow> staff;
};

// A row for an invitation: its firebaseId is missing (one is made) or temp-.
bool IsInvitation(const SeedStaffRow& row);

// VALIDATION_FAILED "seed: <message>": how every problem of a seed's own rows is told.
Error SeedError(const std::string& message);

// The rows, normalised (emails and ids lower-case, companyId the tenant's), when they keep
// the tables' rules: company.id is `company_id`; every staff row has a valid email and a
// known role; ids are UUIDs; times are ISO 8601 UTC with milliseconds; no id or firebaseId
// appears twice (emails may: several invitations for one email are linked oldest first).
// What a row leaves out stays missing: TenantData::Merge fills it.
Result<SeedRows> CheckSeed(const SeedRows& rows, const std::string& company_id);

// The tenant row as a first start creates it.
Company StartCompany(const std::string& company_id, const std::string& now);

// At start: makes sure the tenant row exists (StartCompany) and is `company_id`.
Status PrepareTenant(StaffStore& store, const std::string& company_id, const IsoClock& clock);

}  // namespace gofast::company

#endif  // GOFAST_COMPANY_SERVICE_DOMAIN_TENANT_H_
