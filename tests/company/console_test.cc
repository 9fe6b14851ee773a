// The admin console as company_service serves it: the files, their headers and
// the options that turn it on. What the page does is tested in a real browser
// (tests/browser/).
#include "company_service/http/console.h"

#include <catch2/catch.hpp>
#include <string>

#include "tests/company/company_fixture.h"

using gofast::testing::CompanyService;
using gofast::testing::RunCommand;
using gofast::testing::ServiceArgs;
using gofast::testing::ServiceProcess;
using gofast::testing::TempDir;

namespace {

constexpr char kAppUrl[] = "http://127.0.0.1:4200";

CompanyService ConsoleService() {
  return CompanyService({"--auth-mode", "emulator", "--console", "--console-app-url", kAppUrl});
}

}  // namespace

TEST_CASE("the company service serves the console's files with a policy naming only local origins",
          "[integration]") {
  CompanyService service = ConsoleService();
  const struct {
    const char* path;
    const char* content_type;
    std::string_view body;
  } files[] = {
      {"/console.js", "text/javascript; charset=utf-8", gofast::company::ConsoleScriptText()},
      {"/console.css", "text/css; charset=utf-8", gofast::company::ConsoleStyleText()},
      {"/favicon.svg", "image/svg+xml", gofast::company::ConsoleIconText()},
      {"/favicon.ico", "image/svg+xml", gofast::company::ConsoleIconText()},
  };
  for (const auto& file : files) {
    INFO(file.path);
    const auto reply = service.client().Get(file.path);
    CHECK(reply.status == 200);
    CHECK(reply.Header("Content-Type") == file.content_type);
    CHECK(reply.body == file.body);
    CHECK(reply.Header("Content-Security-Policy") ==
          "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
          "connect-src 'self' http://127.0.0.1:4200; base-uri 'none'; form-action 'none'; "
          "frame-ancestors 'none'");
    CHECK(reply.Header("X-Content-Type-Options") == "nosniff");
  }
}

TEST_CASE("the console's page names the app, the auth mode and the project, escaped",
          "[integration]") {
  CompanyService service = ConsoleService();
  const auto page = service.client().Get("/");
  REQUIRE(page.status == 200);
  CHECK(page.Header("Content-Type") == "text/html; charset=utf-8");
  CHECK(page.body.find("data-app-url=\"http://127.0.0.1:4200\"") != std::string::npos);
  CHECK(page.body.find("data-auth-mode=\"emulator\"") != std::string::npos);
  CHECK(page.body.find(std::string("data-project-id=\"") + gofast::testing::kTestProjectId +
                       "\"") != std::string::npos);
  CHECK(page.body.find("{{") == std::string::npos);
  // Every test id the browser tests and other teams' suites rely on.
  for (const char* id :
       {"signin-name",      "signin-email",     "signin-submit",    "run-title",
        "run-club-slug",    "run-club-name",    "run-club-logo",    "run-city",
        "run-city-slug",    "run-address",      "run-start-date",   "run-start-hour",
        "run-start-minute", "run-start-period", "run-meetup-point", "run-meetup-address",
        "run-lat",          "run-lng",          "run-miles",        "run-pace",
        "run-description",  "run-recurring",    "run-day-of-week",  "run-submit",
        "staff-id",         "run-id",           "error-message",    "step-list",
        "audit-run",        "audit-run-id",     "audit-resolution"}) {
    INFO(id);
    CHECK(page.body.find(std::string("data-testid=\"") + id + "\"") != std::string::npos);
  }
}

TEST_CASE("the console's policy lets the page call a local Auth Emulator when one is configured",
          "[unit]") {
  const gofast::company::ConsoleSettings settings{"http://127.0.0.1:4200", "emulator", "p",
                                                  "127.0.0.1:9099"};
  CHECK(gofast::company::ConsoleSecurityPolicy(settings).find(
            "connect-src 'self' http://127.0.0.1:4200 http://127.0.0.1:9099;") !=
        std::string::npos);
}

TEST_CASE("without --console the company service serves no page", "[integration]") {
  CompanyService service;
  const auto page = service.client().Get("/");
  CHECK(page.status == 404);
  CHECK(page.json["code"] == "NOT_FOUND");
  CHECK(service.client().Get("/console.js").status == 404);
}

TEST_CASE("the company service refuses a console it could not serve, with exit 2",
          "[integration]") {
  TempDir dir;
  const std::vector<std::vector<std::string>> bad = {
      {"--console"},
      {"--console-app-url", kAppUrl},
      {"--console", "--console-app-url", "https://127.0.0.1:4200"},
      {"--console", "--console-app-url", "http://example.com:4200"},
      {"--console", "--console-app-url", "http://127.0.0.1:4200/app"},
      {"--console", "--console-app-url", "http://127.0.0.1.example.com"},
      {"--console", "--console-app-url", "http://127.0.0.1:"}};
  for (const auto& extra : bad) {
    INFO(extra.back());
    const auto result =
        RunCommand(GOFAST_COMPANY_SERVICE_BIN, ServiceArgs(dir.File("c.db"), extra));
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("console") != std::string::npos);
  }
  const auto remote_emulator =
      RunCommand(GOFAST_COMPANY_SERVICE_BIN,
                 ServiceArgs(dir.File("c.db"), {"--console", "--console-app-url", kAppUrl}),
                 {{"FIREBASE_AUTH_EMULATOR_HOST", "auth.example.com:9099"}});
  CHECK(remote_emulator.exit_code == 2);
  CHECK(remote_emulator.err.find("FIREBASE_AUTH_EMULATOR_HOST") != std::string::npos);
}

TEST_CASE("the console's app URL may come from COMPANY_CONSOLE_APP_URL, with a trailing slash",
          "[integration]") {
  TempDir dir;
  ServiceProcess process(GOFAST_COMPANY_SERVICE_BIN,
                         ServiceArgs(dir.File("c.db"), {"--auth-mode", "emulator", "--console"}),
                         {{"COMPANY_CONSOLE_APP_URL", "http://localhost:4300/"}});
  gofast::testing::TestClient client(gofast::testing::Service::kCompany, process.port());
  CHECK(client.Get("/").body.find("data-app-url=\"http://localhost:4300\"") != std::string::npos);
}
