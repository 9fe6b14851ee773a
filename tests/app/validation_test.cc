// Every validation rule of POST /api/runs/create through the real binary:
// the exact status, code and message, details.field for an error about one
// field, and no write at all.
#include <catch2/catch.hpp>

#include "tests/app/app_fixture.h"
#include "tests/app/json_edits.h"

namespace gofast::testing {
namespace {

using nlohmann::json;

struct Case {
  const char* name;
  json body;
  int status;
  const char* code;
  const char* error;
  // details.field: nullptr leaves details unchecked, kNoDetails means the
  // answer must have none (a rule about several fields).
  const char* field = nullptr;
};

constexpr char kNoDetails[] = "";

// A database holding one run, one club and one athlete, so that a stray
// write of any kind shows in the snapshot.
void Populate(AppService& app, const std::string& token) {
  REQUIRE(app.client().Post("/api/athlete/create", token, "").status == 201);
  json body = MinimalRun();
  body["runClub"] = {{"slug", "dc-run-crew"}, {"name", "DC Run Crew"}};
  REQUIRE(app.CreateRun(token, body).status == 200);
}

void RunCases(const std::vector<Case>& cases) {
  AppService app;
  const std::string token = SignedToken("uid-ada", "ada@gofast.test", true, "Ada Admin");
  Populate(app, token);
  const std::string before = app.Snapshot();
  for (const Case& c : cases) {
    INFO(c.name);
    // Each bad body also carries a club, which must not be saved either.
    json body = c.body;
    if (body.is_object() && !body.contains("runClub")) {
      body["runClub"] = {{"slug", "never-saved"}, {"name", "Never Saved"}};
    }
    const Reply reply = app.CreateRun(token, body);
    CHECK(reply.status == c.status);
    CHECK(reply.json["success"] == false);
    CHECK(reply.json["code"] == c.code);
    CHECK(reply.json["error"] == c.error);
    if (c.field != nullptr && *c.field == '\0') {
      CHECK_FALSE(reply.json.contains("details"));
    } else if (c.field != nullptr) {
      CHECK(reply.json.value("details", json()) == json{{"field", c.field}});
    }
  }
  CHECK(app.Snapshot() == before);
  CHECK(app.RunCount() == 1);
  CHECK(app.ClubCount() == 1);
}

TEST_CASE("steps 1 to 8 answer the real route's exact messages and write nothing",
          "[integration]") {
  const json ok = MinimalRun();
  const json no_city = Without(ok, "citySlug");
  RunCases({
      {"step 1: no city source", no_city, 400, "VALIDATION_FAILED",
       "citySlug, cityName, meetUpCity, or meetUpAddress is required to determine city"},
      {"step 1: city fields empty or blank",
       With(With(no_city, "cityName", ""), "meetUpCity", "  "), 400, "VALIDATION_FAILED",
       "citySlug, cityName, meetUpCity, or meetUpAddress is required to determine city"},
      {"step 1 before step 2", Without(no_city, "title"), 400, "VALIDATION_FAILED",
       "citySlug, cityName, meetUpCity, or meetUpAddress is required to determine city"},
      {"step 2: no title", Without(ok, "title"), 400, "VALIDATION_FAILED", "title is required"},
      {"step 2 before step 3", Without(Without(ok, "title"), "startDate"), 400, "VALIDATION_FAILED",
       "title is required"},
      {"step 3: no date", Without(ok, "startDate"), 400, "VALIDATION_FAILED",
       "startDate or date is required"},
      {"step 4: recurring without a day", With(ok, "isRecurring", true), 400, "VALIDATION_FAILED",
       "dayOfWeek is required for recurring runs"},
      {"step 4: recurring as a string", With(ok, "isRecurring", "true"), 400, "VALIDATION_FAILED",
       "dayOfWeek is required for recurring runs"},
      {"step 5: no meet-up point", Without(ok, "meetUpPoint"), 400, "VALIDATION_FAILED",
       "meetUpPoint is required"},
      {"step 6: no staff or athlete id", Without(ok, "staffGeneratedId"), 400, "VALIDATION_FAILED",
       "Either staffGeneratedId or athleteGeneratedId is required"},
      {"step 6 before step 7", Without(With(ok, "meetUpPoint", ""), "staffGeneratedId"), 400,
       "VALIDATION_FAILED", "meetUpPoint is required"},
      {"step 7: unknown athlete",
       With(Without(ok, "staffGeneratedId"), "athleteGeneratedId", "c-nobody"), 404, "NOT_FOUND",
       "Athlete not found"},
      {"step 7 before step 8", With(With(ok, "athleteGeneratedId", "c-nobody"), "citySlug", "!!!"),
       404, "NOT_FOUND", "Athlete not found"},
      {"step 8: citySlug with no letters or digits", With(ok, "citySlug", "?!"), 400,
       "VALIDATION_FAILED", "Invalid city slug"},
      {"step 8: citySlug is used alone", With(With(ok, "citySlug", "--"), "cityName", "Boston"),
       400, "VALIDATION_FAILED", "Invalid city slug"},
      {"step 8: no city in the name", With(no_city, "cityName", "!!!"), 400, "VALIDATION_FAILED",
       "Could not determine city from provided data"},
      {"step 8: no city in the address", With(no_city, "meetUpAddress", "1 Main St, , VA"), 400,
       "VALIDATION_FAILED", "Could not determine city from provided data"},
  });
}

TEST_CASE("step 9 refuses each bad value with its message and writes nothing", "[integration]") {
  const json ok = MinimalRun();
  RunCases({
      {"unparseable startDate", With(ok, "startDate", "next Tuesday"), 400, "VALIDATION_FAILED",
       "Invalid date"},
      {"impossible date", With(ok, "startDate", "2026-02-30"), 400, "VALIDATION_FAILED",
       "Invalid date"},
      {"bad date field", With(ok, "date", "01/28/2026"), 400, "VALIDATION_FAILED", "Invalid date"},
      {"bad endDate", With(ok, "endDate", "2026-06-24T08:00:00"), 400, "VALIDATION_FAILED",
       "Invalid date"},
      {"bad recurrenceEndsOn", With(ok, "recurrenceEndsOn", "June"), 400, "VALIDATION_FAILED",
       "Invalid date"},
      {"endDate before startDate", With(ok, "endDate", "2026-01-27"), 400, "VALIDATION_FAILED",
       "endDate must not be before startDate"},
      {"startTimeHour 13", With(ok, "startTimeHour", 13), 400, "VALIDATION_FAILED",
       "startTimeHour must be between 1 and 12"},
      {"startTimeHour 0", With(ok, "startTimeHour", "0"), 400, "VALIDATION_FAILED",
       "startTimeHour must be between 1 and 12"},
      {"startTimeHour 6.5", With(ok, "startTimeHour", 6.5), 400, "VALIDATION_FAILED",
       "startTimeHour must be between 1 and 12"},
      {"startTimeMinute 60", With(ok, "startTimeMinute", 60), 400, "VALIDATION_FAILED",
       "startTimeMinute must be between 0 and 59"},
      {"startTimePeriod noon", With(ok, "startTimePeriod", "noon"), 400, "VALIDATION_FAILED",
       "startTimePeriod must be AM or PM"},
      {"dayOfWeek Funday", With(ok, "dayOfWeek", "Funday"), 400, "VALIDATION_FAILED",
       "dayOfWeek must be a day of the week"},
      {"latitude 91", With(ok, "meetUpLat", 91), 400, "VALIDATION_FAILED",
       "meetUpLat must be between -90 and 90"},
      {"latitude -91 as a string", With(ok, "meetUpLat", "-91"), 400, "VALIDATION_FAILED",
       "meetUpLat must be between -90 and 90"},
      {"longitude 181", With(ok, "meetUpLng", 181), 400, "VALIDATION_FAILED",
       "meetUpLng must be between -180 and 180"},
      {"negative miles", With(ok, "totalMiles", -1), 400, "VALIDATION_FAILED",
       "totalMiles must not be negative"},
      {"timezone Eastern", With(ok, "timezone", "Eastern"), 400, "VALIDATION_FAILED",
       "timezone must be an IANA time zone name"},
      {"timezone with a space", With(ok, "timezone", "America/New York"), 400, "VALIDATION_FAILED",
       "timezone must be an IANA time zone name"},
  });
}

TEST_CASE("step 0 names each field of the wrong type and writes nothing", "[integration]") {
  const json ok = MinimalRun();
  RunCases({
      {"title as a number", With(ok, "title", 42), 400, "VALIDATION_FAILED",
       "title must be a string"},
      {"citySlug as an array", With(ok, "citySlug", json::array({"a"})), 400, "VALIDATION_FAILED",
       "citySlug must be a string"},
      {"staffGeneratedId as a number", With(ok, "staffGeneratedId", 7), 400, "VALIDATION_FAILED",
       "staffGeneratedId must be a string"},
      {"cityName as a boolean", With(ok, "cityName", true), 400, "VALIDATION_FAILED",
       "cityName must be a string"},
      {"state as an object", With(ok, "state", json::object()), 400, "VALIDATION_FAILED",
       "state must be a string"},
      {"startTimeHour as a boolean", With(ok, "startTimeHour", false), 400, "VALIDATION_FAILED",
       "startTimeHour must be a number"},
      {"meetUpLat as words", With(ok, "meetUpLat", "north"), 400, "VALIDATION_FAILED",
       "meetUpLat must be a number"},
      {"totalMiles as an array", With(ok, "totalMiles", json::array({3})), 400, "VALIDATION_FAILED",
       "totalMiles must be a number"},
      {"isRecurring as a number", With(ok, "isRecurring", 1), 400, "VALIDATION_FAILED",
       "isRecurring must be a boolean"},
      {"isRecurring as yes", With(ok, "isRecurring", "yes"), 400, "VALIDATION_FAILED",
       "isRecurring must be a boolean"},
      {"runClub as a string", With(ok, "runClub", "dc-run-crew"), 400, "VALIDATION_FAILED",
       "runClub must be an object"},
      {"runClub field as a number", With(ok, "runClub", {{"slug", "s"}, {"name", 5}}), 400,
       "VALIDATION_FAILED", "runClub.name must be a string"},
      {"step 0 before step 1", With(json{{"title", 1}}, "meetUpPoint", "x"), 400,
       "VALIDATION_FAILED", "title must be a string"},
  });
}

// One row of the details.field table: a 400 VALIDATION_FAILED.
Case Invalid(const char* name, json body, const char* error, const char* field) {
  return Case{name, std::move(body), 400, "VALIDATION_FAILED", error, field};
}

TEST_CASE("every error about one field names it in details.field, and no other does",
          "[integration]") {
  const json ok = MinimalRun();
  const json no_city = Without(ok, "citySlug");
  const json club = {{"slug", "dc-run-crew"}, {"name", "DC Run Crew"}};
  const auto with_club = [&](const char* member, const json& value) {
    json edited = club;
    edited[member] = value;
    return With(ok, "runClub", edited);
  };
  const std::string nul = std::string("a") + '\0' + "b";
  RunCases({
      // Step 0: shape, for each kind of field and each of runClub's own.
      Invalid("title as a number", With(ok, "title", 42), "title must be a string", "title"),
      Invalid("state as an object", With(ok, "state", json::object()), "state must be a string",
              "state"),
      Invalid("startTimeHour as a boolean", With(ok, "startTimeHour", false),
              "startTimeHour must be a number", "startTimeHour"),
      Invalid("totalMiles as words", With(ok, "totalMiles", "far"), "totalMiles must be a number",
              "totalMiles"),
      Invalid("isRecurring as yes", With(ok, "isRecurring", "yes"), "isRecurring must be a boolean",
              "isRecurring"),
      Invalid("runClub as a string", With(ok, "runClub", "dc-run-crew"),
              "runClub must be an object", "runClub"),
      Invalid("runClub as an array", With(ok, "runClub", json::array()),
              "runClub must be an object", "runClub"),
      Invalid("runClub.slug as a number", with_club("slug", 7), "runClub.slug must be a string",
              "runClub.slug"),
      Invalid("runClub.name as a boolean", with_club("name", true), "runClub.name must be a string",
              "runClub.name"),
      Invalid("runClub.logoUrl as an object", with_club("logoUrl", json::object()),
              "runClub.logoUrl must be a string", "runClub.logoUrl"),
      Invalid("runClub.logo as an array", with_club("logo", json::array({"x"})),
              "runClub.logo must be a string", "runClub.logo"),
      Invalid("runClub.city as a number", with_club("city", 1), "runClub.city must be a string",
              "runClub.city"),
      Invalid("NUL in meetUpPoint", With(ok, "meetUpPoint", nul),
              "meetUpPoint must not contain NUL", "meetUpPoint"),
      Invalid("NUL in runClub.city", with_club("city", nul), "runClub.city must not contain NUL",
              "runClub.city"),
      Invalid("title of 301 characters", With(ok, "title", std::string(301, 't')),
              "title must be at most 300 characters", "title"),
      Invalid("description of 20,001 characters", With(ok, "description", std::string(20001, 'd')),
              "description must be at most 20000 characters", "description"),
      Invalid("pace of 2,001 characters", With(ok, "pace", std::string(2001, 'p')),
              "pace must be at most 2000 characters", "pace"),
      Invalid("runClub.name of 2,001 characters", with_club("name", std::string(2001, 'n')),
              "runClub.name must be at most 2000 characters", "runClub.name"),
      // Steps 1 to 8.
      Invalid("step 1 names four fields", no_city,
              "citySlug, cityName, meetUpCity, or meetUpAddress is required to determine city",
              kNoDetails),
      Invalid("step 2", Without(ok, "title"), "title is required", "title"),
      Invalid("step 3 names startDate, not its alias", Without(ok, "startDate"),
              "startDate or date is required", "startDate"),
      Invalid("step 4", With(ok, "isRecurring", true), "dayOfWeek is required for recurring runs",
              "dayOfWeek"),
      Invalid("step 5", With(ok, "meetUpPoint", " "), "meetUpPoint is required", "meetUpPoint"),
      Invalid("step 6 names two fields", Without(ok, "staffGeneratedId"),
              "Either staffGeneratedId or athleteGeneratedId is required", kNoDetails),
      Invalid("step 8: citySlug", With(With(ok, "citySlug", "?!"), "cityName", "Boston"),
              "Invalid city slug", "citySlug"),
      Invalid("step 8: the name from cityName",
              With(With(no_city, "cityName", "!!!"), "meetUpCity", "Boston"),
              "Could not determine city from provided data", "cityName"),
      Invalid("step 8: the name from meetUpCity",
              With(With(With(no_city, "cityName", ""), "meetUpCity", "--"), "meetUpAddress",
                   "1 Main St, Boston, MA"),
              "Could not determine city from provided data", "meetUpCity"),
      Invalid("step 8: the name from meetUpAddress",
              With(no_city, "meetUpAddress", "1 Main St, , VA"),
              "Could not determine city from provided data", "meetUpAddress"),
      // Step 9.
      Invalid("bad startDate", With(ok, "startDate", "next Tuesday"), "Invalid date", "startDate"),
      Invalid("bad date", With(ok, "date", "01/28/2026"), "Invalid date", "date"),
      Invalid("bad endDate", With(ok, "endDate", "2026-06-24T08:00:00"), "Invalid date", "endDate"),
      Invalid("bad recurrenceEndsOn", With(ok, "recurrenceEndsOn", "June"), "Invalid date",
              "recurrenceEndsOn"),
      Invalid("endDate before startDate", With(ok, "endDate", "2026-01-27"),
              "endDate must not be before startDate", "endDate"),
      Invalid("startTimeHour 13", With(ok, "startTimeHour", 13),
              "startTimeHour must be between 1 and 12", "startTimeHour"),
      Invalid("startTimeMinute 60", With(ok, "startTimeMinute", "60"),
              "startTimeMinute must be between 0 and 59", "startTimeMinute"),
      Invalid("startTimePeriod noon", With(ok, "startTimePeriod", "noon"),
              "startTimePeriod must be AM or PM", "startTimePeriod"),
      Invalid("dayOfWeek Funday", With(ok, "dayOfWeek", "Funday"),
              "dayOfWeek must be a day of the week", "dayOfWeek"),
      Invalid("latitude 91", With(ok, "meetUpLat", 91), "meetUpLat must be between -90 and 90",
              "meetUpLat"),
      Invalid("longitude -181", With(ok, "meetUpLng", -181),
              "meetUpLng must be between -180 and 180", "meetUpLng"),
      Invalid("negative miles", With(ok, "totalMiles", -0.5), "totalMiles must not be negative",
              "totalMiles"),
      Invalid("timezone Eastern", With(ok, "timezone", "Eastern"),
              "timezone must be an IANA time zone name", "timezone"),
  });
}

}  // namespace
}  // namespace gofast::testing
