// RunService and AthleteService over in-memory fakes of their stores.
#include <catch2/catch.hpp>
#include <map>

#include "app_service/domain/athlete_service.h"
#include "app_service/domain/run_service.h"
#include "app_service/http/body_readers.h"
#include "tests/app/unit/fake_app_store.h"

namespace gofast::app {
namespace {

using fakes::FakeStore;
using nlohmann::json;

json ValidBody() {
  return {{"staffGeneratedId", "staff-that-exists-nowhere"},
          {"title", "Morning run"},
          {"citySlug", "arlington"},
          {"startDate", "2026-01-28"},
          {"meetUpPoint", "Gateway Park"},
          {"runClub", {{"slug", "dc-run"}, {"name", "DC Run"}}}};
}

const Caller kAda{"uid-ada", "Ada@GoFast.test", "Ada Admin", false, std::nullopt};

std::string FixedClock() { return "2026-01-24T12:00:00.000Z"; }

// Step 0 as the HTTP layer runs it, then the rules.
Result<Run> CreateFromBody(RunService& runs, const json& body) {
  const Result<RunInput> input = ParseRunInput(body);
  if (!input) return input.error();
  return runs.Create(input.value(), kAda);
}

TEST_CASE("a created run carries the caller's uid, a new id and the clock's time", "[unit]") {
  FakeStore store;
  RunService runs(store, FixedClock);
  const Result<Run> run = CreateFromBody(runs, ValidBody());
  REQUIRE(run);
  CHECK(run->created_by_firebase_id == "uid-ada");
  CHECK(run->id.size() == 25);
  CHECK(run->created_at == "2026-01-24T12:00:00.000Z");
  CHECK(run->updated_at == run->created_at);
  CHECK(run->staff_generated_id == "staff-that-exists-nowhere");
  CHECK(store.clubs.count("dc-run") == 1);
}

TEST_CASE("a body that fails validation reaches no store method that writes", "[unit]") {
  FakeStore store;
  RunService runs(store, FixedClock);
  json body = ValidBody();
  body["meetUpLat"] = 91;
  const Result<Run> run = CreateFromBody(runs, body);
  REQUIRE_FALSE(run);
  CHECK(run.error().code == ErrorCode::kValidationFailed);
  CHECK(store.insert_calls == 0);
  CHECK(store.clubs.empty());
}

TEST_CASE("an unknown athlete is a 404 that comes after step 6 and before step 8", "[unit]") {
  FakeStore store;
  RunService runs(store, FixedClock);
  json body = ValidBody();
  body.erase("staffGeneratedId");
  body["athleteGeneratedId"] = "no-such-athlete";
  body["citySlug"] = "!!!";  // step 8 would fail, but step 7 comes first
  const Result<Run> run = CreateFromBody(runs, body);
  REQUIRE_FALSE(run);
  CHECK(run.error().code == ErrorCode::kNotFound);
  CHECK(run.error().message == "Athlete not found");

  body.erase("athleteGeneratedId");  // step 6 now fails before any look-up
  const int lookups = store.athlete_lookups;
  CHECK(CreateFromBody(runs, body).error().message ==
        "Either staffGeneratedId or athleteGeneratedId is required");
  CHECK(store.athlete_lookups == lookups);
  CHECK(store.insert_calls == 0);
}

TEST_CASE("run service accepts a known athlete in place of a staff id", "[unit]") {
  FakeStore store;
  AthleteService athletes(store, FixedClock);
  const Result<AthleteService::Outcome> athlete = athletes.FindOrCreate(kAda);
  REQUIRE(athlete);
  RunService runs(store, FixedClock);
  json body = ValidBody();
  body.erase("staffGeneratedId");
  body["athleteGeneratedId"] = athlete->athlete.id;
  const Result<Run> run = CreateFromBody(runs, body);
  REQUIRE(run);
  CHECK(run->athlete_generated_id == athlete->athlete.id);
  CHECK_FALSE(run->staff_generated_id.has_value());
}

TEST_CASE("reading an unknown run is not found", "[unit]") {
  FakeStore store;
  RunService runs(store, FixedClock);
  const Result<Run> run = runs.Get("nope");
  REQUIRE_FALSE(run);
  CHECK(run.error().code == ErrorCode::kNotFound);
  CHECK(run.error().message == "Run not found");
}

TEST_CASE("athlete find-or-create creates once, from the token's email and name", "[unit]") {
  FakeStore store;
  AthleteService athletes(store, FixedClock);
  const Result<AthleteService::Outcome> first = athletes.FindOrCreate(kAda);
  REQUIRE(first);
  CHECK(first->created);
  CHECK(first->athlete.firebase_id == "uid-ada");
  CHECK(first->athlete.email == "ada@gofast.test");
  CHECK(first->athlete.first_name == "Ada");
  CHECK(first->athlete.last_name == "Admin");
  const Result<AthleteService::Outcome> second = athletes.FindOrCreate(kAda);
  REQUIRE(second);
  CHECK_FALSE(second->created);
  CHECK(second->athlete.id == first->athlete.id);
}

TEST_CASE("an athlete without email or name claims gets nulls", "[unit]") {
  FakeStore store;
  AthleteService athletes(store, FixedClock);
  const Result<AthleteService::Outcome> outcome =
      athletes.FindOrCreate(Caller{"uid-x", std::nullopt, std::nullopt, false, std::nullopt});
  REQUIRE(outcome);
  CHECK_FALSE(outcome->athlete.email.has_value());
  CHECK_FALSE(outcome->athlete.first_name.has_value());
  CHECK_FALSE(outcome->athlete.last_name.has_value());
}

}  // namespace
}  // namespace gofast::app
