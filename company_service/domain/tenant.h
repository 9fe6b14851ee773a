#ifndef GOFAST_COMPANY_SERVICE_DOMAIN_TENANT_H_
#define GOFAST_COMPANY_SERVICE_DOMAIN_TENANT_H_

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "company_service/domain/staff.h"

namespace gofast::company {

struct Seed {
  Company company;
  std::vector<Staff> staff;
};

// Reads {company:{...}, staff:[...]}: the company id must be `company_id`,
// every staff row must keep the table's rules (role, email, unique ids).
// Missing staff ids become UUIDs, missing firebaseIds invitations (temp-).
Result<Seed> ParseSeed(const nlohmann::json& document, const std::string& company_id);

// At start: loads the seed into empty tables (a later start changes
// nothing), then makes sure the tenant row exists and is `company_id`.
Status PrepareTenant(StaffStore& store, const std::string& company_id, const std::optional<Seed>& seed);

}  // namespace gofast::company

#endif  // GOFAST_COMPANY_SERVICE_DOMAIN_TENANT_H_
