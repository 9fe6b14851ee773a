// Log lines as text and as JSON, and the secrets a logged target never shows.
#include "shared/core/log.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>

namespace gofast {
namespace {

using nlohmann::json;

// The format is process-wide: each test sets it, and puts text back.
struct FormatFor {
  explicit FormatFor(LogFormat format) { SetLogFormat(format); }
  ~FormatFor() { SetLogFormat(LogFormat::kText); }
};

LogRecord AccessRecord() {
  LogRecord record("request");
  record.Add("requestId", "r-1").AddWords("->").Add("method", "GET");
  record.AddNumber("status", "404").AddPair("db", "my data/a=b");
  record.AddDuration("durationMs", std::chrono::microseconds(213));
  return record;
}

TEST_CASE("a text log line is the time, then each field as its method says", "[unit][log]") {
  FormatFor text(LogFormat::kText);
  const std::string line = AccessRecord().Line();
  static const std::regex kLine(
      R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z r-1 -> GET 404 db="my data/a=b" 0\.213ms)");
  INFO(line);
  CHECK(std::regex_match(line, kLine));
}

TEST_CASE("a JSON log line is one object: time, level, event, then the fields", "[unit][log]") {
  FormatFor json_lines(LogFormat::kJson);
  const std::string line = AccessRecord().Line();
  INFO(line);
  const json object = json::parse(line);
  CHECK(line.rfind("{\"time\":\"", 0) == 0);
  CHECK(object["level"] == "info");
  CHECK(object["event"] == "request");
  CHECK(object["requestId"] == "r-1");
  CHECK(object["method"] == "GET");
  CHECK(object["status"] == 404);
  CHECK(object["db"] == "my data/a=b");
  CHECK(object["durationMs"] == Approx(0.213));
  CHECK_FALSE(object.contains("->"));
  CHECK(object.size() == 8);
}

TEST_CASE("a JSON log value with controls, quotes or bad UTF-8 stays one valid line",
          "[unit][log]") {
  FormatFor json_lines(LogFormat::kJson);
  const std::string hostile = "a\"b\\c\nforged\x1b[31m\xC2\x85\xff\xC3\xA9";
  const std::string line = LogRecord("request").Add("target", hostile).Line();
  INFO(line);
  CHECK(line.find('\n') == std::string::npos);
  CHECK(line.find('\x1b') == std::string::npos);
  const json object = json::parse(line);  // throws on ill-formed UTF-8
  CHECK(object["target"] == "a\"b\\c\nforged\x1b[31m\xC2\x85\\xff\xC3\xA9");
}

TEST_CASE("a text log value cannot end the line or forge another", "[unit][log]") {
  FormatFor text(LogFormat::kText);
  const std::string line = LogRecord("request").Add("target", "/a\n2026 forged\xff").Line();
  CHECK_THAT(line, Catch::EndsWith(" /a\\x0a2026 forged\\xff"));
}

TEST_CASE("secret query values and JWT-shaped values are redacted from a target", "[unit][log]") {
  const std::string jwt = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.";  // an unsigned token
  CHECK(RedactSecrets("/api/runs?token=abc&staffGeneratedId=s-1") ==
        "/api/runs?token=[redacted]&staffGeneratedId=s-1");
  CHECK(RedactSecrets("/x?ACCESS_TOKEN=1&id_token=2&Key=3&authorization=4&auth_code=5") ==
        "/x?ACCESS_TOKEN=[redacted]&id_token=[redacted]&Key=[redacted]&authorization=[redacted]"
        "&auth_code=[redacted]");
  CHECK(RedactSecrets("/x?to%6Ben=1&%61uth=2") == "/x?to%6Ben=[redacted]&%61uth=[redacted]");
  CHECK(RedactSecrets("/api/staff/" + jwt) == "/api/staff/[redacted]");
  CHECK(RedactSecrets("/x?note=" + jwt + "&n=1") == "/x?note=[redacted]&n=1");
  CHECK(RedactSecrets("/x?" + jwt) == "/x?[redacted]");
  SECTION("what is not a secret stays as it was") {
    for (const std::string target :
         {"/api/runs/ck1a2b3c4d5e6f7g8h9i0j1k2", "/x?keyword=k&monkey=m&notauth=a.b.c", "/x?",
          "/x?token", "/a.b.c", "/x?v=eyJ.only.two.dots.more", "/x?v=eyJabc.def", "/"}) {
      INFO(target);
      CHECK(RedactSecrets(target) == target);
    }
  }
}

}  // namespace
}  // namespace gofast
