#include "app_service/http/json_views.h"

#include <string>

#include "shared/core/text.h"
#include "shared/http/json_fields.h"

namespace gofast::app {
namespace {

using nlohmann::json;

void WriteValue(http::JsonWriter& out, const std::string& value) { out.String(value); }
void WriteValue(http::JsonWriter& out, int64_t value) { out.Int(value); }
void WriteValue(http::JsonWriter& out, double value) { out.Double(value); }
void WriteValue(http::JsonWriter& out, bool value) { out.Bool(value); }

template <typename T>
void WriteValue(http::JsonWriter& out, const std::optional<T>& value) {
  if (value) {
    WriteValue(out, *value);
  } else {
    out.Null();
  }
}

// The run's columns as members of an object begun already.
void WriteRunColumns(http::JsonWriter& out, const Run& run) {
  for (const RunColumn& column : RunColumns()) {
    out.Key(column.name);
    std::visit([&](auto field) { WriteValue(out, run.*field); }, column.field);
  }
}

}  // namespace

void WriteRun(http::JsonWriter& out, const Run& run,
              const std::map<std::string, RunCreator>* creators) {
  out.BeginObject();
  WriteRunColumns(out, run);
  if (creators != nullptr) WriteCreatedBy(out, run.staff_generated_id, *creators);
  out.EndObject();
}

std::string OpenRunObject(const Run& run) {
  std::string text;
  http::JsonWriter out(text);
  out.BeginObject();
  WriteRunColumns(out, run);
  return text;
}

void WriteCreatedBy(http::JsonWriter& out, const std::optional<std::string>& staff_generated_id,
                    const std::map<std::string, RunCreator>& creators) {
  out.Key("createdBy");
  const auto creator = staff_generated_id ? creators.find(*staff_generated_id) : creators.end();
  if (creator == creators.end()) {
    out.Null();
    return;
  }
  out.BeginObject().Key("id").String(creator->second.id).Key("name");
  WriteValue(out, creator->second.name);
  out.Key("email").String(creator->second.email).Key("role").String(creator->second.role);
  out.EndObject();
}

void WriteReplicaStaff(http::JsonWriter& out, const ReplicaStaff& staff) {
  out.BeginObject()
      .Key("id")
      .String(staff.id)
      .Key("firebaseId")
      .String(staff.firebase_id)
      .Key("email")
      .String(staff.email)
      .Key("firstName");
  WriteValue(out, staff.first_name);
  out.Key("lastName");
  WriteValue(out, staff.last_name);
  out.Key("name");
  WriteValue(out, JoinedName(staff.first_name, staff.last_name));
  out.Key("role").String(staff.role).Key("companyId");
  WriteValue(out, staff.company_id);
  out.Key("removed")
      .Bool(staff.removed)
      .Key("updatedAt")
      .String(staff.company_updated_at)
      .Key("syncedAt")
      .String(staff.synced_at)
      .EndObject();
}

json AthleteToJson(const Athlete& athlete) {
  return {{"id", athlete.id},
          {"firebaseId", athlete.firebase_id},
          {"email", http::OrNull(athlete.email)},
          {"firstName", http::OrNull(athlete.first_name)},
          {"lastName", http::OrNull(athlete.last_name)},
          {"createdAt", athlete.created_at},
          {"updatedAt", athlete.updated_at}};
}

}  // namespace gofast::app
