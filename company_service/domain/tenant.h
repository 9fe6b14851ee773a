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

// The rows of a seed as read from its file, before the tenant's rules: every
// member may be missing.
struct SeedCompanyRow {
  std::optional<std::string> id, company_name, address, city, state, website, description;
};
struct SeedStaffRow {
  std::optional<std::string> id, firebase_id, email, role, first_name, last_name, photo_url,
      start_date, company_id;
};
struct SeedRows {
  SeedCompanyRow company;
  std::vector<SeedStaffRow> staff;
};

// A seed that keeps the table's rules, ready to store.
struct Seed {
  Company company;
  std::vector<Staff> staff;
};

// VALIDATION_FAILED "seed: <message>": how every seed problem is told.
Error SeedError(const std::string& message);

// The company id must be `company_id`; every staff row must keep the table's
// rules (role, email, unique ids). Missing staff ids become UUIDs, missing
// firebaseIds invitations (temp-); emails are lower-cased.
Result<Seed> CheckSeed(const SeedRows& rows, const std::string& company_id, const IsoClock& clock);

// At start: loads the seed into empty tables (a later start changes
// nothing), then makes sure the tenant row exists and is `company_id`.
Status PrepareTenant(StaffStore& store, const std::string& company_id,
                     const std::optional<Seed>& seed, const IsoClock& clock);

}  // namespace gofast::company

#endif  // GOFAST_COMPANY_SERVICE_DOMAIN_TENANT_H_
