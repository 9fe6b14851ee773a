// The HTTP layer of the real company_service, as an attacker or an odd client
// would meet it: framing that could be read two ways is refused and the
// connection closed, every oversized or unknown part of a head gets its own
// status, pipelined requests are answered in order, a connection over the
// cap gets 503 at once, and nothing a request sends can forge a log line.
// The same layer serves the app service (shared/http).
#include <catch2/catch.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "tests/company/company_fixture.h"
#include "tests/support/raw_http.h"

namespace gofast::testing {
namespace {

using std::chrono::milliseconds;

constexpr char kHealth[] = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";

struct RawCase {
  const char* name;
  std::string request;
  int status;
  const char* code;
};

// Sends `request` and checks the one answer: the status, the JSON envelope
// with `code`, "Connection: close", and that the service then closed.
void CheckRefused(int port, const RawCase& raw_case) {
  INFO(raw_case.name);
  RawConnection connection(port);
  connection.Send(raw_case.request);
  const std::string bytes = connection.ReadUntilClosed(milliseconds(5000));
  INFO(bytes);
  const std::vector<RawAnswer> answers = SplitAnswers(bytes);
  REQUIRE(answers.size() == 1);
  CHECK(answers[0].status == raw_case.status);
  CHECK(answers[0].json.value("success", true) == false);
  CHECK(answers[0].json.value("code", "") == raw_case.code);
  CHECK(answers[0].HasHeaderLine("Connection: close"));
  CHECK(answers[0].head.find("X-Request-Id: ") != std::string::npos);
  CHECK(connection.ClosedWithin(milliseconds(0)));
}

std::string FindOrCreateRequest(const std::string& token) {
  return "POST /api/staff/find-or-create HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
         "\r\nContent-Length: 0\r\n\r\n";
}

}  // namespace

TEST_CASE("framing that could be read two ways is 400 BAD_REQUEST and closes the connection",
          "[integration]") {
  CompanyService service;
  const std::string token = SignedToken("uid-frame", "frame@gofast.test");
  const std::string post =
      "POST /api/staff/find-or-create HTTP/1.1\r\nHost: x\r\nAuthorization: "
      "Bearer " +
      token + "\r\nContent-Type: application/json\r\n";
  const std::vector<RawCase> cases = {
      {"Content-Length and Transfer-Encoding",
       post + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n", 400,
       "BAD_REQUEST"},
      {"two equal Content-Lengths", post + "Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}", 400,
       "BAD_REQUEST"},
      {"two different Content-Lengths", post + "Content-Length: 2\r\nContent-Length: 0\r\n\r\n{}",
       400, "BAD_REQUEST"},
      {"a non-decimal Content-Length", post + "Content-Length: 0x2\r\n\r\n{}", 400, "BAD_REQUEST"},
      {"a negative Content-Length", post + "Content-Length: -2\r\n\r\n{}", 400, "BAD_REQUEST"},
      {"a percent-encoded Content-Length", post + "Content-Length: %32\r\n\r\n{}", 400,
       "BAD_REQUEST"},
      {"a space before the colon", post + "Content-Length : 2\r\n\r\n{}", 400, "BAD_REQUEST"},
      {"a body on GET", "GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}", 400,
       "BAD_REQUEST"},
      {"a chunked body on GET",
       "GET /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400,
       "BAD_REQUEST"},
      {"a body on HEAD", "HEAD /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}", 400,
       "BAD_REQUEST"},
      {"a body on DELETE", "DELETE /api/staff HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}",
       400, "BAD_REQUEST"},
      {"a body on OPTIONS", "OPTIONS /api/staff HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}",
       400, "BAD_REQUEST"},
      {"bare LF line ends", "GET /healthz HTTP/1.1\nHost: x\n\n", 400, "BAD_REQUEST"},
      {"malformed chunks", post + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", 400,
       "BAD_REQUEST"},
  };
  for (const RawCase& raw_case : cases) CheckRefused(service.process().port(), raw_case);
  CHECK(service.StaffCount() == 0);
  CHECK(service.client().Get("/healthz").status == 200);
}

TEST_CASE("a find-or-create hidden in a GET's body is refused, never run", "[integration]") {
  CompanyService service;
  const std::string hidden = FindOrCreateRequest(SignedToken("uid-hidden", "hidden@gofast.test"));
  RawConnection connection(service.process().port());
  connection.Send("GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                  std::to_string(hidden.size()) + "\r\n\r\n" + hidden);
  const std::vector<RawAnswer> answers = SplitAnswers(connection.ReadUntilClosed());
  REQUIRE(answers.size() == 1);
  CHECK(answers[0].status == 400);
  CHECK(answers[0].json.value("code", "") == "BAD_REQUEST");
  CHECK(service.StaffCount() == 0);
}

TEST_CASE("heads too long, too big or in an unknown dialect get their own status",
          "[integration]") {
  CompanyService service({"--max-headers", "20"});
  std::string many_headers = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
  for (int i = 0; i < 20; ++i) many_headers += "X-Header-" + std::to_string(i) + ": 1\r\n";
  std::string big_head = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
  for (int i = 0; i < 10; ++i)
    big_head += "X-Big-" + std::to_string(i) + ": " + std::string(7000, 'b') + "\r\n";
  const std::vector<RawCase> cases = {
      {"a URL over 8 KB",
       "GET /healthz?q=" + std::string(9000, 'q') + " HTTP/1.1\r\nHost: x\r\n\r\n", 414,
       "URI_TOO_LONG"},
      {"a header line over 8 KB",
       "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Long: " + std::string(9000, 'l') + "\r\n\r\n", 431,
       "HEADERS_TOO_LARGE"},
      {"more headers than --max-headers", many_headers + "\r\n", 431, "HEADERS_TOO_LARGE"},
      {"a head over 64 KB", big_head + "\r\n", 431, "HEADERS_TOO_LARGE"},
      {"a head over 64 KB that never ends", big_head, 431, "HEADERS_TOO_LARGE"},
      {"an unknown method", "BREW /api/staff HTTP/1.1\r\nHost: x\r\n\r\n", 501, "NOT_IMPLEMENTED"},
      {"a transfer coding other than chunked",
       "POST /api/staff/find-or-create HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", 501,
       "NOT_IMPLEMENTED"},
      {"the HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 505, "HTTP_VERSION_NOT_SUPPORTED"},
      {"HTTP/3.0", "GET /healthz HTTP/3.0\r\nHost: x\r\n\r\n", 505, "HTTP_VERSION_NOT_SUPPORTED"},
      {"not HTTP at all", "GET /healthz HTTX/1.1\r\nHost: x\r\n\r\n", 400, "BAD_REQUEST"},
      {"a Content-Length over --max-body-bytes",
       "POST /api/staff/find-or-create HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\n\r\n{",
       413, "PAYLOAD_TOO_LARGE"},
  };
  for (const RawCase& raw_case : cases) CheckRefused(service.process().port(), raw_case);
  CHECK(service.client().Get("/healthz").status == 200);
}

TEST_CASE("a known method a path does not serve is 405 with Allow, not 501", "[integration]") {
  CompanyService service;
  const std::vector<RawAnswer> answers = SplitAnswers(RawExchange(
      service.process().port(),
      "TRACE /api/staff/find-or-create HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
  REQUIRE(answers.size() == 1);
  CHECK(answers[0].status == 405);
  CHECK(answers[0].json.value("code", "") == "METHOD_NOT_ALLOWED");
  CHECK(answers[0].HasHeaderLine("Allow: POST"));
}

TEST_CASE("a head that does not arrive within --head-timeout-ms is 408 REQUEST_TIMEOUT",
          "[integration]") {
  CompanyService service({"--head-timeout-ms", "300"});
  CheckRefused(service.process().port(),
               {"half a head", "GET /healthz HTTP/1.1\r\nHost: x\r\n", 408, "REQUEST_TIMEOUT"});
  // An idle connection that never started a request is closed without an answer.
  RawConnection idle(service.process().port());
  CHECK(idle.ReadAvailable(milliseconds(600)).empty());
}

TEST_CASE("pipelined requests are all answered, in order", "[integration]") {
  CompanyService service;
  const std::string token = SignedToken("uid-pipe", "pipe@gofast.test");
  RawConnection connection(service.process().port());
  connection.Send(
      "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Request-Id: first\r\n\r\n"
      "POST /api/staff/find-or-create HTTP/1.1\r\nHost: x\r\nX-Request-Id: second\r\n"
      "Authorization: Bearer " +
      token +
      "\r\nContent-Type: application/json\r\n"
      "Content-Length: 2\r\n\r\n{}"
      "GET /nowhere HTTP/1.1\r\nHost: x\r\nX-Request-Id: third\r\n\r\n"
      "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Request-Id: fourth\r\nConnection: close\r\n\r\n");
  const std::vector<RawAnswer> answers = SplitAnswers(connection.ReadUntilClosed());
  REQUIRE(answers.size() == 4);
  CHECK(answers[0].status == 200);
  CHECK(answers[0].HasHeaderLine("X-Request-Id: first"));
  CHECK(answers[1].status == 201);
  CHECK(answers[1].HasHeaderLine("X-Request-Id: second"));
  CHECK(answers[2].status == 404);
  CHECK(answers[2].HasHeaderLine("X-Request-Id: third"));
  CHECK(answers[3].status == 200);
  CHECK(answers[3].HasHeaderLine("Connection: close"));
  CHECK(service.StaffCount() == 1);
}

TEST_CASE("a keep-alive connection serves request after request", "[integration]") {
  CompanyService service;
  RawConnection connection(service.process().port());
  for (int i = 0; i < 3; ++i) {
    connection.Send(kHealth);
    const std::vector<RawAnswer> answers = connection.ReadAnswers(1);
    REQUIRE(answers.size() == 1);
    CHECK(answers[0].status == 200);
    CHECK_FALSE(answers[0].HasHeaderLine("Connection: close"));
  }
}

TEST_CASE("a connection over --max-connections is answered 503 SERVER_BUSY at once",
          "[integration]") {
  CompanyService service({"--max-connections", "4"});
  const int port = service.process().port();
  std::vector<std::unique_ptr<RawConnection>> held;
  for (int i = 0; i < 4; ++i) {  // each served once, then left open and idle
    held.push_back(std::make_unique<RawConnection>(port));
    held.back()->Send(kHealth);
    REQUIRE(held.back()->ReadAnswers(1).size() == 1);
  }
  CheckRefused(port, {"a fifth connection", kHealth, 503, "SERVER_BUSY"});

  held.pop_back();  // one closes: a fresh client is served again
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  int status = 0;
  while (status != 200 && std::chrono::steady_clock::now() < deadline) {
    const std::vector<RawAnswer> answers = SplitAnswers(
        RawExchange(port, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
    status = answers.empty() ? 0 : answers[0].status;
  }
  CHECK(status == 200);
}

TEST_CASE("nothing a request sends can forge a log line", "[integration]") {
  CompanyService service;
  const std::string forged_line = "2026-01-01T00:00:00.000Z forged GET /admin 200 0ms";
  // Percent-encoded in the path: CR, LF, ESC, NUL, DEL, invalid UTF-8, a C1 control. The log
  // shows the target as sent, so they stay encoded there.
  const std::vector<RawAnswer> decoded = SplitAnswers(
      RawExchange(service.process().port(),
                  "GET /x%0d%0a2026-01-01T00:00:00.000Z%20forged%20GET%20/admin%20200%200ms"
                  "%1b[31m%00%7f%ff%c2%85 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
  REQUIRE(decoded.size() == 1);
  CHECK(decoded[0].status == 404);
  // Raw in the request line: refused, and still logged escaped.
  const std::vector<RawAnswer> raw = SplitAnswers(
      RawExchange(service.process().port(), "GET /raw\x1b[2J\x01 HTTP/1.1\r\nHost: x\r\n\r\n"));
  REQUIRE(raw.size() == 1);
  CHECK(raw[0].status == 400);
  service.process().Stop();
  const std::string log = service.process().Log();
  INFO(log);
  CHECK(log.find("\n" + forged_line) == std::string::npos);
  CHECK(log.find(" GET /x%0d%0a2026-01-01T00:00:00.000Z%20forged%20GET%20/admin%20200%200ms"
                 "%1b[31m%00%7f%ff%c2%85 404 NOT_FOUND ") != std::string::npos);
  CHECK(log.find("/raw\\x1b[2J\\x01 400 ") != std::string::npos);
  CHECK(log.find('\x1b') == std::string::npos);
  CHECK(log.find('\0') == std::string::npos);
  CHECK(log.find('\r') == std::string::npos);
}

}  // namespace gofast::testing
