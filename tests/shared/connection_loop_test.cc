// CheckHead, the connection loop's reading of a request head before the
// HTTP library parses it: what is served, what is refused and with which code.
#include "shared/http/connection_loop.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace gofast::testing {
namespace {

struct HeadCase {
  const char* name;
  std::string head;
  ErrorCode code;
};

constexpr char kNulInHeader[] = "GET / HTTP/1.1\r\nX-A: a\0b\r\n\r\n";

http::ConnectionLimits Limits() {
  http::ConnectionLimits limits;
  limits.max_headers = 5;
  limits.max_head_bytes = 4096;
  limits.max_body_bytes = 1000;
  return limits;
}

}  // namespace

TEST_CASE("heads a client may send are served, with what the log needs", "[unit][http]") {
  const std::vector<std::string> served = {
      "GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n",
      "GET /healthz HTTP/1.0\r\n\r\n",
      "POST /api/x HTTP/1.1\r\nContent-Length: 1000\r\n\r\n",
      "POST /api/x HTTP/1.1\r\nContent-Length: 0001000\r\n\r\n",
      "POST /api/x HTTP/1.1\r\ntransfer-encoding:  Chunked \r\n\r\n",
      "GET /a HTTP/1.1\r\nContent-Length: 0\r\n\r\n",
      "DELETE /a HTTP/1.1\r\nX-Note: tab\there\r\n\r\n",
      "OPTIONS * HTTP/1.1\r\n\r\n",
  };
  for (const std::string& head : served) {
    INFO(head);
    const http::HeadCheck check = http::CheckHead(head, Limits());
    CHECK_FALSE(check.refusal.has_value());
  }
  const http::HeadCheck check =
      http::CheckHead("PATCH /api/x?y=1 HTTP/1.1\r\nX-Request-Id: r-1\r\n\r\n", Limits());
  CHECK(check.method == "PATCH");
  CHECK(check.target == "/api/x?y=1");
  CHECK(check.request_id == "r-1");
}

TEST_CASE("keep-alive follows the version and the Connection header", "[unit][http]") {
  CHECK(http::CheckHead("GET / HTTP/1.1\r\n\r\n", Limits()).keep_alive);
  CHECK_FALSE(http::CheckHead("GET / HTTP/1.1\r\nConnection: Close\r\n\r\n", Limits()).keep_alive);
  CHECK_FALSE(
      http::CheckHead("GET / HTTP/1.1\r\nConnection: te, close\r\n\r\n", Limits()).keep_alive);
  CHECK_FALSE(http::CheckHead("GET / HTTP/1.0\r\n\r\n", Limits()).keep_alive);
  CHECK(http::CheckHead("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n", Limits()).keep_alive);
}

TEST_CASE("every ambiguous or oversized head is refused with its own code", "[unit][http]") {
  const std::string long_target(http::kMaxRequestLineBytes, 'a');
  const std::string long_value(http::kMaxHeaderLineBytes, 'v');
  std::string six_headers = "GET / HTTP/1.1\r\n";
  for (int i = 0; i < 6; ++i) six_headers += "X-" + std::to_string(i) + ": 1\r\n";
  six_headers += "\r\n";
  const std::vector<HeadCase> cases = {
      {"Content-Length and Transfer-Encoding",
       "POST / HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
       ErrorCode::kBadRequest},
      {"two equal Content-Lengths",
       "POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\n", ErrorCode::kBadRequest},
      {"two different Content-Lengths",
       "POST / HTTP/1.1\r\nContent-Length: 5\r\ncontent-length: 6\r\n\r\n", ErrorCode::kBadRequest},
      {"a list of Content-Lengths", "POST / HTTP/1.1\r\nContent-Length: 5, 5\r\n\r\n",
       ErrorCode::kBadRequest},
      {"a negative Content-Length", "POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
       ErrorCode::kBadRequest},
      {"a signed Content-Length", "POST / HTTP/1.1\r\nContent-Length: +5\r\n\r\n",
       ErrorCode::kBadRequest},
      {"a hexadecimal Content-Length", "POST / HTTP/1.1\r\nContent-Length: 0x5\r\n\r\n",
       ErrorCode::kBadRequest},
      {"a percent-encoded Content-Length (the library would decode it)",
       "POST / HTTP/1.1\r\nContent-Length: %35\r\n\r\n", ErrorCode::kBadRequest},
      {"an empty Content-Length", "POST / HTTP/1.1\r\nContent-Length: \r\n\r\n",
       ErrorCode::kBadRequest},
      {"two Transfer-Encodings",
       "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
       ErrorCode::kBadRequest},
      {"chunked on HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n",
       ErrorCode::kBadRequest},
      {"a body on GET", "GET / HTTP/1.1\r\nContent-Length: 5\r\n\r\n", ErrorCode::kBadRequest},
      {"a chunked body on GET", "GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n",
       ErrorCode::kBadRequest},
      {"a body on HEAD", "HEAD / HTTP/1.1\r\nContent-Length: 1\r\n\r\n", ErrorCode::kBadRequest},
      {"a body on DELETE", "DELETE /a HTTP/1.1\r\nContent-Length: 1\r\n\r\n",
       ErrorCode::kBadRequest},
      {"a body on OPTIONS", "OPTIONS /a HTTP/1.1\r\nContent-Length: 1\r\n\r\n",
       ErrorCode::kBadRequest},
      {"a space before the colon", "POST / HTTP/1.1\r\nContent-Length : 5\r\n\r\n",
       ErrorCode::kBadRequest},
      {"a folded header line", "GET / HTTP/1.1\r\nX-A: 1\r\n  2\r\n\r\n", ErrorCode::kBadRequest},
      {"a header line without a colon", "GET / HTTP/1.1\r\nnonsense\r\n\r\n",
       ErrorCode::kBadRequest},
      {"a NUL in a header value", std::string(kNulInHeader, sizeof kNulInHeader - 1),
       ErrorCode::kBadRequest},
      {"bare LF line ends", "GET / HTTP/1.1\nHost: a\n\n", ErrorCode::kBadRequest},
      {"a bare CR inside a line", "GET / HTTP/1.1\r\nX-A: a\rb\r\n\r\n", ErrorCode::kBadRequest},
      {"two spaces in the request line", "GET  / HTTP/1.1\r\n\r\n", ErrorCode::kBadRequest},
      {"no version", "GET /\r\n\r\n", ErrorCode::kBadRequest},
      {"a version that is not HTTP", "GET / HTTX/1.1\r\n\r\n", ErrorCode::kBadRequest},
      {"an ESC in the target", "GET /a\x1b[2Jb HTTP/1.1\r\n\r\n", ErrorCode::kBadRequest},
      {"a method that is not a token", "G(T / HTTP/1.1\r\n\r\n", ErrorCode::kBadRequest},
      {"an unknown method", "BREW /pot HTTP/1.1\r\n\r\n", ErrorCode::kNotImplemented},
      {"a lower-case method", "get / HTTP/1.1\r\n\r\n", ErrorCode::kNotImplemented},
      {"a transfer coding other than chunked", "POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n",
       ErrorCode::kNotImplemented},
      {"the HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\n", ErrorCode::kHttpVersionNotSupported},
      {"HTTP/3", "GET / HTTP/3\r\n\r\n", ErrorCode::kHttpVersionNotSupported},
      {"HTTP/1.2", "GET / HTTP/1.2\r\n\r\n", ErrorCode::kHttpVersionNotSupported},
      {"a request line over the library's limit", "GET /" + long_target + " HTTP/1.1\r\n\r\n",
       ErrorCode::kUriTooLong},
      {"a header line over the library's limit",
       "GET / HTTP/1.1\r\nX-A: " + long_value + "\r\n\r\n", ErrorCode::kHeadersTooLarge},
      {"more headers than the cap", six_headers, ErrorCode::kHeadersTooLarge},
      {"a head over the cap",
       "GET / HTTP/1.1\r\nX-A: " + std::string(3000, 'a') + "\r\nX-B: " + std::string(3000, 'b') +
           "\r\n\r\n",
       ErrorCode::kHeadersTooLarge},
      {"a Content-Length over the body limit", "POST / HTTP/1.1\r\nContent-Length: 1001\r\n\r\n",
       ErrorCode::kPayloadTooLarge},
      {"a Content-Length of 40 digits",
       "POST / HTTP/1.1\r\nContent-Length: 1234567890123456789012345678901234567890\r\n\r\n",
       ErrorCode::kPayloadTooLarge},
  };
  for (const HeadCase& head_case : cases) {
    INFO(head_case.name);
    const http::HeadCheck check = http::CheckHead(head_case.head, Limits());
    REQUIRE(check.refusal.has_value());
    CHECK(WireCode(check.refusal->code) == std::string(WireCode(head_case.code)));
    CHECK_FALSE(check.refusal->message.empty());
  }
}

}  // namespace gofast::testing
