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
Result<CreateOutcome> Submit(RunService& runs, const json& body,
                             const std::optional<IdempotencyKey>& key = std::nullopt) {
  const Result<RunInput> input = ParseRunInput(body);
  if (!input) return input.error();
  return runs.Create(input.value(), kAda, key);
}

// A create expected to store a new run, when it succeeds.
Result<Run> CreateFromBody(RunService& runs, const json& body) {
  const Result<CreateOutcome> outcome = Submit(runs, body);
  if (!outcome) return outcome.error();
  REQUIRE(outcome->kind == CreateOutcome::Kind::kCreated);
  return outcome->run;
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

TEST_CASE(
    "a run repeating a stored one of its club, by trimmed lower-cased title and UTC day, is "
    "a duplicate",
    "[unit]") {
  FakeStore store;
  RunService runs(store, FixedClock);
  const Result<Run> first = CreateFromBody(runs, ValidBody());
  REQUIRE(first);

  json same = ValidBody();
  same["title"] = "  MORNING Run ";
  same["startDate"] = "2026-01-28T23:30:00Z";  // another hour of the same UTC day
  const Result<CreateOutcome> repeat = Submit(runs, same);
  REQUIRE(repeat);
  CHECK(repeat->kind == CreateOutcome::Kind::kDuplicate);
  CHECK(repeat->run.id == first->id);
  CHECK(store.runs.size() == 1);

  json next_day = ValidBody();
  next_day["startDate"] = "2026-01-28T19:00:00-05:00";  // 00:00 UTC on the 29th
  json other_club = ValidBody();
  other_club["runClub"]["slug"] = "other-club";
  json other_title = ValidBody();
  other_title["title"] = "Morning runs";
  for (const json& body : {next_day, other_club, other_title}) {
    INFO(body.dump());
    CHECK(CreateFromBody(runs, body));
  }
  CHECK(store.runs.size() == 4);
}

TEST_CASE("a run without a club is never a duplicate", "[unit]") {
  FakeStore store;
  RunService runs(store, FixedClock);
  json body = ValidBody();
  body.erase("runClub");
  REQUIRE(CreateFromBody(runs, body));
  REQUIRE(CreateFromBody(runs, body));
  CHECK(store.runs.size() == 2);
  CHECK_FALSE(DuplicateKey(store.runs.begin()->second).has_value());
}

TEST_CASE("with duplicates allowed a repeat is stored, and the first run keeps the key", "[unit]") {
  FakeStore store;
  RunService runs(store, FixedClock, DuplicateRule::kAllow);
  const Result<Run> first = CreateFromBody(runs, ValidBody());
  REQUIRE(first);
  REQUIRE(CreateFromBody(runs, ValidBody()));
  CHECK(store.runs.size() == 2);
  CHECK(store.key_holders.begin()->second == first->id);
}

TEST_CASE("a duplicate key separates a club's slug from the title", "[unit]") {
  Run a;
  a.run_club_slug = "club-1";
  a.title = "2026 run";
  a.date = "2026-01-28T12:00:00.000Z";
  Run b = a;
  b.run_club_slug = "club-12";
  b.title = "026 run";
  CHECK(DuplicateKey(a) != DuplicateKey(b));
}

// Create through an Idempotency-Key as the route does it.
Result<CreateOutcome> SubmitOnce(RunService& runs, const json& body, const std::string& key) {
  const IdempotencyKey idempotency{key, "sha-of-" + body.dump()};
  return runs.CreateOnce(kAda, idempotency, [&] { return Submit(runs, body, idempotency); });
}

TEST_CASE("a key replays its run for the same body and refuses another body", "[unit]") {
  FakeStore store;
  RunService runs(store, FixedClock);
  const Result<CreateOutcome> first = SubmitOnce(runs, ValidBody(), "key-1");
  REQUIRE(first);
  CHECK(first->kind == CreateOutcome::Kind::kCreated);

  const Result<CreateOutcome> again = SubmitOnce(runs, ValidBody(), "key-1");
  REQUIRE(again);
  CHECK(again->kind == CreateOutcome::Kind::kReplayed);
  CHECK(again->run.id == first->run.id);
  CHECK(store.insert_calls == 1);

  json other = ValidBody();
  other["title"] = "Evening run";
  const Result<CreateOutcome> reused = SubmitOnce(runs, other, "key-1");
  REQUIRE_FALSE(reused);
  CHECK(reused.error().code == ErrorCode::kIdempotencyKeyReused);
  CHECK(store.insert_calls == 1);
}

TEST_CASE("a refused create leaves its key free", "[unit]") {
  FakeStore store;
  RunService runs(store, FixedClock);
  json invalid = ValidBody();
  invalid.erase("title");
  REQUIRE_FALSE(SubmitOnce(runs, invalid, "key-1"));
  CHECK(store.idempotency.empty());
  const Result<CreateOutcome> valid = SubmitOnce(runs, ValidBody(), "key-1");
  REQUIRE(valid);
  CHECK(valid->kind == CreateOutcome::Kind::kCreated);
}

TEST_CASE("a key expires after 24 hours and is then free for another body", "[unit]") {
  FakeStore store;
  std::string now = "2026-01-24T12:00:00.000Z";
  RunService runs(store, [&] { return now; });
  const Result<CreateOutcome> first = SubmitOnce(runs, ValidBody(), "key-1");
  REQUIRE(first);

  json other = ValidBody();
  other["title"] = "Evening run";
  now = "2026-01-25T11:59:59.999Z";
  CHECK(SubmitOnce(runs, other, "key-1").error().code == ErrorCode::kIdempotencyKeyReused);

  now = "2026-01-25T12:00:00.001Z";
  const Result<CreateOutcome> later = SubmitOnce(runs, other, "key-1");
  REQUIRE(later);
  CHECK(later->kind == CreateOutcome::Kind::kCreated);
  CHECK(later->run.id != first->run.id);
  CHECK(store.idempotency.begin()->second.run_id == later->run.id);
}

TEST_CASE("expired keys are deleted at most once a minute", "[unit]") {
  FakeStore store;
  std::string now = "2026-01-24T12:00:00.000Z";
  RunService runs(store, [&] { return now; });
  REQUIRE(SubmitOnce(runs, ValidBody(), "key-1"));
  REQUIRE(SubmitOnce(runs, ValidBody(), "key-2"));
  CHECK(store.forget_calls == 1);
  now = "2026-01-25T12:01:00.000Z";
  json other = ValidBody();
  other["title"] = "Evening run";
  REQUIRE(SubmitOnce(runs, other, "key-3"));
  CHECK(store.forget_calls == 2);
  CHECK(store.idempotency.size() == 1);  // key-1 and key-2 expired and went
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
