// A PostgreSQL server lost while both services run under load: writes answer
// 503 DATABASE_UNAVAILABLE and /readyz 503 while it is down, the pools
// reconnect once it is back, and every run answered as saved is still there.
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <map>
#include <mutex>
#include <pqxx/pqxx>
#include <string>
#include <thread>
#include <vector>

#include "tests/app/app_fixture.h"
#include "tests/support/contract_client.h"
#include "tests/support/http_client.h"
#include "tests/support/test_database.h"
#include "tests/support/test_keys.h"

namespace gofast::testing {
namespace {

using Clock = std::chrono::steady_clock;

// A cluster of this test's own (halting the fixture's would fail the tests
// running beside it), on PostgreSQL's durable settings: halted as a crash
// would, it must keep every commit it acknowledged.
class PrivateCluster {
 public:
  PrivateCluster() : folder_(dir_.File("cluster")) {
    const process::CommandResult started =
        RunCommand("/usr/bin/env", {"GOFAST_POSTGRES_SETTINGS=", kScript, "start", folder_});
    INFO(started.out << started.err);
    REQUIRE(started.exit_code == 0);
    std::ifstream url_file(folder_ + "/url");
    REQUIRE(std::getline(url_file, url_));
  }
  ~PrivateCluster() { RunCommand(kScript, {"stop", folder_}); }
  PrivateCluster(const PrivateCluster&) = delete;
  PrivateCluster& operator=(const PrivateCluster&) = delete;

  // A new database on it, as a --db URL.
  std::string MakeDatabase(const std::string& name) const {
    pqxx::connection admin(url_);
    pqxx::nontransaction(admin).exec0("CREATE DATABASE " + name);
    return url_.substr(0, url_.rfind('/') + 1) + name;
  }
  void Halt() const { REQUIRE(RunCommand(kScript, {"halt", folder_}).exit_code == 0); }
  void Resume() const { REQUIRE(RunCommand(kScript, {"resume", folder_}).exit_code == 0); }

 private:
  static constexpr const char* kScript = GOFAST_SOURCE_DIR "/tests/postgres/cluster.sh";

  TempDir dir_;
  std::string folder_;
  std::string url_;
};

// Polls GET /readyz until it answers `status`, for at most 10 s.
bool ReadyzBecomes(TestClient& client, int status) {
  const auto deadline = Clock::now() + std::chrono::seconds(10);
  while (Clock::now() < deadline) {
    if (client.Get("/readyz", "").status == status) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

TEST_CASE("a PostgreSQL server lost under load: 503 while it is down, nothing acknowledged lost",
          "[postgres]") {
  PrivateCluster cluster;
  const std::string app_db = cluster.MakeDatabase("app");
  ServiceProcess company(GOFAST_COMPANY_SERVICE_BIN, ServiceArgs(cluster.MakeDatabase("company")));
  ServiceProcess app(GOFAST_APP_SERVICE_BIN,
                     ServiceArgs(app_db, {"--company-url", company.base_url()}));
  const std::string token = SignedToken("uid-ada");

  // Four senders create runs until told to stop, keeping the ids answered as
  // saved and counting every answer by status and code.
  std::atomic<bool> stop{false};
  std::atomic<int> saved{0};
  std::mutex mutex;
  std::vector<std::string> acknowledged;
  std::map<std::string, int> refusals;  // "503 DATABASE_UNAVAILABLE" -> count
  std::vector<std::thread> senders;
  for (int sender = 0; sender < 4; ++sender) {
    senders.emplace_back([&, sender] {
      TestClient client(Service::kApp, app.port());
      for (int i = 0; !stop.load(); ++i) {
        nlohmann::json body = MinimalRun();
        body["title"] = "Load " + std::to_string(sender) + "-" + std::to_string(i);
        const Reply reply = client.PostJson("/api/runs/create", token, body);
        const std::lock_guard<std::mutex> lock(mutex);
        if (reply.status == 200) {
          acknowledged.push_back(reply.json["run"]["id"].get<std::string>());
          saved.fetch_add(1);
        } else {
          const bool coded = reply.json.is_object() && reply.json["code"].is_string();
          ++refusals[std::to_string(reply.status) + " " +
                     (coded ? reply.json["code"].get<std::string>() : reply.error + reply.body)];
        }
        // Not a busy loop against a server that is down.
        if (reply.status != 200) std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
    });
  }
  const auto saved_reaches = [&](int count) {
    const auto deadline = Clock::now() + std::chrono::seconds(20);
    while (saved.load() < count && Clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return saved.load() >= count;
  };
  TestClient app_probe(Service::kApp, app.port());
  TestClient company_probe(Service::kCompany, company.port());

  REQUIRE(saved_reaches(50));
  cluster.Halt();
  CHECK(ReadyzBecomes(app_probe, 503));
  CHECK(ReadyzBecomes(company_probe, 503));
  const Reply create = app_probe.PostJson("/api/runs/create", token, MinimalRun());
  CHECK(create.status == 503);
  CHECK(create.json["code"] == "DATABASE_UNAVAILABLE");
  const Reply staff = company_probe.Post(client::kFindOrCreateStaffPath,
                                         SignedToken("uid-new", "new@gofast.test"), "{}");
  CHECK(staff.status == 503);
  CHECK(staff.json["code"] == "DATABASE_UNAVAILABLE");
  const int saved_while_down = saved.load();

  cluster.Resume();
  CHECK(ReadyzBecomes(app_probe, 200));
  CHECK(ReadyzBecomes(company_probe, 200));
  CHECK(saved_reaches(saved_while_down + 50));
  stop.store(true);
  for (std::thread& sender : senders) sender.join();

  // The only refusals are the server's absence, said as such.
  INFO("refusals: " << nlohmann::json(refusals).dump());
  CHECK(refusals.count("503 DATABASE_UNAVAILABLE") == 1);
  CHECK(refusals.size() == 1);
  CHECK(company_probe
            .Post(client::kFindOrCreateStaffPath, SignedToken("uid-new", "new@gofast.test"), "{}")
            .status == 201);
  // A create cut off by the halt may have committed unanswered: at least, not exactly.
  CHECK(CountRows(app_db, "city_runs") >= static_cast<int64_t>(acknowledged.size()));
  for (const std::string& id : acknowledged) {
    INFO(id);
    CHECK(app_probe.Get("/api/runs/" + id, token).status == 200);
  }
}

}  // namespace
}  // namespace gofast::testing
