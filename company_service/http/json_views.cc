#include "company_service/http/json_views.h"

#include "shared/http/json_fields.h"

namespace gofast::company {
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
          {"firstName", http::OrNull(staff.first_name)},
          {"lastName", http::OrNull(staff.last_name)},
          {"name", name},
          {"photoURL", http::OrNull(staff.photo_url)},
          {"role", staff.role},
          {"companyId", http::OrNull(staff.company_id)},
          {"startDate", http::OrNull(staff.start_date)},
          {"createdAt", staff.created_at},
          {"updatedAt", staff.updated_at}};
}

}  // namespace gofast::company
