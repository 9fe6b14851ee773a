#include "app_service/seed_file.h"

#include <algorithm>
#include <variant>

#include "app_service/domain/overloaded.h"
#include "app_service/http/json_views.h"
#include "shared/http/json_fields.h"
#include "shared/json/seed_document.h"

namespace gofast::app {
namespace {

using nlohmann::json;

using gofast::json::SeedError;

// A run's members by column (RunColumns), each of its column's JSON type or null.
Status ReadRun(const json& object, const std::string& where, Run& run) {
  if (!object.is_object()) return SeedError(where + " must be an object");
  for (const auto& [key, value] : object.items()) {
    const auto column = std::find_if(RunColumns().begin(), RunColumns().end(),
                                     [&key = key](const RunColumn& c) { return c.name == key; });
    const std::string path = gofast::json::MemberPath(where, key);
    if (column == RunColumns().end()) return SeedError("unknown field " + path);
    if (value.is_null()) continue;
    const auto text = [&]() -> Result<std::string> {
      if (!value.is_string()) return SeedError(path + " must be a string");
      const std::string& read = value.get_ref<const std::string&>();
      if (read.find('\0') != std::string::npos) return SeedError(path + " must not contain NUL");
      return read;
    };
    Status read = Ok{};
    std::visit(Overloaded{
                   [&](std::string Run::*field) {
                     Result<std::string> member = text();
                     if (member)
                       run.*field = std::move(member).value();
                     else
                       read = member.error();
                   },
                   [&](std::optional<std::string> Run::*field) {
                     Result<std::string> member = text();
                     if (member)
                       run.*field = std::move(member).value();
                     else
                       read = member.error();
                   },
                   [&](std::optional<int64_t> Run::*field) {
                     if (value.is_number_integer())
                       run.*field = value.get<int64_t>();
                     else
                       read = SeedError(path + " must be an integer");
                   },
                   [&](std::optional<double> Run::*field) {
                     if (value.is_number())
                       run.*field = value.get<double>();
                     else
                       read = SeedError(path + " must be a number");
                   },
                   [&](bool Run::*field) {
                     if (value.is_boolean())
                       run.*field = value.get<bool>();
                     else
                       read = SeedError(path + " must be true or false");
                   },
               },
               column->field);
    if (!read) return read;
  }
  return Ok{};
}

// The array member `name` of the document, absent or null meaning none.
Result<const json*> ArrayMember(const json& document, const char* name) {
  const auto member = document.find(name);
  if (member == document.end() || member->is_null()) return static_cast<const json*>(nullptr);
  if (!member->is_array()) return SeedError(std::string(name) + " must be an array");
  return &*member;
}

json RunToJson(const Run& run) {
  json object = json::object();
  for (const RunColumn& column : RunColumns()) {
    std::visit(
        Overloaded{
            [&](std::string Run::*field) { object[std::string(column.name)] = run.*field; },
            [&](bool Run::*field) { object[std::string(column.name)] = run.*field; },
            [&](auto Run::*field) { object[std::string(column.name)] = http::OrNull(run.*field); },
        },
        column.field);
  }
  return object;
}

}  // namespace

Result<AppRows> ReadSeedRows(const json& document) {
  if (!document.is_object()) return SeedError("the document must be a JSON object");
  for (const auto& [key, value] : document.items()) {
    if (key != "athletes" && key != "runClubs" && key != "runs") {
      return SeedError("unknown field " + gofast::json::MemberPath("", key));
    }
  }
  AppRows rows;
  const Result<const json*> athletes = ArrayMember(document, "athletes");
  if (!athletes) return athletes.error();
  for (size_t i = 0; athletes.value() && i < athletes.value()->size(); ++i) {
    Athlete& row = rows.athletes.emplace_back();
    const Status read = gofast::json::ReadStringMembers((*athletes.value())[i],
                                                        "athletes[" + std::to_string(i) + "]",
                                                        {{"id", &row.id},
                                                         {"firebaseId", &row.firebase_id},
                                                         {"email", &row.email},
                                                         {"firstName", &row.first_name},
                                                         {"lastName", &row.last_name},
                                                         {"createdAt", &row.created_at},
                                                         {"updatedAt", &row.updated_at}});
    if (!read) return read.error();
  }
  const Result<const json*> clubs = ArrayMember(document, "runClubs");
  if (!clubs) return clubs.error();
  for (size_t i = 0; clubs.value() && i < clubs.value()->size(); ++i) {
    RunClub& row = rows.run_clubs.emplace_back();
    const Status read =
        gofast::json::ReadStringMembers((*clubs.value())[i], "runClubs[" + std::to_string(i) + "]",
                                        {{"slug", &row.slug},
                                         {"name", &row.name},
                                         {"logoUrl", &row.logo_url},
                                         {"city", &row.city},
                                         {"syncedAt", &row.synced_at},
                                         {"createdAt", &row.created_at},
                                         {"updatedAt", &row.updated_at}});
    if (!read) return read.error();
  }
  const Result<const json*> runs = ArrayMember(document, "runs");
  if (!runs) return runs.error();
  for (size_t i = 0; runs.value() && i < runs.value()->size(); ++i) {
    const Status read =
        ReadRun((*runs.value())[i], "runs[" + std::to_string(i) + "]", rows.runs.emplace_back());
    if (!read) return read.error();
  }
  return rows;
}

Result<AppRows> ReadSeedFile(const std::string& path) {
  return gofast::json::ReadSeedFile(path, &ReadSeedRows);
}

json SeedDocument(const AppRows& rows) {
  json athletes = json::array();
  for (const Athlete& athlete : rows.athletes) athletes.push_back(AthleteToJson(athlete));
  json clubs = json::array();
  for (const RunClub& club : rows.run_clubs) {
    clubs.push_back({{"slug", club.slug},
                     {"name", club.name},
                     {"logoUrl", http::OrNull(club.logo_url)},
                     {"city", http::OrNull(club.city)},
                     {"syncedAt", http::OrNull(club.synced_at)},
                     {"createdAt", club.created_at},
                     {"updatedAt", club.updated_at}});
  }
  json runs = json::array();
  for (const Run& run : rows.runs) runs.push_back(RunToJson(run));
  return {
      {"athletes", std::move(athletes)}, {"runClubs", std::move(clubs)}, {"runs", std::move(runs)}};
}

}  // namespace gofast::app
