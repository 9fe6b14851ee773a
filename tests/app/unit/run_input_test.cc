// Steps 0-9 of POST /api/runs/create as pure functions: step 0 of the HTTP
// layer (http/body_readers.h), steps 1-9 of the domain.
#include "app_service/domain/run_input.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <set>

#include "app_service/http/body_readers.h"
#include "tests/app/json_edits.h"

namespace gofast::app {
namespace {

using gofast::testing::With;
using gofast::testing::Without;
using nlohmann::json;

json ValidBody() {
  return {{"staffGeneratedId", "staff-1"},
          {"title", "Morning run"},
          {"citySlug", "arlington"},
          {"startDate", "2026-01-28"},
          {"meetUpPoint", "Gateway Park"}};
}

// The error message the whole pipeline (0, 1-6, 8-9) gives for `body`, or "" when it passes.
std::string Validate(const json& body) {
  const Result<RunInput> input = ParseRunInput(body);
  if (!input) return input.error().message;
  if (const Status required = CheckRequiredFields(input.value()); !required) {
    return required.error().message;
  }
  const Result<RunDraft> draft = BuildRunDraft(input.value());
  return draft ? "" : draft.error().message;
}

Run Draft(const json& body) {
  const Result<RunInput> input = ParseRunInput(body);
  REQUIRE(input);
  REQUIRE(CheckRequiredFields(input.value()));
  const Result<RunDraft> draft = BuildRunDraft(input.value());
  REQUIRE(draft);
  return draft->run;
}

TEST_CASE("every column a client may write is a field of the create body", "[unit]") {
  const std::vector<std::string_view> inputs = RunInputFieldNames();
  const std::set<std::string_view> server_owned = {"id", "createdByFirebaseId", "createdAt",
                                                   "updatedAt"};
  for (const RunColumn& column : RunColumns()) {
    if (server_owned.count(column.name)) continue;
    INFO(column.name);
    CHECK(std::find(inputs.begin(), inputs.end(), column.name) != inputs.end());
  }
  CHECK(RunColumns().size() == 38);
}

TEST_CASE("a minimal valid body passes every step", "[unit]") {
  CHECK(Validate(ValidBody()).empty());
}

TEST_CASE("step 0 names the field of the wrong type", "[unit]") {
  CHECK(Validate(With(ValidBody(), "title", 5)) == "title must be a string");
  CHECK(Validate(With(ValidBody(), "cityName", true)) == "cityName must be a string");
  CHECK(Validate(With(ValidBody(), "state", json::array())) == "state must be a string");
  CHECK(Validate(With(ValidBody(), "startTimeHour", true)) == "startTimeHour must be a number");
  CHECK(Validate(With(ValidBody(), "meetUpLat", "40.7abc")) == "meetUpLat must be a number");
  CHECK(Validate(With(ValidBody(), "totalMiles", json::object())) == "totalMiles must be a number");
  CHECK(Validate(With(ValidBody(), "isRecurring", "yes")) == "isRecurring must be a boolean");
  CHECK(Validate(With(ValidBody(), "isRecurring", 1)) == "isRecurring must be a boolean");
  CHECK(Validate(With(ValidBody(), "runClub", "club")) == "runClub must be an object");
  CHECK(Validate(With(ValidBody(), "runClub", {{"slug", 7}})) == "runClub.slug must be a string");
}

TEST_CASE("numbers may be JSON numbers or strings that parse fully", "[unit]") {
  const Run run = Draft(With(With(With(ValidBody(), "startTimeHour", "7"), "meetUpLat", " -38.5 "),
                             "totalMiles", "3e0"));
  CHECK(run.start_time_hour == 7);
  CHECK(run.meet_up_lat == -38.5);
  CHECK(run.total_miles == 3.0);
  for (const char* bad : {"0x10", "1,5", "inf", "NaN", "1e", "--1", ".", "1e400", "7 pm"}) {
    INFO(bad);
    CHECK(Validate(With(ValidBody(), "totalMiles", bad)) == "totalMiles must be a number");
  }
  CHECK(Draft(With(ValidBody(), "totalMiles", ".5")).total_miles == 0.5);
}

TEST_CASE("isRecurring accepts booleans and the strings true and false", "[unit]") {
  CHECK(Draft(With(With(ValidBody(), "isRecurring", "true"), "dayOfWeek", "monday")).is_recurring);
  CHECK_FALSE(Draft(With(ValidBody(), "isRecurring", "false")).is_recurring);
  CHECK_FALSE(Draft(ValidBody()).is_recurring);
}

TEST_CASE("strings are trimmed and an empty one counts as absent", "[unit]") {
  const Run run = Draft(With(With(ValidBody(), "title", "  Morning run \n"), "pace", "   "));
  CHECK(run.title == "Morning run");
  CHECK_FALSE(run.pace.has_value());
  CHECK(Validate(With(ValidBody(), "title", " \t ")) == "title is required");
  // Blank strings are null before any type check, whatever the field's type.
  const Run blank =
      Draft(With(With(With(ValidBody(), "runClub", " "), "isRecurring", ""), "totalMiles", "  "));
  CHECK_FALSE(blank.run_club_slug.has_value());
  CHECK_FALSE(blank.is_recurring);
  CHECK_FALSE(blank.total_miles.has_value());
}

TEST_CASE("NUL and overlong strings are refused with the field's name", "[unit]") {
  CHECK(Validate(With(ValidBody(), "pace", std::string("8:00\0/mi", 8))) ==
        "pace must not contain NUL");
  CHECK(Validate(With(ValidBody(), "title", std::string(301, 'x'))) ==
        "title must be at most 300 characters");
  CHECK(Validate(With(ValidBody(), "title", std::string(300, 'x'))).empty());
  CHECK(Validate(With(ValidBody(), "description", std::string(20001, 'x'))) ==
        "description must be at most 20000 characters");
  CHECK(Validate(With(ValidBody(), "description", std::string(20000, 'x'))).empty());
  CHECK(Validate(With(ValidBody(), "meetUpZip", std::string(2001, '1'))) ==
        "meetUpZip must be at most 2000 characters");
  CHECK(Validate(With(ValidBody(), "runClub", {{"name", std::string(2001, 'n')}})) ==
        "runClub.name must be at most 2000 characters");
}

TEST_CASE("steps 1 to 6 answer the real route's messages in its order", "[unit]") {
  CHECK(Validate(json::object()) ==
        "citySlug, cityName, meetUpCity, or meetUpAddress is required to determine city");
  CHECK(Validate(Without(ValidBody(), "title")) == "title is required");
  CHECK(Validate(Without(ValidBody(), "startDate")) == "startDate or date is required");
  CHECK(Validate(With(ValidBody(), "isRecurring", true)) ==
        "dayOfWeek is required for recurring runs");
  CHECK(Validate(Without(ValidBody(), "meetUpPoint")) == "meetUpPoint is required");
  CHECK(Validate(Without(ValidBody(), "staffGeneratedId")) ==
        "Either staffGeneratedId or athleteGeneratedId is required");
  // Order: with title and meetUpPoint both missing, title is reported.
  CHECK(Validate(Without(Without(ValidBody(), "meetUpPoint"), "title")) == "title is required");
  // Each of the four city fields satisfies step 1.
  for (const char* field : {"cityName", "meetUpCity", "meetUpAddress"}) {
    CHECK(Validate(With(Without(ValidBody(), "citySlug"), field, "Boston")).empty());
  }
}

TEST_CASE("step 8 uses citySlug alone when given, else the first city source", "[unit]") {
  CHECK(Draft(With(ValidBody(), "citySlug", "  St. Louis!! ")).city_slug == "st-louis");
  CHECK(Validate(With(With(ValidBody(), "citySlug", "!!!"), "cityName", "Boston")) ==
        "Invalid city slug");
  json body = Without(ValidBody(), "citySlug");
  CHECK(Draft(With(With(body, "cityName", "New York"), "meetUpCity", "Boston")).city_slug ==
        "new-york");
  CHECK(
      Draft(With(With(body, "meetUpCity", "Boston"), "meetUpAddress", "1 A St, Salem")).city_slug ==
      "boston");
  CHECK(
      Draft(With(body, "meetUpAddress", "1200 Wilson Blvd, Arlington, VA 22209, USA")).city_slug ==
      "arlington");
  CHECK(Draft(With(body, "meetUpAddress", "Arlington")).city_slug == "arlington");
  CHECK(Validate(With(body, "cityName", "???")) == "Could not determine city from provided data");
  CHECK(Validate(With(body, "meetUpAddress", "1 Main St, , VA")) ==
        "Could not determine city from provided data");
}

TEST_CASE("dates are stored in UTC with milliseconds and a date alone at noon", "[unit]") {
  const Run run = Draft(With(With(ValidBody(), "endDate", "2026-03-01T09:30:00-05:00"),
                             "recurrenceEndsOn", "2026-04-01T10:00:00.5Z"));
  CHECK(run.start_date == "2026-01-28T12:00:00.000Z");
  CHECK(run.date == "2026-01-28T12:00:00.000Z");
  CHECK(run.end_date == "2026-03-01T14:30:00.000Z");
  CHECK(run.recurrence_ends_on == "2026-04-01T10:00:00.500Z");
}

TEST_CASE("date falls back to startDate and startDate to date", "[unit]") {
  const Run both = Draft(With(ValidBody(), "date", "2026-02-02"));
  CHECK(both.start_date == "2026-01-28T12:00:00.000Z");
  CHECK(both.date == "2026-02-02T12:00:00.000Z");
  const Run only_date = Draft(With(Without(ValidBody(), "startDate"), "date", "2026-02-02"));
  CHECK(only_date.start_date == "2026-02-02T12:00:00.000Z");
  CHECK(only_date.date == "2026-02-02T12:00:00.000Z");
}

TEST_CASE("step 9 refuses values outside their rules", "[unit]") {
  const json body = ValidBody();
  CHECK(Validate(With(body, "startDate", "next Tuesday")) == "Invalid date");
  CHECK(Validate(With(body, "startDate", "2026-02-30")) == "Invalid date");
  CHECK(Validate(With(body, "date", "28/01/2026")) == "Invalid date");
  CHECK(Validate(With(body, "endDate", "2026-01-28T10:00:00")) == "Invalid date");  // no zone
  CHECK(Validate(With(body, "recurrenceEndsOn", "soon")) == "Invalid date");
  CHECK(Validate(With(body, "endDate", "2026-01-27")) == "endDate must not be before startDate");
  CHECK(Validate(With(body, "endDate", "2026-01-28")).empty());
  CHECK(Validate(With(body, "endDate", "2026-01-28T01:00:00Z")).empty());  // same day
  CHECK(Validate(With(body, "startTimeHour", 13)) == "startTimeHour must be between 1 and 12");
  CHECK(Validate(With(body, "startTimeHour", 0)) == "startTimeHour must be between 1 and 12");
  CHECK(Validate(With(body, "startTimeHour", 7.5)) == "startTimeHour must be between 1 and 12");
  CHECK(Validate(With(body, "startTimeMinute", 60)) == "startTimeMinute must be between 0 and 59");
  CHECK(Validate(With(body, "startTimeMinute", -1)) == "startTimeMinute must be between 0 and 59");
  CHECK(Validate(With(body, "startTimePeriod", "noon")) == "startTimePeriod must be AM or PM");
  CHECK(Validate(With(body, "dayOfWeek", "Funday")) == "dayOfWeek must be a day of the week");
  CHECK(Validate(With(body, "meetUpLat", 91)) == "meetUpLat must be between -90 and 90");
  CHECK(Validate(With(body, "meetUpLat", -90.5)) == "meetUpLat must be between -90 and 90");
  CHECK(Validate(With(body, "meetUpLng", 180.01)) == "meetUpLng must be between -180 and 180");
  CHECK(Validate(With(body, "totalMiles", -0.1)) == "totalMiles must not be negative");
  CHECK(Validate(With(body, "timezone", "Eastern")) == "timezone must be an IANA time zone name");
  CHECK(Validate(With(body, "timezone", "America//York")) ==
        "timezone must be an IANA time zone name");
  CHECK(Validate(With(body, "timezone", "America/New York")) ==
        "timezone must be an IANA time zone name");
}

TEST_CASE("step 9 refuses a date too far from 1970 to store, and keeps old milliseconds",
          "[unit]") {
  // Found by tests/fuzz/run_body_fuzzer: "startDate": "4054-01-31" overflowed
  // the date's clock and the run was stored for 1715-11-14.
  CHECK(Validate(With(ValidBody(), "startDate", "4054-01-31")) == "Invalid date");
  CHECK(Validate(With(ValidBody(), "endDate", "9999-12-31T23:59:59Z")) == "Invalid date");
  // Found by tests/fuzz/iso8601_fuzzer: before 1970 the milliseconds came out negative.
  const Run run =
      Draft(With(With(ValidBody(), "startDate", "1969-07-20T20:17:40.5Z"), "date", "1969-07-20"));
  CHECK(run.start_date == "1969-07-20T20:17:40.500Z");
  CHECK(run.date == "1969-07-20T12:00:00.000Z");
}

TEST_CASE("step 9 accepts the edges of every range", "[unit]") {
  json body = ValidBody();
  for (const auto& [field, value] :
       std::vector<std::pair<std::string, json>>{{"startTimeHour", 1},
                                                 {"startTimeHour", 12},
                                                 {"startTimeHour", 7.0},
                                                 {"startTimeMinute", 0},
                                                 {"startTimeMinute", 59},
                                                 {"meetUpLat", 90},
                                                 {"meetUpLat", -90},
                                                 {"meetUpLng", 180},
                                                 {"meetUpLng", -180},
                                                 {"totalMiles", 0},
                                                 {"timezone", "UTC"},
                                                 {"timezone", "America/Argentina/Buenos_Aires"},
                                                 {"timezone", "Etc/GMT+5"}}) {
    INFO(field << " = " << value.dump());
    CHECK(Validate(With(body, field, value)).empty());
  }
}

TEST_CASE("day and period are stored in their canonical case", "[unit]") {
  const Run run = Draft(With(With(ValidBody(), "dayOfWeek", "wEdNeSdAy"), "startTimePeriod", "pm"));
  CHECK(run.day_of_week == "Wednesday");
  CHECK(run.start_time_period == "PM");
}

TEST_CASE("runClubSlug comes from runClub.slug first, else the deprecated field", "[unit]") {
  CHECK(Draft(With(With(ValidBody(), "runClubSlug", "old"), "runClub", {{"slug", "new"}}))
            .run_club_slug == "new");
  CHECK(Draft(With(With(ValidBody(), "runClubSlug", "old"), "runClub", {{"name", "N"}}))
            .run_club_slug == "old");
}

TEST_CASE("a club is saved only with slug and name, logoUrl winning over logo", "[unit]") {
  const auto club_of = [](const json& run_club) {
    const Result<RunInput> input = ParseRunInput(With(ValidBody(), "runClub", run_club));
    REQUIRE(input);
    const Result<RunDraft> draft = BuildRunDraft(input.value());
    REQUIRE(draft);
    return draft->club;
  };
  CHECK_FALSE(club_of({{"slug", "dc-run"}}).has_value());
  CHECK_FALSE(club_of({{"name", "DC Run"}}).has_value());
  const auto club =
      club_of({{"slug", " dc-run "}, {"name", "DC Run"}, {"logo", "a.png"}, {"logoUrl", "b.png"}});
  REQUIRE(club.has_value());
  CHECK(club->slug == "dc-run");
  CHECK(club->logo_url == "b.png");
  CHECK_FALSE(club->city.has_value());
  CHECK(club_of({{"slug", "s"}, {"name", "n"}, {"logo", "a.png"}})->logo_url == "a.png");
}

TEST_CASE("fields outside the contract are ignored, not stored", "[unit]") {
  json body = ValidBody();
  body["id"] = "chosen-id";
  body["createdByFirebaseId"] = "someone-else";
  body["createdAt"] = "1999-01-01";
  body["unknown"] = {{"deep", true}};
  const Run run = Draft(body);
  CHECK(run.id.empty());
  CHECK(run.created_by_firebase_id.empty());
  CHECK(run.created_at.empty());
}

}  // namespace
}  // namespace gofast::app
