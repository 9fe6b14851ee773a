#include "company_service/domain/tenant.h"

#include <set>

#include "company_service/domain/staff_service.h"
#include "shared/core/ids.h"
#include "shared/core/time.h"

namespace gofast::company {
namespace {

Error SeedError(const std::string& message) { return MakeError(ErrorCode::kValidationFailed, "seed: " + message); }

// An optional string member; a present non-string value is an error.
Result<std::optional<std::string>> OptionalText(const nlohmann::json& object, const char* name,
                                                const std::string& where) {
  const auto it = object.find(name);
  if (it == object.end() || it->is_null()) return std::optional<std::string>();
  if (!it->is_string()) return SeedError(where + "." + name + " must be a string");
  return std::optional<std::string>(it->get<std::string>());
}

}  // namespace

Result<Seed> ParseSeed(const nlohmann::json& document, const std::string& company_id) {
  if (!document.is_object()) return SeedError("the file must hold a JSON object");
  Seed seed;
  const std::string now = NowIso8601();

  const auto company = document.find("company");
  if (company == document.end() || !company->is_object()) return SeedError("company must be an object");
  Result<std::optional<std::string>> id = OptionalText(*company, "id", "company");
  if (!id) return id.error();
  if (id.value().value_or("") != company_id) {
    return SeedError("company.id must equal --company-id (" + company_id + ")");
  }
  seed.company.id = company_id;
  struct CompanyField {
    const char* name;
    std::optional<std::string>* target;
  };
  for (const CompanyField& field : {CompanyField{"address", &seed.company.address},
                                    CompanyField{"city", &seed.company.city},
                                    CompanyField{"state", &seed.company.state},
                                    CompanyField{"website", &seed.company.website},
                                    CompanyField{"description", &seed.company.description}}) {
    Result<std::optional<std::string>> value = OptionalText(*company, field.name, "company");
    if (!value) return value.error();
    *field.target = value.value();
  }
  Result<std::optional<std::string>> company_name = OptionalText(*company, "companyName", "company");
  if (!company_name) return company_name.error();
  if (company_name.value()) seed.company.company_name = *company_name.value();
  seed.company.created_at = now;
  seed.company.updated_at = now;

  const auto staff = document.find("staff");
  if (staff != document.end() && !staff->is_array()) return SeedError("staff must be an array");
  std::set<std::string> ids, firebase_ids;
  for (size_t index = 0; staff != document.end() && index < staff->size(); ++index) {
    const nlohmann::json& row = (*staff)[index];
    const std::string where = "staff[" + std::to_string(index) + "]";
    if (!row.is_object()) return SeedError(where + " must be an object");
    Staff member;
    struct StaffField {
      const char* name;
      std::optional<std::string>* target;
    };
    std::optional<std::string> row_id, firebase_id, email, role;
    for (const StaffField& field :
         {StaffField{"id", &row_id}, StaffField{"firebaseId", &firebase_id}, StaffField{"email", &email},
          StaffField{"role", &role}, StaffField{"firstName", &member.first_name},
          StaffField{"lastName", &member.last_name}, StaffField{"photoURL", &member.photo_url},
          StaffField{"startDate", &member.start_date}, StaffField{"companyId", &member.company_id}}) {
      Result<std::optional<std::string>> value = OptionalText(row, field.name, where);
      if (!value) return value.error();
      *field.target = value.value();
    }
    if (!email || !IsValidEmail(ToLower(*email))) return SeedError(where + ".email is not a valid address");
    if (!role || !IsRole(*role)) return SeedError(where + ".role is not a known role");
    if (member.company_id && *member.company_id != company_id) {
      return SeedError(where + ".companyId must be the tenant's id");
    }
    if (row_id && !LooksLikeUuid(*row_id)) return SeedError(where + ".id must be a UUID");
    member.id = row_id ? ToLower(*row_id) : NewUuidV4();
    member.firebase_id = firebase_id ? *firebase_id : std::string(kInvitedPrefix) + NewUuidV4();
    if (!ids.insert(member.id).second) return SeedError(where + ".id appears twice");
    if (!firebase_ids.insert(member.firebase_id).second) return SeedError(where + ".firebaseId appears twice");
    member.email = ToLower(*email);
    member.role = *role;
    member.company_id = company_id;
    member.created_at = now;
    member.updated_at = now;
    seed.staff.push_back(std::move(member));
  }
  return seed;
}

Status PrepareTenant(StaffStore& store, const std::string& company_id, const std::optional<Seed>& seed) {
  Result<std::optional<Company>> existing = store.FindCompany();
  if (!existing) return existing.error();
  if (seed && !existing.value()) {
    Result<bool> has_staff = store.HasStaff();
    if (!has_staff) return has_staff.error();
    if (!has_staff.value()) return store.Seed(seed->company, seed->staff);
  }
  if (existing.value()) {
    if (existing.value()->id != company_id) {
      return MakeError(ErrorCode::kValidationFailed, "the database belongs to company " +
                                                         existing.value()->id + ", not --company-id " +
                                                         company_id);
    }
    return Ok{};
  }
  Company company;
  company.id = company_id;
  company.created_at = NowIso8601();
  company.updated_at = company.created_at;
  return store.InsertCompany(company);
}

}  // namespace gofast::company
