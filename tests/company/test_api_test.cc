// The test API of the real company_service (shared/http/test_api.h): the /_test/ routes
// under --test-api, --import at start and --export-on-exit at a clean stop.
#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>

#include "tests/company/company_fixture.h"

using gofast::testing::CompanyService;
using gofast::testing::Reply;
using gofast::testing::RunCommand;
using gofast::testing::ServiceArgs;
using gofast::testing::ServiceProcess;
using gofast::testing::TempDir;
using nlohmann::json;

namespace {

constexpr char kTenant[] = "cmhpqe7kl0000nw1uvcfhf2hs";
const std::vector<std::string> kTestApi = {"--auth-mode", "emulator", "--test-api"};

// The company service with the test API, and the three calls it adds.
class TestApiService : public CompanyService {
 public:
  explicit TestApiService(std::vector<std::string> more = {})
      : CompanyService(With(std::move(more))) {}

  Reply Reset() { return client().Send("DELETE", "/_test/data", {}); }
  Reply Seed(const json& document) { return client().PostJson("/_test/seed", "", document); }
  json Export() {
    const Reply reply = client().Get("/_test/export");
    REQUIRE(reply.status == 200);
    return reply.json;
  }
  std::string Snapshot() const {
    return StaffSnapshot() + gofast::testing::TableSnapshot(db_path(), "gofast_company");
  }

 private:
  static std::vector<std::string> With(std::vector<std::string> more) {
    more.insert(more.begin(), kTestApi.begin(), kTestApi.end());
    return more;
  }
};

// An emulator-form token of the test project, as the Firebase Auth Emulator issues them.
std::string EmulatorToken(const std::string& uid, const std::string& email) {
  gofast::auth::MintOptions options;
  options.project_id = gofast::testing::kTestProjectId;
  options.uid = uid;
  options.email = email;
  options.email_verified = true;
  return gofast::testing::TestKeys::MintUnsigned(options);
}

json StaffRow(const std::string& id, const json& firebase_id, const std::string& email,
              const std::string& role, const json& first_name = nullptr) {
  return {{"id", id},
          {"firebaseId", firebase_id},
          {"email", email},
          {"role", role},
          {"firstName", first_name},
          {"lastName", nullptr},
          {"photoURL", nullptr},
          {"startDate", nullptr},
          {"companyId", kTenant},
          {"createdAt", "2026-01-10T09:00:00.000Z"},
          {"updatedAt", "2026-01-11T09:00:00.000Z"}};
}

// A document with every member, as an export writes one: a founder, a linked row and an
// invitation.
json FullDocument() {
  return {{"company",
           {{"id", kTenant},
            {"companyName", "GoFast Test Co"},
            {"address", "1 Main St"},
            {"city", "Arlington"},
            {"state", "VA"},
            {"website", nullptr},
            {"description", nullptr},
            {"createdAt", "2026-01-01T00:00:00.000Z"},
            {"updatedAt", "2026-01-02T00:00:00.000Z"}}},
          {"staff",
           {StaffRow("11111111-1111-4111-8111-111111111111", "uid-fay", "fay@gofast.test",
                     "Founder", "Fay"),
            StaffRow("22222222-2222-4222-8222-222222222222", "uid-sam", "sam@gofast.test", "Sales"),
            StaffRow("33333333-3333-4333-8333-333333333333",
                     "temp-44444444-4444-4444-8444-444444444444", "cal@gofast.test", "CFO")}}};
}

void WriteFile(const std::string& path, const json& document) {
  std::ofstream(path) << document.dump(2);
}

json ReadFile(const std::string& path) {
  std::ifstream in(path);
  REQUIRE(in);
  return json::parse(in);
}

}  // namespace

TEST_CASE("without --test-api the test routes are not there", "[integration]") {
  // In production mode (the default of these tests), and in emulator mode without the flag.
  CompanyService production;
  CompanyService emulator({"--auth-mode", "emulator"});
  for (CompanyService* service : {&production, &emulator}) {
    CheckError(service->client().Send("DELETE", "/_test/data", {}), 404, "NOT_FOUND");
    CheckError(service->client().PostJson("/_test/seed", "", FullDocument()), 404, "NOT_FOUND");
    CheckError(service->client().Get("/_test/export"), 404, "NOT_FOUND");
  }
  CHECK(production.StaffCount() == 0);
}

TEST_CASE("production auth mode refuses the test options with exit 2", "[integration]") {
  TempDir dir;
  const std::vector<std::vector<std::string>> refused = {
      {"--test-api"},
      {"--import", dir.File("in.json")},
      {"--export-on-exit", dir.File("out.json")},
      {"--test-api", "--auth-mode", "production"}};
  for (const auto& extra : refused) {
    INFO(extra[0]);
    const auto result =
        RunCommand(GOFAST_COMPANY_SERVICE_BIN, ServiceArgs(dir.File("c.db"), extra));
    CHECK(result.exit_code == 2);
    CHECK(result.err.find(extra[0] + ": a test-suite option, refused in production auth mode") !=
          std::string::npos);
    CHECK(std::count(result.err.begin(), result.err.end(), '\n') == 1);
  }
  const auto from_env = RunCommand(GOFAST_COMPANY_SERVICE_BIN, ServiceArgs(dir.File("c.db")),
                                   {{"GOFAST_TEST_API", "1"}});
  CHECK(from_env.exit_code == 2);
  CHECK_FALSE(std::filesystem::exists(dir.File("c.db")));
}

TEST_CASE("the test API is on with GOFAST_TEST_API=1 in emulator mode", "[integration]") {
  TempDir dir;
  ServiceProcess process(GOFAST_COMPANY_SERVICE_BIN,
                         ServiceArgs(dir.File("c.db"), {"--auth-mode", "emulator"}),
                         {{"GOFAST_TEST_API", "1"}});
  gofast::testing::TestClient client(gofast::testing::Service::kCompany, process.port());
  CHECK(client.Get("/_test/export").status == 200);
}

TEST_CASE("a reset empties staff and invitations and puts the tenant row back at its start",
          "[integration]") {
  TestApiService service;
  REQUIRE(service.Seed(FullDocument()).status == 200);
  REQUIRE(service.FindOrCreate(EmulatorToken("uid-new", "new@gofast.test")).status == 201);
  REQUIRE(service.StaffCount() == 4);

  const Reply reset = service.Reset();
  CHECK(reset.status == 204);
  CHECK(reset.body.empty());
  CHECK(service.StaffCount() == 0);
  CHECK(gofast::testing::CountRows(service.db_path(), "gofast_company") == 1);
  const json exported = service.Export();
  CHECK(exported["staff"] == json::array());
  const json& company = exported["company"];
  CHECK(company["id"] == kTenant);
  CHECK(company["companyName"] == "GoFast Inc");
  for (const char* member : {"address", "city", "state", "website", "description"})
    CHECK(company[member].is_null());
  CHECK(company["createdAt"] != "2026-01-01T00:00:00.000Z");
  // The API works on the emptied tables.
  CHECK(service.FindOrCreate(EmulatorToken("uid-new", "new@gofast.test")).status == 201);
}

TEST_CASE(
    "a seed, then an export, gives the document back, and export, reset and seed restore "
    "the data exactly",
    "[integration]") {
  TestApiService service;
  const Reply seeded = service.Seed(FullDocument());
  REQUIRE(seeded.status == 200);
  CHECK(seeded.json == json{{"success", true}, {"stored", 4}, {"skipped", 0}});
  CHECK(service.Export() == FullDocument());

  // Rows the API makes round-trip too: a sign-up, an invitation, an invitation linked.
  const std::string fay = EmulatorToken("uid-fay", "fay@gofast.test");
  REQUIRE(service.Invite(fay, {{"email", "ivy@gofast.test"}, {"role", "Marketing"}}).status == 201);
  REQUIRE(service.FindOrCreate(EmulatorToken("uid-cal", "cal@gofast.test")).status == 200);
  REQUIRE(service.FindOrCreate(EmulatorToken("uid-new", "new@gofast.test")).status == 201);
  const json before = service.Export();
  const std::string snapshot = service.Snapshot();
  REQUIRE(before["staff"].size() == 5);

  REQUIRE(service.Reset().status == 204);
  const Reply restored = service.Seed(before);
  REQUIRE(restored.status == 200);
  CHECK(restored.json["stored"] == 6);
  CHECK(service.Export() == before);
  CHECK(service.Snapshot() == snapshot);
}

TEST_CASE("seeding the same rows again stores nothing", "[integration]") {
  TestApiService service;
  // The sample seed leaves ids, firebaseIds and times out: its rows are found again by
  // firebaseId and by the invitations' emails.
  std::ifstream sample(std::string(GOFAST_SOURCE_DIR) + "/company_service/sample_seed.json");
  const json document = json::parse(sample);
  for (const json& seed : {FullDocument(), document}) {
    REQUIRE(service.Reset().status == 204);
    REQUIRE(service.Seed(seed).status == 200);
    const std::string snapshot = service.Snapshot();
    const Reply again = service.Seed(seed);
    CHECK(again.status == 200);
    CHECK(again.json["stored"] == 0);
    CHECK(again.json["skipped"] == seed["staff"].size() + 1);
    CHECK(service.Snapshot() == snapshot);
  }
}

TEST_CASE(
    "a row that conflicts with a stored one is 409 naming it, and nothing of its seed is "
    "stored",
    "[integration]") {
  TestApiService service;
  REQUIRE(service.Seed(FullDocument()).status == 200);
  const std::string snapshot = service.Snapshot();
  const json good =
      StaffRow("55555555-5555-4555-8555-555555555555", "uid-new", "new@gofast.test", "Sales");
  struct Case {
    const char* name;
    json row;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"a stored id with another role",
       StaffRow("22222222-2222-4222-8222-222222222222", "uid-sam", "sam@gofast.test", "CFO"),
       "seed: staff[1] differs from stored staff 22222222-2222-4222-8222-222222222222 in role"},
      {"a new id with a stored firebaseId",
       StaffRow("66666666-6666-4666-8666-666666666666", "uid-fay", "other@gofast.test", "Sales"),
       "seed: staff[1].firebaseId is held by stored staff 11111111-1111-4111-8111-111111111111"},
      {"an invitation for an email a stored row holds",
       json{{"email", "sam@gofast.test"}, {"role", "Marketing"}},
       "seed: staff[1] differs from stored staff 22222222-2222-4222-8222-222222222222, which "
       "holds its email"},
      {"a new row for the email of a stored invitation",
       StaffRow("66666666-6666-4666-8666-666666666666", "uid-other", "cal@gofast.test", "Sales"),
       "seed: staff[1].email is held by stored staff 33333333-3333-4333-8333-333333333333"},
  };
  for (const Case& conflict : cases) {
    INFO(conflict.name);
    const Reply reply = service.Seed({{"staff", {good, conflict.row}}});
    CheckError(reply, 409, "CONFLICT");
    CHECK_THAT(reply.json.value("error", ""), Catch::StartsWith(conflict.message));
    CHECK(service.Snapshot() == snapshot);
  }
  json company = FullDocument()["company"];
  company["city"] = "Boston";
  const Reply tenant = service.Seed({{"company", company}, {"staff", {good}}});
  CheckError(tenant, 409, "CONFLICT");
  CHECK_THAT(tenant.json.value("error", ""),
             Catch::Contains(std::string("company ") + kTenant + " is stored with another city"));
  CHECK(service.Snapshot() == snapshot);
}

TEST_CASE("an unknown field anywhere in a seed is 400 naming its path and changes nothing",
          "[integration]") {
  TestApiService service;
  REQUIRE(service.Seed(FullDocument()).status == 200);
  const std::string snapshot = service.Snapshot();
  json document = FullDocument();
  document["staff"][2]["nickname"] = "Cal";
  CheckError(service.Seed(document), 400, "VALIDATION_FAILED",
             "seed: unknown field staff[2].nickname");
  document = FullDocument();
  document["company"]["ceo"] = nullptr;
  CheckError(service.Seed(document), 400, "VALIDATION_FAILED", "seed: unknown field company.ceo");
  CheckError(service.Seed({{"staff", json::array()}, {"runs", json::array()}}), 400,
             "VALIDATION_FAILED", "seed: unknown field runs");
  CheckError(service.Seed({{"staff", {{{"email", "x@gofast.test"}, {"role", "CEO"}}}}}), 400,
             "VALIDATION_FAILED", "seed: staff[0].role is not a known role");
  CheckError(service.client().Post("/_test/seed", "", "{\"staff\": [", "application/json"), 400,
             "BAD_JSON");
  CHECK(service.Snapshot() == snapshot);
}

TEST_CASE("with --import a start empties the database and loads the file", "[integration]") {
  TempDir dir;
  const gofast::testing::TestDatabase database(dir, "c.db");
  const std::string& db_path = database.url();
  const std::string import_path = dir.File("import.json");
  WriteFile(import_path, FullDocument());
  const std::vector<std::string> emulator = {"--auth-mode", "emulator"};
  {
    ServiceProcess first(GOFAST_COMPANY_SERVICE_BIN, ServiceArgs(db_path, emulator));
    gofast::testing::TestClient client(gofast::testing::Service::kCompany, first.port());
    REQUIRE(
        client.Post("/api/staff/find-or-create", EmulatorToken("uid-old", "old@gofast.test"), "{}")
            .status == 201);
  }
  std::vector<std::string> with_import = {"--import", import_path, "--test-api"};
  with_import.insert(with_import.end(), emulator.begin(), emulator.end());
  ServiceProcess second(GOFAST_COMPANY_SERVICE_BIN, ServiceArgs(db_path, with_import));
  gofast::testing::TestClient client(gofast::testing::Service::kCompany, second.port());
  CHECK(client.Get("/_test/export").json == FullDocument());
}

TEST_CASE("an --import file that does not fit stops the start with exit 2 and changes nothing",
          "[integration]") {
  TempDir dir;
  const gofast::testing::TestDatabase database(dir, "c.db");
  const std::string& db_path = database.url();
  { ServiceProcess first(GOFAST_COMPANY_SERVICE_BIN, ServiceArgs(db_path)); }
  const std::string before = gofast::testing::TableSnapshot(db_path, "gofast_company");
  json document = FullDocument();
  document["staff"][1]["nickname"] = "Sam";
  WriteFile(dir.File("bad.json"), document);
  const auto result = RunCommand(
      GOFAST_COMPANY_SERVICE_BIN,
      ServiceArgs(db_path, {"--auth-mode", "emulator", "--import", dir.File("bad.json")}));
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("--import " + dir.File("bad.json") +
                        ": seed: unknown field staff[1].nickname") != std::string::npos);
  CHECK(gofast::testing::TableSnapshot(db_path, "gofast_company") == before);
}

TEST_CASE("with --export-on-exit a stop by SIGTERM writes all data to the file", "[integration]") {
  TempDir dir;
  const std::string export_path = dir.File("exports/company.json");  // its folder is made
  TestApiService service({"--export-on-exit", export_path});
  REQUIRE(service.Seed(FullDocument()).status == 200);
  REQUIRE(service.FindOrCreate(EmulatorToken("uid-new", "new@gofast.test")).status == 201);
  const json exported = service.Export();
  CHECK_FALSE(std::filesystem::exists(export_path));

  CHECK(service.process().Stop() == 0);
  CHECK(ReadFile(export_path) == exported);
  CHECK_FALSE(std::filesystem::exists(export_path + ".partial"));
}

TEST_CASE("an export file that cannot be written makes the stop exit 1, naming it",
          "[integration]") {
  TempDir dir;
  std::ofstream(dir.File("file")) << "a file, not a folder";
  TestApiService service({"--export-on-exit", dir.File("file/company.json")});
  CHECK(service.process().Stop() == 1);
  CHECK(service.process().Log().find("--export-on-exit " + dir.File("file/company.json")) !=
        std::string::npos);
}
