#include "app_service/http/json_views.h"

#include <string>

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

}  // namespace

void WriteRun(http::JsonWriter& out, const Run& run) {
  out.BeginObject();
  for (const RunColumn& column : RunColumns()) {
    out.Key(column.name);
    std::visit([&](auto field) { WriteValue(out, run.*field); }, column.field);
  }
  out.EndObject();
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
