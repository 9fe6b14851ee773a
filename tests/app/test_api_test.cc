// The test API of the real app_service (shared/http/test_api.h): the /_test/
// routes under --test-api, --seed and --import at start, --export-on-exit.
#include <catch2/catch.hpp>
#include <fstream>

#include "tests/app/app_fixture.h"

namespace gofast::testing {
namespace {

using nlohmann::json;

const std::vector<std::string> kTestApi = {"--auth-mode", "emulator", "--test-api"};

// The app service with the test API on, and the three calls it adds.
class TestApiApp : public ServiceUnderTest {
 public:
  explicit TestApiApp(std::vector<std::string> more = {})
      : ServiceUnderTest(GOFAST_APP_SERVICE_BIN, Service::kApp, "app.db", With(std::move(more))) {}

  Reply Reset() { return client().Send("DELETE", "/_test/data", {}); }
  Reply Seed(const json& document) { return client().PostJson("/_test/seed", "", document); }
  json Export() {
    const Reply reply = client().Get("/_test/export");
    REQUIRE(reply.status == 200);
    return reply.json;
  }
  std::string Snapshot() const {
    std::string snapshot;
    for (const char* table : {"city_runs", "run_clubs", "athletes", "idempotency_keys"}) {
      snapshot += TableSnapshot(db_path(), table) + "|";
    }
    return snapshot;
  }

 private:
  static std::vector<std::string> With(std::vector<std::string> more) {
    more.insert(more.begin(), kTestApi.begin(), kTestApi.end());
    return more;
  }
};

std::string EmulatorToken(const std::string& uid) {
  auth::MintOptions options;
  options.project_id = kTestProjectId;
  options.uid = uid;
  return TestKeys::MintUnsigned(options);
}

// A cuid-shaped id: the stem, padded with zeros to 25 characters.
std::string Cuid(const std::string& stem) {
  return "c" + stem + std::string(24 - stem.size(), '0');
}

const std::string kAthleteId = Cuid("athlete1");

json RunRow(const std::string& id, const std::string& title) {
  json run = {{"id", id},
              {"citySlug", "arlington"},
              {"runClubSlug", "dc-run-crew"},
              {"staffGeneratedId", "0b7f8e2c-0000-4000-8000-000000000000"},
              {"athleteGeneratedId", kAthleteId},
              {"createdByFirebaseId", "uid-ada"},
              {"title", title},
              {"isRecurring", true},
              {"dayOfWeek", "Wednesday"},
              {"startDate", "2026-01-28T12:00:00.000Z"},
              {"date", "2026-01-28T12:00:00.000Z"},
              {"startTimeHour", 6},
              {"meetUpPoint", "Gateway Park"},
              {"meetUpLat", 38.8977},
              {"totalMiles", 3.1},
              {"createdAt", "2026-01-20T09:00:00.000Z"},
              {"updatedAt", "2026-01-20T09:00:00.000Z"}};
  return run;
}

// Every table, with the members an export writes.
json FullDocument() {
  return {
      {"athletes",
       {{{"id", kAthleteId},
         {"firebaseId", "uid-runner"},
         {"email", "runner@gofast.test"},
         {"firstName", "Rae"},
         {"lastName", nullptr},
         {"createdAt", "2026-01-10T09:00:00.000Z"},
         {"updatedAt", "2026-01-11T09:00:00.000Z"}}}},
      {"runClubs",
       {{{"slug", "dc-run-crew"},
         {"name", "DC Run Crew"},
         {"logoUrl", "https://x.test/l.png"},
         {"city", "Washington"},
         {"syncedAt", "2026-01-10T09:00:00.000Z"},
         {"createdAt", "2026-01-10T09:00:00.000Z"},
         {"updatedAt", "2026-01-10T09:00:00.000Z"}}}},
      {"runs",
       {RunRow(Cuid("run1"), "Wednesday Sunrise 5K"), RunRow(Cuid("run2"), "Saturday Long Run")}}};
}

// The export's runs carry every column; compare what the document set.
void CheckHolds(const json& exported, const json& document) {
  REQUIRE(exported["athletes"] == document["athletes"]);
  REQUIRE(exported["runClubs"] == document["runClubs"]);
  REQUIRE(exported["runs"].size() == document["runs"].size());
  for (size_t i = 0; i < document["runs"].size(); ++i) {
    for (const auto& [key, value] : document["runs"][i].items()) {
      INFO("runs[" << i << "]." << key);
      CHECK(exported["runs"][i][key] == value);
    }
  }
}

TEST_CASE("without --test-api the /_test/ routes do not exist", "[integration]") {
  AppService app;
  CheckError(app.client().Get("/_test/export"), 404, "NOT_FOUND");
  CheckError(app.client().Send("DELETE", "/_test/data", {}), 404, "NOT_FOUND");
}

TEST_CASE("the test API is refused in production auth mode", "[integration]") {
  TempDir dir;
  const CommandResult refused =
      RunCommand(GOFAST_APP_SERVICE_BIN, ServiceArgs(dir.File("app.db"), {"--test-api"}));
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("--test-api") != std::string::npos);
}

TEST_CASE("a seed exports back as it went in, and seeding it again changes nothing",
          "[integration]") {
  TestApiApp app;
  const Reply seeded = app.Seed(FullDocument());
  REQUIRE(seeded.status == 200);
  CHECK(seeded.json["stored"] == 4);
  CHECK(seeded.json["skipped"] == 0);
  const json exported = app.Export();
  CheckHolds(exported, FullDocument());

  const std::string before = app.Snapshot();
  const Reply again = app.Seed(exported);
  REQUIRE(again.status == 200);
  CHECK(again.json["stored"] == 0);
  CHECK(again.json["skipped"] == 4);
  CHECK(app.Snapshot() == before);

  // Reset, then the export restores the same rows.
  REQUIRE(app.Reset().status == 204);
  CHECK(app.Export() ==
        json{{"athletes", json::array()}, {"runClubs", json::array()}, {"runs", json::array()}});
  REQUIRE(app.Seed(exported).status == 200);
  CHECK(app.Export() == exported);
}

TEST_CASE("a seed with one conflicting row stores none of its rows", "[integration]") {
  TestApiApp app;
  REQUIRE(app.Seed(FullDocument()).status == 200);
  const std::string before = app.Snapshot();
  json document = FullDocument();
  document["runs"].push_back(RunRow(Cuid("run3"), "A new run"));
  document["runs"][0]["title"] = "Renamed";
  const Reply conflict = app.Seed(document);
  CheckError(conflict, 409, "CONFLICT");
  CHECK(conflict.json["error"].get<std::string>().find("runs[0].title") != std::string::npos);
  CHECK(app.Snapshot() == before);

  // A new athlete holding a stored firebaseId.
  json taken = {{"athletes", {{{"id", Cuid("athlete2")}, {"firebaseId", "uid-runner"}}}}};
  const Reply held = app.Seed(taken);
  CheckError(held, 409, "CONFLICT");
  CHECK(held.json["error"].get<std::string>().find("athletes[0].firebaseId") != std::string::npos);
  CHECK(app.Snapshot() == before);
}

TEST_CASE("a seed that does not fit is 400 naming the member, and stores nothing",
          "[integration]") {
  TestApiApp app;
  const std::string before = app.Snapshot();
  const auto refused = [&](const json& document, const std::string& words) {
    INFO(document.dump());
    const Reply reply = app.Seed(document);
    CheckError(reply, 400, "VALIDATION_FAILED");
    CHECK(reply.json["error"].get<std::string>().find(words) != std::string::npos);
  };
  json nickname = FullDocument();
  nickname["runs"][1]["nickname"] = "fast";
  refused(nickname, "unknown field runs[1].nickname");
  refused({{"staff", json::array()}}, "unknown field staff");
  json wrong_type = FullDocument();
  wrong_type["runs"][0]["totalMiles"] = "3.1";
  refused(wrong_type, "runs[0].totalMiles must be a number");
  json no_title = FullDocument();
  no_title["runs"][0].erase("title");
  refused(no_title, "runs[0].title is required");
  json local_time = FullDocument();
  local_time["runs"][0]["startDate"] = "2026-01-28";
  refused(local_time, "runs[0].startDate must be a UTC time");
  json twice = FullDocument();
  twice["runs"][1]["id"] = Cuid("run1");
  refused(twice, "runs[1] repeats");
  json not_cuid = FullDocument();
  not_cuid["runs"][0]["id"] = "run-1";
  refused(not_cuid, "runs[0].id must be a cuid");
  json orphan = FullDocument();
  orphan["athletes"] = json::array();
  refused(orphan, "runs[0].athleteGeneratedId names no athlete");
  CHECK(app.Snapshot() == before);
}

TEST_CASE("a reset empties every table, idempotency keys included", "[integration]") {
  TestApiApp app;
  const std::string token = EmulatorToken("uid-ada");
  REQUIRE(app.Seed(FullDocument()).status == 200);
  const Reply created = app.client().Post("/api/runs/create", token, MinimalRun().dump(),
                                          "application/json", {{"Idempotency-Key", "k-1"}});
  REQUIRE(created.status == 200);
  REQUIRE(app.Reset().status == 204);
  CHECK(CountRows(app.db_path(), "city_runs") + CountRows(app.db_path(), "athletes") +
            CountRows(app.db_path(), "run_clubs") + CountRows(app.db_path(), "idempotency_keys") ==
        0);
  // The key is forgotten: the same request creates a new run.
  const Reply again = app.client().Post("/api/runs/create", token, MinimalRun().dump(),
                                        "application/json", {{"Idempotency-Key", "k-1"}});
  REQUIRE(again.status == 200);
  CHECK_FALSE(again.HasHeader("Idempotent-Replayed"));
  CHECK(again.json["run"]["id"] != created.json["run"]["id"]);
}

TEST_CASE("a run reset and seeded again under its id lists with its new content", "[integration]") {
  TestApiApp app;
  const std::string token = EmulatorToken("uid-ada");
  REQUIRE(app.Seed(FullDocument()).status == 200);
  const Reply first = app.client().Get("/api/runs", token);
  REQUIRE(first.status == 200);
  REQUIRE(first.json["runs"].size() == 2);
  CHECK(first.json["runs"][1]["title"] == "Wednesday Sunrise 5K");
  // Read twice: the second page comes from the kept answer text.
  REQUIRE(app.client().Get("/api/runs", token).json == first.json);

  REQUIRE(app.Reset().status == 204);
  json document = FullDocument();
  document["runs"][0]["title"] = "Renamed After The Reset";
  REQUIRE(app.Seed(document).status == 200);
  const Reply after = app.client().Get("/api/runs", token);
  REQUIRE(after.status == 200);
  REQUIRE(after.json["runs"].size() == 2);
  CHECK(after.json["runs"][1]["id"] == Cuid("run1"));
  CHECK(after.json["runs"][1]["title"] == "Renamed After The Reset");
  CHECK(app.client().Get("/api/runs/" + Cuid("run1"), token).json["run"] == after.json["runs"][1]);
}

TEST_CASE("seeded runs count for the duplicate rule", "[integration]") {
  TestApiApp app;
  REQUIRE(app.Seed(FullDocument()).status == 200);
  json body = MinimalRun();
  body["title"] = "wednesday sunrise 5k";
  body["runClub"] = {{"slug", "dc-run-crew"}, {"name", "DC Run Crew"}};
  const Reply duplicate = app.client().PostJson("/api/runs/create", EmulatorToken("uid-ada"), body);
  CHECK(duplicate.status == 409);
  CHECK(duplicate.json["existingRunId"] == Cuid("run1"));
}

TEST_CASE("a --seed file merges at start, and a conflicting one stops the start with exit 2",
          "[integration]") {
  TempDir dir;
  const std::string seed = dir.File("seed.json");
  std::ofstream(seed) << FullDocument().dump();
  const gofast::testing::TestDatabase database(dir, "app.db");
  const std::vector<std::string> args = ServiceArgs(database.url(), {"--seed", seed});
  {
    ServiceProcess process(GOFAST_APP_SERVICE_BIN, args);
    REQUIRE(process.Stop() == 0);
  }
  CHECK(CountRows(database.url(), "city_runs") == 2);
  // The same seed again at the next start: every row is skipped.
  {
    ServiceProcess process(GOFAST_APP_SERVICE_BIN, args);
    REQUIRE(process.Stop() == 0);
  }
  CHECK(CountRows(database.url(), "city_runs") == 2);

  json changed = FullDocument();
  changed["runClubs"][0]["name"] = "Another name";
  std::ofstream(seed, std::ios::trunc) << changed.dump();
  const CommandResult refused = RunCommand(GOFAST_APP_SERVICE_BIN, args);
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("runClubs[0].name") != std::string::npos);
  CHECK(CountRows(database.url(), "run_clubs") == 1);
}

TEST_CASE(
    "an --import file empties and loads at start, and --export-on-exit writes at a clean stop",
    "[integration]") {
  TempDir dir;
  const std::string import = dir.File("import.json");
  const std::string exported = dir.File("export.json");
  std::ofstream(import) << FullDocument().dump();
  {
    TestApiApp app({"--seed", import});  // rows the import must remove first
    json other = FullDocument();
    REQUIRE(app.Reset().status == 204);
    REQUIRE(app.Seed({{"runs", {RunRow(Cuid("run9"), "Gone after the import")}},
                      {"athletes", other["athletes"]}})
                .status == 200);
  }
  const TestDatabase imported(dir, "import-app.db");
  ServiceProcess process(GOFAST_APP_SERVICE_BIN,
                         ServiceArgs(imported.url(), {"--auth-mode", "emulator", "--import", import,
                                                      "--export-on-exit", exported}));
  TestClient client(Service::kApp, process.port());
  const Reply created = client.PostJson("/api/runs/create", EmulatorToken("uid-ada"), MinimalRun());
  REQUIRE(created.status == 200);
  REQUIRE(process.Stop() == 0);
  std::ifstream file(exported);
  REQUIRE(file);
  const json written = json::parse(file);
  CHECK(written["runs"].size() == 3);
  CHECK(written["athletes"] == FullDocument()["athletes"]);
}

}  // namespace
}  // namespace gofast::testing
