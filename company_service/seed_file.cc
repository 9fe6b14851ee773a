#include "company_service/seed_file.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace gofast::company {
namespace {

using nlohmann::json;

// An optional string member; a present non-string value is an error.
Status ReadText(const json& object, const char* name, const std::string& where,
                std::optional<std::string>& target) {
  const auto it = object.find(name);
  if (it == object.end() || it->is_null()) return Ok{};
  if (!it->is_string()) return SeedError(where + "." + name + " must be a string");
  target = it->get<std::string>();
  return Ok{};
}

struct TextMember {
  const char* name;
  std::optional<std::string>* target;
};

Status ReadTexts(const json& object, const std::string& where,
                 std::initializer_list<TextMember> members) {
  for (const TextMember& member : members) {
    if (Status read = ReadText(object, member.name, where, *member.target); !read) return read;
  }
  return Ok{};
}

}  // namespace

Result<SeedRows> ParseSeedRows(std::string_view json_text) {
  const json document = json::parse(json_text.begin(), json_text.end(), nullptr, false);
  if (document.is_discarded()) return SeedError("the file is not valid JSON");
  if (!document.is_object()) return SeedError("the file must hold a JSON object");
  SeedRows rows;
  const auto company = document.find("company");
  if (company == document.end() || !company->is_object())
    return SeedError("company must be an object");
  SeedCompanyRow& tenant = rows.company;
  if (Status read = ReadTexts(*company, "company",
                              {{"id", &tenant.id},
                               {"address", &tenant.address},
                               {"city", &tenant.city},
                               {"state", &tenant.state},
                               {"website", &tenant.website},
                               {"description", &tenant.description},
                               {"companyName", &tenant.company_name}});
      !read) {
    return read.error();
  }

  const auto staff = document.find("staff");
  if (staff == document.end()) return rows;
  if (!staff->is_array()) return SeedError("staff must be an array");
  for (size_t index = 0; index < staff->size(); ++index) {
    const json& object = (*staff)[index];
    const std::string where = "staff[" + std::to_string(index) + "]";
    if (!object.is_object()) return SeedError(where + " must be an object");
    SeedStaffRow row;
    if (Status read = ReadTexts(object, where,
                                {{"id", &row.id},
                                 {"firebaseId", &row.firebase_id},
                                 {"email", &row.email},
                                 {"role", &row.role},
                                 {"firstName", &row.first_name},
                                 {"lastName", &row.last_name},
                                 {"photoURL", &row.photo_url},
                                 {"startDate", &row.start_date},
                                 {"companyId", &row.company_id}});
        !read) {
      return read.error();
    }
    rows.staff.push_back(std::move(row));
  }
  return rows;
}

Result<SeedRows> ReadSeedFile(const std::string& path) {
  std::ifstream file(path);
  if (!file) return ValidationError("cannot read seed file " + path);
  std::ostringstream text;
  text << file.rdbuf();
  Result<SeedRows> rows = ParseSeedRows(text.str());
  if (!rows) return ValidationError(path + ": " + rows.error().message);
  return rows;
}

}  // namespace gofast::company
