// What the services tell whoever reads their logs and scrapes their metrics:
// the access log (text and JSON lines), the audit's outbound line joined to
// the company's by one request id, and GET /metrics in the Prometheus text
// format, checked by promtool where it is installed.
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "shared/devkit/create_run_dialog.h"
#include "tests/support/both_services.h"
#include "tests/support/http_client.h"
#include "tests/support/process.h"
#include "tests/support/test_database.h"
#include "tests/support/test_keys.h"

namespace {

using gofast::client::CreateRunDialog;
using gofast::client::DialogResult;
using gofast::testing::BothServices;
using gofast::testing::BothServicesOptions;
using gofast::testing::DialogRunFields;
using gofast::testing::LogOnceItHolds;
using gofast::testing::OnPostgres;
using gofast::testing::Reply;
using gofast::testing::RunCommand;
using gofast::testing::Service;
using gofast::testing::SignedToken;
using gofast::testing::TempDir;
using gofast::testing::TestClient;
using nlohmann::json;

constexpr char kPromtool[] = "/usr/bin/promtool";

// Every line of a JSON-lines log, each required to be one JSON object.
std::vector<json> JsonLines(const std::string& log) {
  std::vector<json> lines;
  size_t at = 0;
  while (at < log.size()) {
    const size_t end = log.find('\n', at);
    const std::string line = log.substr(at, end - at);
    at = end == std::string::npos ? log.size() : end + 1;
    INFO(line);
    const json object = json::parse(line, nullptr, false);
    REQUIRE(object.is_object());
    CHECK(object["time"].is_string());
    CHECK(object["level"].is_string());
    CHECK(object["event"].is_string());
    lines.push_back(object);
  }
  return lines;
}

// The one line of `lines` whose event and request id are these.
json LineOf(const std::vector<json>& lines, const std::string& event,
            const std::string& request_id) {
  std::vector<json> found;
  for (const json& line : lines) {
    if (line["event"] == event && line.value("requestId", "") == request_id) found.push_back(line);
  }
  REQUIRE(found.size() == 1);
  return found[0];
}

std::string Metrics(const std::string& base_url) {
  httplib::Client client(base_url);
  const httplib::Result answer = client.Get("/metrics");
  REQUIRE(answer);
  CHECK(answer->status == 200);
  CHECK(answer->get_header_value("Content-Type") == "text/plain; version=0.0.4; charset=utf-8");
  return answer->body;
}

// The value of the sample written exactly as `series` ("name{labels}"), or -1.
double SampleValue(const std::string& metrics, const std::string& series) {
  const size_t at = metrics.find("\n" + series + " ");
  if (at == std::string::npos) return -1;
  return std::stod(metrics.substr(at + series.size() + 2));
}

// GET /metrics once `series` has reached `value`, for at most 5 s: a request is
// counted after its answer is written, so the client may read the answer first.
std::string MetricsOnceCounted(const std::string& base_url, const std::string& series,
                               double value) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  std::string metrics = Metrics(base_url);
  while (SampleValue(metrics, series) < value && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    metrics = Metrics(base_url);
  }
  return metrics;
}

}  // namespace

TEST_CASE("one request id joins the audit's lines in both services' JSON logs", "[e2e][log]") {
  BothServicesOptions options;
  options.app_args = {"--log-format", "json"};
  options.company_args = {"--log-format", "json"};
  BothServices services(options);
  CreateRunDialog dialog(services.company(), services.app());
  const std::string token = SignedToken("ada-uid", "ada@gofast.test", true, "Ada Admin");
  const DialogResult made = dialog.Submit(token, DialogRunFields("Joined by one id"));
  REQUIRE(made.ok());
  const std::string run_id = made.run["id"];
  TestClient app(Service::kApp, services.app_url());
  const Reply audit =
      app.Get("/api/runs/" + run_id + "/creator", token, {{"X-Request-Id", "join-me-1"}});
  REQUIRE(audit.json["resolution"] == "found");

  const std::string request_line = R"("event":"request","requestId":"join-me-1")";
  const std::vector<json> app_log = JsonLines(LogOnceItHolds(services.app_process(), request_line));
  const std::vector<json> company_log =
      JsonLines(LogOnceItHolds(services.company_process(), request_line));

  const json inbound = LineOf(app_log, "request", "join-me-1");
  CHECK(inbound["method"] == "GET");
  CHECK(inbound["target"] == "/api/runs/" + run_id + "/creator");
  CHECK(inbound["status"] == 200);
  CHECK(inbound["durationMs"].is_number_float());
  CHECK(inbound["bytes"] == audit.body.size());
  const json outbound = LineOf(app_log, "outbound", "join-me-1");
  CHECK(outbound["url"] == services.company_url() + "/api/staff/" + made.staff_id);
  CHECK(outbound["status"] == 200);
  CHECK(outbound["durationMs"].is_number_float());
  const json at_company = LineOf(company_log, "request", "join-me-1");
  CHECK(at_company["target"] == "/api/staff/" + made.staff_id);
  CHECK(at_company["status"] == 200);

  for (const auto& [log, service] :
       {std::pair{&app_log, "app_service"}, std::pair{&company_log, "company_service"}}) {
    const json start = log->front();
    CHECK(start["event"] == "start");
    CHECK(start["service"] == service);
    CHECK(start["testApi"] == "off");
  }
  CHECK(app_log.front()["url"] == services.app_url());
}

TEST_CASE("the access log writes the query without secrets, the error code, time and bytes",
          "[e2e][log]") {
  BothServices services;
  TestClient app(Service::kApp, services.app_url());
  const std::string jwt = SignedToken("ada-uid", "ada@gofast.test");
  const Reply refused =
      app.Get("/api/runs?staffGeneratedId=s-1&token=hunter2", "", {{"X-Request-Id", "log-q-1"}});
  REQUIRE(refused.status == 401);
  const Reply missing =
      app.Get("/api/runs/" + jwt + "/creator", jwt, {{"X-Request-Id", "log-q-2"}});
  REQUIRE(missing.status == 404);

  const std::string log = LogOnceItHolds(services.app_process(), "log-q-2 ");
  INFO(log);
  const std::regex refused_line(
      R"(Z log-q-1 GET /api/runs\?staffGeneratedId=s-1&token=\[redacted\] 401 NO_TOKEN )"
      R"(\d+\.\d{3}ms )" +
      std::to_string(refused.body.size()) + "B\n");
  CHECK(std::regex_search(log, refused_line));
  CHECK_THAT(log, Catch::Contains("log-q-2 GET /api/runs/[redacted]/creator 404 NOT_FOUND "));
  CHECK_THAT(log, !Catch::Contains("hunter2"));
  CHECK_THAT(log, !Catch::Contains(jwt.substr(0, 20)));
}

TEST_CASE("the audit's outbound line says why the company did not answer", "[e2e][log]") {
  BothServices services;
  CreateRunDialog dialog(services.company(), services.app());
  const std::string token = SignedToken("ada-uid", "ada@gofast.test", true, "Ada Admin");
  const DialogResult made = dialog.Submit(token, DialogRunFields("Company gone"));
  REQUIRE(made.ok());
  const std::string company_url = services.company_url();
  services.StopCompany();
  const auto audit = services.app().Get(
      "/api/runs/" + made.run["id"].get<std::string>() + "/creator", token, "gone-1");
  REQUIRE(audit.body["resolution"] == "company_unavailable");
  const std::string log = LogOnceItHolds(services.app_process(), "gone-1 GET");
  INFO(log);
  const std::regex outbound_line("Z gone-1 outbound GET " + company_url + "/api/staff/" +
                                 made.staff_id + R"( error="connection refused" \d+\.\d{3}ms\n)");
  CHECK(std::regex_search(log, outbound_line));
}

TEST_CASE("GET /metrics counts requests by route template and the parts' own events",
          "[e2e][metrics]") {
  BothServices services;
  CreateRunDialog dialog(services.company(), services.app());
  const std::string token = SignedToken("ada-uid", "ada@gofast.test", true, "Ada Admin");
  const DialogResult made = dialog.Submit(token, DialogRunFields("Counted"));
  REQUIRE(made.ok());
  const std::string run_id = made.run["id"];
  for (int i = 0; i < 2; ++i) services.app().Get("/api/runs/" + run_id + "/creator", token);
  services.app().Get("/api/runs/ck0000000000000000000none", token);
  for (int i = 0; i < 2; ++i) services.app().Get("/api/runs", token);
  // Not through the client that checks requests against the contract: no route has this path.
  httplib::Client(services.app_url()).Get("/no/such/path/ck0000000000000000000none");

  // The last request's count, which comes after its answer; the ones before it
  // were counted before their connections took another request.
  const std::string app = MetricsOnceCounted(
      services.app_url(),
      R"(gofast_http_requests_total{route="unmatched",method="GET",status="404"})", 1);
  INFO(app);
  CHECK(SampleValue(app, R"(gofast_http_requests_total{route="/api/runs/{id}/creator",)"
                         R"(method="GET",status="200"})") == 2);
  CHECK(SampleValue(app, R"(gofast_http_requests_total{route="/api/runs/create",)"
                         R"(method="POST",status="200"})") == 1);
  CHECK(SampleValue(app, R"(gofast_http_requests_total{route="/api/runs/{id}",)"
                         R"(method="GET",status="404"})") == 1);
  CHECK(SampleValue(app, R"(gofast_http_requests_total{route="unmatched",)"
                         R"(method="GET",status="404"})") == 1);
  CHECK_THAT(app, !Catch::Contains("ck0000000000000000000none"));
  CHECK_THAT(app, !Catch::Contains(run_id));
  CHECK(SampleValue(
            app, R"(gofast_http_request_duration_seconds_count{route="/api/runs/{id}/creator"})") ==
        2);
  CHECK(SampleValue(app, "gofast_http_requests_in_flight") == 1);  // this scrape
  CHECK(SampleValue(app, R"(gofast_company_calls_total{outcome="found"})") == 2);
  CHECK(SampleValue(app, R"(gofast_company_calls_total{outcome="no_answer"})") == 0);
  // Only the SQLite store commits runs in groups (-1: no such sample); on PostgreSQL each run is
  // its own transaction.
  CHECK(SampleValue(app, "gofast_group_commit_batch_size_count") == (OnPostgres() ? -1 : 1));
  // One run leaves the WAL far below the checkpoint's threshold; the family is there on SQLite.
  CHECK(SampleValue(app, "gofast_database_checkpoints_total") == (OnPostgres() ? -1 : 0));
  // The list read its one run's row once, then wrote it from the kept text.
  CHECK(SampleValue(app, R"(gofast_run_cache_lookups_total{result="miss"})") == 1);
  CHECK(SampleValue(app, R"(gofast_run_cache_lookups_total{result="hit"})") == 1);
  CHECK(SampleValue(app, "gofast_run_cache_bytes") > 0);
  CHECK(SampleValue(app, "gofast_token_cache_misses_total") == 1);  // one token, checked once
  CHECK(SampleValue(app, "gofast_token_cache_hits_total") == 5);
  CHECK(SampleValue(app, "gofast_database_errors_total") == 0);
  CHECK_THAT(app, Catch::Contains("gofast_build_info{service=\"app_service\","));

  const std::string company = MetricsOnceCounted(
      services.company_url(),
      R"(gofast_http_requests_total{route="/api/staff/{id}",method="GET",status="200"})", 2);
  INFO(company);
  // The dialog's find-or-create, and the audit's two lookups under their template.
  CHECK(SampleValue(company, R"(gofast_http_requests_total{route="/api/staff/find-or-create",)"
                             R"(method="POST",status="201"})") == 1);
  CHECK(SampleValue(company, R"(gofast_http_requests_total{route="/api/staff/{id}",)"
                             R"(method="GET",status="200"})") == 2);
  CHECK_THAT(company, !Catch::Contains("gofast_company_calls_total"));
}

TEST_CASE("promtool finds both services' /metrics valid", "[e2e][metrics]") {
  if (!std::filesystem::exists(kPromtool)) {
    std::cout << "SKIPPED: promtool not found (scripts/setup installs Debian's prometheus)\n";
    return;
  }
  BothServices services;
  CreateRunDialog dialog(services.company(), services.app());
  const std::string token = SignedToken("ada-uid", "ada@gofast.test", true, "Ada Admin");
  REQUIRE(dialog.Submit(token, DialogRunFields("Scraped")).ok());
  TempDir dir;
  for (const std::string& url : {services.company_url(), services.app_url()}) {
    const std::string path = dir.File("metrics.txt");
    std::ofstream(path) << Metrics(url);
    const auto checked =
        RunCommand("/bin/sh", {"-c", std::string(kPromtool) + " check metrics < " + path});
    INFO(url << "\n" << checked.out << checked.err);
    CHECK(checked.exit_code == 0);
  }
}
