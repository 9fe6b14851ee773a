#include "company_service/http/body_readers.h"

#include "shared/http/json_fields.h"

namespace gofast::company {
namespace {

constexpr size_t kMaxTextCharacters = 2000;

struct TextField {
  const char* name;
  std::optional<std::string>* target;
};

// Absent or null members stay nullopt; see http::ReadTextField for the rest.
Status ReadTextFields(const nlohmann::json& body, std::initializer_list<TextField> fields) {
  for (const TextField& field : fields) {
    const auto it = body.find(field.name);
    if (it == body.end() || it->is_null()) continue;
    Result<std::optional<std::string>> value =
        http::ReadTextField(field.name, *it, kMaxTextCharacters);
    if (!value) return value.error();
    *field.target = std::move(value).value();
  }
  return Ok{};
}

}  // namespace

Result<ProfileFields> ReadProfile(const nlohmann::json& body) {
  ProfileFields profile;
  const Status read = ReadTextFields(body, {{"firstName", &profile.first_name},
                                            {"lastName", &profile.last_name},
                                            {"photoURL", &profile.photo_url}});
  if (!read) return read.error();
  return profile;
}

Result<InviteRequest> ReadInvite(const nlohmann::json& body) {
  InviteRequest invite;
  std::optional<std::string> photo_url;  // checked like the other fields, then dropped
  const Status read = ReadTextFields(body, {{"firstName", &invite.profile.first_name},
                                            {"lastName", &invite.profile.last_name},
                                            {"photoURL", &photo_url},
                                            {"email", &invite.email},
                                            {"role", &invite.role}});
  if (!read) return read.error();
  return invite;
}

Result<StaffEdit> ReadStaffEdit(const nlohmann::json& body) {
  StaffEdit edit;
  struct ClearableField {
    const char* name;
    std::optional<std::optional<std::string>>* target;
  };
  for (const ClearableField& field :
       {ClearableField{"firstName", &edit.first_name}, ClearableField{"lastName", &edit.last_name},
        ClearableField{"photoURL", &edit.photo_url}}) {
    const auto it = body.find(field.name);
    if (it == body.end()) continue;
    if (it->is_null()) {
      *field.target = std::optional<std::string>();
      continue;
    }
    Result<std::optional<std::string>> value =
        http::ReadTextField(field.name, *it, kMaxTextCharacters);
    if (!value) return value.error();
    *field.target = std::move(value).value();
  }
  const Status role = ReadTextFields(body, {{"role", &edit.role}});
  if (!role) return role.error();
  // A role given blank or null is a role that is not one of the five, not an absent one.
  if (!edit.role && body.contains("role")) edit.role = std::string();
  return edit;
}

}  // namespace gofast::company
