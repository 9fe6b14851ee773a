// The demo tool, run as a newcomer runs it (through scripts/demo).
#include <signal.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/http_client.h"
#include "tests/support/process.h"
#include "tests/support/test_database.h"

namespace {

using gofast::testing::Ended;
using gofast::testing::RunCommand;
using gofast::testing::TableSnapshot;

// The pair a --keep-running demo left up, read from what it printed, and
// stopped when the test ends however it ends. They are not this test's
// children, so they are watched through /proc.
class KeptPair {
 public:
  explicit KeptPair(const std::string& demo_output) {
    const std::regex line(R"((company_service|app_service) +(http://\S+) \(pid (\d+)\))");
    for (std::sregex_iterator it(demo_output.begin(), demo_output.end(), line), end; it != end;
         ++it) {
      const bool company = (*it)[1] == "company_service";
      (company ? company_url : app_url) = (*it)[2];
      (company ? company_pid : app_pid) = std::stoi((*it)[3]);
    }
  }
  ~KeptPair() { Stop(); }
  KeptPair(const KeptPair&) = delete;
  KeptPair& operator=(const KeptPair&) = delete;

  // SIGTERM to both, then waits until both have ended.
  void Stop() {
    for (const pid_t pid : {company_pid, app_pid}) {
      if (pid > 0) kill(pid, SIGTERM);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    for (const pid_t pid : {company_pid, app_pid}) {
      while (pid > 0 && !Ended(pid) && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
    }
    company_pid = app_pid = 0;
  }

  pid_t company_pid = 0;
  pid_t app_pid = 0;
  std::string company_url;
  std::string app_url;
};

// Every row the demo wrote, from both files.
std::string Snapshot(const std::string& data) {
  return TableSnapshot(data + "/company.db", "company_staff") + "|" +
         TableSnapshot(data + "/app.db", "city_runs") + "|" +
         TableSnapshot(data + "/app.db", "run_clubs");
}

}  // namespace

TEST_CASE("the demo plays the whole flow, reads both databases back and ends with the audit answer",
          "[e2e][sqlite]") {
  gofast::testing::TempDir dir;
  const std::string data = dir.File("demo-data");
  const auto result = RunCommand(GOFAST_DEMO_BIN, {"--data", data});
  INFO(result.out << result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(result.out.find("storedAs=text") != std::string::npos);
  CHECK(result.out.find("no staff table") != std::string::npos);
  CHECK(result.out.find("resolution: found") != std::string::npos);
  CHECK(result.out.find("created by Ada Admin <ada@gofast.test>, Founder") != std::string::npos);
  CHECK(gofast::testing::CountRows(data + "/company.db", "company_staff") == 1);
  CHECK(gofast::testing::CountRows(data + "/app.db", "city_runs") == 1);
  CHECK(gofast::testing::CountRows(data + "/app.db", "run_clubs") == 1);
}

TEST_CASE(
    "the demo's --option 2 replays the data under the staff replica: a staff table, "
    "createdBy without the company, an audit while it is down, a dangling id refused",
    "[e2e][sqlite]") {
  gofast::testing::TempDir dir;
  const std::string data = dir.File("demo-data");
  const auto result = RunCommand(GOFAST_DEMO_BIN, {"--data", data, "--option", "2"});
  INFO(result.out << result.err);
  REQUIRE(result.exit_code == 0);
  // Option 1 first: a dangling id stored, the audit helpless without the company.
  CHECK(result.out.find("resolution: company_unavailable") != std::string::npos);
  CHECK(result.out.find("tables now: athletes, city_runs, idempotency_keys, run_clubs, "
                        "run_generation, staff, "
                        "staff_sync") != std::string::npos);
  CHECK(result.out.find("city_runs foreign keys: staffGeneratedId -> staff") != std::string::npos);
  CHECK(result.out.find("createdBy: Ada Admin <ada@gofast.test>, Founder") != std::string::npos);
  CHECK(result.out.find("HTTP 422 UNKNOWN_STAFF") != std::string::npos);
  CHECK(result.out.find("resolution: found, source: replica, syncedAt 20") != std::string::npos);
  CHECK(gofast::testing::CountRows(data + "/app.db", "staff") == 1);
  CHECK(gofast::testing::CountRows(data + "/app.db", "city_runs") == 2);  // the ghost's run kept
}

TEST_CASE("the demo names the failed step and exits non-zero when a service cannot start",
          "[e2e][sqlite]") {
  gofast::testing::TempDir dir;
  const auto result =
      RunCommand(GOFAST_DEMO_BIN, {"--data", dir.File("d"), "--bin-dir", dir.File("nowhere")});
  CHECK(result.exit_code != 0);
  CHECK(result.err.find("demo FAILED at step \"start company_service\"") != std::string::npos);
}

TEST_CASE("the demo leaves the folder of a kept pair untouched and names the pids to stop",
          "[e2e][sqlite]") {
  gofast::testing::TempDir dir;
  const std::string data = dir.File("demo-data");
  const auto kept = RunCommand(GOFAST_DEMO_BIN, {"--data", data, "--keep-running"});
  KeptPair pair(kept.out);  // after dir: stopped before the folder goes
  INFO(kept.out << kept.err);
  REQUIRE(kept.exit_code == 0);
  REQUIRE(pair.company_pid > 0);
  REQUIRE(pair.app_pid > 0);
  const std::string before = Snapshot(data);

  const auto again = RunCommand(GOFAST_DEMO_BIN, {"--data", data});
  INFO(again.out << again.err);
  CHECK(again.exit_code == 1);
  const std::string company_pid = std::to_string(pair.company_pid);
  const std::string app_pid = std::to_string(pair.app_pid);
  CHECK(again.err.find("pid " + company_pid + " (company_service)") != std::string::npos);
  CHECK(again.err.find("pid " + app_pid + " (app_service)") != std::string::npos);
  const std::string stop =
      pair.company_pid < pair.app_pid ? company_pid + " " + app_pid : app_pid + " " + company_pid;
  CHECK(again.err.find("stop them with: kill " + stop + "\n") != std::string::npos);

  CHECK(Snapshot(data) == before);
  gofast::testing::TestClient company(gofast::testing::Service::kCompany, pair.company_url);
  gofast::testing::TestClient app(gofast::testing::Service::kApp, pair.app_url);
  CHECK(company.Get("/healthz").status == 200);
  CHECK(app.Get("/healthz").status == 200);
  // The kept pair serves the console, and the demo said where.
  CHECK(kept.out.find("Open the admin console, the same flow in a browser:\n   " +
                      pair.company_url + "/\n") != std::string::npos);
  CHECK(company.Get("/").body.find("data-app-url=\"" + pair.app_url + "\"") != std::string::npos);
  CHECK(app.Get("/healthz", "", {{"Origin", pair.company_url}})
            .Header("Access-Control-Allow-Origin") == pair.company_url);
}

TEST_CASE("the demo replaces its folder again once the kept pair is stopped", "[e2e][sqlite]") {
  gofast::testing::TempDir dir;
  const std::string data = dir.File("demo-data");
  const auto kept = RunCommand(GOFAST_DEMO_BIN, {"--data", data, "--keep-running"});
  KeptPair pair(kept.out);
  INFO(kept.out << kept.err);
  REQUIRE(kept.exit_code == 0);
  REQUIRE(pair.company_pid > 0);
  REQUIRE(pair.app_pid > 0);
  const std::string before = Snapshot(data);
  pair.Stop();

  const auto again = RunCommand(GOFAST_DEMO_BIN, {"--data", data});
  INFO(again.out << again.err);
  CHECK(again.exit_code == 0);
  CHECK(again.out.find("resolution: found") != std::string::npos);
  // A fresh folder: one new run, not the kept pair's.
  CHECK(gofast::testing::CountRows(data + "/app.db", "city_runs") == 1);
  CHECK(Snapshot(data) != before);
}
