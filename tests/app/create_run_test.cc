// POST /api/runs/create against the real binary: what is stored, and how.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <catch2/catch.hpp>

#include "tests/app/app_fixture.h"

namespace gofast::testing {
namespace {

using nlohmann::json;

// Every body field of the contract, with values that need each rule.
json EveryField(const std::string& athlete_id) {
  return {{"staffGeneratedId", "  0b7f8e2c-1111-4000-8000-000000000000  "},
          {"athleteGeneratedId", athlete_id},
          {"citySlug", "Arlington"},
          {"cityName", "Arlington"},
          {"state", "VA"},
          {"runClub",
           {{"slug", "dc-run-crew"},
            {"name", "DC Run Crew"},
            {"logoUrl", "https://x.test/l.png"},
            {"logo", "https://x.test/old.png"},
            {"city", "Washington"}}},
          {"runClubSlug", "deprecated-slug"},
          {"title", "Wednesday Sunrise 5K"},
          {"isRecurring", true},
          {"dayOfWeek", "wednesday"},
          {"startDate", "2026-01-28"},
          {"endDate", "2026-06-24T08:00:00-04:00"},
          {"date", "2026-01-28T11:00:00Z"},
          {"startTimeHour", 6},
          {"startTimeMinute", 30},
          {"startTimePeriod", "am"},
          {"timezone", "America/New_York"},
          {"meetUpPoint", "Gateway Park"},
          {"meetUpAddress", "1300 Lee Hwy, Arlington, VA 22209"},
          {"meetUpStreetAddress", "1300 Lee Hwy"},
          {"meetUpCity", "Arlington"},
          {"meetUpState", "VA"},
          {"meetUpZip", "22209"},
          {"meetUpPlaceId", "ChIJ-place"},
          {"meetUpLat", 38.8977},
          {"meetUpLng", -77.0716},
          {"endPoint", "Lincoln Memorial"},
          {"endStreetAddress", "2 Lincoln Memorial Cir NW"},
          {"endCity", "Washington"},
          {"endState", "DC"},
          {"recurrenceRule", "FREQ=WEEKLY;BYDAY=WE"},
          {"recurrenceEndsOn", "2026-06-24"},
          {"recurrenceNote", "Every Wednesday until summer"},
          {"totalMiles", 3.1},
          {"pace", "8:30-9:30 min/mi"},
          {"stravaMapUrl", "https://www.strava.com/routes/123"},
          {"description", "Easy pace, coffee after."}};
}

TEST_CASE("a run with every documented field is stored and read back whole", "[integration]") {
  AppService app;
  const std::string token = SignedToken("uid-ada", "ada@gofast.test", true, "Ada Admin");
  const Reply athlete = app.client().Post("/api/athlete/create", token, "{}");
  REQUIRE(athlete.status == 201);
  const std::string athlete_id = athlete.json["athlete"]["id"];

  const Reply created = app.CreateRun(token, EveryField(athlete_id));
  REQUIRE(created.status == 200);
  REQUIRE(created.json["success"] == true);
  const json& run = created.json["run"];

  const json expected = {{"staffGeneratedId", "0b7f8e2c-1111-4000-8000-000000000000"},
                         {"athleteGeneratedId", athlete_id},
                         {"createdByFirebaseId", "uid-ada"},
                         {"citySlug", "arlington"},
                         {"runClubSlug", "dc-run-crew"},
                         {"title", "Wednesday Sunrise 5K"},
                         {"isRecurring", true},
                         {"dayOfWeek", "Wednesday"},
                         {"startDate", "2026-01-28T12:00:00.000Z"},
                         {"endDate", "2026-06-24T12:00:00.000Z"},
                         {"date", "2026-01-28T11:00:00.000Z"},
                         {"startTimeHour", 6},
                         {"startTimeMinute", 30},
                         {"startTimePeriod", "AM"},
                         {"timezone", "America/New_York"},
                         {"meetUpPoint", "Gateway Park"},
                         {"meetUpAddress", "1300 Lee Hwy, Arlington, VA 22209"},
                         {"meetUpStreetAddress", "1300 Lee Hwy"},
                         {"meetUpCity", "Arlington"},
                         {"meetUpState", "VA"},
                         {"meetUpZip", "22209"},
                         {"meetUpPlaceId", "ChIJ-place"},
                         {"meetUpLat", 38.8977},
                         {"meetUpLng", -77.0716},
                         {"endPoint", "Lincoln Memorial"},
                         {"endStreetAddress", "2 Lincoln Memorial Cir NW"},
                         {"endCity", "Washington"},
                         {"endState", "DC"},
                         {"recurrenceRule", "FREQ=WEEKLY;BYDAY=WE"},
                         {"recurrenceEndsOn", "2026-06-24T12:00:00.000Z"},
                         {"recurrenceNote", "Every Wednesday until summer"},
                         {"totalMiles", 3.1},
                         {"pace", "8:30-9:30 min/mi"},
                         {"stravaMapUrl", "https://www.strava.com/routes/123"},
                         {"description", "Easy pace, coffee after."}};
  for (const auto& [field, value] : expected.items()) {
    INFO(field);
    CHECK(run[field] == value);
  }
  // Exactly the columns: the spec's 38, nothing else (cityName and state are slug inputs only).
  CHECK(run.size() == expected.size() + 3);
  CHECK(run["id"].get<std::string>().size() == 25);
  CHECK(run["createdAt"] == run["updatedAt"]);
  CHECK_FALSE(run.contains("cityName"));
  CHECK_FALSE(run.contains("state"));

  // Read back through both read endpoints, and from the file itself.
  const Reply by_id = app.client().Get("/api/runs/" + run["id"].get<std::string>(), token);
  REQUIRE(by_id.status == 200);
  CHECK(by_id.json["run"] == run);
  const Reply listed = app.client().Get("/api/runs", token);
  REQUIRE(listed.status == 200);
  REQUIRE(listed.json["runs"].size() == 1);
  CHECK(listed.json["runs"][0] == run);

  if (gofast::testing::OnPostgres()) return;  // PostgreSQL's columns have their types
  SQLite::Database db(app.db_path(), SQLite::OPEN_READONLY);
  SQLite::Statement row(
      db,
      "SELECT endStreetAddress, endCity, endState, isRecurring, typeof(meetUpLat) "
      "FROM city_runs");
  REQUIRE(row.executeStep());
  CHECK(row.getColumn(0).getString() == "2 Lincoln Memorial Cir NW");
  CHECK(row.getColumn(1).getString() == "Washington");
  CHECK(row.getColumn(2).getString() == "DC");
  CHECK(row.getColumn(3).getInt() == 1);
  CHECK(row.getColumn(4).getString() == "real");
}

TEST_CASE("a staffGeneratedId that exists nowhere is accepted and stored as sent, trimmed",
          "[integration]") {
  AppService app;
  json body = MinimalRun();
  body["staffGeneratedId"] = "  not-a-uuid/and no staff row anywhere  ";
  const Reply created = app.CreateRun(SignedToken("uid-ada"), body);
  REQUIRE(created.status == 200);
  CHECK(created.json["run"]["staffGeneratedId"] == "not-a-uuid/and no staff row anywhere");
  CHECK(app.RunCount() == 1);
}

TEST_CASE("createdByFirebaseId is the token's uid, whatever the body says", "[integration]") {
  AppService app;
  json body = MinimalRun();
  body["createdByFirebaseId"] = "uid-mallory";
  body["id"] = "chosen-by-client";
  body["createdAt"] = "2000-01-01T00:00:00.000Z";
  const Reply created = app.CreateRun(SignedToken("uid-ada"), body);
  REQUIRE(created.status == 200);
  CHECK(created.json["run"]["createdByFirebaseId"] == "uid-ada");
  CHECK(created.json["run"]["id"] != "chosen-by-client");
  CHECK(created.json["run"]["createdAt"] != "2000-01-01T00:00:00.000Z");
}

TEST_CASE("create run needs a valid token of the project and writes nothing without one",
          "[integration]") {
  AppService app;
  const json body = MinimalRun();

  const Reply none = app.CreateRun("", body);
  CheckError(none, 401, "NO_TOKEN");

  auth::MintOptions other_project;
  other_project.project_id = "other-project";
  other_project.uid = "uid-ada";
  const Reply wrong = app.CreateRun(TestKeys::Shared().Mint(other_project), body);
  CheckError(wrong, 401, "INVALID_TOKEN");

  auth::MintOptions emulator_form;
  emulator_form.project_id = kTestProjectId;
  emulator_form.uid = "uid-ada";
  const Reply unsigned_token = app.CreateRun(TestKeys::MintUnsigned(emulator_form), body);
  CheckError(unsigned_token, 401, "INVALID_TOKEN");

  auth::MintOptions expired = emulator_form;
  expired.lifetime_seconds = -3600;
  const Reply old = app.CreateRun(TestKeys::Shared().Mint(expired), body);
  CheckError(old, 401, "TOKEN_EXPIRED");
  CHECK(old.json["shouldRefresh"] == true);

  // 401 comes before any look at the body.
  const Reply bad_body = app.client().Post("/api/runs/create", "", "{not json");
  CHECK(bad_body.status == 401);
  CHECK(app.RunCount() == 0);
}

TEST_CASE("numbers and booleans sent as strings are stored as numbers and booleans",
          "[integration]") {
  AppService app;
  json body = MinimalRun();
  body["startTimeHour"] = "7";
  body["startTimeMinute"] = " 05 ";
  body["meetUpLat"] = "38.9";
  body["meetUpLng"] = "-77.05";
  body["totalMiles"] = "6.2";
  body["isRecurring"] = "true";
  body["dayOfWeek"] = "SATURDAY";
  const Reply created = app.CreateRun(SignedToken("uid-ada"), body);
  REQUIRE(created.status == 200);
  const json& run = created.json["run"];
  CHECK(run["startTimeHour"] == 7);
  CHECK(run["startTimeHour"].is_number_integer());
  CHECK(run["startTimeMinute"] == 5);
  CHECK(run["meetUpLat"] == 38.9);
  CHECK(run["meetUpLng"] == -77.05);
  CHECK(run["totalMiles"] == 6.2);
  CHECK(run["isRecurring"] == true);
  CHECK(run["dayOfWeek"] == "Saturday");
}

TEST_CASE("strings are trimmed and empty strings are stored as null", "[integration]") {
  AppService app;
  json body = MinimalRun();
  body["title"] = "\t Morning run \n";
  body["pace"] = "   ";
  body["description"] = "";
  body["endCity"] = nullptr;
  const Reply created = app.CreateRun(SignedToken("uid-ada"), body);
  REQUIRE(created.status == 200);
  CHECK(created.json["run"]["title"] == "Morning run");
  CHECK(created.json["run"]["pace"].is_null());
  CHECK(created.json["run"]["description"].is_null());
  CHECK(created.json["run"]["endCity"].is_null());
  CHECK(created.json["run"]["isRecurring"] == false);
}

TEST_CASE("a date alone is anchored at noon UTC and date falls back to startDate",
          "[integration]") {
  AppService app;
  json body = MinimalRun();
  body["startDate"] = "2026-01-28";
  const Reply created = app.CreateRun(SignedToken("uid-ada"), body);
  REQUIRE(created.status == 200);
  CHECK(created.json["run"]["startDate"] == "2026-01-28T12:00:00.000Z");
  CHECK(created.json["run"]["date"] == "2026-01-28T12:00:00.000Z");

  body.erase("startDate");
  body["date"] = "2026-02-04T18:30:00.250+01:00";
  const Reply from_date = app.CreateRun(SignedToken("uid-ada"), body);
  REQUIRE(from_date.status == 200);
  CHECK(from_date.json["run"]["startDate"] == "2026-02-04T17:30:00.250Z");
  CHECK(from_date.json["run"]["date"] == "2026-02-04T17:30:00.250Z");
}

TEST_CASE("the city slug comes from the spec's sources in its order", "[integration]") {
  AppService app;
  const std::string token = SignedToken("uid-ada");
  const auto slug_of = [&](const json& city_fields) {
    json body = MinimalRun();
    body.erase("citySlug");
    body.update(city_fields);
    const Reply reply = app.CreateRun(token, body);
    REQUIRE(reply.status == 200);
    return reply.json["run"]["citySlug"].get<std::string>();
  };
  CHECK(slug_of({{"citySlug", "  St. Louis!! "}}) == "st-louis");
  CHECK(slug_of({{"cityName", "New York"}, {"meetUpCity", "Boston"}}) == "new-york");
  CHECK(slug_of({{"meetUpCity", "Boston"}, {"meetUpAddress", "1 A St, Salem, MA"}}) == "boston");
  CHECK(slug_of({{"meetUpAddress", "1200 Wilson Blvd, Arlington, VA 22209, USA"}}) == "arlington");
}

TEST_CASE("run club dual save creates the club beside the run and updates it later",
          "[integration]") {
  AppService app;
  const std::string token = SignedToken("uid-ada");
  json body = MinimalRun();
  body["runClub"] = {{"slug", "dc-run-crew"},
                     {"name", "DC Run Crew"},
                     {"logo", "https://x.test/a.png"},
                     {"city", "Washington"}};
  REQUIRE(app.CreateRun(token, body).status == 200);
  CHECK(app.ClubCount() == 1);
  const std::string first = TableSnapshot(app.db_path(), "run_clubs");
  CHECK(first.find("https://x.test/a.png") != std::string::npos);

  // The same club again (with another run): nothing changes, not even syncedAt.
  body["title"] = "Morning run, week 2";
  REQUIRE(app.CreateRun(token, body).status == 200);
  CHECK(TableSnapshot(app.db_path(), "run_clubs") == first);

  // A new name, logo absent: the name changes, the logo and city stay.
  body["runClub"] = {{"slug", "dc-run-crew"}, {"name", "DC Run Crew (new)"}};
  body["title"] = "Morning run, week 3";
  const Reply renamed = app.CreateRun(token, body);
  REQUIRE(renamed.status == 200);
  CHECK(renamed.json["run"]["runClubSlug"] == "dc-run-crew");
  const std::string after = TableSnapshot(app.db_path(), "run_clubs");
  CHECK(after != first);
  CHECK(after.find("DC Run Crew (new)") != std::string::npos);
  CHECK(after.find("https://x.test/a.png") != std::string::npos);
  CHECK(after.find("Washington") != std::string::npos);
  CHECK(app.ClubCount() == 1);
  CHECK(app.RunCount() == 3);
}

TEST_CASE("a runClub without a name and the deprecated runClubSlug save no club", "[integration]") {
  AppService app;
  const std::string token = SignedToken("uid-ada");
  json body = MinimalRun();
  body["runClub"] = {{"slug", "only-slug"}};
  const Reply slug_only = app.CreateRun(token, body);
  REQUIRE(slug_only.status == 200);
  CHECK(slug_only.json["run"]["runClubSlug"] == "only-slug");

  body.erase("runClub");
  body["runClubSlug"] = "legacy-club";
  const Reply legacy = app.CreateRun(token, body);
  REQUIRE(legacy.status == 200);
  CHECK(legacy.json["run"]["runClubSlug"] == "legacy-club");
  CHECK(app.ClubCount() == 0);
}

TEST_CASE("a run club the database cannot save is logged and the run is still created",
          "[integration][sqlite]") {
  AppService app;
  {
    SQLite::Database db(app.db_path(), SQLite::OPEN_READWRITE);
    db.exec(
        "CREATE TRIGGER refuse_clubs BEFORE INSERT ON run_clubs BEGIN SELECT RAISE(ABORT, 'no'); "
        "END");
  }
  json body = MinimalRun();
  body["runClub"] = {{"slug", "dc-run-crew"}, {"name", "DC Run Crew"}};
  const Reply created = app.CreateRun(SignedToken("uid-ada"), body);
  REQUIRE(created.status == 200);
  CHECK(created.json["run"]["runClubSlug"] == "dc-run-crew");
  CHECK(app.RunCount() == 1);
  CHECK(app.ClubCount() == 0);
  CHECK(app.process().Log().find("run club dc-run-crew not saved") != std::string::npos);
}

}  // namespace
}  // namespace gofast::testing
