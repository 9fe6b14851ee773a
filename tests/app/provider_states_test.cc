// Pact provider states of the real app_service: POST /_test/provider-states under
// --test-api (shared/http/test_api.h, app_service/http/test_data.h).
#include "tests/support/provider_states.h"

#include <catch2/catch.hpp>

#include "shared/core/ids.h"
#include "tests/app/app_fixture.h"

namespace gofast::testing {
namespace {

using nlohmann::json;

constexpr char kRun[] = "a run exists";
constexpr char kNoRuns[] = "no runs";
constexpr char kAthlete[] = "an athlete exists";
constexpr char kSeededRunId[] = "cseededrun000000000000000";
constexpr char kSeededAthleteId[] = "cseededathlete00000000000";

// The app service with the test API, and its provider states.
class StatesApp : public ServiceUnderTest {
 public:
  explicit StatesApp(const std::vector<std::string>& args = {"--auth-mode", "emulator",
                                                             "--test-api"})
      : ServiceUnderTest(GOFAST_APP_SERVICE_BIN, Service::kApp, "app.db", args) {}

  Reply SetUp(const std::string& state, const json& params = json::object()) {
    return SetUpState(process().port(), state, params);
  }
  Reply TearDown(const std::string& state, const json& params = json::object()) {
    return TearDownState(process().port(), state, params);
  }
  Reply Change(const json& body) { return ChangeState(process().port(), body); }
  // An athlete and a run that no state made.
  void SeedOne() {
    const json document = {{"athletes", {{{"id", kSeededAthleteId}, {"firebaseId", "uid-seeded"}}}},
                           {"runs",
                            {{{"id", kSeededRunId},
                              {"citySlug", "dc"},
                              {"createdByFirebaseId", "uid-seeded"},
                              {"title", "Seeded run"},
                              {"startDate", "2026-02-01T12:00:00.000Z"},
                              {"meetUpPoint", "The Mall"}}}}};
    REQUIRE(client().PostJson("/_test/seed", "", document).status == 200);
  }
  int64_t RunCount() const { return CountRows(db_path(), "city_runs"); }
  int64_t AthleteCount() const { return CountRows(db_path(), "athletes"); }
  std::string Snapshot() const {
    std::string snapshot;
    for (const char* table : {"city_runs", "run_clubs", "athletes", "idempotency_keys"})
      snapshot += TableSnapshot(db_path(), table) + "|";
    return snapshot;
  }
  bool HasRun(const std::string& id) {
    const Reply exported = client().Get("/_test/export");
    REQUIRE(exported.status == 200);
    for (const json& run : exported.json["runs"]) {
      if (run["id"] == id) return true;
    }
    return false;
  }
};

}  // namespace

TEST_CASE("without --test-api there is no provider-states route on the app", "[integration]") {
  AppService production;
  StatesApp emulator({"--auth-mode", "emulator"});
  CheckError(SetUpState(production.process().port(), kRun), 404, "NOT_FOUND");
  CheckError(emulator.SetUp(kRun), 404, "NOT_FOUND");
  CHECK(production.RunCount() == 0);
  CHECK(emulator.RunCount() == 0);
}

TEST_CASE(
    "'a run exists' without params makes a run with a cuid and a UUID staff id, and its token "
    "reads the run",
    "[integration]") {
  StatesApp app;
  const Reply reply = app.SetUp(kRun);
  REQUIRE(reply.status == 200);
  const json& values = reply.json;
  CHECK(Keys(values) ==
        std::set<std::string>{"id", "staffGeneratedId", "createdByFirebaseId", "token"});
  CHECK(LooksLikeCuid(values["id"]));
  CHECK(LooksLikeUuid(values["staffGeneratedId"]));

  // A token of the app's project for the run's creator, who has no email.
  const std::string token = values["token"];
  const json claims = TokenPayload(token);
  CHECK(claims["aud"] == kTestProjectId);
  CHECK(claims["sub"] == values["createdByFirebaseId"]);
  CHECK_FALSE(claims.contains("email"));
  const Reply read = app.client().Get("/api/runs/" + values["id"].get<std::string>(), token);
  REQUIRE(read.status == 200);
  CHECK(read.json["run"]["id"] == values["id"]);
  CHECK(read.json["run"]["staffGeneratedId"] == values["staffGeneratedId"]);
  CHECK(read.json["run"]["createdByFirebaseId"] == values["createdByFirebaseId"]);

  const Reply other = app.SetUp(kRun);
  REQUIRE(other.status == 200);
  for (const char* member : {"id", "staffGeneratedId", "createdByFirebaseId"})
    CHECK(other.json[member] != values[member]);
  CHECK(app.RunCount() == 2);
}

TEST_CASE("'a run exists' stores the params it is given", "[integration]") {
  StatesApp app;
  const json params = {{"id", "cgivenrun0000000000000000"},
                       {"staffGeneratedId", "0b7f8e2c-0000-4000-8000-000000000000"},
                       {"createdByFirebaseId", "uid-ada"},
                       {"title", "Sunrise 5K"},
                       {"citySlug", "boston"},
                       {"startDate", "2026-03-04T06:30:00.000Z"}};
  const Reply reply = app.SetUp(kRun, params);
  REQUIRE(reply.status == 200);
  CHECK(reply.json["id"] == params["id"]);
  CHECK(reply.json["staffGeneratedId"] == params["staffGeneratedId"]);
  CHECK(reply.json["createdByFirebaseId"] == "uid-ada");
  const Reply read = app.client().Get("/api/runs/cgivenrun0000000000000000", reply.json["token"]);
  REQUIRE(read.status == 200);
  const json& run = read.json["run"];
  CHECK(run["title"] == "Sunrise 5K");
  CHECK(run["citySlug"] == "boston");
  CHECK(run["startDate"] == "2026-03-04T06:30:00.000Z");
  CHECK(run["date"] == "2026-03-04T06:30:00.000Z");  // as a seed's run without a date
}

TEST_CASE("'an athlete exists' makes an athlete whose token finds it", "[integration]") {
  StatesApp app;
  const Reply generated = app.SetUp(kAthlete);
  REQUIRE(generated.status == 200);
  CHECK(Keys(generated.json) == std::set<std::string>{"id", "firebaseId", "token"});
  CHECK(LooksLikeCuid(generated.json["id"]));
  CHECK_THAT(TokenPayload(generated.json["token"])["email"].get<std::string>(),
             Catch::EndsWith("@gofast.test"));

  const Reply given =
      app.SetUp(kAthlete, {{"firebaseId", "uid-rae"}, {"email", "rae@gofast.test"}});
  REQUIRE(given.status == 200);
  CHECK(given.json["firebaseId"] == "uid-rae");
  const json claims = TokenPayload(given.json["token"]);
  CHECK(claims["sub"] == "uid-rae");
  CHECK(claims["email"] == "rae@gofast.test");
  CHECK(claims["email_verified"] == true);
  // The athlete's own find-or-create answers the state's row: 200, not created.
  const Reply found = app.client().Post("/api/athlete/create", given.json["token"], "{}");
  REQUIRE(found.status == 200);
  CHECK(found.json["created"] == false);
  CHECK(found.json["athlete"]["id"] == given.json["id"]);
  CHECK(found.json["athlete"]["email"] == "rae@gofast.test");
  CHECK(app.AthleteCount() == 2);
}

TEST_CASE("an app state set up again with the same params finds its row and makes nothing",
          "[integration]") {
  // Tried: a run named by its id (the rest made up the first time), a seeded run, an
  // athlete named by its firebaseId, a seeded athlete.
  StatesApp app;
  app.SeedOne();
  const std::vector<std::pair<const char*, json>> cases = {
      {kRun, {{"id", "cagainrun0000000000000000"}}},
      {kRun, {{"id", kSeededRunId}}},
      {kAthlete, {{"firebaseId", "uid-again"}}},
      {kAthlete, {{"firebaseId", "uid-seeded"}}},
  };
  for (const auto& [state, params] : cases) {
    INFO(state << " " << params.dump());
    Reply first = app.SetUp(state, params);
    REQUIRE(first.status == 200);
    const std::string snapshot = app.Snapshot();
    Reply again = app.SetUp(state, params);
    REQUIRE(again.status == 200);
    first.json.erase("token");  // minted anew with each request
    again.json.erase("token");
    CHECK(again.json == first.json);
    CHECK(app.Snapshot() == snapshot);
  }
  CHECK(app.RunCount() == 2);
  CHECK(app.AthleteCount() == 2);
}

TEST_CASE("'no runs' deletes every run and idempotency key, and athletes stay", "[integration]") {
  StatesApp app;
  app.SeedOne();
  const Reply run = app.SetUp(kRun);
  REQUIRE(run.status == 200);
  const Reply created =
      app.client().Post("/api/runs/create", run.json["token"], MinimalRun().dump(),
                        "application/json", {{"Idempotency-Key", "provider-states-1"}});
  REQUIRE(created.status == 200);
  REQUIRE(app.RunCount() == 3);

  const Reply none = app.SetUp(kNoRuns);
  REQUIRE(none.status == 200);
  CHECK(none.json == json::object());
  CHECK(app.RunCount() == 0);
  CHECK(CountRows(app.db_path(), "idempotency_keys") == 0);
  CHECK(app.AthleteCount() == 1);
  CHECK(app.client().Get("/api/runs", run.json["token"]).json["runs"] == json::array());
  CHECK(app.TearDown(kNoRuns).json == json::object());
}

TEST_CASE("an app teardown deletes the rows its setup made and nothing else", "[integration]") {
  StatesApp app;
  app.SeedOne();
  const json run_params = {{"title", "Tear me down"}};
  const Reply run = app.SetUp(kRun, run_params);
  const Reply athlete = app.SetUp(kAthlete);
  const Reply found = app.SetUp(kRun, {{"id", kSeededRunId}});  // made nothing
  REQUIRE((run.status == 200 && athlete.status == 200 && found.status == 200));
  REQUIRE(app.RunCount() == 2);
  REQUIRE(app.AthleteCount() == 2);

  const Reply torn = app.TearDown(kRun, run_params);
  CHECK(torn.status == 200);
  CHECK(torn.json == json::object());
  CHECK_FALSE(app.HasRun(run.json["id"]));
  CHECK(app.HasRun(kSeededRunId));
  CHECK(app.AthleteCount() == 2);

  CHECK(app.TearDown(kRun, {{"id", kSeededRunId}}).json == json::object());
  CHECK(app.HasRun(kSeededRunId));
  CHECK(app.TearDown(kAthlete).status == 200);
  CHECK(app.AthleteCount() == 1);
  const std::string snapshot = app.Snapshot();
  CHECK(app.TearDown(kAthlete).json == json::object());  // torn down already
  CHECK(app.TearDown(kRun, {{"title", "never set up"}}).json == json::object());
  CHECK(app.Snapshot() == snapshot);
}

TEST_CASE("the app's states of one interaction apply in order", "[integration]") {
  StatesApp app;
  app.SeedOne();
  REQUIRE(app.SetUp(kNoRuns).status == 200);
  const Reply run = app.SetUp(kRun);
  REQUIRE(run.status == 200);
  CHECK(app.RunCount() == 1);
  CHECK(app.HasRun(run.json["id"]));
  REQUIRE(app.SetUp(kAthlete).status == 200);
  REQUIRE(app.SetUp(kNoRuns).status == 200);
  CHECK(app.RunCount() == 0);
  CHECK(app.AthleteCount() == 2);
}

TEST_CASE("an unknown state is 400 listing the app's states", "[integration]") {
  StatesApp app;
  const Reply reply = app.Change({{"state", "a staff member exists"}});
  CheckError(reply, 400, "VALIDATION_FAILED",
             "state is not a provider state of this service; known: \"a run exists\", \"no "
             "runs\", \"an athlete exists\"");
  CHECK(reply.json["details"]["field"] == "state");
  CHECK(app.RunCount() == 0);
}

TEST_CASE("an app body or parameter that does not fit is 400 naming it, and changes nothing",
          "[integration]") {
  StatesApp app;
  app.SeedOne();
  const std::string snapshot = app.Snapshot();
  const auto run = [](const json& params) { return json{{"state", kRun}, {"params", params}}; };
  const std::vector<std::tuple<const char*, json, std::string>> cases = {
      {"a state that is not a string", {{"state", true}}, "state"},
      {"an unknown action", {{"state", kNoRuns}, {"action", "undo"}}, "action"},
      {"an unknown member", {{"state", kNoRuns}, {"provider", "app"}}, "provider"},
      {"an id that is not a cuid", run({{"id", "run-1"}}), "params.id"},
      {"a date without a time", run({{"startDate", "2026-01-28"}}), "params.startDate"},
      {"a date that does not exist", run({{"startDate", "2026-02-30T12:00:00.000Z"}}),
       "params.startDate"},
      {"an empty title", run({{"title", ""}}), "params.title"},
      {"a param that is not a string", run({{"citySlug", 3}}), "params.citySlug"},
      {"an unknown run param", run({{"meetUpPoint", "Here"}}), "params.meetUpPoint"},
      {"a param for 'no runs'",
       {{"state", kNoRuns}, {"params", {{"citySlug", "dc"}}}},
       "params.citySlug"},
      {"an athlete's empty firebaseId",
       {{"state", kAthlete}, {"params", {{"firebaseId", ""}}}},
       "params.firebaseId"},
  };
  for (const auto& [name, body, field] : cases) {
    INFO(name);
    const Reply reply = app.Change(body);
    CheckError(reply, 400, "VALIDATION_FAILED");
    CHECK(reply.json["details"]["field"] == field);
    CHECK(app.Snapshot() == snapshot);
  }
  CheckError(PostUnchecked(app.process().port(), "/_test/provider-states", "{\"state\""), 400,
             "BAD_JSON");
  CHECK(app.Snapshot() == snapshot);
}

TEST_CASE("app params that conflict with a stored row are 409, and change nothing",
          "[integration]") {
  StatesApp app;
  app.SeedOne();
  const std::string snapshot = app.Snapshot();
  // Tried: a stored run's id with another title; a stored athlete's firebaseId with another
  // email.
  const Reply run = app.SetUp(kRun, {{"id", kSeededRunId}, {"title", "Another title"}});
  CheckError(run, 409, "CONFLICT");
  CHECK_THAT(run.json["error"].get<std::string>(), Catch::Contains("params.title"));
  CheckError(app.SetUp(kAthlete, {{"firebaseId", "uid-seeded"}, {"email", "x@gofast.test"}}), 409,
             "CONFLICT");
  CHECK(app.Snapshot() == snapshot);
}

}  // namespace gofast::testing
