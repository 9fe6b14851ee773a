// Option 2 against both real binaries: the app in replica mode syncing the
// company's change feed, its checks of new runs, createdBy, the audit from
// the replica, and the switch of an Option 1 database. Waits are on events
// the services report (the replica's cursor, its last round), never on clocks.
#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <map>
#include <memory>
#include <thread>

#include "tests/e2e/staff_replica_checks.h"
#include "tests/support/both_services.h"
#include "tests/support/http_client.h"
#include "tests/support/process.h"
#include "tests/support/test_database.h"
#include "tests/support/test_keys.h"

namespace {

using gofast::testing::Reply;
using gofast::testing::Service;
using gofast::testing::ServiceArgs;
using gofast::testing::ServiceProcess;
using gofast::testing::SignedToken;
using gofast::testing::TempDir;
using gofast::testing::TestClient;
using gofast::testing::TestDatabase;
using nlohmann::json;

constexpr char kInternalKey[] = "replica-test-internal-key";

// The company with its feed on, and the app in the mode asked, each a real
// binary with its own database; the app can be stopped and started again on
// the same database, in either mode.
class Option2 {
 public:
  Option2() : company_db_(dir_, "company.db"), app_db_(dir_, "app.db") {
    StartCompany();
    StartApp("replica");
  }

  void StartCompany() {
    company_ = std::make_unique<ServiceProcess>(
        GOFAST_COMPANY_SERVICE_BIN,
        ServiceArgs(company_db_.url(), {"--internal-api-key", kInternalKey}));
    company_url_ = company_->base_url();
    company_client_ = std::make_unique<TestClient>(Service::kCompany, company_->port());
  }
  void StopCompany() {
    company_client_.reset();
    company_.reset();
  }
  void StartApp(const std::string& mode) {
    app_ = std::make_unique<ServiceProcess>(GOFAST_APP_SERVICE_BIN,
                                            ServiceArgs(app_db_.url(), AppOptions(mode)));
    app_client_ = std::make_unique<TestClient>(Service::kApp, app_->port());
  }
  std::vector<std::string> AppOptions(const std::string& mode) const {
    return {"--company-url",
            company_url_,
            "--staff-mode",
            mode,
            "--internal-api-key",
            kInternalKey,
            "--staff-sync-interval-ms",
            "50"};
  }
  const TempDir& dir() const { return dir_; }
  const std::string& app_db() const { return app_db_.url(); }
  void StopApp() {
    app_client_.reset();
    REQUIRE(app_->Stop() == 0);
    app_.reset();
  }

  TestClient& company() { return *company_client_; }
  TestClient& app() { return *app_client_; }
  ServiceProcess& app_process() { return *app_; }

  // A staff member signed up at the company (find-or-create): the row's id.
  std::string SignUp(const std::string& token) {
    const Reply reply = company().Post("/api/staff/find-or-create", token, "", "");
    REQUIRE(reply.status / 100 == 2);
    return reply.json["staff"]["id"].get<std::string>();
  }

  Reply CreateRun(const std::string& token, const std::string& staff_id, const std::string& title) {
    json body = gofast::testing::DialogRunFields(title);
    body["staffGeneratedId"] = staff_id;
    return app().PostJson("/api/runs/create", token, body);
  }

  std::string FeedEnd() { return gofast::testing::FeedEnd(company(), kInternalKey); }

  json ReplicaStatus(const std::string& token) {
    const Reply status = app().Get("/api/staff-replica", token);
    REQUIRE(status.status == 200);
    return status.json;
  }

  // Waits until two sync rounds have ended after this call: the second
  // started after the first ended, so it read every change made before.
  void AwaitTwoRounds(const std::string& token) {
    json last = ReplicaStatus(token)["lastSyncAt"];
    for (int ended = 0; ended < 2;) {
      for (int polls = 0;; ++polls) {
        REQUIRE(polls < 2000);  // 20 s: the worker has stopped syncing
        const json now = ReplicaStatus(token)["lastSyncAt"];
        if (now != last) {
          last = now;
          ++ended;
          break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
    }
  }

 private:
  TempDir dir_;
  TestDatabase company_db_;
  TestDatabase app_db_;
  std::string company_url_;
  std::unique_ptr<ServiceProcess> company_;
  std::unique_ptr<ServiceProcess> app_;
  std::unique_ptr<TestClient> company_client_;
  std::unique_ptr<TestClient> app_client_;
};

// The members the replica holds and the company lists must be the same rows.
void CheckReplicaEqualsCompany(Option2& services, const std::string& token) {
  std::map<std::string, json> company;
  std::string cursor;
  for (;;) {
    const Reply page = services.company().Get(
        "/api/staff?limit=500" + (cursor.empty() ? "" : "&cursor=" + cursor), token);
    REQUIRE(page.status == 200);
    for (const json& row : page.json["staff"]) company[row["id"].get<std::string>()] = row;
    if (page.json["nextCursor"].is_null()) break;
    cursor = page.json["nextCursor"].get<std::string>();
  }
  gofast::testing::CheckReplicaEquals(services.app(), token, company);
}

}  // namespace

TEST_CASE(
    "replica mode: a run carries its creator from the replica, and the audit answers from "
    "it while the company is down",
    "[e2e][replica]") {
  Option2 services;
  const std::string ada = SignedToken("ada-uid", "ada@gofast.test", true, "Ada Admin");
  const std::string ada_id = services.SignUp(ada);

  // Ada signed up a moment ago: the create syncs at once to find her.
  const Reply created = services.CreateRun(ada, ada_id, "Replica run");
  REQUIRE(created.status == 200);
  const json& run = created.json["run"];
  CHECK(run["createdBy"] == json({{"id", ada_id},
                                  {"name", "Ada Admin"},
                                  {"email", "ada@gofast.test"},
                                  {"role", "Founder"}}));
  const std::string run_id = run["id"].get<std::string>();
  CHECK(services.app().Get("/api/runs/" + run_id, ada).json["run"]["createdBy"]["name"] ==
        "Ada Admin");
  const Reply listed = services.app().Get("/api/runs?staffGeneratedId=" + ada_id, ada);
  REQUIRE(listed.json["runs"].size() == 1);
  CHECK(listed.json["runs"][0]["createdBy"]["id"] == ada_id);

  services.StopCompany();
  const Reply audit = services.app().Get("/api/runs/" + run_id + "/creator", ada);
  REQUIRE(audit.status == 200);
  CHECK(audit.json["resolution"] == "found");
  CHECK(audit.json["source"] == "replica");
  CHECK(audit.json["staff"]["name"] == "Ada Admin");
  CHECK(audit.json["syncedAt"].is_string());
  CHECK(audit.json["companyStatus"].is_null());

  // A known member still creates runs with the company down; an unknown id cannot be checked.
  CHECK(services.CreateRun(ada, ada_id, "While the company is down").status == 200);
  const Reply unknown =
      services.CreateRun(ada, "0b9c5d1e-0000-4000-8000-000000000000", "Nobody's run");
  CHECK(unknown.status == 503);
  CHECK(unknown.json["code"] == "STAFF_SYNC_UNAVAILABLE");
}

TEST_CASE(
    "replica mode refuses an unknown staff id after validation, and a removed member's, "
    "while their runs stay",
    "[e2e][replica]") {
  Option2 services;
  const std::string ada = SignedToken("ada-uid", "ada@gofast.test", true, "Ada Admin");
  const std::string bob = SignedToken("bob-uid", "bob@gofast.test", true, "Bob Builder");
  const std::string ada_id = services.SignUp(ada);
  const std::string bob_id = services.SignUp(bob);
  const std::string nobody = "0b9c5d1e-0000-4000-8000-000000000000";

  json invalid = gofast::testing::DialogRunFields("No date");
  invalid.erase("startDate");
  invalid["staffGeneratedId"] = nobody;
  CHECK(services.app().PostJson("/api/runs/create", ada, invalid).json["code"] ==
        "VALIDATION_FAILED");
  const Reply unknown = services.CreateRun(ada, nobody, "Nobody's run");
  CHECK(unknown.status == 422);
  CHECK(unknown.json["code"] == "UNKNOWN_STAFF");

  const Reply bobs_run = services.CreateRun(bob, bob_id, "Bob's run");
  REQUIRE(bobs_run.status == 200);
  const Reply removed = services.company().Send("DELETE", "/api/staff/" + bob_id,
                                                {{"Authorization", "Bearer " + ada}});
  REQUIRE(removed.status == 200);
  services.AwaitTwoRounds(ada);

  const Reply refused = services.CreateRun(bob, bob_id, "Bob again");
  CHECK(refused.status == 422);
  CHECK(refused.json["code"] == "STAFF_REMOVED");
  const std::string run_id = bobs_run.json["run"]["id"].get<std::string>();
  const Reply kept = services.app().Get("/api/runs/" + run_id, ada);
  REQUIRE(kept.status == 200);
  CHECK(kept.json["run"]["createdBy"]["id"] == bob_id);
  const Reply audit = services.app().Get("/api/runs/" + run_id + "/creator", ada);
  CHECK(audit.json["staff"]["removed"] == true);
  CHECK(audit.json["resolution"] == "found");
  (void)ada_id;
}

TEST_CASE("a listed run's createdBy follows the company's changes, though its text is kept",
          "[e2e][replica]") {
  Option2 services;
  const std::string ada = SignedToken("ada-uid", "ada@gofast.test", true, "Ada Admin");
  services.SignUp(ada);
  const std::string member_id =
      services.SignUp(SignedToken("member-uid", "member@gofast.test", true, "Mo Member"));
  REQUIRE(services.CreateRun(ada, member_id, "Member's run").status == 200);
  const std::string path = "/api/runs?staffGeneratedId=" + member_id;
  REQUIRE(services.app().Get(path, ada).json["runs"][0]["createdBy"]["role"] != "CFO");
  REQUIRE(services.company()
              .Send("PATCH", "/api/staff/" + member_id,
                    {{"Authorization", "Bearer " + ada}, {"Content-Type", "application/json"}},
                    json({{"role", "CFO"}}).dump())
              .status == 200);
  services.AwaitTwoRounds(ada);
  const json relisted = services.app().Get(path, ada).json["runs"][0];
  CHECK(relisted["createdBy"]["role"] == "CFO");
  CHECK(relisted["title"] == "Member's run");
}

TEST_CASE(
    "every company change reaches the replica in order within two sync rounds, also those "
    "made while the app was stopped",
    "[e2e][replica]") {
  Option2 services;
  const std::string ada = SignedToken("ada-uid", "ada@gofast.test", true, "Ada Admin");
  const std::string ada_id = services.SignUp(ada);
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    const std::string uid = "member-" + std::to_string(i);
    ids.push_back(services.SignUp(SignedToken(uid, uid + "@gofast.test", true, "Member " + uid)));
  }
  // Several edits of one row: only applying them in order leaves the last.
  for (const char* role : {"CFO", "Sales", "Marketing"}) {
    REQUIRE(services.company()
                .Send("PATCH", "/api/staff/" + ids[0],
                      {{"Authorization", "Bearer " + ada}, {"Content-Type", "application/json"}},
                      json({{"role", role}}).dump())
                .status == 200);
  }
  services.AwaitTwoRounds(ada);
  CHECK(services.ReplicaStatus(ada)["cursor"] == services.FeedEnd());
  CheckReplicaEqualsCompany(services, ada);

  services.StopApp();
  REQUIRE(services.company()
              .Send("PATCH", "/api/staff/" + ids[1],
                    {{"Authorization", "Bearer " + ada}, {"Content-Type", "application/json"}},
                    json({{"firstName", "Renamed"}, {"role", "Community Manager"}}).dump())
              .status == 200);
  REQUIRE(services.company()
              .Send("DELETE", "/api/staff/" + ids[2], {{"Authorization", "Bearer " + ada}})
              .status == 200);
  services.SignUp(SignedToken("late-uid", "late@gofast.test", true, "Late Comer"));
  services.StartApp("replica");
  services.AwaitTwoRounds(ada);

  const json status = services.ReplicaStatus(ada);
  const std::string feed_end = services.FeedEnd();
  CHECK(status["cursor"] == feed_end);
  CHECK(std::to_string(status["appliedChanges"].get<int64_t>()) == feed_end);
  CheckReplicaEqualsCompany(services, ada);
  (void)ada_id;
}

TEST_CASE(
    "an Option 1 database started in replica mode keeps every run and reports those whose "
    "staff the company does not know",
    "[e2e][replica]") {
  Option2 services;
  const std::string ada = SignedToken("ada-uid", "ada@gofast.test", true, "Ada Admin");
  const std::string ada_id = services.SignUp(ada);
  services.StopApp();
  services.StartApp("reference");
  const std::string ghost = "0b9c5d1e-0000-4000-8000-00000000dead";
  REQUIRE(services.CreateRun(ada, ada_id, "Ada's run").status == 200);
  const Reply ghost_run = services.CreateRun(ada, ghost, "Ghost's run");
  REQUIRE(ghost_run.status == 200);  // Option 1 stores any id
  CHECK(!ghost_run.json["run"].contains("createdBy"));
  const std::string ghost_run_id = ghost_run.json["run"]["id"].get<std::string>();

  services.StopApp();
  services.StartApp("replica");
  CHECK(gofast::testing::LogOnceItHolds(services.app_process(), "does not know")
            .find("1 run(s) stored before replica mode name 1 staff id(s) the company does not "
                  "know, kept as they are (GET /api/staff-replica/dangling-runs): " +
                  ghost + " (1 run); runs: " + ghost_run_id) != std::string::npos);
  const Reply dangling = services.app().Get("/api/staff-replica/dangling-runs", ada);
  REQUIRE(dangling.status == 200);
  CHECK(dangling.json["runCount"] == 1);
  CHECK(dangling.json["staffIds"] == json::array({{{"staffGeneratedId", ghost}, {"runs", 1}}}));
  CHECK(dangling.json["runs"] ==
        json::array({{{"id", ghost_run_id}, {"staffGeneratedId", ghost}}}));
  CHECK(services.app().Get("/api/runs", ada).json["runs"].size() == 2);  // nothing dropped
  const Reply kept = services.app().Get("/api/runs/" + ghost_run_id, ada);
  CHECK(kept.json["run"]["createdBy"].is_null());
  CHECK(services.app().Get("/api/runs/" + ghost_run_id + "/creator", ada).json["resolution"] ==
        "not_found");
  CHECK(services.CreateRun(ada, ghost, "Ghost again").json["code"] == "UNKNOWN_STAFF");

  // And back: reference mode drops the foreign key, and any id is stored again.
  services.StopApp();
  services.StartApp("reference");
  CHECK(services.CreateRun(ada, ghost, "Ghost once more").status == 200);
  CHECK(services.app().Get("/api/runs", ada).json["runs"].size() == 3);
}

TEST_CASE("a seed in replica mode may name only staff the company knows", "[e2e][replica]") {
  Option2 services;
  const std::string ada = SignedToken("ada-uid", "ada@gofast.test", true, "Ada Admin");
  const std::string ada_id = services.SignUp(ada);
  services.StopApp();
  const auto seed_naming = [&](const std::string& staff_id, const std::string& name) {
    const std::string path = services.dir().File(name);
    std::ofstream(path) << json({{"runs",
                                  {{{"citySlug", "arlington"},
                                    {"staffGeneratedId", staff_id},
                                    {"createdByFirebaseId", "ada-uid"},
                                    {"title", "Seeded " + name},
                                    {"startDate", "2026-01-28T12:00:00.000Z"},
                                    {"meetUpPoint", "Gateway Park"}}}}})
                               .dump();
    std::vector<std::string> args = ServiceArgs(services.app_db(), services.AppOptions("replica"));
    args.insert(args.end(), {"--seed", path});
    return args;
  };
  // The app syncs before the seed: Ada, signed up a moment ago, is known.
  {
    const ServiceProcess seeded(GOFAST_APP_SERVICE_BIN, seed_naming(ada_id, "known.json"));
    TestClient app(Service::kApp, seeded.port());
    CHECK(app.Get("/api/runs?staffGeneratedId=" + ada_id, ada).json["runs"].size() == 1);
  }
  const gofast::testing::CommandResult refused = gofast::testing::RunCommand(
      GOFAST_APP_SERVICE_BIN, seed_naming("0b9c5d1e-0000-4000-8000-00000000dead", "ghost.json"));
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("runs[0].staffGeneratedId names staff the replica does not hold") !=
        std::string::npos);
}
