#include "company_service/http/json_views.h"

#include "shared/core/text.h"

namespace gofast::company {

void WriteStaff(http::JsonWriter& out, const Staff& staff) {
  out.BeginObject()
      .Key("id")
      .String(staff.id)
      .Key("firebaseId")
      .String(staff.firebase_id)
      .Key("email")
      .String(staff.email)
      .Key("firstName")
      .StringOrNull(staff.first_name)
      .Key("lastName")
      .StringOrNull(staff.last_name)
      .Key("name")
      .StringOrNull(JoinedName(staff.first_name, staff.last_name))
      .Key("photoURL")
      .StringOrNull(staff.photo_url)
      .Key("role")
      .String(staff.role)
      .Key("companyId")
      .StringOrNull(staff.company_id)
      .Key("startDate")
      .StringOrNull(staff.start_date)
      .Key("createdAt")
      .String(staff.created_at)
      .Key("updatedAt")
      .String(staff.updated_at)
      .EndObject();
}

}  // namespace gofast::company
