// Hostile and broken input to POST /api/runs/create: a clear JSON error
// with the right status, and not one byte written.
#include <catch2/catch.hpp>

#include "tests/app/app_fixture.h"

namespace gofast::testing {
namespace {

using nlohmann::json;

struct RawCase {
  const char* name;
  std::string body;
  std::string content_type;
  int status;
  const char* code;
  const char* error;  // "" when any message will do
};

// A body that is valid except for `text` spliced raw into the title.
std::string WithRawTitle(const std::string& raw_title) {
  return R"({"staffGeneratedId":"s-1","citySlug":"arlington","startDate":"2026-01-28",)"
         R"("meetUpPoint":"Gateway Park","title":")" +
         raw_title + R"("})";
}

TEST_CASE("malformed and non-object bodies are 400 BAD_JSON and write nothing", "[integration]") {
  AppService app;
  const std::string token = SignedToken("uid-ada");
  REQUIRE(app.CreateRun(token, MinimalRun()).status == 200);
  const std::string before = app.Snapshot();
  const std::vector<RawCase> cases = {
      {"truncated JSON", R"({"title": "Morning)", "application/json", 400, "BAD_JSON", ""},
      {"trailing garbage", MinimalRun().dump() + "}", "application/json", 400, "BAD_JSON", ""},
      {"single quotes", "{'title': 'x'}", "application/json", 400, "BAD_JSON", ""},
      {"a JSON array", "[" + MinimalRun().dump() + "]", "application/json", 400, "BAD_JSON",
       "The request body must be a JSON object"},
      {"a JSON string", R"("hello")", "application/json", 400, "BAD_JSON", ""},
      {"a JSON number", "42", "application/json", 400, "BAD_JSON", ""},
      {"JSON null", "null", "application/json", 400, "BAD_JSON", ""},
      {"JSON true", "true", "application/json", 400, "BAD_JSON", ""},
      {"a number too large for a double", R"({"totalMiles": 1e400})", "application/json", 400,
       "BAD_JSON", ""},
      {"invalid UTF-8 in a string", WithRawTitle("Morning \xff\xfe run"), "application/json", 400,
       "BAD_JSON", ""},
      {"an overlong UTF-8 encoding", WithRawTitle("\xc0\xaf"), "application/json", 400, "BAD_JSON",
       ""},
      {"a lone surrogate escape", WithRawTitle("\\ud800"), "application/json", 400, "BAD_JSON", ""},
      {"a raw control character", WithRawTitle("Morning\x01run"), "application/json", 400,
       "BAD_JSON", ""},
      {"a raw newline", WithRawTitle("Morning\nrun"), "application/json", 400, "BAD_JSON", ""},
      {"a NUL after the object, then more JSON",
       MinimalRun().dump() + std::string("\0{\"title\":\"Morning admin\"}", 26), "application/json",
       400, "BAD_JSON", "The request body holds a NUL byte"},
      {"a key given twice",
       R"({"title":"Morning run","citySlug":"arlington","title":"Morning again"})",
       "application/json", 400, "BAD_JSON", "The request body gives a key twice in one object"},
      {"nesting deeper than 64 levels",
       R"({"title":"Morning run","runClub":)" + std::string(65, '[') + std::string(65, ']') + "}",
       "application/json", 400, "BAD_JSON", "The request body nests objects and arrays too deeply"},
      {"a form body", "title=Morning+run", "application/x-www-form-urlencoded", 415,
       "UNSUPPORTED_MEDIA_TYPE", ""},
      {"plain text", MinimalRun().dump(), "text/plain", 415, "UNSUPPORTED_MEDIA_TYPE", ""},
  };
  for (const RawCase& c : cases) {
    INFO(c.name);
    const Reply reply = app.client().Post("/api/runs/create", token, c.body, c.content_type);
    CHECK(reply.status == c.status);
    CHECK(reply.json["success"] == false);
    CHECK(reply.json["code"] == c.code);
    if (*c.error != '\0') CHECK(reply.json["error"] == c.error);
    // Never the bytes of the bad body echoed back.
    CHECK(reply.body.find("Morning") == std::string::npos);
  }
  // An empty body is not an object either.
  const Reply empty = app.client().Post("/api/runs/create", token, "", "application/json");
  CheckError(empty, 400, "BAD_JSON");
  CHECK(app.Snapshot() == before);
}

TEST_CASE("a 1 MiB body is 413 PAYLOAD_TOO_LARGE and writes nothing", "[integration]") {
  AppService app;
  const std::string token = SignedToken("uid-ada");
  json body = MinimalRun();
  body["description"] = std::string(1024 * 1024, 'x');
  const Reply reply = app.CreateRun(token, body);
  CheckError(reply, 413, "PAYLOAD_TOO_LARGE");
  CHECK(app.RunCount() == 0);
  CHECK(app.ClubCount() == 0);
  // The service still answers afterwards.
  TestClient fresh(Service::kApp, app.process().port());
  CHECK(fresh.PostJson("/api/runs/create", token, MinimalRun()).status == 200);
}

TEST_CASE("a 10,000-character title is refused by its length limit and writes nothing",
          "[integration]") {
  AppService app;
  json body = MinimalRun();
  body["title"] = std::string(10000, 'T');
  const Reply reply = app.CreateRun(SignedToken("uid-ada"), body);
  CheckError(reply, 400, "VALIDATION_FAILED", "title must be at most 300 characters");
  CHECK(app.RunCount() == 0);
}

TEST_CASE("string limits count characters and apply to every field", "[integration]") {
  AppService app;
  const std::string token = SignedToken("uid-ada");
  json body = MinimalRun();
  std::string runner;  // 300 characters of 4 bytes each: 1200 bytes, allowed
  for (int i = 0; i < 300; ++i) runner += "\xF0\x9F\x8F\x83";
  body["title"] = runner;
  const Reply long_ok = app.CreateRun(token, body);
  REQUIRE(long_ok.status == 200);
  CHECK(long_ok.json["run"]["title"] == runner);

  body["title"] = "ok";
  body["meetUpPoint"] = std::string(2001, 'p');
  const Reply long_point = app.CreateRun(token, body);
  CHECK(long_point.status == 400);
  CHECK(long_point.json["error"] == "meetUpPoint must be at most 2000 characters");
  body["meetUpPoint"] = "ok";
  body["description"] = std::string(20001, 'd');
  const Reply long_description = app.CreateRun(token, body);
  CHECK(long_description.status == 400);
  CHECK(long_description.json["error"] == "description must be at most 20000 characters");
  CHECK(app.RunCount() == 1);
}

TEST_CASE("a NUL inside any string is refused with its field's name", "[integration]") {
  AppService app;
  const std::string token = SignedToken("uid-ada");
  for (const char* field :
       {"title", "staffGeneratedId", "meetUpPoint", "description", "cityName"}) {
    INFO(field);
    json body = MinimalRun();
    body[field] = std::string("before\0after", 12);
    const Reply reply = app.CreateRun(token, body);
    CHECK(reply.status == 400);
    CHECK(reply.json["error"] == std::string(field) + " must not contain NUL");
  }
  json club = MinimalRun();
  club["runClub"] = {{"slug", std::string("a\0b", 3)}, {"name", "x"}};
  CHECK(app.CreateRun(token, club).json["error"] == "runClub.slug must not contain NUL");
  CHECK(app.RunCount() == 0);
  CHECK(app.ClubCount() == 0);
}

TEST_CASE("escaped control characters and any Unicode are stored verbatim", "[integration]") {
  AppService app;
  json body = MinimalRun();
  const std::string description =
      "line 1\nline 2\ttabbed \x01\x1f bell\x07 \xE2\x9C\x93 caf\xC3\xA9";
  body["description"] = description;
  body["title"] = "Run \xF0\x9F\x8F\x83 \"quoted\" back\\slash";
  const Reply created = app.CreateRun(SignedToken("uid-ada"), body);
  REQUIRE(created.status == 200);
  const Reply back = app.client().Get("/api/runs/" + created.json["run"]["id"].get<std::string>(),
                                      SignedToken("uid-ada"));
  CHECK(back.json["run"]["description"] == description);
  CHECK(back.json["run"]["title"] == "Run \xF0\x9F\x8F\x83 \"quoted\" back\\slash");
}

TEST_CASE("SQL-looking strings are stored verbatim and change nothing else", "[integration]") {
  AppService app;
  const std::string token = SignedToken("uid-ada");
  const std::vector<std::string> payloads = {
      "'; DROP TABLE city_runs; --",
      "Robert'); DELETE FROM run_clubs WHERE ('1'='1",
      "\" OR 1=1 --",
      "x' UNION SELECT firebaseId FROM athletes --",
  };
  json body = MinimalRun();
  body["title"] = payloads[0];
  body["staffGeneratedId"] = payloads[1];
  body["description"] = payloads[2];
  body["meetUpPoint"] = payloads[3];
  body["runClub"] = {{"slug", payloads[0]}, {"name", payloads[1]}};
  const Reply created = app.CreateRun(token, body);
  REQUIRE(created.status == 200);
  const json& run = created.json["run"];
  CHECK(run["title"] == payloads[0]);
  CHECK(run["staffGeneratedId"] == payloads[1]);
  CHECK(run["description"] == payloads[2]);
  CHECK(run["meetUpPoint"] == payloads[3]);
  CHECK(run["runClubSlug"] == payloads[0]);
  CHECK(app.RunCount() == 1);
  CHECK(app.ClubCount() == 1);

  // The same strings as list filters match exactly, and only that.
  const Reply by_staff = app.client().Get(
      "/api/runs?staffGeneratedId=" + httplib::detail::encode_query_param(payloads[1]), token);
  REQUIRE(by_staff.status == 200);
  CHECK(by_staff.json["runs"].size() == 1);
  const Reply injected = app.client().Get(
      "/api/runs?citySlug=" + httplib::detail::encode_query_param("x' OR '1'='1"), token);
  REQUIRE(injected.status == 200);
  CHECK(injected.json["runs"].empty());
}

}  // namespace
}  // namespace gofast::testing
