// The cross-database flow against both real binaries: the dialog's client,
// filtering by staff id, and every resolution of the audit.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>

#include "shared/devkit/create_run_dialog.h"
#include "tests/support/both_services.h"
#include "tests/support/contract_client.h"
#include "tests/support/http_client.h"
#include "tests/support/process.h"
#include "tests/support/test_database.h"
#include "tests/support/test_keys.h"

namespace {

using gofast::client::CallResult;
using gofast::client::CreateRunDialog;
using gofast::client::DialogResult;
using gofast::client::JsonClient;
using gofast::testing::BothServices;
using gofast::testing::BothServicesOptions;
using gofast::testing::DialogRunFields;
using gofast::testing::ExpectDocumented;
using gofast::testing::Service;
using gofast::testing::ServiceArgs;
using gofast::testing::ServiceProcess;
using gofast::testing::SignedToken;
using gofast::testing::TempDir;
using gofast::testing::TestDatabase;
using gofast::testing::WatchRequests;
using nlohmann::json;

// Both real services (tests/support/both_services.h) and the calls the flow makes.
class Flow {
 public:
  explicit Flow(bool app_knows_company = true)
      : services_(BothServicesOptions{
            "", app_knows_company, {"--company-timeout-ms", "1000"}, "", "", {}}),
        dialog_(services_.company(), services_.app()) {}

  DialogResult Submit(const std::string& token, const std::string& title) {
    return ExpectDocumented(dialog_.Submit(token, DialogRunFields(title)));
  }
  CallResult CreateRun(const std::string& token, json body) {
    return ExpectDocumented(Service::kApp, "POST", "/api/runs/create",
                            services_.app().Post("/api/runs/create", token, body));
  }
  CallResult Audit(const std::string& token, const std::string& run_id,
                   const std::string& request_id = "") {
    const std::string path = "/api/runs/" + run_id + "/creator";
    return ExpectDocumented(Service::kApp, "GET", path,
                            services_.app().Get(path, token, request_id));
  }
  CallResult ListByStaff(const std::string& token, const std::string& staff_id) {
    const std::string path = "/api/runs?staffGeneratedId=" + staff_id;
    return ExpectDocumented(Service::kApp, "GET", path, services_.app().Get(path, token));
  }
  void StopCompany() { services_.StopCompany(); }
  std::string company_db() const { return services_.company_db(); }
  std::string app_db() const { return services_.app_db(); }
  ServiceProcess& company() { return services_.company_process(); }
  ServiceProcess& app() { return services_.app_process(); }

 private:
  BothServices services_;
  CreateRunDialog dialog_;
};

std::string Titles(const CallResult& listed) {
  std::string titles;
  for (const auto& run : listed.body["runs"]) titles += run["title"].get<std::string>() + ";";
  return titles;
}

}  // namespace

TEST_CASE(
    "two admins create runs, each filter finds only its admin's runs, and the audit names each",
    "[e2e]") {
  Flow services;
  const std::string ada = SignedToken("ada-uid", "ada@gofast.test", true, "Ada Admin");
  const std::string bob = SignedToken("bob-uid", "bob@gofast.test", true, "Bob Builder");

  const DialogResult ada_first = services.Submit(ada, "Ada one");
  REQUIRE(ada_first.ok());
  const DialogResult ada_second = services.Submit(ada, "Ada two");
  REQUIRE(ada_second.ok());
  const DialogResult bob_run = services.Submit(bob, "Bob one");
  REQUIRE(bob_run.ok());
  CHECK(ada_first.staff_id == ada_second.staff_id);
  CHECK(ada_first.staff_id != bob_run.staff_id);
  CHECK(ada_first.run["staffGeneratedId"] == ada_first.staff_id);

  const CallResult ada_runs = services.ListByStaff(bob, ada_first.staff_id);
  REQUIRE(ada_runs.status == 200);
  CHECK(Titles(ada_runs) == "Ada two;Ada one;");  // newest first
  const CallResult bob_runs = services.ListByStaff(ada, bob_run.staff_id);
  CHECK(Titles(bob_runs) == "Bob one;");

  const CallResult ada_audit = services.Audit(bob, ada_first.run["id"].get<std::string>());
  REQUIRE(ada_audit.status == 200);
  CHECK(ada_audit.body["resolution"] == "found");
  CHECK(ada_audit.body["staff"]["name"] == "Ada Admin");
  CHECK(ada_audit.body["companyStatus"] == 200);
  const CallResult bob_audit = services.Audit(ada, bob_run.run["id"].get<std::string>());
  CHECK(bob_audit.body["resolution"] == "found");
  CHECK(bob_audit.body["staff"]["name"] == "Bob Builder");
  CHECK(bob_audit.body["run"]["id"] == bob_run.run["id"]);

  // Nothing stopped the company from deleting Bob: his runs now hold a dangling reference.
  REQUIRE(gofast::testing::DeleteRowById(services.company_db(), "company_staff",
                                         bob_run.staff_id) == 1);
  const CallResult dangling = services.Audit(ada, bob_run.run["id"].get<std::string>());
  REQUIRE(dangling.status == 200);
  CHECK(dangling.body["resolution"] == "not_found");
  CHECK(dangling.body["companyStatus"] == 404);
  CHECK(dangling.body["staff"].is_null());
  CHECK(services.ListByStaff(ada, bob_run.staff_id).body["runs"].size() ==
        1);  // the run itself stays
}

TEST_CASE("the audit flags a run whose staff id belongs to another account", "[e2e]") {
  Flow services;
  const std::string ada = SignedToken("ada-uid", "ada@gofast.test", true, "Ada Admin");
  const std::string bob = SignedToken("bob-uid", "bob@gofast.test", true, "Bob Builder");
  const DialogResult ada_run = services.Submit(ada, "Ada's run");
  REQUIRE(ada_run.ok());
  REQUIRE(services.Submit(bob, "Bob's run").ok());
  // Bob sends Ada's staff id by hand: the app stores it, as designed, but records who sent it.
  json forged = DialogRunFields("Forged");
  forged["staffGeneratedId"] = ada_run.staff_id;
  const CallResult created = services.CreateRun(bob, forged);
  REQUIRE(created.status == 200);
  const CallResult audit = services.Audit(ada, created.body["run"]["id"].get<std::string>());
  CHECK(audit.body["resolution"] == "mismatch");
  CHECK(audit.body["staff"]["firebaseId"] == "ada-uid");
  CHECK(audit.body["run"]["createdByFirebaseId"] == "bob-uid");
}

TEST_CASE("the audit of a staff id that exists nowhere answers not_found", "[e2e]") {
  Flow services;
  const std::string ada = SignedToken("ada-uid", "ada@gofast.test", true, "Ada Admin");
  REQUIRE(services.Submit(ada, "Real").ok());
  json unknown = DialogRunFields("Unknown staff");
  unknown["staffGeneratedId"] = "00000000-0000-4000-8000-00000000dead";
  const CallResult created = services.CreateRun(ada, unknown);
  REQUIRE(created.status == 200);
  const CallResult audit = services.Audit(ada, created.body["run"]["id"].get<std::string>());
  CHECK(audit.body["resolution"] == "not_found");
  CHECK(audit.body["companyStatus"] == 404);
}

TEST_CASE("the audit answers company_denied when the caller is not company staff", "[e2e]") {
  Flow services;
  const std::string ada = SignedToken("ada-uid", "ada@gofast.test", true, "Ada Admin");
  const DialogResult ada_run = services.Submit(ada, "Ada's run");
  REQUIRE(ada_run.ok());
  const std::string athlete = SignedToken("athlete-uid", "runner@gofast.test", true, "Rita Runner");
  const CallResult audit = services.Audit(athlete, ada_run.run["id"].get<std::string>());
  REQUIRE(audit.status == 200);
  CHECK(audit.body["resolution"] == "company_denied");
  CHECK(audit.body["companyStatus"] == 403);
  CHECK(audit.body["staff"].is_null());
}

TEST_CASE("the audit answers company_unavailable when the company service is down", "[e2e]") {
  Flow services;
  const std::string ada = SignedToken("ada-uid", "ada@gofast.test", true, "Ada Admin");
  const DialogResult ada_run = services.Submit(ada, "Ada's run");
  REQUIRE(ada_run.ok());
  services.StopCompany();
  const CallResult audit = services.Audit(ada, ada_run.run["id"].get<std::string>());
  REQUIRE(audit.status == 200);
  CHECK(audit.body["resolution"] == "company_unavailable");
  CHECK(audit.body["companyStatus"].is_null());
  CHECK(audit.body["run"]["id"] == ada_run.run["id"]);
}

TEST_CASE("the audit gives up on a company service that never answers, after --company-timeout-ms",
          "[e2e]") {
  // A listener that accepts connections (the kernel does) but never answers.
  const int silent = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(bind(silent, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  REQUIRE(listen(silent, 16) == 0);
  socklen_t length = sizeof address;
  REQUIRE(getsockname(silent, reinterpret_cast<sockaddr*>(&address), &length) == 0);
  const std::string silent_url = "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port));

  TempDir dir;
  const TestDatabase database(dir, "app.db");
  ServiceProcess app(
      GOFAST_APP_SERVICE_BIN,
      ServiceArgs(database.url(), {"--company-url", silent_url, "--company-timeout-ms", "300"}));
  JsonClient client(app.base_url(), std::chrono::seconds(10));
  WatchRequests(client, Service::kApp);
  const std::string ada = SignedToken("ada-uid", "ada@gofast.test", true, "Ada Admin");
  json run = DialogRunFields("Ada's run");
  run["staffGeneratedId"] = "00000000-0000-4000-8000-000000000001";
  const CallResult created = ExpectDocumented(Service::kApp, "POST", "/api/runs/create",
                                              client.Post("/api/runs/create", ada, run));
  REQUIRE(created.status == 200);
  const auto started = std::chrono::steady_clock::now();
  const std::string audit_path =
      "/api/runs/" + created.body["run"]["id"].get<std::string>() + "/creator";
  const CallResult audit =
      ExpectDocumented(Service::kApp, "GET", audit_path, client.Get(audit_path, ada));
  const auto waited = std::chrono::steady_clock::now() - started;
  close(silent);
  REQUIRE(audit.status == 200);
  CHECK(audit.body["resolution"] == "company_unavailable");
  CHECK(audit.body["companyStatus"].is_null());
  // The configured 300 ms, not the 2 s default: the option reaches the call.
  CHECK(waited < std::chrono::milliseconds(1900));
}

TEST_CASE("the audit answers company_unavailable when the app has no company URL", "[e2e]") {
  Flow services(/*app_knows_company=*/false);
  const std::string ada = SignedToken("ada-uid", "ada@gofast.test", true, "Ada Admin");
  const DialogResult ada_run = services.Submit(ada, "Ada's run");
  REQUIRE(ada_run.ok());
  const CallResult audit = services.Audit(ada, ada_run.run["id"].get<std::string>());
  CHECK(audit.body["resolution"] == "company_unavailable");
}

TEST_CASE("the audit of an athlete's run answers athlete without calling the company", "[e2e]") {
  Flow services;
  const std::string rita = SignedToken("rita-uid", "rita@gofast.test", true, "Rita Runner");
  JsonClient app(services.app().base_url(), std::chrono::seconds(5));
  WatchRequests(app, Service::kApp);
  const CallResult athlete =
      ExpectDocumented(Service::kApp, "POST", "/api/athlete/create",
                       app.Post("/api/athlete/create", rita, json::object()));
  REQUIRE(athlete.status == 201);
  json run = DialogRunFields("Rita's run");
  run["athleteGeneratedId"] = athlete.body["athlete"]["id"];
  const CallResult created = ExpectDocumented(Service::kApp, "POST", "/api/runs/create",
                                              app.Post("/api/runs/create", rita, run));
  REQUIRE(created.status == 200);
  services.StopCompany();  // proves no call is needed
  const CallResult audit = services.Audit(rita, created.body["run"]["id"].get<std::string>());
  CHECK(audit.body["resolution"] == "athlete");
  CHECK(audit.body["staff"].is_null());
  CHECK(audit.body["companyStatus"].is_null());
}

TEST_CASE("the audit forwards the caller's request id to the company service", "[e2e]") {
  Flow services;
  const std::string ada = SignedToken("ada-uid", "ada@gofast.test", true, "Ada Admin");
  const DialogResult ada_run = services.Submit(ada, "Ada's run");
  REQUIRE(ada_run.ok());
  const CallResult audit =
      services.Audit(ada, ada_run.run["id"].get<std::string>(), "audit-trace-42");
  REQUIRE(audit.body["resolution"] == "found");
  services.company().Stop();
  CHECK(services.company().Log().find(" audit-trace-42 GET /api/staff/" + ada_run.staff_id +
                                      " 200 ") != std::string::npos);
}

TEST_CASE("the audit of an unknown run is 404 Run not found", "[e2e]") {
  Flow services;
  const std::string ada = SignedToken("ada-uid", "ada@gofast.test", true, "Ada Admin");
  const CallResult audit = services.Audit(ada, "cnotarealrun0000000000000");
  CHECK(audit.status == 404);
  CHECK(audit.body["error"] == "Run not found");
  CHECK(services.Audit("", "cnotarealrun0000000000000").status == 401);
}

TEST_CASE("the dialog names the app step when the run is refused after the staff step succeeded",
          "[e2e]") {
  Flow services;
  const std::string ada = SignedToken("ada-uid", "ada@gofast.test", true, "Ada Admin");
  JsonClient company(services.company().base_url(), std::chrono::seconds(5));
  JsonClient app(services.app().base_url(), std::chrono::seconds(5));
  // The company request is watched; the app request breaks the contract on
  // purpose (no title), so only its answer is checked.
  WatchRequests(company, Service::kCompany);
  CreateRunDialog dialog(company, app);
  json no_title = DialogRunFields("x");
  no_title.erase("title");
  const DialogResult result = ExpectDocumented(dialog.Submit(ada, no_title));
  CHECK_FALSE(result.ok());
  CHECK(result.failed_step == gofast::client::kRunStep);
  CHECK(result.staff_call.status == 201);
  CHECK_FALSE(result.staff_id.empty());
  CHECK(result.run_call.status == 400);
  CHECK(result.run_call.body["error"] == "title is required");
}

TEST_CASE("the dialog names the staff step when the company service refuses or is down", "[e2e]") {
  Flow services;
  JsonClient company(services.company().base_url(), std::chrono::seconds(5));
  JsonClient app(services.app().base_url(), std::chrono::seconds(5));
  WatchRequests(company, Service::kCompany);
  WatchRequests(app, Service::kApp);
  CreateRunDialog dialog(company, app);
  const DialogResult no_email =
      ExpectDocumented(dialog.Submit(SignedToken("no-email-uid"), DialogRunFields("x")));
  CHECK(no_email.failed_step == gofast::client::kStaffStep);
  CHECK(no_email.staff_call.status == 403);
  CHECK(no_email.run_call.status == 0);  // never sent
  services.StopCompany();
  const DialogResult down =
      dialog.Submit(SignedToken("ada-uid", "ada@gofast.test"), DialogRunFields("x"));
  CHECK(down.failed_step == gofast::client::kStaffStep);
  CHECK_FALSE(down.staff_call.answered());
  CHECK(gofast::testing::CountRows(services.app_db(), "city_runs") == 0);
}

TEST_CASE("a staff id the audit forwards cannot forge a line in either log", "[e2e]") {
  Flow services;
  const std::string ada = SignedToken("ada-uid", "ada@gofast.test", true, "Ada Admin");
  REQUIRE(services.Submit(ada, "Real").ok());
  const std::string forged_line = "2026-01-01T00:00:00.000Z forged GET /admin 200 0ms";
  json run = DialogRunFields("Forged staff id");
  run["staffGeneratedId"] = "x\r\n" + forged_line + "\x1b[2J";
  const CallResult created = services.CreateRun(ada, run);
  REQUIRE(created.status == 200);
  const CallResult audit = services.Audit(ada, created.body["run"]["id"].get<std::string>());
  CHECK(audit.body["resolution"] == "not_found");
  services.company().Stop();
  services.app().Stop();
  for (const std::string& log : {services.company().Log(), services.app().Log()}) {
    INFO(log);
    CHECK(log.find("\n" + forged_line) == std::string::npos);
    CHECK(log.find('\x1b') == std::string::npos);
  }
  // The app sends the id percent-encoded, and both logs show it as sent.
  const std::string sent =
      "/api/staff/x%0D%0A2026-01-01T00%3A00%3A00.000Z%20forged%20GET%20%2Fadmin"
      "%20200%200ms%1B%5B2J";
  CHECK(services.company().Log().find(" GET " + sent + " 404 NOT_FOUND ") != std::string::npos);
  CHECK(services.app().Log().find(sent + " 404 ") != std::string::npos);
}
