// The app's database file, watched while the service runs: deleted,
// replaced, overwritten or made unwritable, a create is refused with 503
// DATABASE_UNAVAILABLE (never answered as saved), /readyz turns red and
// /healthz stays a liveness answer; a corrupted file stops the start.
#include <SQLiteCpp/Database.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "tests/app/app_fixture.h"

namespace gofast::testing {
namespace {

namespace fs = std::filesystem;

constexpr char kSetpriv[] = "/usr/bin/setpriv";
constexpr char kNobody[] = "65534";

// A create answers 503 DATABASE_UNAVAILABLE naming the cause; readiness is
// red for the same cause; liveness stays green.
void CheckWritesRefused(AppService& app, const std::string& token, const std::string& cause) {
  const Reply refused = app.CreateRun(token, MinimalRun());
  CheckError(refused, 503, "DATABASE_UNAVAILABLE");
  CHECK_THAT(refused.json.value("error", ""), Catch::Matchers::Contains(cause));
  const Reply ready = app.client().Get("/readyz");
  CheckError(ready, 503, "NOT_READY");
  CHECK_THAT(ready.json.value("error", ""), Catch::Matchers::Contains(cause));
  CHECK(app.client().Get("/healthz").status == 200);
}

}  // namespace

TEST_CASE("readiness is green while the database file is the one opened", "[integration][sqlite]") {
  AppService app;
  const Reply ready = app.client().Get("/readyz");
  CHECK(ready.status == 200);
  CHECK(ready.json == nlohmann::json({{"success", true}, {"status", "ready"}}));
}

TEST_CASE("a database deleted while the service runs refuses every write",
          "[integration][sqlite]") {
  AppService app;
  const std::string token = SignedToken("uid-watch");
  REQUIRE(app.CreateRun(token, MinimalRun()).status == 200);
  fs::remove(app.db_path());
  CheckWritesRefused(app, token, "is gone");
}

TEST_CASE("a database replaced by another file refuses every write", "[integration][sqlite]") {
  AppService app;
  const std::string token = SignedToken("uid-watch");
  REQUIRE(app.CreateRun(token, MinimalRun()).status == 200);
  fs::copy_file(app.db_path(), app.db_path() + ".copy");
  fs::rename(app.db_path() + ".copy", app.db_path());  // same name, another file
  CheckWritesRefused(app, token, "another file");
  // Nothing written after the swap reached either file.
  CHECK(app.RunCount() == 1);
}

TEST_CASE("a database overwritten in place refuses every write", "[integration][sqlite]") {
  AppService app;
  const std::string token = SignedToken("uid-watch");
  REQUIRE(app.CreateRun(token, MinimalRun()).status == 200);
  {
    std::fstream file(app.db_path(), std::ios::in | std::ios::out | std::ios::binary);
    file << std::string(100, 'x');
  }
  CheckWritesRefused(app, token, "no longer a SQLite database");
}

TEST_CASE("a database made unwritable refuses every write (service run unprivileged)",
          "[integration][sqlite]") {
  if (::access(kSetpriv, X_OK) != 0) {
    std::cout << "SKIPPED: " << kSetpriv << " is missing; root ignores file modes" << std::endl;
    return;
  }
  TempDir dir;
  fs::permissions(dir.path(), fs::perms::all);  // the unprivileged service writes here
  const std::string db_path = dir.File("app.db");
  std::vector<std::string> args = {"--reuid=" + std::string(kNobody),
                                   "--regid=" + std::string(kNobody), "--clear-groups",
                                   GOFAST_APP_SERVICE_BIN};
  for (const std::string& arg : EmulatorServiceArgs(db_path, kTestProjectId, {})) {
    args.push_back(arg);
  }
  ServiceProcess service(kSetpriv, args);
  TestClient client(Service::kApp, service.port());
  auth::MintOptions caller;
  caller.project_id = kTestProjectId;
  caller.uid = "uid-unprivileged";
  const std::string token = TestKeys::MintUnsigned(caller);
  REQUIRE(client.PostJson("/api/runs/create", token, MinimalRun()).status == 200);

  fs::permissions(db_path, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  const Reply refused = client.PostJson("/api/runs/create", token, MinimalRun());
  CheckError(refused, 503, "DATABASE_UNAVAILABLE");
  CHECK_THAT(refused.json.value("error", ""), Catch::Matchers::Contains("not writable"));
  CheckError(client.Get("/readyz"), 503, "NOT_READY");
  CHECK(CountRows(db_path, "city_runs") == 1);
}

TEST_CASE("a database that fails SQLite's quick check stops the start with exit 2",
          "[integration][sqlite]") {
  TempDir dir;
  const std::string db_path = dir.File("app.db");
  {
    AppService first_start;  // a real schema; a clean stop folds the WAL into the file
    REQUIRE(first_start.process().Stop() == 0);
    fs::copy_file(first_start.db_path(), db_path);
  }
  {
    // Page 2 onwards (the header and page 1 stay valid): the tables' pages.
    std::fstream file(db_path, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(4096);
    file << std::string(8192, '\x7f');
  }
  const CommandResult result = RunCommand(GOFAST_APP_SERVICE_BIN, ServiceArgs(db_path, {}));
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Catch::Matchers::Contains("quick check"));
}

}  // namespace gofast::testing
