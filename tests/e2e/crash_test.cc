// kill -9 under create load: every run app_service acknowledged (200) is in
// the database the next process opens. Three kills on one database file.
// Labelled "slow" (a few seconds): run in the plain pass only.
#include <signal.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "shared/client/json_client.h"
#include "tests/app/app_fixture.h"
#include "tests/support/contract_client.h"

namespace gofast::testing {
namespace {

constexpr int kRounds = 3;
constexpr int kClients = 4;
// Acknowledged creates each process must have answered before it is killed,
// so a round cannot pass with nothing at stake.
constexpr size_t kAcknowledgedBeforeKill = 200;

struct AcknowledgedRun {
  std::string id;
  std::string title;
};

// Creates runs from kClients threads, each with a keep-alive client of its
// own, and SIGKILLs the process at a random moment while they are still
// sending: answers every run that was acknowledged with a 200.
std::vector<AcknowledgedRun> CreateUntilKilled(ServiceProcess& app, const std::string& token,
                                               int round) {
  std::mutex mutex;
  std::vector<AcknowledgedRun> acknowledged;
  std::atomic<size_t> acknowledged_count{0};
  std::atomic<bool> killed{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < kClients; ++i) {
    threads.emplace_back([&, i] {
      // JsonClient, not TestClient: it sets TCP_NODELAY, so each create is not
      // held back 40 ms by Nagle's algorithm and the load is real.
      client::JsonClient client(app.base_url(), std::chrono::seconds(10));
      for (int n = 0;; ++n) {
        const std::string title = "Crash round " + std::to_string(round) + " client " +
                                  std::to_string(i) + " run " + std::to_string(n);
        nlohmann::json body = MinimalRun();
        body["title"] = title;
        const client::CallResult answer = client.Post("/api/runs/create", token, body);
        ExpectDocumented(Service::kApp, "POST", "/api/runs/create", answer);
        if (answer.status == 200) {
          const std::lock_guard<std::mutex> lock(mutex);
          acknowledged.push_back({answer.body["run"]["id"].get<std::string>(), title});
          ++acknowledged_count;
        } else if (killed) {
          return;
        }
      }
    });
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (acknowledged_count < kAcknowledgedBeforeKill &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  // Anywhere in a batch's commit, not just after one was answered.
  std::mt19937 random(std::random_device{}());
  std::this_thread::sleep_for(
      std::chrono::microseconds(std::uniform_int_distribution<int>(0, 20000)(random)));
  kill(app.pid(), SIGKILL);
  killed = true;
  for (std::thread& thread : threads) thread.join();
  return acknowledged;
}

// Every run in `runs` reads back from `app` with its title.
void CheckReadBack(ServiceProcess& app, const std::string& token,
                   const std::vector<AcknowledgedRun>& runs) {
  TestClient client(Service::kApp, app.port());
  std::vector<std::string> lost;
  for (const AcknowledgedRun& run : runs) {
    const Reply reply = client.Get("/api/runs/" + run.id, token);
    if (reply.status != 200 || reply.json["run"]["title"] != run.title) lost.push_back(run.id);
  }
  INFO(lost.size() << " of " << runs.size() << " acknowledged runs lost, the first "
                   << (lost.empty() ? "" : lost.front()));
  CHECK(lost.empty());
}

}  // namespace

TEST_CASE("kill -9 under create load loses no acknowledged run, three times on one database",
          "[slow]") {
  TempDir dir;
  const std::string db_path = dir.File("app.db");
  const std::string token = SignedToken("uid-crash", "crash@gofast.test", true, "Cy Crash");
  std::vector<AcknowledgedRun> acknowledged;
  int64_t stored = 0;
  // Each process first reads back what the killed ones acknowledged; the
  // last one only reads.
  for (int round = 1;; ++round) {
    INFO("process " << round);
    ServiceProcess app(GOFAST_APP_SERVICE_BIN, ServiceArgs(db_path));
    CheckReadBack(app, token, acknowledged);
    const int64_t now_stored = CountRows(db_path, "city_runs");
    CHECK(now_stored >= stored);
    CHECK(now_stored >= static_cast<int64_t>(acknowledged.size()));
    stored = now_stored;
    if (round > kRounds) break;

    const std::vector<AcknowledgedRun> created = CreateUntilKilled(app, token, round);
    CHECK(app.Stop() == 128 + SIGKILL);
    REQUIRE(created.size() >= kAcknowledgedBeforeKill);
    acknowledged.insert(acknowledged.end(), created.begin(), created.end());
  }
}

}  // namespace gofast::testing
