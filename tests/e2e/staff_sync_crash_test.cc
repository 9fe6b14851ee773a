// kill -9 of either service while the app's replica syncs 10,000 staff
// changes: no change is lost or applied twice, because the replica's cursor
// commits with the rows of each page. Labelled "slow": the plain pass runs it.
#include <signal.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <map>
#include <memory>
#include <thread>

#include "tests/e2e/staff_replica_checks.h"
#include "tests/support/http_client.h"
#include "tests/support/process.h"
#include "tests/support/test_database.h"
#include "tests/support/test_keys.h"

namespace gofast::testing {
namespace {

using nlohmann::json;

constexpr char kInternalKey[] = "crash-test-internal-key";
constexpr int kChangesPerRound = 10000;
constexpr int kSeedBatch = 500;  // one POST /_test/seed stays under the body limit

json StaffRows(int first, int count) {
  json rows = json::array();
  for (int i = first; i < first + count; ++i) {
    const std::string n = std::to_string(i);
    rows.push_back({{"firebaseId", "uid-" + n},
                    {"email", "member" + n + "@gofast.test"},
                    {"firstName", "Member"},
                    {"lastName", n},
                    {"role", i % 2 == 0 ? "Sales" : "Marketing"}});
  }
  return rows;
}

class CrashedSync {
 public:
  CrashedSync() : company_db_(dir_, "company.db"), app_db_(dir_, "app.db") {
    const std::string seed = dir_.File("staff-seed.json");
    std::ofstream(seed) << json({{"staff", StaffRows(0, kChangesPerRound)}}).dump();
    StartCompany(0, {"--seed", seed});
  }

  // On `port` (0: any), so that a restarted company keeps the app's --company-url;
  // in emulator auth mode, where the test API (its seed and export) is allowed.
  void StartCompany(int port, std::vector<std::string> more = {}) {
    more.insert(more.end(), {"--internal-api-key", kInternalKey, "--test-api"});
    std::vector<std::string> args = EmulatorServiceArgs(company_db_.url(), kTestProjectId, more);
    args[1] = std::to_string(port);  // the arguments start with --port 0
    company_ = std::make_unique<ServiceProcess>(GOFAST_COMPANY_SERVICE_BIN, args);
    company_client_ = std::make_unique<TestClient>(Service::kCompany, company_->port());
  }
  void StartApp() {
    app_ = std::make_unique<ServiceProcess>(
        GOFAST_APP_SERVICE_BIN,
        ServiceArgs(app_db_.url(),
                    {"--company-url", company_->base_url(), "--staff-mode", "replica",
                     "--internal-api-key", kInternalKey, "--staff-sync-interval-ms", "20"}));
    app_client_ = std::make_unique<TestClient>(Service::kApp, app_->port());
  }
  void Kill(std::unique_ptr<ServiceProcess>& process) {
    REQUIRE(::kill(process->pid(), SIGKILL) == 0);
    process->Stop();  // reaps it
    process.reset();
  }
  void KillApp() {
    app_client_.reset();
    Kill(app_);
  }
  void KillCompany() {
    const int port = company_->port();
    company_client_.reset();
    Kill(company_);
    StartCompany(port);
  }

  // kChangesPerRound more changes in the company's feed.
  void AddChanges(int first) {
    for (int batch = 0; batch < kChangesPerRound; batch += kSeedBatch) {
      const Reply seeded = company_client_->PostJson(
          "/_test/seed", "", {{"staff", StaffRows(first + batch, kSeedBatch)}});
      REQUIRE(seeded.status == 200);
    }
  }

  int64_t Applied() {
    const Reply status = app_client_->Get("/api/staff-replica", token_);
    REQUIRE(status.status == 200);
    return status.json["appliedChanges"].get<int64_t>();
  }

  // Polls until the replica has applied more than `before` (a page, at
  // least), and answers how many: the sync is then under way.
  int64_t AwaitProgressPast(int64_t before) {
    for (int polls = 0; polls < 20000; ++polls) {
      const int64_t applied = Applied();
      if (applied > before) return applied;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    FAIL("the replica made no progress");
    return before;
  }

  int64_t FeedEnd() { return std::stoll(gofast::testing::FeedEnd(*company_client_, kInternalKey)); }

  // The company's rows (its test export) against the replica's live rows.
  void CheckReplicaEqualsCompanyExport() {
    const Reply exported = company_client_->Get("/_test/export");
    REQUIRE(exported.status == 200);
    std::map<std::string, json> company;
    for (const json& row : exported.json["staff"]) company[row["id"].get<std::string>()] = row;
    CheckReplicaEquals(*app_client_, token_, company);
  }

 private:
  TempDir dir_;
  TestDatabase company_db_;
  TestDatabase app_db_;
  const std::string token_ = SignedToken("auditor-uid", "auditor@gofast.test", true, "Auditor");
  std::unique_ptr<ServiceProcess> company_;
  std::unique_ptr<ServiceProcess> app_;
  std::unique_ptr<TestClient> company_client_;
  std::unique_ptr<TestClient> app_client_;
};

TEST_CASE(
    "after kill -9 of the app or the company during a sync of 10,000 changes, the replica "
    "holds every change once and equals the company's export",
    "[e2e][replica]") {
  CrashedSync services;
  int64_t applied = 0;

  // The app killed mid-sync, twice: each time a page or more is in, the rest not yet.
  services.StartApp();
  applied = services.AwaitProgressPast(applied);
  services.KillApp();
  CHECK(applied < kChangesPerRound);
  services.StartApp();
  applied = services.AwaitProgressPast(applied);
  services.KillApp();
  CHECK(applied < kChangesPerRound);

  // The company killed mid-sync of 10,000 more, then back on the same port.
  services.AddChanges(kChangesPerRound);
  services.StartApp();
  applied = services.AwaitProgressPast(applied);
  services.KillCompany();
  CHECK(applied < 2 * kChangesPerRound);

  const int64_t feed_end = services.FeedEnd();
  CHECK(feed_end == 2 * kChangesPerRound);
  for (int polls = 0; services.Applied() < feed_end; ++polls) {
    REQUIRE(polls < 30000);
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  CHECK(services.Applied() == feed_end);
  services.CheckReplicaEqualsCompanyExport();
}

}  // namespace
}  // namespace gofast::testing
