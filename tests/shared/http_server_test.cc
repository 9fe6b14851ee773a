// The HTTP server layer of shared/http, in process: a gofast::http::Server
// bound to 127.0.0.1 port 0 and served on a thread for the length of a test.
#include <httplib.h>
#include <sys/socket.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "shared/core/build_info.h"
#include "shared/devkit/token_minting.h"
#include "shared/http/server.h"
#include "shared/http/service_main.h"
#include "tests/shared/token_test_support.h"
#include "tests/support/process.h"
#include "tests/support/raw_http.h"
#include "tests/support/test_keys.h"

namespace gofast::testing {
namespace {

using Catch::Matchers::Contains;
using nlohmann::json;

constexpr char kOrigin[] = "http://localhost:5173";
constexpr size_t kBodyLimit = 1024;

// Owns a Server running on its own thread; stops and joins it when destroyed.
class RunningServer {
 public:
  RunningServer(http::ServerOptions options, const std::function<void(http::Server&)>& add_routes)
      : server_(std::make_unique<http::Server>(std::move(options))) {
    add_routes(*server_);
    const Result<int> port = server_->Bind("127.0.0.1", 0);
    REQUIRE(port.ok());
    port_ = port.value();
    REQUIRE(port_ > 0);
    thread_ = std::thread([this] { server_->Run(); });
    // Stop() is only heard once the accept loop runs: wait for a first answer.
    httplib::Client probe("127.0.0.1", port_);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!probe.Get("/healthz") && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  ~RunningServer() { Stop(); }
  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;

  void Stop() {
    if (thread_.joinable()) {
      server_->Stop();
      thread_.join();
    }
  }

  int port() const { return port_; }
  httplib::Client Client() const {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(10);
    return client;
  }

 private:
  std::unique_ptr<http::Server> server_;
  int port_ = 0;
  std::thread thread_;
};

int RawStatus(const std::string& answer) {
  const std::vector<RawAnswer> answers = SplitAnswers(answer);
  return answers.empty() ? -1 : answers.front().status;
}

json RawBody(const std::string& answer) {
  const std::vector<RawAnswer> answers = SplitAnswers(answer);
  return answers.empty() ? json(nullptr) : answers.front().json;
}

json BodyOf(const httplib::Result& res) {
  REQUIRE(res);
  return json::parse(res->body, nullptr, false);
}

// The error envelope of the contract, with the given status and code.
void CheckEnvelope(const httplib::Result& res, int status, const std::string& code) {
  REQUIRE(res);
  INFO(res->body);
  CHECK(res->status == status);
  CHECK(res->get_header_value("Content-Type") == "application/json; charset=utf-8");
  const json body = json::parse(res->body, nullptr, false);
  REQUIRE(body.is_object());
  CHECK(body.value("success", true) == false);
  CHECK(body.value("code", "") == code);
  CHECK_FALSE(body.value("error", "").empty());
}

http::ServerOptions Options(const std::string& cors_origin = "") {
  http::ServerOptions options;
  options.service = "test_service";
  options.limits.max_body_bytes = kBodyLimit;
  options.access_log = false;
  options.cors_origin = cors_origin;
  return options;
}

// The routes most tests use, counting the calls of their handlers.
struct Routes {
  std::atomic<int> calls{0};
  // Built in place: a TokenVerifier (with its cache's mutex) cannot be moved.
  const auth::TokenVerifier verifier = MakeVerifier(auth::AuthMode::kProduction);

  void AddTo(http::Server& server) {
    // The parameter route first: the literal must still win.
    server.Route("GET", "/api/runs/:id",
                 [this](const http::Request& request, httplib::Response& res) {
                   ++calls;
                   http::WriteJson(res, 200, {{"success", true}, {"id", request.params.at(0)}});
                 });
    server.Route(
        "POST", "/api/runs/create", [this](const http::Request& request, httplib::Response& res) {
          ++calls;
          const Result<json> body = http::ParseJsonObject(request, /*allow_empty=*/true);
          if (!body) return http::WriteError(res, body.error());
          http::WriteJson(
              res, 200,
              {{"success", true}, {"received", body.value()}, {"bytes", request.body.size()}});
        });
    server.Route("POST", "/api/strict",
                 [this](const http::Request& request, httplib::Response& res) {
                   ++calls;
                   const Result<json> body = http::ParseJsonObject(request, /*allow_empty=*/false);
                   if (!body) return http::WriteError(res, body.error());
                   http::WriteJson(res, 200, {{"success", true}, {"received", body.value()}});
                 });
    server.Route(
        "GET", "/api/request-id", [](const http::Request& request, httplib::Response& res) {
          http::WriteJson(res, 200, {{"success", true}, {"requestId", request.request_id}});
        });
    server.Route("GET", "/boom", [](const http::Request&, httplib::Response&) {
      throw std::runtime_error("secret-detail-xyz");
    });
    server.Route("GET", "/api/me", [this](const http::Request& request, httplib::Response& res) {
      const Result<Caller> token = http::Authenticate(verifier, request);
      if (!token) return http::WriteError(res, token.error());
      http::WriteJson(res, 200, {{"success", true}, {"uid", token->uid}});
    });
  }
};

struct Fixture {
  explicit Fixture(const std::string& cors_origin = "")
      : server(Options(cors_origin), [this](http::Server& s) { routes.AddTo(s); }) {}
  Routes routes;
  RunningServer server;
};

}  // namespace

// --- routing ---------------------------------------------------------------------------

TEST_CASE("GET /healthz answers ok without auth", "[unit][http]") {
  Fixture f;
  const httplib::Result res = f.server.Client().Get("/healthz");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(res->get_header_value("Content-Type") == "application/json; charset=utf-8");
  CHECK(BodyOf(res) == json{{"success", true}, {"status", "ok"}, {"service", "test_service"}});
}

TEST_CASE("GET /version names the service and what it was built from, without auth",
          "[unit][http]") {
  Fixture f;
  const httplib::Result res = f.server.Client().Get("/version");
  REQUIRE(res);
  CHECK(res->status == 200);
  const json body = BodyOf(res);
  const BuildInfo& build = GetBuildInfo();
  CHECK(body == json{{"success", true},
                     {"service", "test_service"},
                     {"version", std::string(build.version)},
                     {"commit", std::string(build.commit)},
                     {"buildType", std::string(build.build_type)}});
  CHECK(build.version == GOFAST_VERSION);
  CHECK_FALSE(build.commit.empty());
  CHECK(build.commit.find_first_of(" \"\n") == std::string_view::npos);
  CHECK_FALSE(build.build_type.empty());
}

TEST_CASE(
    "the start line names the service, version, URL, auth mode, project, database and test API",
    "[unit][http]") {
  config::CommonConfig config;
  config.service = "app_service";
  config.host = "127.0.0.1";
  config.project_id = "demo-gofast";
  config.db_path = "data/app.db";
  config.auth_mode = auth::AuthMode::kEmulator;
  const std::string commit(GetBuildInfo().commit);
  // The line after its time.
  const auto start_line = [&config](int port) {
    const std::string line = http::StartLine(config, port).Line();
    return line.substr(line.find(' ') + 1);
  };
  CHECK(start_line(4200) ==
        "app_service " GOFAST_VERSION
        " listening on http://127.0.0.1:4200 auth=emulator project=demo-gofast db=data/app.db "
        "testApi=off commit=" +
            commit);
  SECTION("production mode and the test API are named so") {
    config.auth_mode = auth::AuthMode::kProduction;
    config.test_api = true;
    CHECK_THAT(start_line(1), Contains(" auth=production "));
    CHECK_THAT(start_line(1), Contains(" testApi=on "));
  }
  SECTION("a value with a space, a quote, a backslash or '=' is quoted, so one word is one value") {
    config.db_path = "/tmp/my data/a\\\"b=c.db";
    config.project_id = "";
    CHECK_THAT(start_line(1), Contains(R"( project="" db="/tmp/my data/a\\\"b=c.db" testApi=off)"));
  }
}

TEST_CASE("an unknown path answers a 404 NOT_FOUND envelope", "[unit][http]") {
  Fixture f;
  httplib::Client client = f.server.Client();
  CheckEnvelope(client.Get("/nope"), 404, "NOT_FOUND");
  CheckEnvelope(client.Post("/nope", "{}", "application/json"), 404, "NOT_FOUND");
  CheckEnvelope(client.Get("/healthz/extra"), 404, "NOT_FOUND");
  CheckEnvelope(client.Get("/api/runs/"), 404, "NOT_FOUND");  // a parameter is never empty
}

TEST_CASE("a wrong method on a known path answers 405 with an Allow header", "[unit][http]") {
  Fixture f;
  httplib::Client client = f.server.Client();
  const httplib::Result post_health = client.Post("/healthz", "{}", "application/json");
  CheckEnvelope(post_health, 405, "METHOD_NOT_ALLOWED");
  CHECK(post_health->get_header_value("Allow") == "GET");
  const httplib::Result get_create = client.Get("/api/strict");
  CheckEnvelope(get_create, 405, "METHOD_NOT_ALLOWED");
  CHECK(get_create->get_header_value("Allow") == "POST");
  const httplib::Result delete_run = client.Delete("/api/runs/abc");
  CheckEnvelope(delete_run, 405, "METHOD_NOT_ALLOWED");
  CHECK(delete_run->get_header_value("Allow") == "GET");
  CHECK(f.routes.calls == 0);
}

TEST_CASE("a literal route beats a parameter route", "[unit][http]") {
  Fixture f;
  httplib::Client client = f.server.Client();
  const httplib::Result get_create = client.Get("/api/runs/create");
  CheckEnvelope(get_create, 405, "METHOD_NOT_ALLOWED");
  CHECK(get_create->get_header_value("Allow") == "POST");
  CHECK(f.routes.calls == 0);  // not taken for a run id

  const httplib::Result get_run = client.Get("/api/runs/run-42");
  REQUIRE(get_run);
  CHECK(get_run->status == 200);
  CHECK(BodyOf(get_run).value("id", "") == "run-42");
}

TEST_CASE("a literal route beats a parameter route registered after it", "[unit][http]") {
  std::atomic<int> param_calls{0};
  RunningServer server(Options(), [&param_calls](http::Server& s) {
    s.Route("POST", "/api/items/new", [](const http::Request&, httplib::Response& res) {
      http::WriteJson(res, 201, {{"success", true}});
    });
    s.Route("GET", "/api/items/:id", [&param_calls](const http::Request&, httplib::Response& res) {
      ++param_calls;
      http::WriteJson(res, 200, {{"success", true}});
    });
  });
  httplib::Client client = server.Client();
  CheckEnvelope(client.Get("/api/items/new"), 405, "METHOD_NOT_ALLOWED");
  CHECK(param_calls == 0);
  const httplib::Result item = client.Get("/api/items/7");
  REQUIRE(item);
  CHECK(item->status == 200);
  CHECK(param_calls == 1);
}

TEST_CASE("a path known to several methods lists them all in Allow", "[unit][http]") {
  RunningServer server(Options(), [](http::Server& s) {
    const http::Handler ok = [](const http::Request&, httplib::Response& res) {
      http::WriteJson(res, 200, {{"success", true}});
    };
    s.Route("GET", "/api/thing", ok);
    s.Route("POST", "/api/thing", ok);
  });
  const httplib::Result res = server.Client().Delete("/api/thing");
  CheckEnvelope(res, 405, "METHOD_NOT_ALLOWED");
  const std::string allow = res->get_header_value("Allow");
  CHECK_THAT(allow, Contains("GET"));
  CHECK_THAT(allow, Contains("POST"));
}

// --- bodies -----------------------------------------------------------------------------

TEST_CASE("a body whose Content-Length is above the limit answers 413 without reaching the handler",
          "[unit][http]") {
  Fixture f;
  const std::string body = "{\"a\":\"" + std::string(kBodyLimit * 2, 'x') + "\"}";
  CheckEnvelope(f.server.Client().Post("/api/runs/create", body, "application/json"), 413,
                "PAYLOAD_TOO_LARGE");
  CheckEnvelope(f.server.Client().Post("/api/strict", body, "application/json"), 413,
                "PAYLOAD_TOO_LARGE");
  CHECK(f.routes.calls == 0);
}

TEST_CASE("a body of exactly the limit is accepted", "[unit][http]") {
  Fixture f;
  const std::string prefix = "{\"a\":\"";
  const std::string body = prefix + std::string(kBodyLimit - prefix.size() - 2, 'x') + "\"}";
  REQUIRE(body.size() == kBodyLimit);
  const httplib::Result res = f.server.Client().Post("/api/runs/create", body, "application/json");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(BodyOf(res).value("bytes", 0) == kBodyLimit);
}

TEST_CASE("a chunked body above the limit answers 413 without reaching the handler",
          "[unit][http]") {
  Fixture f;
  // One chunk, small enough that the server has read the whole request when it
  // answers: a server closing on unread bytes resets the connection, and the
  // client would lose the answer.
  const std::string body = "{\"a\":\"" + std::string(kBodyLimit + 200, 'x') + "\"}";
  const httplib::Result res = f.server.Client().Post(
      "/api/runs/create",
      [&body](size_t, httplib::DataSink& sink) {
        sink.write(body.data(), body.size());
        sink.done();
        return true;
      },
      "application/json");
  CheckEnvelope(res, 413, "PAYLOAD_TOO_LARGE");
  CHECK(f.routes.calls == 0);
}

TEST_CASE("a chunked body within the limit reaches the handler whole", "[unit][http]") {
  Fixture f;
  int step = 0;
  const httplib::Result res = f.server.Client().Post(
      "/api/runs/create",
      [&](size_t, httplib::DataSink& sink) {
        static const char* const kPieces[] = {"{\"name\":", "\"Paris", " 10k\",", "\"n\":", "3}"};
        if (step < 5) {
          sink.write(kPieces[step], std::strlen(kPieces[step]));
          ++step;
        } else {
          sink.done();
        }
        return true;
      },
      "application/json");
  REQUIRE(res);
  INFO(res->body);
  CHECK(res->status == 200);
  CHECK(BodyOf(res).at("received") == json{{"name", "Paris 10k"}, {"n", 3}});
}

TEST_CASE("a raw chunked body above the limit answers 413", "[unit][http]") {
  Fixture f;
  std::string request =
      "POST /api/runs/create HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
  for (int i = 0; i < 3; ++i) request += "200\r\n" + std::string(0x200, ' ') + "\r\n";
  request += "2\r\n{}\r\n0\r\n\r\n";
  const std::string answer = RawExchange(f.server.port(), request);
  INFO(answer);
  CHECK(RawStatus(answer) == 413);
  CHECK(RawBody(answer).value("code", "") == "PAYLOAD_TOO_LARGE");
  CHECK(f.routes.calls == 0);
}

TEST_CASE("a body cut short of its Content-Length never reaches the handler", "[unit][http]") {
  Fixture f;
  // The client promises 100 bytes, sends 2 and closes its side.
  RawConnection connection(f.server.port());
  REQUIRE(connection.Send(
      "POST /api/runs/create HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
      "Content-Length: 100\r\nConnection: close\r\n\r\n{}"));
  shutdown(connection.fd(), SHUT_WR);
  const std::string answer = connection.ReadUntilClosed();
  INFO(answer);
  CHECK(f.routes.calls == 0);
  CHECK(RawStatus(answer) != 200);
}

TEST_CASE("a client expecting 100 Continue gets it before it sends the body", "[unit][http]") {
  Fixture f;
  // Answers are kept until complete; the interim answer must still go out
  // while the server waits for the body.
  RawConnection connection(f.server.port());
  REQUIRE(connection.Send(
      "POST /api/runs/create HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
      "Content-Length: 7\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n"));
  const std::string interim = connection.ReadAvailable(std::chrono::seconds(5));
  INFO(interim);
  CHECK(interim.rfind("HTTP/1.1 100 Continue\r\n\r\n", 0) == 0);
  REQUIRE(connection.Send(R"({"k":1})"));
  const std::string answer = connection.ReadUntilClosed();
  INFO(answer);
  CHECK(RawStatus(answer) == 200);
  CHECK(RawBody(answer).at("received") == json{{"k", 1}});
}

TEST_CASE("an answer larger than what is kept before sending arrives whole, then the next",
          "[unit][http]") {
  http::ServerOptions options = Options();
  RunningServer server(options, [](http::Server& s) {
    s.Route("GET", "/big", [](const http::Request&, httplib::Response& res) {
      // 1 MB: sent in pieces while the library writes it.
      http::WriteJson(res, 200, {{"success", true}, {"text", std::string(1 << 20, 'x')}});
    });
  });
  RawConnection connection(server.port());
  REQUIRE(
      connection.Send("GET /big HTTP/1.1\r\nHost: a\r\n\r\nGET /healthz HTTP/1.1\r\n"
                      "Host: a\r\nConnection: close\r\n\r\n"));
  const std::vector<RawAnswer> answers = SplitAnswers(connection.ReadUntilClosed());
  REQUIRE(answers.size() == 2);
  CHECK(answers[0].status == 200);
  CHECK(answers[0].json.value("text", "").size() == size_t{1} << 20);
  CHECK(answers[1].status == 200);
}

TEST_CASE("a body that is not declared JSON answers 415", "[unit][http]") {
  Fixture f;
  httplib::Client client = f.server.Client();
  CheckEnvelope(client.Post("/api/runs/create", "a=b", "application/x-www-form-urlencoded"), 415,
                "UNSUPPORTED_MEDIA_TYPE");
  CheckEnvelope(client.Post("/api/runs/create", "{}", "text/plain"), 415, "UNSUPPORTED_MEDIA_TYPE");
  CheckEnvelope(client.Post("/api/runs/create", "{}", "application/jsonx"), 415,
                "UNSUPPORTED_MEDIA_TYPE");
  const std::string no_type = RawExchange(f.server.port(),
                                          "POST /api/runs/create HTTP/1.1\r\nHost: "
                                          "a\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
  CHECK(RawStatus(no_type) == 415);
  CHECK(RawBody(no_type).value("code", "") == "UNSUPPORTED_MEDIA_TYPE");
}

TEST_CASE("JSON media types with parameters or a +json suffix are accepted", "[unit][http]") {
  Fixture f;
  httplib::Client client = f.server.Client();
  for (const char* type : {"application/json", "application/json; charset=utf-8",
                           "Application/JSON", "application/merge-patch+json"}) {
    const httplib::Result res = client.Post("/api/runs/create", R"({"k":1})", type);
    REQUIRE(res);
    INFO(type << " -> " << res->body);
    CHECK(res->status == 200);
    CHECK(BodyOf(res).at("received") == json{{"k", 1}});
  }
}

TEST_CASE("malformed JSON, an array or null answers 400 BAD_JSON without echoing the body",
          "[unit][http]") {
  Fixture f;
  httplib::Client client = f.server.Client();
  for (const char* body : {"{\"secret-bytes\": ", "[\"secret-bytes\"]", "null", "\"secret-bytes\"",
                           "42", "{\"n\": 1e400}", "{\"a\":1} trailing-secret-bytes"}) {
    const httplib::Result res = client.Post("/api/strict", body, "application/json");
    INFO(body);
    CheckEnvelope(res, 400, "BAD_JSON");
    CHECK_THAT(res->body, !Contains("secret-bytes"));
  }
}

TEST_CASE("a POST without any body reaches the handler as an empty body", "[unit][http]") {
  Fixture f;
  const std::string answer = RawExchange(
      f.server.port(), "POST /api/runs/create HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
  INFO(answer);
  CHECK(RawStatus(answer) == 200);
  const json body = RawBody(answer);
  CHECK(body.at("received") == json::object());
  CHECK(body.at("bytes") == 0);
  CHECK(f.routes.calls == 1);
}

TEST_CASE("an empty body where one is required answers 400 BAD_JSON", "[unit][http]") {
  Fixture f;
  const std::string answer = RawExchange(
      f.server.port(), "POST /api/strict HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
  CHECK(RawStatus(answer) == 400);
  CHECK(RawBody(answer).value("code", "") == "BAD_JSON");
  CheckEnvelope(f.server.Client().Post("/api/strict", "", "application/json"), 400, "BAD_JSON");
}

// --- request ids ------------------------------------------------------------------------

TEST_CASE("a valid X-Request-Id is echoed and handed to the handler", "[unit][http]") {
  Fixture f;
  const std::string id = "Req-1.2_3-" + std::string(118, 'a');
  REQUIRE(id.size() == 128);
  const httplib::Result res = f.server.Client().Get("/api/request-id", {{"X-Request-Id", id}});
  REQUIRE(res);
  CHECK(res->get_header_value("X-Request-Id") == id);
  CHECK(BodyOf(res).value("requestId", "") == id);
}

TEST_CASE("an invalid X-Request-Id is replaced by a generated one", "[unit][http]") {
  Fixture f;
  static const std::regex kUuid(
      "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  for (const std::string& bad :
       {std::string(129, 'a'), std::string("has space"), std::string("semi;colon"),
        std::string("slash/id"), std::string("caf\xc3\xa9")}) {
    const httplib::Result res = f.server.Client().Get("/api/request-id", {{"X-Request-Id", bad}});
    REQUIRE(res);
    const std::string echoed = res->get_header_value("X-Request-Id");
    INFO(bad << " -> " << echoed);
    CHECK(echoed != bad);
    CHECK(std::regex_match(echoed, kUuid));
    CHECK(BodyOf(res).value("requestId", "") == echoed);
  }
}

TEST_CASE("every answer carries a request id, errors included", "[unit][http]") {
  Fixture f;
  httplib::Client client = f.server.Client();
  const httplib::Result none = client.Get("/healthz");
  REQUIRE(none);
  CHECK(none->get_header_value("X-Request-Id").size() == 36);
  const httplib::Result first = client.Get("/healthz");
  REQUIRE(first);
  CHECK(first->get_header_value("X-Request-Id") != none->get_header_value("X-Request-Id"));
  const httplib::Result missing = client.Get("/nope", {{"X-Request-Id", "trace-404"}});
  REQUIRE(missing);
  CHECK(missing->get_header_value("X-Request-Id") == "trace-404");
  const std::string body = "{\"a\":\"" + std::string(kBodyLimit * 2, 'x') + "\"}";
  const httplib::Result too_large =
      client.Post("/api/strict", {{"X-Request-Id", "trace-413"}}, body, "application/json");
  REQUIRE(too_large);
  CHECK(too_large->get_header_value("X-Request-Id") == "trace-413");
}

TEST_CASE(
    "IsValidRequestId takes 1 to 128 characters of letters, digits, dot, underscore and minus",
    "[unit][http]") {
  CHECK(http::IsValidRequestId("a"));
  CHECK(http::IsValidRequestId("A-z_0.9"));
  CHECK(http::IsValidRequestId(std::string(128, 'x')));
  CHECK_FALSE(http::IsValidRequestId(""));
  CHECK_FALSE(http::IsValidRequestId(std::string(129, 'x')));
  CHECK_FALSE(http::IsValidRequestId("a b"));
  CHECK_FALSE(http::IsValidRequestId("a\tb"));
  CHECK_FALSE(http::IsValidRequestId("a:b"));
  CHECK_FALSE(http::IsValidRequestId("caf\xc3\xa9"));
}

// --- CORS -------------------------------------------------------------------------------

TEST_CASE("CORS headers are sent to the configured origin only", "[unit][http][cors]") {
  Fixture f(kOrigin);
  httplib::Client client = f.server.Client();
  const httplib::Result allowed = client.Get("/healthz", {{"Origin", kOrigin}});
  REQUIRE(allowed);
  CHECK(allowed->get_header_value("Access-Control-Allow-Origin") == kOrigin);
  CHECK_THAT(allowed->get_header_value("Vary"), Contains("Origin"));
  CHECK_THAT(allowed->get_header_value("Access-Control-Expose-Headers"), Contains("X-Request-Id"));

  const httplib::Result other = client.Get("/healthz", {{"Origin", "http://evil.example"}});
  REQUIRE(other);
  CHECK_FALSE(other->has_header("Access-Control-Allow-Origin"));
  const httplib::Result no_origin = client.Get("/healthz");
  REQUIRE(no_origin);
  CHECK_FALSE(no_origin->has_header("Access-Control-Allow-Origin"));

  const httplib::Result error = client.Get("/nope", {{"Origin", kOrigin}});
  REQUIRE(error);
  CHECK(error->status == 404);
  CHECK(error->get_header_value("Access-Control-Allow-Origin") == kOrigin);
}

TEST_CASE("a CORS preflight from the configured origin answers 204", "[unit][http][cors]") {
  Fixture f(kOrigin);
  httplib::Client client = f.server.Client();
  const httplib::Result preflight = client.Options(
      "/api/runs/create", {{"Origin", kOrigin},
                           {"Access-Control-Request-Method", "POST"},
                           {"Access-Control-Request-Headers", "authorization, content-type"}});
  REQUIRE(preflight);
  CHECK(preflight->status == 204);
  CHECK(preflight->get_header_value("Access-Control-Allow-Origin") == kOrigin);
  CHECK_THAT(preflight->get_header_value("Access-Control-Allow-Methods"), Contains("POST"));
  CHECK_THAT(preflight->get_header_value("Access-Control-Allow-Headers"),
             Contains("Authorization"));
  CHECK(f.routes.calls == 0);

  const httplib::Result foreign =
      client.Options("/api/runs/create", {{"Origin", "http://evil.example"}});
  REQUIRE(foreign);
  CHECK_FALSE(foreign->has_header("Access-Control-Allow-Origin"));
}

TEST_CASE("without a CORS origin there are no CORS headers and OPTIONS is a 405",
          "[unit][http][cors]") {
  Fixture f;
  httplib::Client client = f.server.Client();
  const httplib::Result get = client.Get("/healthz", {{"Origin", kOrigin}});
  REQUIRE(get);
  CHECK_FALSE(get->has_header("Access-Control-Allow-Origin"));
  const httplib::Result options = client.Options("/api/runs/create", {{"Origin", kOrigin}});
  CheckEnvelope(options, 405, "METHOD_NOT_ALLOWED");
  CHECK_FALSE(options->has_header("Access-Control-Allow-Origin"));
}

// --- failures inside handlers ----------------------------------------------------------------

TEST_CASE("an exception in a handler becomes a 500 INTERNAL envelope that leaks nothing",
          "[unit][http]") {
  Fixture f;
  httplib::Client client = f.server.Client();
  const httplib::Result res = client.Get("/boom");
  CheckEnvelope(res, 500, "INTERNAL");
  CHECK_FALSE(res->has_header("EXCEPTION_WHAT"));
  CHECK_THAT(res->body, !Contains("secret-detail-xyz"));
  for (const auto& [name, value] : res->headers) CHECK_THAT(value, !Contains("secret-detail-xyz"));
  // The server keeps serving.
  const httplib::Result after = client.Get("/healthz");
  REQUIRE(after);
  CHECK(after->status == 200);
}

// --- authentication ---------------------------------------------------------------------------

TEST_CASE("Authenticate answers NO_TOKEN without a Bearer token", "[unit][http][auth]") {
  const auth::TokenVerifier verifier = MakeVerifier(auth::AuthMode::kProduction);
  const std::vector<std::pair<bool, std::string>> headers = {
      {false, ""},           {true, ""},          {true, "Basic YWxpY2U6c2VjcmV0"},
      {true, "Bearer"},      {true, "Bearer "},   {true, "Bearer    "},
      {true, "Bearertoken"}, {true, "Token abc"},
  };
  for (const auto& [present, value] : headers) {
    httplib::Request raw;
    if (present) raw.headers.emplace("Authorization", value);
    const http::Request request{raw, {}, {}, "id"};
    const Result<Caller> result = http::Authenticate(verifier, request);
    INFO("Authorization: '" << value << "' present=" << present);
    REQUIRE_FALSE(result.ok());
    CHECK(std::string(WireCode(result.error().code)) == "NO_TOKEN");
  }
}

TEST_CASE("Authenticate verifies the Bearer token, whatever the scheme's case",
          "[unit][http][auth]") {
  const auth::TokenVerifier verifier = MakeVerifier(auth::AuthMode::kProduction);
  const std::string token = auth::MintToken(AliceOptions(), TestKeys::Shared().key(), kNow);
  for (const char* prefix : {"Bearer ", "bearer ", "BEARER  "}) {
    httplib::Request raw;
    raw.headers.emplace("Authorization", std::string(prefix) + token);
    const Result<Caller> result = http::Authenticate(verifier, http::Request{raw, {}, {}, "id"});
    INFO(prefix);
    REQUIRE(result.ok());
    CHECK(result->uid == "alice-uid");
  }
  httplib::Request garbage;
  garbage.headers.emplace("Authorization", "Bearer not-a-token");
  const Result<Caller> bad = http::Authenticate(verifier, http::Request{garbage, {}, {}, "id"});
  REQUIRE_FALSE(bad.ok());
  CHECK(std::string(WireCode(bad.error().code)) == "INVALID_TOKEN");
}

TEST_CASE("a request without a token answers 401 NO_TOKEN", "[unit][http][auth]") {
  Fixture f;
  httplib::Client client = f.server.Client();
  CheckEnvelope(client.Get("/api/me"), 401, "NO_TOKEN");
  CheckEnvelope(client.Get("/api/me", {{"Authorization", "Basic YWxpY2U6c2VjcmV0"}}), 401,
                "NO_TOKEN");
  CheckEnvelope(client.Get("/api/me", {{"Authorization", "Bearer "}}), 401, "NO_TOKEN");
}

TEST_CASE("an expired token answers 401 TOKEN_EXPIRED with shouldRefresh", "[unit][http][auth]") {
  Fixture f;
  auth::MintOptions options = AliceOptions();
  options.lifetime_seconds = -1000;
  const std::string token = auth::MintToken(options, TestKeys::Shared().key(), kNow);
  const httplib::Result res =
      f.server.Client().Get("/api/me", {{"Authorization", "Bearer " + token}});
  CheckEnvelope(res, 401, "TOKEN_EXPIRED");
  CHECK(BodyOf(res).value("shouldRefresh", false) == true);
}

TEST_CASE("an invalid token answers 401 INVALID_TOKEN without shouldRefresh or the token",
          "[unit][http][auth]") {
  Fixture f;
  auth::MintOptions options = AliceOptions();
  options.project_id = "another-project";
  const std::string token = auth::MintToken(options, TestKeys::Shared().key(), kNow);
  const httplib::Result res =
      f.server.Client().Get("/api/me", {{"Authorization", "Bearer " + token}});
  CheckEnvelope(res, 401, "INVALID_TOKEN");
  CHECK_FALSE(BodyOf(res).contains("shouldRefresh"));
  CHECK_THAT(res->body, Contains("audience"));
  CHECK_THAT(res->body, !Contains(token.substr(0, 20)));
}

TEST_CASE("a good token reaches the handler with its uid", "[unit][http][auth]") {
  Fixture f;
  const std::string token = auth::MintToken(AliceOptions(), TestKeys::Shared().key(), kNow);
  const httplib::Result res =
      f.server.Client().Get("/api/me", {{"Authorization", "Bearer " + token}});
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(BodyOf(res).value("uid", "") == "alice-uid");
}

// --- helpers ----------------------------------------------------------------------------------

TEST_CASE("WriteError writes the envelope with details and shouldRefresh only when expired",
          "[unit][http]") {
  httplib::Response expired;
  http::WriteError(expired, MakeError(ErrorCode::kTokenExpired, "The token has expired"));
  CHECK(expired.status == 401);
  CHECK(json::parse(expired.body) == json{{"success", false},
                                          {"error", "The token has expired"},
                                          {"code", "TOKEN_EXPIRED"},
                                          {"shouldRefresh", true}});

  httplib::Response invalid;
  Error error = MakeError(ErrorCode::kValidationFailed, "name is required");
  error.field = "name";
  http::WriteError(invalid, error);
  CHECK(invalid.status == 400);
  const json body = json::parse(invalid.body);
  CHECK(body.at("details") == json{{"field", "name"}});
  CHECK_FALSE(body.contains("shouldRefresh"));
  CHECK(invalid.get_header_value("Content-Type") == "application/json; charset=utf-8");
}

TEST_CASE("every error code maps to the status of the contract", "[unit][http]") {
  const std::vector<std::tuple<ErrorCode, int, std::string>> table = {
      {ErrorCode::kBadRequest, 400, "BAD_REQUEST"},
      {ErrorCode::kBadJson, 400, "BAD_JSON"},
      {ErrorCode::kValidationFailed, 400, "VALIDATION_FAILED"},
      {ErrorCode::kNoToken, 401, "NO_TOKEN"},
      {ErrorCode::kTokenExpired, 401, "TOKEN_EXPIRED"},
      {ErrorCode::kInvalidToken, 401, "INVALID_TOKEN"},
      {ErrorCode::kForbidden, 403, "FORBIDDEN"},
      {ErrorCode::kNotCompanyStaff, 403, "NOT_COMPANY_STAFF"},
      {ErrorCode::kEmailNotVerified, 403, "EMAIL_NOT_VERIFIED"},
      {ErrorCode::kEmailRequired, 403, "EMAIL_REQUIRED"},
      {ErrorCode::kNotFound, 404, "NOT_FOUND"},
      {ErrorCode::kMethodNotAllowed, 405, "METHOD_NOT_ALLOWED"},
      {ErrorCode::kConflict, 409, "CONFLICT"},
      {ErrorCode::kDuplicateRun, 409, "DUPLICATE_RUN"},
      {ErrorCode::kIdempotencyKeyReused, 422, "IDEMPOTENCY_KEY_REUSED"},
      {ErrorCode::kPayloadTooLarge, 413, "PAYLOAD_TOO_LARGE"},
      {ErrorCode::kRequestTimeout, 408, "REQUEST_TIMEOUT"},
      {ErrorCode::kUriTooLong, 414, "URI_TOO_LONG"},
      {ErrorCode::kUnsupportedMediaType, 415, "UNSUPPORTED_MEDIA_TYPE"},
      {ErrorCode::kHeadersTooLarge, 431, "HEADERS_TOO_LARGE"},
      {ErrorCode::kInternal, 500, "INTERNAL"},
      {ErrorCode::kNotImplemented, 501, "NOT_IMPLEMENTED"},
      {ErrorCode::kHttpVersionNotSupported, 505, "HTTP_VERSION_NOT_SUPPORTED"},
      {ErrorCode::kServerBusy, 503, "SERVER_BUSY"},
      {ErrorCode::kDatabaseUnavailable, 503, "DATABASE_UNAVAILABLE"},
      {ErrorCode::kNotReady, 503, "NOT_READY"},
      {ErrorCode::kAuthKeysUnavailable, 503, "AUTH_KEYS_UNAVAILABLE"},
      {ErrorCode::kUnavailable, 503, "UNAVAILABLE"},
  };
  for (const auto& [code, status, wire] : table) {
    INFO(wire);
    CHECK(http::HttpStatus(code) == status);
    CHECK(std::string(WireCode(code)) == wire);
  }
}

TEST_CASE("invalid UTF-8 in an answer is replaced, not thrown", "[unit][http]") {
  httplib::Response res;
  http::WriteJson(res, 200, {{"name", std::string("bad \xff byte")}});
  CHECK(res.status == 200);
  CHECK(json::parse(res.body, nullptr, false).is_object());
}

// --- access log -------------------------------------------------------------------------------

TEST_CASE("the access log writes one line per request without the token", "[unit][http][log]") {
  TempDir dir;
  const std::string log_path = dir.File("stderr.log");
  const int saved_stderr = dup(STDERR_FILENO);
  REQUIRE(saved_stderr >= 0);
  std::fflush(stderr);
  FILE* log = std::fopen(log_path.c_str(), "w");
  REQUIRE(log != nullptr);
  dup2(fileno(log), STDERR_FILENO);
  const std::string token = auth::MintToken(AliceOptions(), TestKeys::Shared().key(), kNow);
  {
    Routes routes;
    http::ServerOptions options = Options();
    options.access_log = true;
    RunningServer server(options, [&routes](http::Server& s) { routes.AddTo(s); });
    httplib::Client client = server.Client();
    client.Get("/api/me?x=1", {{"Authorization", "Bearer " + token}, {"X-Request-Id", "log-me-1"}});
    client.Get("/nope", {{"X-Request-Id", "log-me-2"}});
    server.Stop();  // the logger runs after the answer is sent: wait for it
  }
  std::fflush(stderr);
  dup2(saved_stderr, STDERR_FILENO);
  close(saved_stderr);
  std::fclose(log);

  std::ifstream file(log_path);
  const std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  INFO(text);
  // The query as sent, the error's code, milliseconds to the microsecond, and the body's bytes.
  static const std::regex kLine(
      R"((^|\n)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z log-me-1 GET /api/me\?x=1 200 )"
      R"(\d+\.\d{3}ms \d+B\n)");
  static const std::regex kMissing(
      R"((^|\n)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z log-me-2 GET /nope 404 NOT_FOUND )"
      R"(\d+\.\d{3}ms 56B\n)");
  CHECK(std::regex_search(text, kLine));
  CHECK(std::regex_search(text, kMissing));
  CHECK_THAT(text, !Contains(token.substr(0, 30)));
}

}  // namespace gofast::testing
