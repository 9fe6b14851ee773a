// How company_service starts and stops: options, exit codes, seed, tenant.
#include <SQLiteCpp/Database.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "shared/core/database_url.h"
#include "tests/company/company_fixture.h"

using gofast::testing::CompanyService;
using gofast::testing::RunCommand;
using gofast::testing::ServiceArgs;
using gofast::testing::ServiceProcess;
using gofast::testing::TempDir;
using gofast::testing::TestDatabase;

TEST_CASE("the company service creates its tables and the tenant row at first start",
          "[integration][sqlite]") {
  CompanyService service;
  CHECK(service.client().Get("/healthz").json ==
        nlohmann::json{{"success", true}, {"status", "ok"}, {"service", "company_service"}});
  SQLite::Database db(service.db_path(), SQLite::OPEN_READONLY);
  CHECK(db.execAndGet("SELECT id FROM gofast_company").getString() == gofast::testing::kTenantId);
  CHECK(db.execAndGet("SELECT companyName FROM gofast_company").getString() == "GoFast Inc");
  CHECK(db.execAndGet("PRAGMA journal_mode").getString() == "wal");
  CHECK(db.execAndGet("PRAGMA user_version").getInt() == 2);
  CHECK(db.execAndGet("SELECT count(*) FROM pragma_foreign_key_list('company_staff') WHERE "
                      "\"table\" = 'gofast_company'")
            .getInt() == 1);
}

TEST_CASE("the company service logs one start line once it listens", "[integration]") {
  CompanyService service({"--test-api", "--auth-mode", "emulator"});
  const std::string version = RunCommand(GOFAST_COMPANY_SERVICE_BIN, {"--version"}).out;
  REQUIRE(version.rfind("company_service ", 0) == 0);
  const std::string expected =
      " " + version.substr(0, version.size() - 1) +
      " listening on http://127.0.0.1:" + std::to_string(service.process().port()) +
      " auth=emulator project=" + gofast::testing::kTestProjectId +
      " db=" + gofast::RedactPassword(service.db_path()) + " testApi=on commit=";
  const std::string log = gofast::testing::LogOnceItHolds(service.process(), expected);
  INFO(log);
  const size_t at = log.find(expected);
  REQUIRE(at != std::string::npos);
  // One line, the first: "<ISO time> company_service 0.1.0 listening on ... commit=<describe>".
  CHECK(log.find('\n') > at);
  CHECK(at == std::string("2026-01-01T00:00:00.000Z").size());
  const std::string commit =
      log.substr(at + expected.size(), log.find('\n') - at - expected.size());
  CHECK(commit == service.client().Get("/version").json["commit"]);
}

TEST_CASE("GET /version and GET /healthz name the company service, without a token",
          "[integration]") {
  CompanyService service;
  const std::string version = RunCommand(GOFAST_COMPANY_SERVICE_BIN, {"--version"}).out;
  const gofast::testing::Reply answer = service.client().Get("/version");
  CHECK(answer.status == 200);
  CHECK(answer.json["success"] == true);
  CHECK(answer.json["service"] == "company_service");
  CHECK("company_service " + answer.json["version"].get<std::string>() + "\n" == version);
  CHECK_FALSE(answer.json["commit"].get<std::string>().empty());
  CHECK_FALSE(answer.json["buildType"].get<std::string>().empty());
  CHECK(service.client().Get("/healthz").json["service"] == "company_service");
}

TEST_CASE(
    "the company service takes the project and the emulator from firebase emulators:exec's "
    "variables",
    "[integration]") {
  // emulators:exec sets GCLOUD_PROJECT and FIREBASE_AUTH_EMULATOR_HOST for the command it runs.
  TempDir dir;
  ServiceProcess process(
      GOFAST_COMPANY_SERVICE_BIN, {"--port", "0", "--db", dir.File("c.db")},
      {{"GCLOUD_PROJECT", "demo-exec"}, {"FIREBASE_AUTH_EMULATOR_HOST", "127.0.0.1:9099"}});
  CHECK_THAT(gofast::testing::LogOnceItHolds(process, " auth=emulator project=demo-exec "),
             Catch::Matchers::Contains(" auth=emulator project=demo-exec "));
  gofast::auth::MintOptions options;
  options.project_id = "demo-exec";
  options.uid = "exec-uid";
  options.email = "exec@gofast.test";
  gofast::testing::TestClient client(gofast::testing::Service::kCompany, process.port());
  CHECK(
      client
          .Post("/api/staff/find-or-create", gofast::testing::TestKeys::MintUnsigned(options), "{}")
          .status == 201);
}

TEST_CASE("the company service stops cleanly on SIGTERM", "[integration]") {
  CompanyService service;
  CHECK(service.process().Stop() == 0);
}

TEST_CASE("the company service exits 2 without a project id", "[integration]") {
  TempDir dir;
  const auto result =
      RunCommand(GOFAST_COMPANY_SERVICE_BIN, {"--port", "0", "--db", dir.File("c.db")});
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("project id") != std::string::npos);
  CHECK(result.err.find("GCLOUD_PROJECT") != std::string::npos);
  CHECK(std::count(result.err.begin(), result.err.end(), '\n') == 1);
}

TEST_CASE("the company service reads its options from the environment, and the option wins",
          "[integration]") {
  TempDir dir;
  ServiceProcess process(GOFAST_COMPANY_SERVICE_BIN, {"--port", "0"},
                         {{"COMPANY_DB", dir.File("env.db")},
                          {"GOOGLE_CLOUD_PROJECT", "from-env"},
                          {"AUTH_MODE", "emulator"},
                          {"COMPANY_PORT", "1"}});
  gofast::auth::MintOptions options;
  options.project_id = "from-env";
  options.uid = "env-uid";
  options.email = "env@gofast.test";
  gofast::testing::TestClient client(gofast::testing::Service::kCompany, process.port());
  CHECK(
      client
          .Post("/api/staff/find-or-create", gofast::testing::TestKeys::MintUnsigned(options), "{}")
          .status == 201);
  CHECK(std::filesystem::exists(dir.File("env.db")));
}

TEST_CASE("the company service exits 2 on bad option values", "[integration]") {
  TempDir dir;
  const std::vector<std::vector<std::string>> bad = {
      {"--port", "70000"},
      {"--auth-mode", "sometimes"},
      {"--signup", "closed"},
      {"--default-role", "CEO"},
      {"--clock-skew", "abc"},
      {"--no-such-option"},
      {"--firebase-certs", dir.File("missing.json")}};
  for (const auto& extra : bad) {
    const auto result =
        RunCommand(GOFAST_COMPANY_SERVICE_BIN, ServiceArgs(dir.File("c.db"), extra));
    INFO(extra[0]);
    CHECK(result.exit_code == 2);
    CHECK_FALSE(result.err.empty());
  }
}

TEST_CASE("the company service exits 1 when its port is taken", "[integration]") {
  CompanyService running;
  TempDir dir;
  auto args = ServiceArgs(dir.File("c.db"));
  args[1] = std::to_string(running.process().port());
  const auto result = RunCommand(GOFAST_COMPANY_SERVICE_BIN, args);
  CHECK(result.exit_code == 1);
}

TEST_CASE("the company service refuses a database of another tenant or a newer schema",
          "[integration][sqlite]") {
  TempDir dir;
  const std::string db_path = dir.File("c.db");
  { ServiceProcess first(GOFAST_COMPANY_SERVICE_BIN, ServiceArgs(db_path)); }
  const auto other_tenant =
      RunCommand(GOFAST_COMPANY_SERVICE_BIN, ServiceArgs(db_path, {"--company-id", "other"}));
  CHECK(other_tenant.exit_code == 2);
  {
    SQLite::Database db(db_path, SQLite::OPEN_READWRITE);
    db.exec("PRAGMA user_version = 99");
  }
  const auto newer = RunCommand(GOFAST_COMPANY_SERVICE_BIN, ServiceArgs(db_path));
  CHECK(newer.exit_code == 2);
  CHECK(newer.err.find("newer") != std::string::npos);
}

TEST_CASE("a seed loads the company and staff, and a later start with it changes nothing",
          "[integration]") {
  TempDir dir;
  const std::string seed_path = dir.File("seed.json");
  std::ofstream(seed_path)
      << R"({"company": {"id": "cmhpqe7kl0000nw1uvcfhf2hs", "companyName": "GoFast Test Co",
     "city": "Arlington"},
     "staff": [{"id": "11111111-1111-4111-8111-111111111111", "firebaseId": "seed-founder",
                "email": "Seed@GoFast.test", "firstName": "Sid", "lastName": "Seed", "role": "Founder"},
               {"email": "invitee@gofast.test", "role": "Sales"}]})";
  const TestDatabase database(dir, "c.db");
  const std::string& db_path = database.url();
  std::string first_snapshot;
  {
    ServiceProcess service(GOFAST_COMPANY_SERVICE_BIN, ServiceArgs(db_path, {"--seed", seed_path}));
    gofast::testing::TestClient client(gofast::testing::Service::kCompany, service.port());
    const auto reply = client.Get("/api/staff/11111111-1111-4111-8111-111111111111",
                                  gofast::testing::SignedToken("seed-founder", "seed@gofast.test"));
    REQUIRE(reply.status == 200);
    CHECK(reply.json["staff"]["email"] == "seed@gofast.test");
    CHECK(reply.json["staff"]["name"] == "Sid Seed");
    first_snapshot = gofast::testing::TableSnapshot(db_path, "company_staff");
  }
  CHECK(gofast::testing::CountRows(db_path, "company_staff") == 2);
  CHECK(gofast::testing::TableSnapshot(db_path, "gofast_company").find("GoFast Test Co") !=
        std::string::npos);
  { ServiceProcess again(GOFAST_COMPANY_SERVICE_BIN, ServiceArgs(db_path, {"--seed", seed_path})); }
  CHECK(gofast::testing::TableSnapshot(db_path, "company_staff") == first_snapshot);
}

TEST_CASE("a later start merges a seed's new rows, and refuses one that conflicts with exit 2",
          "[integration]") {
  TempDir dir;
  const TestDatabase database(dir, "c.db");
  const std::string& db_path = database.url();
  const std::string first_seed = dir.File("first.json");
  std::ofstream(first_seed) << R"({"staff": [{"id": "11111111-1111-4111-8111-111111111111",
      "firebaseId": "seed-founder", "email": "seed@gofast.test", "role": "Founder"}]})";
  {
    ServiceProcess first(GOFAST_COMPANY_SERVICE_BIN, ServiceArgs(db_path, {"--seed", first_seed}));
  }
  const std::string more_seed = dir.File("more.json");
  std::ofstream(more_seed) << R"({"staff": [{"id": "11111111-1111-4111-8111-111111111111",
      "firebaseId": "seed-founder", "email": "seed@gofast.test", "role": "Founder"},
      {"email": "invitee@gofast.test", "role": "Sales"}]})";
  {
    ServiceProcess second(GOFAST_COMPANY_SERVICE_BIN, ServiceArgs(db_path, {"--seed", more_seed}));
  }
  CHECK(gofast::testing::CountRows(db_path, "company_staff") == 2);
  const std::string snapshot = gofast::testing::TableSnapshot(db_path, "company_staff");

  const std::string conflict_seed = dir.File("conflict.json");
  std::ofstream(conflict_seed) << R"({"staff": [{"email": "new@gofast.test", "role": "CFO"},
      {"id": "11111111-1111-4111-8111-111111111111", "firebaseId": "seed-founder",
       "email": "seed@gofast.test", "role": "CFO"}]})";
  const auto conflict =
      RunCommand(GOFAST_COMPANY_SERVICE_BIN, ServiceArgs(db_path, {"--seed", conflict_seed}));
  CHECK(conflict.exit_code == 2);
  CHECK(conflict.err == "company_service: " + conflict_seed +
                            ": seed: staff[1] differs from stored staff "
                            "11111111-1111-4111-8111-111111111111 in role\n");
  CHECK(gofast::testing::TableSnapshot(db_path, "company_staff") == snapshot);
}

TEST_CASE("a seed that does not fit stops the company service with exit 2", "[integration]") {
  TempDir dir;
  // Each seed, and what the one line on standard error says after "seed: ".
  const std::vector<std::pair<std::string, std::string>> bad_seeds = {
      {R"({"company": {"id": "another-company"}, "staff": []})",
       "company.id must equal --company-id"},
      {R"({"company": {"id": "cmhpqe7kl0000nw1uvcfhf2hs"}, "staff": [{"email": "a@b.co", "role": "CEO"}]})",
       "staff[0].role is not a known role"},
      {R"({"company": {"id": "cmhpqe7kl0000nw1uvcfhf2hs"}, "staff": [{"email": "not-an-email", "role": "CFO"}]})",
       "staff[0].email is not a valid address"},
      {R"({"company": {"id": "cmhpqe7kl0000nw1uvcfhf2hs"}, "staff": [{"email": "a@b.co", "role": "CFO", "firebaseId": "x"},
                                                                    {"email": "c@b.co", "role": "CFO", "firebaseId": "x"}]})",
       "staff[1].firebaseId appears twice"},
      {R"({"company": {"id": "cmhpqe7kl0000nw1uvcfhf2hs"}, "staff": {}})",
       "staff must be an array"},
      {R"({"staff": [{"email": "a@b.co", "role": "CFO"}, {"email": "b@b.co", "role": "CFO", "nickname": "B"}]})",
       "unknown field staff[1].nickname"},
      {R"({"company": {"id": "cmhpqe7kl0000nw1uvcfhf2hs", "ceo": "Fay"}})",
       "unknown field company.ceo"},
      {R"(not json)", "the file is not valid JSON"}};
  for (size_t i = 0; i < bad_seeds.size(); ++i) {
    const std::string seed_path = dir.File("seed" + std::to_string(i) + ".json");
    std::ofstream(seed_path) << bad_seeds[i].first;
    const TestDatabase database(dir, "c" + std::to_string(i) + ".db");
    const auto result =
        RunCommand(GOFAST_COMPANY_SERVICE_BIN, ServiceArgs(database.url(), {"--seed", seed_path}));
    INFO(bad_seeds[i].first);
    CHECK(result.exit_code == 2);
    CHECK(result.err.find(seed_path + ": seed: " + bad_seeds[i].second) != std::string::npos);
    CHECK(std::count(result.err.begin(), result.err.end(), '\n') == 1);
  }
}

TEST_CASE("the sample seed in the repository loads", "[integration]") {
  TempDir dir;
  const TestDatabase database(dir, "c.db");
  const std::string& db_path = database.url();
  ServiceProcess service(GOFAST_COMPANY_SERVICE_BIN,
                         ServiceArgs(db_path, {"--seed", std::string(GOFAST_SOURCE_DIR) +
                                                             "/company_service/sample_seed.json"}));
  CHECK(gofast::testing::CountRows(db_path, "company_staff") == 3);
  gofast::testing::TestClient client(gofast::testing::Service::kCompany, service.port());
  const auto founder = client.Get(
      "/api/staff", gofast::testing::SignedToken("seed-founder-uid", "founder@gofast.test"));
  REQUIRE(founder.status == 200);
  CHECK(founder.json["staff"].size() == 3);
}
