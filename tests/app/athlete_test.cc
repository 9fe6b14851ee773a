// POST /api/athlete/create, and runs that name an athlete.
#include <catch2/catch.hpp>
#include <future>
#include <set>

#include "tests/app/app_fixture.h"

namespace gofast::testing {
namespace {

using nlohmann::json;

TEST_CASE("athlete find-or-create answers 201 with a new row, then 200 with the same one",
          "[integration]") {
  AppService app;
  const std::string token = SignedToken("uid-ada", "Ada@GoFast.test", true, "Ada King Lovelace");
  const Reply created = app.client().Post("/api/athlete/create", token, "");
  REQUIRE(created.status == 201);
  CHECK(created.json["success"] == true);
  CHECK(created.json["created"] == true);
  const json& athlete = created.json["athlete"];
  CHECK(athlete["id"].get<std::string>().size() == 25);
  CHECK(athlete["firebaseId"] == "uid-ada");
  CHECK(athlete["email"] == "ada@gofast.test");
  CHECK(athlete["firstName"] == "Ada");
  CHECK(athlete["lastName"] == "King Lovelace");
  CHECK(athlete["createdAt"].is_string());
  CHECK(athlete["updatedAt"] == athlete["createdAt"]);
  CHECK(athlete.size() == 7);

  const Reply found = app.client().Post("/api/athlete/create", token, "{}");
  REQUIRE(found.status == 200);
  CHECK(found.json["created"] == false);
  CHECK(found.json["athlete"] == athlete);
  CHECK(app.AthleteCount() == 1);
}

TEST_CASE("athlete identity comes from the token, never from the body", "[integration]") {
  AppService app;
  const Reply created = app.client().PostJson(
      "/api/athlete/create", SignedToken("uid-bob"),
      {{"firebaseId", "uid-mallory"}, {"email", "mallory@evil.test"}, {"firstName", "Mallory"}});
  REQUIRE(created.status == 201);
  CHECK(created.json["athlete"]["firebaseId"] == "uid-bob");
  CHECK(created.json["athlete"]["email"].is_null());
  CHECK(created.json["athlete"]["firstName"].is_null());
  CHECK(created.json["athlete"]["lastName"].is_null());
}

TEST_CASE("athlete find-or-create refuses a missing token and a body that is not JSON",
          "[integration]") {
  AppService app;
  const Reply no_token = app.client().Post("/api/athlete/create", "", "");
  CheckError(no_token, 401, "NO_TOKEN");
  const Reply bad = app.client().Post("/api/athlete/create", SignedToken("uid-ada"), "{oops");
  CheckError(bad, 400, "BAD_JSON");
  const Reply array = app.client().Post("/api/athlete/create", SignedToken("uid-ada"), "[]");
  CHECK(array.status == 400);
  CHECK(app.AthleteCount() == 0);
}

TEST_CASE("twenty simultaneous find-or-create calls for one uid create one athlete",
          "[integration]") {
  AppService app;
  const std::string token = SignedToken("uid-rush", "rush@gofast.test", true, "Rush Hour");
  const int port = app.process().port();
  std::vector<std::future<Reply>> calls;
  for (int i = 0; i < 20; ++i) {
    calls.push_back(std::async(std::launch::async, [port, token] {
      TestClient client(Service::kApp, port);  // one connection each: truly simultaneous
      return client.Post("/api/athlete/create", token, "");
    }));
  }
  std::set<std::string> ids;
  int created = 0;
  for (auto& call : calls) {
    const Reply reply = call.get();
    REQUIRE((reply.status == 200 || reply.status == 201));
    if (reply.status == 201) ++created;
    CHECK(reply.json["created"] == (reply.status == 201));
    ids.insert(reply.json["athlete"]["id"].get<std::string>());
  }
  CHECK(created == 1);
  CHECK(ids.size() == 1);
  CHECK(app.AthleteCount() == 1);
}

TEST_CASE("a run may name a known athlete instead of a staff member", "[integration]") {
  AppService app;
  const std::string token = SignedToken("uid-ada");
  const Reply athlete = app.client().Post("/api/athlete/create", token, "");
  REQUIRE(athlete.status == 201);
  json body = MinimalRun();
  body.erase("staffGeneratedId");
  body["athleteGeneratedId"] = athlete.json["athlete"]["id"];
  const Reply created = app.CreateRun(token, body);
  REQUIRE(created.status == 200);
  CHECK(created.json["run"]["athleteGeneratedId"] == athlete.json["athlete"]["id"]);
  CHECK(created.json["run"]["staffGeneratedId"].is_null());
}

TEST_CASE("an unknown athleteGeneratedId is 404 Athlete not found and writes nothing",
          "[integration]") {
  AppService app;
  const std::string token = SignedToken("uid-ada");
  REQUIRE(app.client().Post("/api/athlete/create", token, "").status == 201);
  const std::string before = app.Snapshot();
  json body = MinimalRun();
  body.erase("staffGeneratedId");
  body["athleteGeneratedId"] = "cnoathlete0000000000000000";
  body["runClub"] = {{"slug", "dc-run-crew"}, {"name", "DC Run Crew"}};
  const Reply reply = app.CreateRun(token, body);
  CheckError(reply, 404, "NOT_FOUND", "Athlete not found");
  CHECK(app.Snapshot() == before);
  CHECK(app.RunCount() == 0);
  CHECK(app.ClubCount() == 0);
}

}  // namespace
}  // namespace gofast::testing
