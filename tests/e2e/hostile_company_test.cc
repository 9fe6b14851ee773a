// The real app_service audited against a company that misbehaves: an answer
// nested 100,000 levels deep, an answer of 10 MB, an answer trickled a byte
// at a time, and many audits waiting on it at once. Each audit answers
// company_unavailable with its reason, and the app keeps serving. The
// company here is a small server of the test's own: the real company
// service never answers like this.
#include <httplib.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/http_client.h"
#include "tests/support/process.h"
#include "tests/support/test_database.h"
#include "tests/support/test_keys.h"

namespace gofast::testing {
namespace {

using Catch::Matchers::Contains;

constexpr int kDeepLevels = 100000;
constexpr size_t kHugeBytes = size_t{10} << 20;

// A company that answers GET /api/staff/{deep,huge,slow} with hostile bodies.
class HostileCompany {
 public:
  HostileCompany() {
    server_.Get("/api/staff/deep", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(R"({"success":true,"staff":)" + std::string(kDeepLevels, '[') +
                          std::string(kDeepLevels, ']') + "}",
                      "application/json");
    });
    server_.Get("/api/staff/huge", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(
          R"({"success":true,"staff":{"firstName":")" + std::string(kHugeBytes, 'x') + R"("}})",
          "application/json");
    });
    // One byte every 100 ms for up to 20 s: each read waits far less than
    // any timeout, the whole answer far more.
    server_.Get("/api/staff/slow", [this](const httplib::Request&, httplib::Response& res) {
      res.set_chunked_content_provider("application/json", [this](size_t, httplib::DataSink& sink) {
        for (int i = 0; i < 200 && !stopping_ && sink.is_writable(); ++i) {
          if (!sink.write(" ", 1)) return false;
          std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        return false;
      });
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ~HostileCompany() {
    stopping_ = true;
    server_.stop();
    thread_.join();
  }
  HostileCompany(const HostileCompany&) = delete;
  HostileCompany& operator=(const HostileCompany&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  httplib::Server server_;
  std::atomic<bool> stopping_{false};
  int port_ = 0;
  std::thread thread_;
};

// The app, wired to the hostile company, with one run per hostile staff id.
class AppAgainstHostileCompany {
 public:
  explicit AppAgainstHostileCompany(const std::vector<std::string>& more)
      : app_(GOFAST_APP_SERVICE_BIN, ServiceArgs(database_.url(), WithCompany(more))),
        client_(Service::kApp, app_.port()) {}

  // Creates a run whose staffGeneratedId is `staff_id`; answers its id.
  std::string RunBy(const std::string& staff_id) {
    const Reply created = client_.PostJson("/api/runs/create", token_,
                                           {{"staffGeneratedId", staff_id},
                                            {"title", "Run by " + staff_id},
                                            {"citySlug", "arlington"},
                                            {"startDate", "2026-01-28"},
                                            {"meetUpPoint", "Gateway Park"}});
    REQUIRE(created.status == 200);
    return created.json["run"]["id"].get<std::string>();
  }
  Reply Audit(const std::string& run_id) {
    return client_.Get("/api/runs/" + run_id + "/creator", token_);
  }
  TestClient& client() { return client_; }
  int port() const { return app_.port(); }

 private:
  std::vector<std::string> WithCompany(std::vector<std::string> more) const {
    more.insert(more.begin(), {"--company-url", company_.url()});
    return more;
  }

  HostileCompany company_;
  TempDir dir_;
  TestDatabase database_{dir_, "app.db"};
  ServiceProcess app_;
  TestClient client_;
  const std::string token_ = SignedToken("uid-auditor", "auditor@gofast.test");
};

void CheckUnavailable(const Reply& audit, const std::string& reason) {
  REQUIRE(audit.status == 200);
  CHECK(audit.json["resolution"] == "company_unavailable");
  CHECK(audit.json["staff"].is_null());
  CHECK_THAT(audit.json.value("reason", ""), Contains(reason));
}

}  // namespace

TEST_CASE("a company answer nested 100,000 levels deep is refused, not recursed into", "[e2e]") {
  AppAgainstHostileCompany app({});
  CheckUnavailable(app.Audit(app.RunBy("deep")), "nests objects and arrays too deeply");
  CHECK(app.client().Get("/healthz").status == 200);
}

TEST_CASE("a company answer over --company-max-answer-bytes is not read", "[e2e]") {
  AppAgainstHostileCompany app({});
  CheckUnavailable(app.Audit(app.RunBy("huge")), "larger than 1048576 bytes");
  CHECK(app.client().Get("/healthz").status == 200);
}

TEST_CASE("the audit's whole call is bounded by --company-timeout-ms, not each read", "[e2e]") {
  AppAgainstHostileCompany app({"--company-timeout-ms", "1000"});
  CheckUnavailable(app.Audit(app.RunBy("slow")), "timed out after 1000 ms");
}

TEST_CASE("audits beyond --company-max-concurrent answer at once and the app keeps serving",
          "[e2e]") {
  AppAgainstHostileCompany app({"--company-timeout-ms", "3000", "--company-max-concurrent", "4"});
  const std::string run_id = app.RunBy("slow");
  constexpr int kAudits = 64;
  std::atomic<int> refused_at_once{0};
  std::atomic<int> timed_out{0};
  std::vector<std::thread> auditors;
  for (int i = 0; i < kAudits; ++i) {
    auditors.emplace_back([&] {
      TestClient client(Service::kApp, app.port());
      const Reply audit = client.Get("/api/runs/" + run_id + "/creator",
                                     SignedToken("uid-auditor", "auditor@gofast.test"));
      const std::string reason = audit.json.value("reason", "");
      if (reason.find("--company-max-concurrent") != std::string::npos) ++refused_at_once;
      if (reason.find("timed out after 3000 ms") != std::string::npos) ++timed_out;
    });
  }
  // While the first four wait on the company, the rest of the app answers.
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  CHECK(app.client().Get("/healthz").status == 200);
  CHECK(app.client().Get("/api/runs/" + run_id, SignedToken("uid-auditor")).status == 200);
  for (std::thread& auditor : auditors) auditor.join();
  CHECK(refused_at_once + timed_out == kAudits);
  CHECK(timed_out <= 4);
  CHECK(refused_at_once >= kAudits - 4);
}

}  // namespace gofast::testing
