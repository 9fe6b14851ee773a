// The contract between the two services (shared/contracts/openapi.json):
// the document itself, the January 2026 dialog fixtures, and a conversation
// with each service that reaches every documented status it can reach from
// outside. Every answer goes through TestClient, which validates it.
//
// GOFAST_COMPANY_URL / GOFAST_APP_URL point these tests at another build of
// a service instead of starting ours (see shared/contracts/README.md).
#include "tests/support/contract.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <utility>

#include "shared/core/ids.h"
#include "shared/core/text.h"
#include "shared/devkit/create_run_dialog.h"
#include "tests/support/both_services.h"
#include "tests/support/contract_client.h"
#include "tests/support/http_client.h"
#include "tests/support/process.h"
#include "tests/support/test_keys.h"

namespace gofast::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr char kOrigin[] = "http://admin.gofast.test:3000";

std::string Env(const char* name, const std::string& fallback = "") {
  const char* value = std::getenv(name);
  return value == nullptr || *value == '\0' ? fallback : std::string(value);
}

// Emulator-form tokens: another team can start its build with
// --auth-mode emulator and this project id, and needs none of our keys.
std::string ProjectId() { return Env("GOFAST_CONTRACT_PROJECT_ID", "demo-gofast"); }

std::string Token(const std::string& uid, const std::string& email = "",
                  const std::string& name = "", int64_t lifetime = 3600) {
  auth::MintOptions options;
  options.project_id = ProjectId();
  options.uid = uid;
  if (!email.empty()) options.email = email;
  options.email_verified = true;
  if (!name.empty()) options.name = name;
  options.lifetime_seconds = lifetime;
  return TestKeys::MintUnsigned(options);
}

// Unique per run: an external service keeps its database between runs.
std::string Unique(const std::string& prefix) { return prefix + "-" + NewUuidV4().substr(0, 8); }

struct Fixture {
  std::string name;
  json body;
};

std::vector<Fixture> Fixtures() {
  std::vector<Fixture> fixtures;
  for (const auto& entry :
       fs::directory_iterator(fs::path(GOFAST_SOURCE_DIR) / "shared/contracts/fixtures")) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path());
    fixtures.push_back({entry.path().filename().string(), json::parse(in)});
  }
  std::sort(fixtures.begin(), fixtures.end(),
            [](const Fixture& a, const Fixture& b) { return a.name < b.name; });
  return fixtures;
}

// The services under test: ours, started here, unless a URL names another build.
BothServicesOptions Targets() {
  return BothServicesOptions{
      ProjectId(),           true, {"--cors-origin", kOrigin}, Env("GOFAST_COMPANY_URL"),
      Env("GOFAST_APP_URL"), {}};
}

using NamedExamples = std::vector<std::pair<std::string, json>>;

// A media type's examples: `example` named "", or each of `examples` by its name.
NamedExamples ExamplesOf(const json& media) {
  NamedExamples examples;
  if (media.contains("example")) examples.emplace_back("", media["example"]);
  const json by_name = media.value("examples", json::object());
  for (const auto& [name, example] : by_name.items())
    examples.emplace_back(name, example.at("value"));
  return examples;
}

// A media type of the document (of a request body or an answer), with its examples.
struct MediaType {
  json::json_pointer pointer;
  NamedExamples examples;
};

void CollectMediaTypes(const json& node, const json::json_pointer& at,
                       std::vector<MediaType>& found) {
  if (!node.is_object()) return;
  const bool is_content = !at.empty() && at.back() == "content";
  for (const auto& [key, value] : node.items()) {
    if (is_content && value.is_object() && value.contains("schema")) {
      found.push_back({at / key, ExamplesOf(value)});
    } else {
      CollectMediaTypes(value, at / key, found);
    }
  }
}

std::vector<MediaType> MediaTypes(const json& document) {
  std::vector<MediaType> found;
  CollectMediaTypes(document, json::json_pointer(), found);
  return found;
}

// Every example of `contract` that does not fit the schema beside it.
std::vector<std::string> ExampleViolations(const Contract& contract) {
  std::vector<std::string> violations;
  for (const MediaType& media : MediaTypes(contract.document())) {
    for (const auto& [name, example] : media.examples) {
      for (const std::string& violation :
           contract.CheckSchemaAt((media.pointer / "schema").to_string(), example))
        violations.push_back(name.empty() ? violation : "example " + name + ": " + violation);
    }
  }
  return violations;
}

// The document tags each operation with the services that serve it.
bool Serves(Service service, const json& operation) {
  const json tags = operation.value("tags", json::array());
  return std::find(tags.begin(), tags.end(), ServiceName(service)) != tags.end();
}

// The services a request example of `operation` goes to: `example` to every
// service that serves it, each of `examples` to the one it is named after.
std::vector<Service> ExampleTargets(const json& operation, const std::string& example_name) {
  std::vector<Service> targets;
  for (const Service service : {Service::kCompany, Service::kApp}) {
    if (Serves(service, operation) &&
        (example_name.empty() || example_name == ServiceName(service)))
      targets.push_back(service);
  }
  return targets;
}

}  // namespace

TEST_CASE("the contract document compiles, and every response object refuses undocumented fields",
          "[contract]") {
  const Contract& contract = Contract::Shared();
  const json& document = contract.document();
  CHECK(document["openapi"] == "3.1.0");
  REQUIRE(document["servers"].size() == 2);
  std::set<std::string> operation_ids;
  for (const auto& [path, item] : document["paths"].items()) {
    INFO(path);
    CHECK(item.contains("servers"));
    for (const auto& [method, operation] : item.items()) {
      if (method == "servers" || method == "parameters") continue;
      INFO(method);
      CHECK(operation_ids.insert(operation["operationId"].get<std::string>()).second);
      CHECK_FALSE(operation["tags"].empty());
      const Service service = operation["tags"][0] == "company" ? Service::kCompany : Service::kApp;
      const std::string upper = ToUpperAscii(method);
      for (const auto& [status, response] : operation["responses"].items()) {
        INFO(status);
        // A text answer (GET /metrics) has no JSON schema to compile.
        if (response.contains("content") && !response["content"].contains("application/json"))
          continue;
        // Checking any body compiles the status's schema: it must not throw.
        CHECK_NOTHROW(
            contract.CheckResponse(service, upper, path, std::stoi(status), "{}", nullptr));
      }
    }
  }
  for (const auto& [name, schema] : document["components"]["schemas"].items()) {
    INFO(name);
    CHECK_NOTHROW(contract.CheckSchema(name, json::object()));
    const bool is_request = name.size() > 7 && name.compare(name.size() - 7, 7, "Request") == 0;
    if (!is_request && schema.value("type", json()) == "object")
      CHECK(schema["additionalProperties"] == false);
  }
}

TEST_CASE(
    "the validator catches an undocumented field, a missing field, a wrong type and an "
    "undocumented status",
    "[contract]") {
  const Contract& contract = Contract::Shared();
  const json staff = {{"id", "4f1c2d3e-8a9b-4c0d-9e1f-2a3b4c5d6e7f"},
                      {"firebaseId", "ada-uid"},
                      {"email", "ada@gofast.test"},
                      {"firstName", "Ada"},
                      {"lastName", "Admin"},
                      {"name", "Ada Admin"},
                      {"photoURL", nullptr},
                      {"role", "Founder"},
                      {"companyId", "cmhpqe7kl0000nw1uvcfhf2hs"},
                      {"startDate", nullptr},
                      {"createdAt", "2026-01-24T12:00:00.000Z"},
                      {"updatedAt", "2026-01-24T12:00:00.000Z"}};
  const json answer = {{"success", true}, {"staff", staff}};
  CHECK(contract.CheckResponseJson(Service::kCompany, "GET", "/api/staff/x", 200, answer).empty());

  json extra = answer;
  extra["staff"]["password"] = "x";
  CHECK_FALSE(
      contract.CheckResponseJson(Service::kCompany, "GET", "/api/staff/x", 200, extra).empty());
  json missing = answer;
  missing["staff"].erase("role");
  CHECK_FALSE(
      contract.CheckResponseJson(Service::kCompany, "GET", "/api/staff/x", 200, missing).empty());
  json wrong_type = answer;
  wrong_type["staff"]["createdAt"] = 1769256000;
  CHECK_FALSE(contract.CheckResponseJson(Service::kCompany, "GET", "/api/staff/x", 200, wrong_type)
                  .empty());
  CHECK_FALSE(
      contract.CheckResponseJson(Service::kCompany, "GET", "/api/staff/x", 418, answer).empty());
  // The app service answers no staff route at all.
  CHECK_FALSE(
      contract.CheckResponseJson(Service::kApp, "GET", "/api/staff/x", 200, answer).empty());

  // 401: shouldRefresh goes with TOKEN_EXPIRED, and only with it.
  const json expired = {
      {"success", false}, {"error", "expired"}, {"code", "TOKEN_EXPIRED"}, {"shouldRefresh", true}};
  CHECK(contract.CheckResponseJson(Service::kApp, "GET", "/api/runs", 401, expired).empty());
  json no_refresh = expired;
  no_refresh.erase("shouldRefresh");
  CHECK_FALSE(
      contract.CheckResponseJson(Service::kApp, "GET", "/api/runs", 401, no_refresh).empty());
  json no_token = expired;
  no_token["code"] = "NO_TOKEN";
  CHECK_FALSE(contract.CheckResponseJson(Service::kApp, "GET", "/api/runs", 401, no_token).empty());
  // A 405 names the allowed methods.
  const std::string not_allowed = R"({"success":false,"error":"no","code":"METHOD_NOT_ALLOWED"})";
  const httplib::Headers without_allow = {{"X-Request-Id", "r1"}};
  CHECK_FALSE(
      contract
          .CheckResponse(Service::kApp, "GET", "/api/runs/create", 405, not_allowed, &without_allow)
          .empty());
  const httplib::Headers with_allow = {{"X-Request-Id", "r1"}, {"Allow", "POST"}};
  CHECK(contract
            .CheckResponse(Service::kApp, "GET", "/api/runs/create", 405, not_allowed, &with_allow)
            .empty());
}

TEST_CASE("every January 2026 dialog fixture is valid under the contract", "[contract]") {
  const std::vector<Fixture> fixtures = Fixtures();
  REQUIRE(fixtures.size() >= 3);
  for (const Fixture& fixture : fixtures) {
    INFO(fixture.name);
    const std::vector<std::string> violations =
        Contract::Shared().CheckRequest(Service::kApp, "POST", "/api/runs/create", fixture.body);
    for (const std::string& violation : violations) FAIL_CHECK(violation);
  }
}

TEST_CASE("the app service accepts every January 2026 dialog fixture with 200", "[contract]") {
  BothServices targets(Targets());
  TestClient app(Service::kApp, targets.app_url());
  const std::string token = Token(Unique("dialog-admin"), "admin@gofast.test", "Dialog Admin");
  for (const Fixture& fixture : Fixtures()) {
    INFO(fixture.name << " at " << targets.app_url());
    // A title of its own, so a service that already holds this fixture's run
    // (a long-lived GOFAST_APP_URL) does not answer 409 DUPLICATE_RUN.
    json body = fixture.body;
    body["title"] = Unique(body["title"].get<std::string>());
    const Reply reply = app.PostJson("/api/runs/create", token, body);
    INFO(reply.body);
    CHECK(reply.status == 200);
    if (reply.status != 200) continue;
    const json& run = reply.json["run"];
    CHECK(run["staffGeneratedId"] == fixture.body["staffGeneratedId"]);
    CHECK(run["title"] == body["title"]);
    // The strings the dialog sent come back as the numbers they stand for.
    CHECK(run["startTimeHour"] == std::stoi(fixture.body["startTimeHour"].get<std::string>()));
    CHECK(run["meetUpLat"].get<double>() ==
          Approx(std::stod(fixture.body["meetUpLat"].get<std::string>())));
    CHECK(run["runClubSlug"] == fixture.body["runClub"]["slug"]);
  }
}

TEST_CASE(
    "a contract tightened to a numeric startTimeHour or meetUpLat rejects the January 2026 "
    "fixtures",
    "[contract]") {
  json document = Contract::LoadDocument();
  json& properties =
      document["components"]["schemas"]["CreateRunRequest"]["allOf"][0]["properties"];
  REQUIRE(properties.contains("startTimeHour"));
  SECTION("startTimeHour as an integer only") {
    properties["startTimeHour"] = {
        {"type", json::array({"integer", "null"})}, {"minimum", 1}, {"maximum", 12}};
    const Contract tightened(document);
    for (const Fixture& fixture : Fixtures()) {
      INFO(fixture.name);
      const std::vector<std::string> violations =
          tightened.CheckRequest(Service::kApp, "POST", "/api/runs/create", fixture.body);
      REQUIRE(violations.size() == 1);
      CHECK(violations[0].find("/startTimeHour") != std::string::npos);
    }
  }
  SECTION("meetUpLat as a number only") {
    properties["meetUpLat"] = {{"type", json::array({"number", "null"})}};
    const Contract tightened(document);
    for (const Fixture& fixture : Fixtures()) {
      INFO(fixture.name);
      CHECK_FALSE(
          tightened.CheckRequest(Service::kApp, "POST", "/api/runs/create", fixture.body).empty());
    }
  }
  SECTION("a required field the dialog never sent") {
    document["components"]["schemas"]["CreateRunRequest"]["allOf"][0]["required"].push_back(
        "runClubSlug");
    const Contract tightened(document);
    for (const Fixture& fixture : Fixtures()) {
      INFO(fixture.name);
      CHECK_FALSE(
          tightened.CheckRequest(Service::kApp, "POST", "/api/runs/create", fixture.body).empty());
    }
  }
}

TEST_CASE("the company service answers every reachable status as documented", "[contract]") {
  BothServices targets(Targets());
  TestClient company(Service::kCompany, targets.company_url());
  const std::string founder_email = Unique("founder") + "@gofast.test";
  const std::string founder = Token(Unique("founder"), founder_email, "Fay Founder");

  CHECK(company.Get("/healthz").json["service"] == "company_service");
  CHECK(company.Get("/readyz").status == 200);
  CHECK(company.Get("/version").json["service"] == "company_service");
  const Reply created = company.Post("/api/staff/find-or-create", founder, "{}");
  REQUIRE(created.status == 201);
  CHECK(company.Post("/api/staff/find-or-create", founder, "").status == 200);
  const std::string staff_id = created.json["staff"]["id"];
  if (created.json["staff"]["role"] != "Founder") {
    WARN("the company service's default role is not Founder: the invitation statuses are skipped");
    return;
  }
  CHECK(company.Get("/api/staff/" + staff_id, founder).status == 200);
  CHECK(company.Get("/api/staff/00000000-0000-4000-8000-000000000000", founder).status == 404);
  const Reply page = company.Get("/api/staff?limit=1", founder);
  CHECK(page.status == 200);
  if (page.json["nextCursor"].is_string()) {
    CHECK(
        company
            .Get("/api/staff?limit=1&cursor=" + page.json["nextCursor"].get<std::string>(), founder)
            .status == 200);
  }
  CHECK(company.Get("/api/staff?limit=0", founder).status == 400);

  const std::string sales_email = Unique("sales") + "@gofast.test";
  CHECK(company.PostJson("/api/staff/invite", founder, {{"email", sales_email}, {"role", "Sales"}})
            .status == 201);
  CHECK(company.PostJson("/api/staff/invite", founder, {{"email", sales_email}, {"role", "Sales"}})
            .status == 409);
  CHECK(company.PostJson("/api/staff/invite", founder, {{"email", "x@y.test"}, {"role", "CEO"}})
            .status == 400);
  // The invited person signs in (linked), and is not a Founder.
  const std::string sales = Token(Unique("sales"), sales_email, "Sam Sales");
  const Reply linked = company.Post("/api/staff/find-or-create", sales, "{}");
  CHECK(linked.status == 200);
  CHECK(linked.json["linked"] == true);
  CHECK(company
            .PostJson("/api/staff/invite", sales,
                      {{"email", Unique("m") + "@gofast.test"}, {"role", "Sales"}})
            .status == 403);

  const std::string stranger = Token(Unique("stranger"), Unique("stranger") + "@gofast.test");
  CHECK(company.Get("/api/staff/" + staff_id, stranger).status == 403);
  CHECK(company.Post("/api/staff/find-or-create", Token(Unique("no-email")), "{}").status == 403);
  CHECK(company.Get("/api/staff/" + staff_id).status == 401);
  CHECK(company.Get("/api/staff/" + staff_id, "not-a-token").status == 401);
  CHECK(company.Get("/api/staff/" + staff_id, Token(Unique("late"), "late@gofast.test", "", -3600))
            .status == 401);
  CHECK(company.Post("/api/staff/invite", founder, "email=a@b.test", "text/plain").status == 415);
  CHECK(company.Post("/api/staff/invite", founder, "{oops").status == 400);
  CHECK(company.Post("/api/staff/invite", founder, std::string(1 << 20, ' ')).status == 413);
  CHECK(company.Get("/api/staff/find-or-create", founder).status == 405);
  CHECK(company.Send("OPTIONS", "/api/staff", {}).status == 405);
  CHECK(company.Get("/api/nothing-here", founder).status == 404);
}

TEST_CASE("the app service answers every reachable status as documented", "[contract]") {
  BothServices targets(Targets());
  TestClient app(Service::kApp, targets.app_url());
  TestClient company(Service::kCompany, targets.company_url());
  const std::string uid = Unique("ada");
  const std::string ada = Token(uid, uid + "@gofast.test", "Ada Admin");

  CHECK(app.Get("/healthz").json["service"] == "app_service");
  CHECK(app.Get("/readyz").status == 200);
  CHECK(app.Get("/version").json["service"] == "app_service");
  const Reply staff = company.Post("/api/staff/find-or-create", ada, "");
  REQUIRE((staff.status == 200 || staff.status == 201));
  json body = Fixtures().front().body;
  body["staffGeneratedId"] = staff.json["staff"]["id"];
  const Reply run = app.PostJson("/api/runs/create", ada, body);
  REQUIRE(run.status == 200);
  const std::string run_id = run.json["run"]["id"];

  CHECK(app.Get("/api/runs/" + run_id, ada).status == 200);
  CHECK(app.Get("/api/runs/cnotarealrun0000000000000", ada).status == 404);
  const Reply audit = app.Get("/api/runs/" + run_id + "/creator", ada);
  CHECK(audit.status == 200);
  if (targets.started_app()) CHECK(audit.json["resolution"] == "found");
  CHECK(app.Get("/api/runs/cnotarealrun0000000000000/creator", ada).status == 404);
  const Reply page = app.Get(
      "/api/runs?limit=1&staffGeneratedId=" + body["staffGeneratedId"].get<std::string>(), ada);
  CHECK(page.status == 200);
  CHECK(app.Get("/api/runs?cursor=nonsense", ada).status == 400);

  const Reply athlete = app.Post("/api/athlete/create", ada, "");
  CHECK(athlete.status == 201);
  CHECK(app.Post("/api/athlete/create", ada, "{}").status == 200);
  json by_athlete = Fixtures().front().body;
  by_athlete.erase("staffGeneratedId");
  by_athlete["athleteGeneratedId"] = "cnotanathlete000000000000";
  CHECK(app.PostJson("/api/runs/create", ada, by_athlete).status == 404);

  json bad_date = body;
  bad_date["startDate"] = "28/01/2026";
  const Reply invalid = app.PostJson("/api/runs/create", ada, bad_date);
  CHECK(invalid.status == 400);
  CHECK(invalid.json["details"]["field"] == "startDate");
  CHECK(app.Post("/api/runs/create", ada, "{oops").status == 400);
  CHECK(app.Post("/api/runs/create", ada, "title=x", "text/plain").status == 415);
  CHECK(app.Post("/api/runs/create", ada, std::string(1 << 20, ' ')).status == 413);
  CHECK(app.Get("/api/runs").status == 401);
  const Reply expired = app.Get("/api/runs", Token(uid, "", "", -3600));
  CHECK(expired.status == 401);
  CHECK(expired.json["shouldRefresh"] == true);
  CHECK(app.Get("/api/runs/create", ada).status == 405);
  CHECK(app.Get("/api/nothing-here", ada).status == 404);
  if (targets.started_app()) {  // started with --cors-origin
    const Reply preflight = app.Send("OPTIONS", "/api/runs/create", {{"Origin", kOrigin}});
    CHECK(preflight.status == 204);
    CHECK(preflight.Header("Access-Control-Allow-Origin") == kOrigin);
  }
}

TEST_CASE("every request body and every answer in the contract has an example that fits its schema",
          "[contract]") {
  const std::vector<MediaType> media_types = MediaTypes(Contract::Shared().document());
  REQUIRE(media_types.size() > 20);
  for (const MediaType& media : media_types) {
    INFO(media.pointer.to_string());
    CHECK_FALSE(media.examples.empty());
  }
  for (const std::string& violation : ExampleViolations(Contract::Shared())) FAIL_CHECK(violation);
}

TEST_CASE("an example that does not fit its schema is caught", "[contract]") {
  json document = Contract::LoadDocument();
  json& staff = document.at(
      "/paths/~1api~1staff~1{id}/get/responses/200/content/application~1json/example/staff"_json_pointer);
  SECTION("a cuid where the staff id is a UUID") { staff["id"] = "cmhpqe7kl0000nw1uvcfhf2hs"; }
  SECTION("a role the enum does not list") { staff["role"] = "CEO"; }
  SECTION("a date without milliseconds") { staff["createdAt"] = "2026-01-24T12:00:00Z"; }
  const Contract broken(document);
  const std::vector<std::string> violations = ExampleViolations(broken);
  REQUIRE(violations.size() == 1);
  INFO(violations[0]);
  CHECK(violations[0].find("/paths/~1api~1staff~1{id}/get/responses/200") != std::string::npos);
}

TEST_CASE("each service serves its own part of the contract at GET /openapi.json", "[contract]") {
  TempDir dir;
  for (const auto& [service, binary] : {std::pair{Service::kCompany, GOFAST_COMPANY_SERVICE_BIN},
                                        std::pair{Service::kApp, GOFAST_APP_SERVICE_BIN}}) {
    INFO(ServiceName(service));
    for (const bool test_api : {false, true}) {
      INFO("test API " << (test_api ? "on" : "off"));
      std::vector<std::string> more;
      if (test_api) more.push_back("--test-api");
      const ServiceProcess process(
          binary, EmulatorServiceArgs(dir.File(std::string(ServiceName(service)) +
                                               (test_api ? "-test-api.db" : ".db")),
                                      ProjectId(), more));
      TestClient client(service, process.base_url());
      const Reply reply = client.Get("/openapi.json");
      REQUIRE(reply.status == 200);
      CHECK(reply.Header("Content-Type").rfind("application/json", 0) == 0);
      CHECK(reply.json.value("servers", json()) == json::array({{{"url", process.base_url()}}}));

      std::set<std::string> expected;
      for (const auto& [path, item] : Contract::Shared().document()["paths"].items()) {
        for (const auto& [method, operation] : item.items()) {
          // A CORS preflight is documented beside each path's operations, never alone.
          if (method == "servers" || method == "parameters" || method == "options") continue;
          if (!test_api && operation.value("x-gofast-test-api", false)) continue;
          if (operation.value("x-gofast-console", false)) continue;  // started without --console
          if (operation.value("x-gofast-staff-replica", false)) continue;  // in reference mode
          if (Serves(service, operation)) expected.insert(path);
        }
      }
      std::set<std::string> served;
      for (const auto& [path, unused] : reply.json.at("paths").items()) served.insert(path);
      CHECK(served == expected);
      CHECK(served.count("/openapi.json") == 1);
    }
  }
}

TEST_CASE("the services accept every request example of the contract, answering as documented",
          "[contract]") {
  TempDir dir;
  const ServiceProcess company(
      GOFAST_COMPANY_SERVICE_BIN,
      EmulatorServiceArgs(dir.File("company.db"), ProjectId(), {"--test-api"}));
  const ServiceProcess app(GOFAST_APP_SERVICE_BIN,
                           EmulatorServiceArgs(dir.File("app.db"), ProjectId(), {"--test-api"}));
  TestClient company_client(Service::kCompany, company.base_url());
  TestClient app_client(Service::kApp, app.base_url());
  const std::string uid = Unique("founder");
  const std::string token = Token(uid, uid + "@gofast.test", "Fay Founder");
  // The invitation example needs a Founder caller: open sign-up makes the first one.
  const Reply founder = company_client.Post("/api/staff/find-or-create", token, "");
  REQUIRE(founder.status == 201);
  REQUIRE(founder.json["staff"]["role"] == "Founder");

  size_t sent = 0;
  for (const auto& [path, item] : Contract::Shared().document()["paths"].items()) {
    for (const auto& [method, operation] : item.items()) {
      const json::json_pointer media_pointer("/requestBody/content/application~1json");
      if (!operation.is_object() || !operation.contains(media_pointer)) continue;
      for (const auto& [name, example] : ExamplesOf(operation.at(media_pointer))) {
        const std::vector<Service> targets = ExampleTargets(operation, name);
        INFO(ToUpperAscii(method) << " " << path << (name.empty() ? "" : " example " + name));
        CHECK_FALSE(targets.empty());
        for (const Service service : targets) {
          TestClient& client = service == Service::kCompany ? company_client : app_client;
          // TestClient validates the answer against the schema of its status.
          // A path's {id} is the Founder's own row, which every example may change.
          std::string target = path;
          if (const size_t id = target.find("{id}"); id != std::string::npos) {
            target.replace(id, 4, founder.json["staff"]["id"].get<std::string>());
          }
          const Reply reply = client.Send(
              ToUpperAscii(method), target,
              {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}},
              example.dump());
          INFO(ServiceName(service) << " answered " << reply.status << " " << reply.body);
          CHECK((reply.status >= 200 && reply.status < 300));
          ++sent;
        }
      }
    }
  }
  CHECK(sent >= 6);
}

TEST_CASE("the dialog's requests and the answers it reads are the documented ones", "[contract]") {
  BothServices targets(Targets());
  client::CreateRunDialog dialog(targets.company(), targets.app());
  const std::string uid = Unique("dialog");
  const std::string token = Token(uid, uid + "@gofast.test", "Dee Dialog");

  json form = client::SampleRunForm(Unique("Contract run"));
  const client::DialogResult result = ExpectDocumented(dialog.Submit(token, form));
  INFO(result.staff_call.Summary() << " / " << result.run_call.Summary());
  CHECK(result.ok());
  for (const Fixture& fixture : Fixtures()) {
    json fields = fixture.body;
    fields.erase("staffGeneratedId");  // the dialog fills it in from the staff step
    fields["title"] = Unique(fields["title"].get<std::string>());
    INFO(fixture.name);
    CHECK(ExpectDocumented(dialog.Submit(token, fields)).ok());
  }

  // A misspelt field is caught before it is sent (the service would ignore it).
  json misspelt = client::SampleRunForm("Typo");
  misspelt["meetupPoint"] = misspelt["meetUpPoint"];
  misspelt["staffGeneratedId"] = result.staff_id;
  const std::vector<std::string> violations =
      Contract::Shared().CheckRequest(Service::kApp, "POST", client::kCreateRunPath, misspelt);
  REQUIRE(violations.size() == 1);
  CHECK(violations[0].find("meetupPoint") != std::string::npos);
}

}  // namespace gofast::testing
