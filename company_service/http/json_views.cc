#include "company_service/http/json_views.h"

namespace gofast::company {
namespace {

nlohmann::json OrNull(const std::optional<std::string>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json StaffToJson(const Staff& staff) {
  nlohmann::json name = nullptr;
  if (staff.first_name || staff.last_name) {
    name = staff.first_name && staff.last_name
               ? *staff.first_name + " " + *staff.last_name
               : staff.first_name.value_or(staff.last_name.value_or(""));
  }
  return {{"id", staff.id},
          {"firebaseId", staff.firebase_id},
          {"email", staff.email},
          {"firstName", OrNull(staff.first_name)},
          {"lastName", OrNull(staff.last_name)},
          {"name", name},
          {"photoURL", OrNull(staff.photo_url)},
          {"role", staff.role},
          {"companyId", OrNull(staff.company_id)},
          {"startDate", OrNull(staff.start_date)},
          {"createdAt", staff.created_at},
          {"updatedAt", staff.updated_at}};
}

}  // namespace gofast::company
