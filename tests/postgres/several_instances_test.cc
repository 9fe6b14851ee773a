// Two instances of each service on one PostgreSQL server (the company and the
// app in separate databases, as in the real systems): races are settled by
// the database, any pair serves the flow, and stopping one instance loses
// nothing it acknowledged.
#include <array>
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "shared/devkit/create_run_dialog.h"
#include "tests/app/app_fixture.h"
#include "tests/company/company_fixture.h"
#include "tests/support/both_services.h"
#include "tests/support/contract_client.h"
#include "tests/support/http_client.h"
#include "tests/support/test_database.h"
#include "tests/support/test_keys.h"

namespace gofast::testing {
namespace {

using nlohmann::json;

constexpr char kFeedKey[] = "feed-key-0123456789";

// Two company instances on one database, and two app instances on another,
// app i asking company i.
class TwoOfEach {
 public:
  TwoOfEach()
      : company_db_(dir_, "company.db"),
        app_db_(dir_, "app.db"),
        companies_{
            Start(GOFAST_COMPANY_SERVICE_BIN, company_db_, {"--internal-api-key", kFeedKey}),
            Start(GOFAST_COMPANY_SERVICE_BIN, company_db_, {"--internal-api-key", kFeedKey})},
        apps_{
            Start(GOFAST_APP_SERVICE_BIN, app_db_, {"--company-url", companies_[0]->base_url()}),
            Start(GOFAST_APP_SERVICE_BIN, app_db_, {"--company-url", companies_[1]->base_url()})} {}

  ServiceProcess& company(size_t i) { return *companies_.at(i); }
  ServiceProcess& app(size_t i) { return *apps_.at(i); }
  const std::string& company_db() const { return company_db_.url(); }
  const std::string& app_db() const { return app_db_.url(); }

 private:
  static std::unique_ptr<ServiceProcess> Start(const char* binary, const TestDatabase& db,
                                               const std::vector<std::string>& more) {
    return std::make_unique<ServiceProcess>(binary, ServiceArgs(db.url(), more));
  }

  TempDir dir_;
  TestDatabase company_db_;
  TestDatabase app_db_;
  std::array<std::unique_ptr<ServiceProcess>, 2> companies_;
  std::array<std::unique_ptr<ServiceProcess>, 2> apps_;
};

// `count` requests released together, request i to `ports[i % 2]`, each on
// a client of its own.
std::vector<Reply> AtOnce(Service service, const std::vector<int>& ports, int count,
                          const std::function<Reply(TestClient&)>& send) {
  std::vector<std::unique_ptr<TestClient>> clients;
  for (int i = 0; i < count; ++i) {
    clients.push_back(std::make_unique<TestClient>(service, ports[static_cast<size_t>(i) % 2]));
  }
  std::vector<Reply> replies(static_cast<size_t>(count));
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < count; ++i) {
    threads.emplace_back([&, i] {
      ready.fetch_add(1);
      while (!go.load()) std::this_thread::yield();
      replies[static_cast<size_t>(i)] = send(*clients[static_cast<size_t>(i)]);
    });
  }
  while (ready.load() < count) std::this_thread::yield();
  go.store(true);
  for (std::thread& thread : threads) thread.join();
  return replies;
}

json ClubRun() {
  json body = MinimalRun();
  body["runClub"] = {{"slug", "dc-run-crew"}, {"name", "DC Run Crew"}};
  return body;
}

TEST_CASE("two company instances make one staff row for 50 racing find-or-create calls",
          "[postgres]") {
  TwoOfEach services;
  const std::string token = SignedToken("uid-race", "race@gofast.test", true, "Rae Race");
  const std::vector<Reply> replies = AtOnce(
      Service::kCompany, {services.company(0).port(), services.company(1).port()}, 50,
      [&](TestClient& client) { return client.Post(client::kFindOrCreateStaffPath, token, "{}"); });
  std::set<std::string> ids;
  int created = 0;
  for (const Reply& reply : replies) {
    INFO(reply.status << " " << reply.body);
    REQUIRE((reply.status == 200 || reply.status == 201));
    ids.insert(reply.json["staff"]["id"].get<std::string>());
    created += reply.json["created"].get<bool>() ? 1 : 0;
  }
  CHECK(ids.size() == 1);
  CHECK(created == 1);
  CHECK(CountRows(services.company_db(), "company_staff") == 1);
}

TEST_CASE("two app instances store one run for racing creates with one Idempotency-Key",
          "[postgres]") {
  TwoOfEach services;
  const std::string token = SignedToken("uid-ada");
  const std::vector<Reply> replies = AtOnce(
      Service::kApp, {services.app(0).port(), services.app(1).port()}, 20, [&](TestClient& client) {
        return client.Post("/api/runs/create", token, MinimalRun().dump(), "application/json",
                           {{"Idempotency-Key", "double-click"}});
      });
  std::set<std::string> ids;
  int replayed = 0;
  for (const Reply& reply : replies) {
    INFO(reply.status << " " << reply.body);
    REQUIRE(reply.status == 200);
    ids.insert(reply.json["run"]["id"].get<std::string>());
    replayed += reply.HasHeader("Idempotent-Replayed") ? 1 : 0;
  }
  CHECK(ids.size() == 1);
  CHECK(replayed == 19);
  CHECK(CountRows(services.app_db(), "city_runs") == 1);
  CHECK(CountRows(services.app_db(), "idempotency_keys") == 1);
}

TEST_CASE("two app instances store one run for racing duplicates", "[postgres]") {
  TwoOfEach services;
  const std::string token = SignedToken("uid-ada");
  const std::vector<Reply> replies = AtOnce(
      Service::kApp, {services.app(0).port(), services.app(1).port()}, 20,
      [&](TestClient& client) { return client.PostJson("/api/runs/create", token, ClubRun()); });
  int stored = 0;
  for (const Reply& reply : replies) {
    INFO(reply.status << " " << reply.body);
    REQUIRE((reply.status == 200 || reply.status == 409));
    if (reply.status == 200) {
      ++stored;
    } else {
      CHECK(reply.json["code"] == "DUPLICATE_RUN");
    }
  }
  CHECK(stored == 1);
  CHECK(CountRows(services.app_db(), "city_runs") == 1);
}

TEST_CASE("the dialog works through every pair, and each app lists and audits the other's runs",
          "[postgres]") {
  TwoOfEach services;
  const std::string token = SignedToken("uid-ada", "ada@gofast.test", true, "Ada Admin");
  std::set<std::string> staff_ids;
  std::vector<std::string> run_ids;
  for (size_t company = 0; company < 2; ++company) {
    for (size_t app = 0; app < 2; ++app) {
      client::JsonClient company_client(services.company(company).base_url(),
                                        std::chrono::seconds(10));
      client::JsonClient app_client(services.app(app).base_url(), std::chrono::seconds(10));
      WatchRequests(company_client, Service::kCompany);
      WatchRequests(app_client, Service::kApp);
      const client::DialogResult result =
          client::CreateRunDialog(company_client, app_client)
              .Submit(token,
                      DialogRunFields("Pair " + std::to_string(company) + std::to_string(app)));
      INFO(result.failed_step << " " << result.run_call.body.dump());
      REQUIRE(result.ok());
      staff_ids.insert(result.staff_id);
      run_ids.push_back(result.run["id"].get<std::string>());
    }
  }
  CHECK(staff_ids.size() == 1);
  for (size_t app = 0; app < 2; ++app) {
    TestClient client(Service::kApp, services.app(app).port());
    const Reply listed = client.Get("/api/runs?staffGeneratedId=" + *staff_ids.begin(), token);
    REQUIRE(listed.status == 200);
    CHECK(listed.json["runs"].size() == 4);
    for (const std::string& id : run_ids) {
      const Reply audit = client.Get("/api/runs/" + id + "/creator", token);
      REQUIRE(audit.status == 200);
      CHECK(audit.json["resolution"] == "found");
      CHECK(audit.json["staff"]["id"] == *staff_ids.begin());
    }
  }
}

TEST_CASE("a reader of one company instance's feed misses no change committed through either",
          "[postgres]") {
  TwoOfEach services;
  const std::vector<json> seen =
      FeedReadDuringSignUps({services.company(0).port(), services.company(1).port()},
                            services.company(0).port(), kFeedKey);
  REQUIRE(seen.size() == 100);
  std::set<std::string> ids;
  for (size_t i = 0; i < seen.size(); ++i) {
    CHECK(seen[i]["cursor"] == std::to_string(i + 1));
    ids.insert(seen[i]["staff"]["id"].get<std::string>());
  }
  CHECK(ids.size() == seen.size());
}

TEST_CASE("a run deleted through one app instance and seeded again lists anew on the other",
          "[postgres]") {
  TempDir dir;
  const TestDatabase app_db(dir, "app.db");
  const std::vector<std::string> test_api = {"--auth-mode", "emulator", "--test-api"};
  ServiceProcess lister(GOFAST_APP_SERVICE_BIN, ServiceArgs(app_db.url(), test_api));
  ServiceProcess seeder(GOFAST_APP_SERVICE_BIN, ServiceArgs(app_db.url(), test_api));
  TestClient to_lister(Service::kApp, lister.port());
  TestClient to_seeder(Service::kApp, seeder.port());
  auth::MintOptions options;
  options.project_id = kTestProjectId;
  options.uid = "uid-ada";
  const std::string token = TestKeys::MintUnsigned(options);
  const auto seed_run_titled = [&](const std::string& title) {
    const json run = {{"id", "crun100000000000000000000"},
                      {"citySlug", "arlington"},
                      {"staffGeneratedId", "0b7f8e2c-0000-4000-8000-000000000000"},
                      {"createdByFirebaseId", "uid-ada"},
                      {"title", title},
                      {"startDate", "2026-01-28T12:00:00.000Z"},
                      {"meetUpPoint", "Gateway Park"},
                      {"createdAt", "2026-01-20T09:00:00.000Z"},
                      {"updatedAt", "2026-01-20T09:00:00.000Z"}};
    const Reply seeded = to_seeder.PostJson("/_test/seed", "", {{"runs", {run}}});
    INFO(seeded.body);
    REQUIRE(seeded.status == 200);
  };
  const auto listed_title = [&] {
    const Reply listed = to_lister.Get("/api/runs", token);
    INFO(listed.body);
    REQUIRE(listed.status == 200);
    REQUIRE(listed.json["runs"].size() == 1);
    return listed.json["runs"][0]["title"].get<std::string>();
  };
  seed_run_titled("Before");
  CHECK(listed_title() == "Before");
  CHECK(listed_title() == "Before");  // the lister keeps the run's answer text now
  REQUIRE(to_seeder.Send("DELETE", "/_test/data", {}).status == 204);
  seed_run_titled("After");
  CHECK(listed_title() == "After");
}

TEST_CASE("stopping one app instance under load loses no run it acknowledged", "[postgres]") {
  TwoOfEach services;
  const std::string token = SignedToken("uid-ada");
  const int ports[2] = {services.app(0).port(), services.app(1).port()};
  std::atomic<bool> stop{false};
  std::atomic<int> answered_by_first{0};
  std::mutex mutex;
  std::vector<std::string> acknowledged;
  std::vector<std::thread> senders;
  for (int sender = 0; sender < 4; ++sender) {
    senders.emplace_back([&, sender] {
      TestClient client(Service::kApp, ports[sender % 2]);
      for (int i = 0; !stop.load(); ++i) {
        json body = MinimalRun();
        body["title"] = "Load " + std::to_string(sender) + "-" + std::to_string(i);
        const Reply reply = client.PostJson("/api/runs/create", token, body);
        if (reply.status != 200) continue;  // refused or cut off: not acknowledged
        if (sender % 2 == 0) answered_by_first.fetch_add(1);
        const std::lock_guard<std::mutex> lock(mutex);
        acknowledged.push_back(reply.json["run"]["id"].get<std::string>());
      }
    });
  }
  while (answered_by_first.load() < 50) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  CHECK(services.app(0).Stop() == 0);  // SIGTERM in the middle of the load
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  stop.store(true);
  for (std::thread& sender : senders) sender.join();

  TestClient survivor(Service::kApp, services.app(1).port());
  REQUIRE(acknowledged.size() >= 50);
  CHECK(CountRows(services.app_db(), "city_runs") == static_cast<int64_t>(acknowledged.size()));
  for (const std::string& id : acknowledged) {
    INFO(id);
    CHECK(survivor.Get("/api/runs/" + id, token).status == 200);
  }
}

}  // namespace
}  // namespace gofast::testing
