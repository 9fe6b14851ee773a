// Nothing stored twice, against the real binary: Idempotency-Key replays and
// the real route's 409 for a duplicate run.
#include <catch2/catch.hpp>
#include <functional>
#include <set>
#include <thread>

#include "tests/app/app_fixture.h"

namespace gofast::testing {
namespace {

using nlohmann::json;

constexpr char kDuplicateMessage[] =
    "A run for this club with the same title and date (or same source URL) already exists.";

json ClubRun(const std::string& title = "Wednesday Sunrise 5K") {
  json body = MinimalRun();
  body["title"] = title;
  body["runClub"] = {{"slug", "dc-run-crew"}, {"name", "DC Run Crew"}};
  return body;
}

// `count` requests at once, each on a keep-alive client of its own.
std::vector<Reply> AtOnce(AppService& app, int count,
                          const std::function<Reply(TestClient&)>& send) {
  std::vector<Reply> replies(static_cast<size_t>(count));
  std::vector<std::thread> threads;
  for (int i = 0; i < count; ++i) {
    threads.emplace_back([&, i] {
      TestClient client(Service::kApp, app.process().port());
      replies[static_cast<size_t>(i)] = send(client);
    });
  }
  for (std::thread& thread : threads) thread.join();
  return replies;
}

Reply CreateWithKey(TestClient& client, const std::string& token, const json& body,
                    const std::string& key, const httplib::Headers& more = {}) {
  httplib::Headers headers = more;
  headers.emplace("Idempotency-Key", key);
  return client.Post("/api/runs/create", token, body.dump(), "application/json", headers);
}

TEST_CASE("the same key and body replay the first run and store nothing", "[integration]") {
  AppService app;
  const std::string token = SignedToken("uid-ada");
  const Reply first = CreateWithKey(app.client(), token, MinimalRun(), "order-1");
  REQUIRE(first.status == 200);
  CHECK_FALSE(first.HasHeader("Idempotent-Replayed"));

  const Reply again = CreateWithKey(app.client(), token, MinimalRun(), "order-1");
  REQUIRE(again.status == 200);
  CHECK(again.json == first.json);
  CHECK(again.Header("Idempotent-Replayed") == "true");
  CHECK(app.RunCount() == 1);

  // Keys belong to their caller: Bob's "order-1" is another key.
  const Reply bob = CreateWithKey(app.client(), SignedToken("uid-bob"), MinimalRun(), "order-1");
  REQUIRE(bob.status == 200);
  CHECK(bob.json["run"]["id"] != first.json["run"]["id"]);
  // Without a key nothing is replayed.
  REQUIRE(app.CreateRun(token, MinimalRun()).status == 200);
  CHECK(app.RunCount() == 3);
}

TEST_CASE("the same key with another body is 422 and stores nothing", "[integration]") {
  AppService app;
  const std::string token = SignedToken("uid-ada");
  REQUIRE(CreateWithKey(app.client(), token, MinimalRun(), "order-1").status == 200);
  const std::string before = app.Snapshot();
  json other = MinimalRun();
  other["title"] = "Evening run";
  CheckError(CreateWithKey(app.client(), token, other, "order-1"), 422, "IDEMPOTENCY_KEY_REUSED");
  // Identical bytes, not equal JSON: a space more is another body.
  CheckError(app.client().Post("/api/runs/create", token, MinimalRun().dump(1), "application/json",
                               {{"Idempotency-Key", "order-1"}}),
             422, "IDEMPOTENCY_KEY_REUSED");
  CHECK(app.Snapshot() == before);
}

TEST_CASE("a key is checked after the token and before the body, and a refusal is not kept",
          "[integration]") {
  AppService app;
  const std::string token = SignedToken("uid-ada");
  CheckError(CreateWithKey(app.client(), "", MinimalRun(), ""), 401, "NO_TOKEN");
  // A bad key wins over a bad body.
  const Reply bad_key = app.client().Post("/api/runs/create", token, "{not json",
                                          "application/json", {{"Idempotency-Key", ""}});
  CheckError(bad_key, 400, "VALIDATION_FAILED");
  CHECK(bad_key.json["details"]["field"] == "Idempotency-Key");

  json invalid = MinimalRun();
  invalid.erase("title");
  CheckError(CreateWithKey(app.client(), token, invalid, "order-1"), 400, "VALIDATION_FAILED");
  // Only 200 answers are kept: the key is still free for a body that passes.
  const Reply valid = CreateWithKey(app.client(), token, MinimalRun(), "order-1");
  CHECK(valid.status == 200);
  CHECK_FALSE(valid.HasHeader("Idempotent-Replayed"));
}

TEST_CASE("a key that is not 1-255 printable ASCII characters, once, is 400", "[integration]") {
  AppService app;
  const std::string token = SignedToken("uid-ada");
  CHECK(CreateWithKey(app.client(), token, MinimalRun(), std::string(255, 'k')).status == 200);
  for (const std::string& key : {std::string(), std::string(256, 'k'), std::string("caf\xc3\xa9"),
                                 std::string("tab\there")}) {
    INFO(key);
    const Reply reply = CreateWithKey(app.client(), token, MinimalRun(), key);
    CheckError(reply, 400, "VALIDATION_FAILED");
    CHECK(reply.json["details"]["field"] == "Idempotency-Key");
  }
  const Reply twice =
      CreateWithKey(app.client(), token, MinimalRun(), "a", {{"Idempotency-Key", "a"}});
  CheckError(twice, 400, "VALIDATION_FAILED");
  CHECK(app.RunCount() == 1);
}

TEST_CASE("twenty racing requests with one key store one run and all answer it", "[integration]") {
  AppService app;
  const std::string token = SignedToken("uid-ada");
  constexpr int kRequests = 20;
  const std::vector<Reply> replies = AtOnce(app, kRequests, [&](TestClient& client) {
    return CreateWithKey(client, token, MinimalRun(), "double-click");
  });
  std::set<std::string> ids;
  int replayed = 0;
  for (const Reply& reply : replies) {
    REQUIRE(reply.status == 200);
    ids.insert(reply.json["run"]["id"].get<std::string>());
    if (reply.HasHeader("Idempotent-Replayed")) ++replayed;
  }
  CHECK(ids.size() == 1);
  CHECK(replayed == kRequests - 1);
  CHECK(app.RunCount() == 1);
}

TEST_CASE("a key survives a restart", "[integration]") {
  TempDir dir;
  const gofast::testing::TestDatabase database(dir, "app.db");
  const std::vector<std::string> args = ServiceArgs(database.url());
  const std::string token = SignedToken("uid-ada");
  std::string id;
  {
    ServiceProcess process(GOFAST_APP_SERVICE_BIN, args);
    TestClient client(Service::kApp, process.port());
    const Reply created = CreateWithKey(client, token, MinimalRun(), "order-1");
    REQUIRE(created.status == 200);
    id = created.json["run"]["id"];
    REQUIRE(process.Stop() == 0);
  }
  ServiceProcess again(GOFAST_APP_SERVICE_BIN, args);
  TestClient client(Service::kApp, again.port());
  const Reply replayed = CreateWithKey(client, token, MinimalRun(), "order-1");
  REQUIRE(replayed.status == 200);
  CHECK(replayed.json["run"]["id"] == id);
  CHECK(replayed.Header("Idempotent-Replayed") == "true");
  CHECK(CountRows(database.url(), "city_runs") == 1);
}

TEST_CASE("a run repeating a stored one of its club is 409 with the real route's body",
          "[integration]") {
  AppService app;
  const std::string token = SignedToken("uid-ada");
  const Reply first = app.CreateRun(token, ClubRun());
  REQUIRE(first.status == 200);
  const std::string before = app.Snapshot();

  json repeat = ClubRun("  wednesday SUNRISE 5k ");
  repeat["startDate"] = "2026-01-28T23:59:00Z";  // the same UTC day
  repeat["runClub"]["name"] = "A new name";      // not synced: nothing is stored
  const Reply duplicate = app.client().Post("/api/runs/create", token, repeat.dump(),
                                            "application/json", {{"Origin", kAllowedOrigin}});
  REQUIRE(duplicate.status == 409);
  CHECK(duplicate.json == json{{"success", false},
                               {"duplicate", true},
                               {"code", "DUPLICATE_RUN"},
                               {"error", kDuplicateMessage},
                               {"existingRunId", first.json["run"]["id"]},
                               {"existingRun",
                                {{"id", first.json["run"]["id"]},
                                 {"title", "Wednesday Sunrise 5K"},
                                 {"date", first.json["run"]["date"]}}}});
  CHECK(duplicate.Header("Access-Control-Allow-Origin") == kAllowedOrigin);
  CHECK(app.Snapshot() == before);

  // Another day, another club, another title, or a staff id alone: new runs.
  json next_day = ClubRun();
  next_day["startDate"] = "2026-01-29";
  json other_club = ClubRun();
  other_club["runClub"]["slug"] = "arlington-runners";
  for (const json& body : {next_day, other_club, ClubRun("Wednesday Sunset 5K")}) {
    INFO(body.dump());
    CHECK(app.CreateRun(token, body).status == 200);
  }
  CHECK(app.RunCount() == 4);
}

TEST_CASE("a run without a club is never a duplicate", "[integration]") {
  AppService app;
  const std::string token = SignedToken("uid-ada");
  for (int i = 0; i < 3; ++i) REQUIRE(app.CreateRun(token, MinimalRun()).status == 200);
  CHECK(app.RunCount() == 3);
}

TEST_CASE("twenty racing duplicates store one run and the rest name it", "[integration]") {
  AppService app;
  const std::string token = SignedToken("uid-ada");
  const std::vector<Reply> replies = AtOnce(app, 20, [&](TestClient& client) {
    return client.PostJson("/api/runs/create", token, ClubRun());
  });
  std::set<std::string> named;
  int created = 0;
  for (const Reply& reply : replies) {
    if (reply.status == 200) {
      ++created;
      named.insert(reply.json["run"]["id"].get<std::string>());
    } else {
      REQUIRE(reply.status == 409);
      named.insert(reply.json["existingRunId"].get<std::string>());
    }
  }
  CHECK(created == 1);
  CHECK(named.size() == 1);
  CHECK(app.RunCount() == 1);
}

TEST_CASE("with --duplicates allow a repeat is stored, and the option and its variable are checked",
          "[integration]") {
  TempDir dir;
  const gofast::testing::TestDatabase database(dir, "app.db");
  ServiceProcess process(GOFAST_APP_SERVICE_BIN,
                         ServiceArgs(database.url(), {"--duplicates", "allow"}));
  TestClient client(Service::kApp, process.port());
  const std::string token = SignedToken("uid-ada");
  CHECK(client.PostJson("/api/runs/create", token, ClubRun()).status == 200);
  CHECK(client.PostJson("/api/runs/create", token, ClubRun()).status == 200);
  CHECK(CountRows(database.url(), "city_runs") == 2);

  const CommandResult refused = RunCommand(
      GOFAST_APP_SERVICE_BIN, ServiceArgs(dir.File("other.db"), {"--duplicates", "sometimes"}));
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("--duplicates") != std::string::npos);
  const CommandResult from_env = RunCommand(
      GOFAST_APP_SERVICE_BIN, ServiceArgs(dir.File("other.db")), {{"APP_DUPLICATES", "never"}});
  CHECK(from_env.exit_code == 2);
}

}  // namespace
}  // namespace gofast::testing
