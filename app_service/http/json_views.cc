#include "app_service/http/json_views.h"

#include <string>

#include "app_service/domain/overloaded.h"

namespace gofast::app {
namespace {

using nlohmann::json;

template <typename T>
json OrNull(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

}  // namespace

json RunToJson(const Run& run) {
  json out = json::object();
  for (const RunColumn& column : RunColumns()) {
    out[std::string(column.name)] =
        std::visit(Overloaded{
                       [&](std::string Run::*field) { return json(run.*field); },
                       [&](std::optional<std::string> Run::*field) { return OrNull(run.*field); },
                       [&](std::optional<int64_t> Run::*field) { return OrNull(run.*field); },
                       [&](std::optional<double> Run::*field) { return OrNull(run.*field); },
                       [&](bool Run::*field) { return json(run.*field); },
                   },
                   column.field);
  }
  return out;
}

json AthleteToJson(const Athlete& athlete) {
  return {{"id", athlete.id},
          {"firebaseId", athlete.firebase_id},
          {"email", OrNull(athlete.email)},
          {"firstName", OrNull(athlete.first_name)},
          {"lastName", OrNull(athlete.last_name)},
          {"createdAt", athlete.created_at},
          {"updatedAt", athlete.updated_at}};
}

}  // namespace gofast::app
