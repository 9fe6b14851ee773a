#include "company_service/seed_file.h"

#include <initializer_list>

#include "shared/http/json_fields.h"
#include "shared/json/seed_document.h"
#include "shared/json/strict_json.h"

namespace gofast::company {

using nlohmann::json;

Result<SeedRows> ReadSeedRows(const json& document) {
  if (!document.is_object()) return SeedError("the document must be a JSON object");
  SeedRows rows;
  for (const auto& [key, value] : document.items()) {
    if (key != "company" && key != "staff")
      return SeedError("unknown field " + gofast::json::MemberPath("", key));
  }
  const auto company = document.find("company");
  if (company != document.end() && !company->is_null()) {
    SeedCompanyRow& tenant = rows.company.emplace();
    if (Status read = gofast::json::ReadStringMembers(*company, "company",
                                                      {{"id", &tenant.id},
                                                       {"companyName", &tenant.company_name},
                                                       {"address", &tenant.address},
                                                       {"city", &tenant.city},
                                                       {"state", &tenant.state},
                                                       {"website", &tenant.website},
                                                       {"description", &tenant.description},
                                                       {"createdAt", &tenant.created_at},
                                                       {"updatedAt", &tenant.updated_at}});
        !read) {
      return read.error();
    }
  }

  const auto staff = document.find("staff");
  if (staff == document.end() || staff->is_null()) return rows;
  if (!staff->is_array()) return SeedError("staff must be an array");
  for (size_t index = 0; index < staff->size(); ++index) {
    const json& object = (*staff)[index];
    const std::string where = "staff[" + std::to_string(index) + "]";
    SeedStaffRow& row = rows.staff.emplace_back();
    if (Status read = gofast::json::ReadStringMembers(object, where,
                                                      {{"id", &row.id},
                                                       {"firebaseId", &row.firebase_id},
                                                       {"email", &row.email},
                                                       {"role", &row.role},
                                                       {"firstName", &row.first_name},
                                                       {"lastName", &row.last_name},
                                                       {"photoURL", &row.photo_url},
                                                       {"startDate", &row.start_date},
                                                       {"companyId", &row.company_id},
                                                       {"createdAt", &row.created_at},
                                                       {"updatedAt", &row.updated_at}});
        !read) {
      return read.error();
    }
  }
  return rows;
}

Result<SeedRows> ParseSeedRows(std::string_view json_text) {
  const Result<json> document = gofast::json::ParseStrictJson(json_text, "the file");
  if (!document) return SeedError(document.error().message);
  return ReadSeedRows(document.value());
}

Result<SeedRows> ReadSeedFile(const std::string& path) {
  return gofast::json::ReadSeedFile(path, &ReadSeedRows);
}

json SeedDocument(const TenantSnapshot& snapshot) {
  using http::OrNull;
  const Company& company = snapshot.company;
  json staff = json::array();
  for (const Staff& row : snapshot.staff) {
    staff.push_back({{"id", row.id},
                     {"firebaseId", row.firebase_id},
                     {"email", row.email},
                     {"role", row.role},
                     {"firstName", OrNull(row.first_name)},
                     {"lastName", OrNull(row.last_name)},
                     {"photoURL", OrNull(row.photo_url)},
                     {"startDate", OrNull(row.start_date)},
                     {"companyId", OrNull(row.company_id)},
                     {"createdAt", row.created_at},
                     {"updatedAt", row.updated_at}});
  }
  return {{"company",
           {{"id", company.id},
            {"companyName", company.company_name},
            {"address", OrNull(company.address)},
            {"city", OrNull(company.city)},
            {"state", OrNull(company.state)},
            {"website", OrNull(company.website)},
            {"description", OrNull(company.description)},
            {"createdAt", company.created_at},
            {"updatedAt", company.updated_at}}},
          {"staff", std::move(staff)}};
}

}  // namespace gofast::company
