#include "company_service/domain/tenant.h"

#include <set>

#include "company_service/domain/staff_service.h"
#include "shared/core/ids.h"
#include "shared/core/text.h"

namespace gofast::company {

Error SeedError(const std::string& message) { return ValidationError("seed: " + message); }

Result<Seed> CheckSeed(const SeedRows& rows, const std::string& company_id, const IsoClock& clock) {
  const std::string now = clock();
  if (rows.company.id.value_or("") != company_id) {
    return SeedError("company.id must equal --company-id (" + company_id + ")");
  }
  Seed seed;
  seed.company.id = company_id;
  if (rows.company.company_name) seed.company.company_name = *rows.company.company_name;
  seed.company.address = rows.company.address;
  seed.company.city = rows.company.city;
  seed.company.state = rows.company.state;
  seed.company.website = rows.company.website;
  seed.company.description = rows.company.description;
  seed.company.created_at = now;
  seed.company.updated_at = now;

  std::set<std::string> ids, firebase_ids;
  for (size_t index = 0; index < rows.staff.size(); ++index) {
    const SeedStaffRow& row = rows.staff[index];
    const std::string where = "staff[" + std::to_string(index) + "]";
    if (!row.email || !IsValidEmail(ToLowerAscii(*row.email))) {
      return SeedError(where + ".email is not a valid address");
    }
    if (!row.role || !IsRole(*row.role)) return SeedError(where + ".role is not a known role");
    if (row.company_id && *row.company_id != company_id) {
      return SeedError(where + ".companyId must be the tenant's id");
    }
    if (row.id && !LooksLikeUuid(*row.id)) return SeedError(where + ".id must be a UUID");
    Staff member;
    member.id = row.id ? ToLowerAscii(*row.id) : NewUuidV4();
    member.firebase_id =
        row.firebase_id ? *row.firebase_id : std::string(kInvitedPrefix) + NewUuidV4();
    if (!ids.insert(member.id).second) return SeedError(where + ".id appears twice");
    if (!firebase_ids.insert(member.firebase_id).second) {
      return SeedError(where + ".firebaseId appears twice");
    }
    member.email = ToLowerAscii(*row.email);
    member.role = *row.role;
    member.first_name = row.first_name;
    member.last_name = row.last_name;
    member.photo_url = row.photo_url;
    member.start_date = row.start_date;
    member.company_id = company_id;
    member.created_at = now;
    member.updated_at = now;
    seed.staff.push_back(std::move(member));
  }
  return seed;
}

Status PrepareTenant(StaffStore& store, const std::string& company_id,
                     const std::optional<Seed>& seed, const IsoClock& clock) {
  Result<std::optional<Company>> existing = store.FindCompany();
  if (!existing) return existing.error();
  if (seed && !existing.value()) {
    Result<bool> has_staff = store.HasStaff();
    if (!has_staff) return has_staff.error();
    if (!has_staff.value()) return store.Seed(seed->company, seed->staff);
  }
  if (existing.value()) {
    if (existing.value()->id != company_id) {
      return ValidationError("the database belongs to company " + existing.value()->id +
                             ", not --company-id " + company_id);
    }
    return Ok{};
  }
  Company company;
  company.id = company_id;
  company.created_at = clock();
  company.updated_at = company.created_at;
  return store.InsertCompany(company);
}

}  // namespace gofast::company
