// Bad input against the real company_service: every case answers a clear
// JSON error with the right status, and the database does not change.
#include <catch2/catch.hpp>
#include <ctime>

#include "shared/auth/crypto.h"
#include "shared/core/base64url.h"
#include "tests/company/company_fixture.h"
#include "tests/support/raw_http.h"

using gofast::testing::CompanyService;
using gofast::testing::RawExchange;
using gofast::testing::Reply;
using gofast::testing::SignedToken;

namespace {

struct Case {
  const char* name;
  std::string body;
  std::string content_type;
  int status;
  const char* code;
};

}  // namespace

TEST_CASE("bad bodies for find-or-create answer a JSON error and change nothing", "[integration]") {
  CompanyService service;
  const std::string token = SignedToken("uid-ada", "ada@gofast.test", true, "Ada Admin");
  REQUIRE(service.FindOrCreate(token).status == 201);
  const std::string before = service.StaffSnapshot();
  const std::string new_token = SignedToken("uid-new", "new@gofast.test");
  const std::vector<Case> cases = {
      {"malformed JSON", "{\"firstName\":", "application/json", 400, "BAD_JSON"},
      {"a JSON array", "[1,2]", "application/json", 400, "BAD_JSON"},
      {"a JSON string", "\"hello\"", "application/json", 400, "BAD_JSON"},
      {"JSON null", "null", "application/json", 400, "BAD_JSON"},
      {"a number too large", "{\"firstName\": 1e400}", "application/json", 400, "BAD_JSON"},
      {"invalid UTF-8", "{\"firstName\":\"\xff\xfe\"}", "application/json", 400, "BAD_JSON"},
      {"firstName of the wrong type", "{\"firstName\": 5}", "application/json", 400,
       "VALIDATION_FAILED"},
      {"lastName as an object", "{\"lastName\": {}}", "application/json", 400, "VALIDATION_FAILED"},
      {"a NUL inside a name", "{\"firstName\": \"a\\u0000b\"}", "application/json", 400,
       "VALIDATION_FAILED"},
      {"a form body", "firstName=x", "application/x-www-form-urlencoded", 415,
       "UNSUPPORTED_MEDIA_TYPE"},
      {"text", "{}", "text/plain", 415, "UNSUPPORTED_MEDIA_TYPE"},
      {"a 1 MiB body", "{\"firstName\":\"" + std::string(1 << 20, 'x') + "\"}", "application/json",
       413, "PAYLOAD_TOO_LARGE"},
  };
  for (const Case& bad : cases) {
    INFO(bad.name);
    const Reply reply =
        service.client().Post("/api/staff/find-or-create", new_token, bad.body, bad.content_type);
    CHECK(reply.status == bad.status);
    CHECK(reply.json["success"] == false);
    CHECK(reply.json["code"] == bad.code);
    CHECK(reply.json["error"].is_string());
    CHECK(reply.body.find("xxxxxxxx") == std::string::npos);  // never echoes the body
  }
  CHECK(service.StaffSnapshot() == before);
}

TEST_CASE("a body field of the wrong type, with NUL or too long is named in details.field",
          "[integration]") {
  CompanyService service;
  const std::string token = SignedToken("uid-new", "new@gofast.test");
  const std::pair<const char*, const char*> cases[] = {
      {"{\"firstName\": 5}", "firstName"},
      {"{\"firstName\": \"Ada\", \"lastName\": {}}", "lastName"},
      {"{\"photoURL\": \"a\\u0000b\"}", "photoURL"},
  };
  for (const auto& [body, field] : cases) {
    INFO(body);
    const Reply reply = service.FindOrCreate(token, body);
    CHECK(reply.status == 400);
    CHECK(reply.json["code"] == "VALIDATION_FAILED");
    CHECK(reply.json.value("details", nlohmann::json()) == nlohmann::json{{"field", field}});
  }
  const Reply long_name =
      service.FindOrCreate(token, "{\"lastName\": \"" + std::string(2001, 'x') + "\"}");
  CHECK(long_name.status == 400);
  CHECK(long_name.json["error"] == "lastName must be at most 2000 characters");
  CHECK(long_name.json.value("details", nlohmann::json()) == nlohmann::json{{"field", "lastName"}});
  CHECK(service.StaffCount() == 0);
}

TEST_CASE("missing, garbage, expired and foreign tokens are 401 and change nothing",
          "[integration]") {
  CompanyService service;
  const std::string before = service.StaffSnapshot();
  auto& client = service.client();
  const Reply none = client.Post("/api/staff/find-or-create", "", "{}");
  CheckError(none, 401, "NO_TOKEN");
  const Reply basic = client.Post("/api/staff/find-or-create", "", "{}", "application/json",
                                  {{"Authorization", "Basic dXNlcjpwYXNz"}});
  CHECK(basic.json["code"] == "NO_TOKEN");
  const Reply empty_bearer = client.Post("/api/staff/find-or-create", "", "{}", "application/json",
                                         {{"Authorization", "Bearer "}});
  CHECK(empty_bearer.json["code"] == "NO_TOKEN");
  const Reply garbage = client.Post("/api/staff/find-or-create", "not.a.token", "{}");
  CheckError(garbage, 401, "INVALID_TOKEN");
  CHECK(garbage.body.find("not.a.token") == std::string::npos);

  gofast::auth::MintOptions expired;
  expired.project_id = gofast::testing::kTestProjectId;
  expired.uid = "uid-expired";
  expired.email = "expired@gofast.test";
  expired.lifetime_seconds = -3600;
  const Reply old = client.Post("/api/staff/find-or-create",
                                gofast::testing::TestKeys::Shared().Mint(expired), "{}");
  CheckError(old, 401, "TOKEN_EXPIRED");
  CHECK(old.json["shouldRefresh"] == true);

  gofast::auth::MintOptions foreign = expired;
  foreign.project_id = "another-project";
  foreign.lifetime_seconds = 3600;
  const Reply other = client.Post("/api/staff/find-or-create",
                                  gofast::testing::TestKeys::Shared().Mint(foreign), "{}");
  CheckError(other, 401, "INVALID_TOKEN");
  CHECK(service.StaffSnapshot() == before);
}

TEST_CASE("an emulator token sent to a production service is 401 saying how to accept it",
          "[integration]") {
  CompanyService service;  // production mode, the test-only keys
  const std::string before = service.StaffSnapshot();
  gofast::auth::MintOptions emulator;
  emulator.project_id = gofast::testing::kTestProjectId;
  emulator.uid = "uid-emulator";
  emulator.email = "emulator@gofast.test";
  const Reply refused = service.client().Post(
      "/api/staff/find-or-create", gofast::testing::TestKeys::MintUnsigned(emulator), "{}");
  CheckError(refused, 401, "INVALID_TOKEN");
  const std::string message = refused.json["error"];
  CHECK(message.find("Firebase Auth Emulator") != std::string::npos);
  CHECK(message.find("--auth-mode emulator") != std::string::npos);
  CHECK(message.find("FIREBASE_AUTH_EMULATOR_HOST") != std::string::npos);
  CHECK(service.StaffSnapshot() == before);
}

TEST_CASE("tokens with a key given twice, a crit header or a control character in sub are 401",
          "[integration]") {
  CompanyService service;
  const auto signed_token = [](const std::string& header, const std::string& payload) {
    const std::string signed_part =
        gofast::Base64UrlEncode(header) + "." + gofast::Base64UrlEncode(payload);
    return signed_part + "." +
           gofast::Base64UrlEncode(gofast::auth::SignRs256(
               gofast::testing::TestKeys::Shared().key().private_key.get(), signed_part));
  };
  const std::string header =
      std::string(R"({"alg":"RS256","typ":"JWT","kid":")") + gofast::testing::TestKeys::kKid + "\"";
  const auto payload = [](const std::string& sub, const std::string& more) {
    const long now = static_cast<long>(std::time(nullptr));
    return std::string(R"({"iss":"https://securetoken.google.com/)") +
           gofast::testing::kTestProjectId + R"(","aud":")" + gofast::testing::kTestProjectId +
           R"(","sub":)" + sub + R"(,"iat":)" + std::to_string(now) + R"(,"exp":)" +
           std::to_string(now + 3600) + R"(,"email":"mallory@gofast.test")" + more + "}";
  };
  // The good form of the token passes, so each refusal below is its own rule's.
  REQUIRE(service.FindOrCreate(signed_token(header + "}", payload(R"("uid-good")", ""))).status ==
          201);
  const std::string before = service.StaffSnapshot();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {signed_token(header + "}", payload(R"("uid-first")", R"(,"sub":"uid-second")")),
       "The token payload gives a key twice in one object"},
      {signed_token(header + R"(,"alg":"none"})", payload(R"("uid-x")", "")),
       "The token header gives a key twice in one object"},
      {signed_token(header + R"(,"crit":["b64"]})", payload(R"("uid-x")", "")),
       "The token header names critical extensions (crit) that are not understood"},
      {signed_token(header + "}", payload(R"("uid\u0000admin")", "")),
       "The token subject (sub) must not hold control characters"},
      {signed_token(header + "}", payload(R"("uid\nadmin")", "")),
       "The token subject (sub) must not hold control characters"},
  };
  for (const auto& [token, message] : cases) {
    INFO(message);
    const Reply refused = service.FindOrCreate(token);
    CheckError(refused, 401, "INVALID_TOKEN", message);
  }
  CHECK(service.StaffSnapshot() == before);
}

TEST_CASE("401 comes before 415 and 400, and 413 before everything", "[integration]") {
  CompanyService service;
  CHECK(service.client().Post("/api/staff/find-or-create", "", "{", "text/plain").status == 401);
  CHECK(service.client()
            .Post("/api/staff/find-or-create", "", std::string(70000, 'x'), "text/plain")
            .status == 413);
  CHECK(service.client().Post("/nowhere", "", std::string(70000, 'x'), "text/plain").status == 413);
}

TEST_CASE("unknown routes are 404 and known routes with another method are 405", "[integration]") {
  CompanyService service;
  const std::string token = SignedToken("uid-ada", "ada@gofast.test");
  const Reply unknown = service.client().Get("/api/nothing-here", token);
  CheckError(unknown, 404, "NOT_FOUND");
  const Reply wrong_method = service.client().Get("/api/staff/find-or-create", token);
  CheckError(wrong_method, 405, "METHOD_NOT_ALLOWED");
  CHECK(wrong_method.Header("Allow") == "POST");
  const Reply put =
      service.client().Send("PUT", "/api/staff", {{"Authorization", "Bearer " + token}}, "{}");
  CHECK(put.status == 405);
  CHECK(put.Header("Allow") == "GET");
  const Reply put_staff = service.client().Send("PUT", "/api/staff/some-id", {});
  CHECK(put_staff.status == 405);
  CHECK(put_staff.Header("Allow") == "GET, PATCH, DELETE");
  CHECK(service.StaffCount() == 0);
}

TEST_CASE("the company service answers OPTIONS with 405 and sends no CORS headers",
          "[integration]") {
  CompanyService service;
  const Reply preflight = service.client().Send(
      "OPTIONS", "/api/staff/find-or-create",
      {{"Origin", "http://localhost:3000"}, {"Access-Control-Request-Method", "POST"}});
  CHECK(preflight.status == 405);
  CHECK_FALSE(preflight.HasHeader("Access-Control-Allow-Origin"));
  const Reply health = service.client().Get("/healthz", "", {{"Origin", "http://localhost:3000"}});
  CHECK_FALSE(health.HasHeader("Access-Control-Allow-Origin"));
}

TEST_CASE("a POST without any body or Content-Length reaches find-or-create as an empty body",
          "[integration]") {
  CompanyService service;
  const std::string token = SignedToken("uid-raw", "raw@gofast.test");
  const std::string answer =
      RawExchange(service.process().port(),
                  "POST /api/staff/find-or-create HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  "Authorization: Bearer " +
                      token + "\r\nConnection: close\r\n\r\n");
  CHECK(answer.rfind("HTTP/1.1 201", 0) == 0);
  CHECK(service.StaffCount() == 1);
}

TEST_CASE("an unknown HTTP method gets a JSON 501 and the service keeps serving", "[integration]") {
  CompanyService service;
  const std::string answer = RawExchange(
      service.process().port(), "BREW /api/staff HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  CHECK(answer.rfind("HTTP/1.1 501", 0) == 0);
  CHECK(answer.find("\"code\":\"NOT_IMPLEMENTED\"") != std::string::npos);
  CHECK(answer.find("\"success\":false") != std::string::npos);
  CHECK(service.client().Get("/healthz").status == 200);
}

TEST_CASE("request ids are echoed when valid and replaced when not", "[integration]") {
  CompanyService service;
  const Reply kept = service.client().Get("/healthz", "", {{"X-Request-Id", "demo.run_1-A"}});
  CHECK(kept.Header("X-Request-Id") == "demo.run_1-A");
  const Reply replaced =
      service.client().Get("/healthz", "", {{"X-Request-Id", std::string(129, 'a')}});
  CHECK(replaced.Header("X-Request-Id").size() == 36);
  const Reply spaced = service.client().Get("/healthz", "", {{"X-Request-Id", "has space"}});
  CHECK(spaced.Header("X-Request-Id") != "has space");
  CHECK_FALSE(service.client().Get("/healthz").Header("X-Request-Id").empty());
}

TEST_CASE("the access log has one line per request and never the token", "[integration]") {
  CompanyService service;
  const std::string token = SignedToken("uid-log", "log@gofast.test");
  service.client().Post("/api/staff/find-or-create", token, "{}", "application/json",
                        {{"X-Request-Id", "log-check-1"}});
  service.process().Stop();
  const std::string log = service.process().Log();
  CHECK(log.find(" log-check-1 POST /api/staff/find-or-create 201 ") != std::string::npos);
  CHECK(log.find(token) == std::string::npos);
}
