// CORS for the company admin page: the allowed origin gets its headers on
// every answer, preflight included; any other origin gets none.
#include <SQLiteCpp/Database.h>

#include <catch2/catch.hpp>

#include "tests/app/app_fixture.h"

namespace gofast::testing {
namespace {

using nlohmann::json;

const httplib::Headers kFromAllowed = {{"Origin", kAllowedOrigin}};
const httplib::Headers kFromElsewhere = {{"Origin", "http://evil.test"}};

void CheckAllowed(const Reply& reply) {
  CHECK(reply.Header("Access-Control-Allow-Origin") == kAllowedOrigin);
  CHECK(reply.Header("Vary") == "Origin");
  CHECK(reply.Header("Access-Control-Expose-Headers") == "X-Request-Id, Idempotent-Replayed");
}

void CheckNoCors(const Reply& reply) {
  CHECK_FALSE(reply.HasHeader("Access-Control-Allow-Origin"));
  CHECK_FALSE(reply.HasHeader("Access-Control-Expose-Headers"));
}

TEST_CASE("a preflight on any api path is 204 without a token", "[integration]") {
  AppService app;
  for (const char* path : {"/api/runs/create", "/api/runs", "/api/runs/some-id",
                           "/api/athlete/create", "/api/not-a-route"}) {
    INFO(path);
    const Reply reply =
        app.client().Send("OPTIONS", path,
                          {{"Origin", kAllowedOrigin},
                           {"Access-Control-Request-Method", "POST"},
                           {"Access-Control-Request-Headers", "authorization, content-type"}});
    CHECK(reply.status == 204);
    CHECK(reply.body.empty());
    CheckAllowed(reply);
    CHECK(reply.Header("Access-Control-Allow-Methods") == "GET, POST, OPTIONS");
    CHECK(reply.Header("Access-Control-Allow-Headers") ==
          "Content-Type, Authorization, Idempotency-Key, X-Request-Id");
    CHECK(reply.Header("Access-Control-Max-Age") == "86400");
  }
}

TEST_CASE("the allowed origin gets CORS headers on 2xx and 4xx answers alike", "[integration]") {
  AppService app;
  const std::string token = SignedToken("uid-ada");
  TestClient& client = app.client();

  const Reply created =
      client.Post("/api/runs/create", token, MinimalRun().dump(), "application/json", kFromAllowed);
  CHECK(created.status == 200);
  CheckAllowed(created);
  const Reply athlete =
      client.Post("/api/athlete/create", token, "", "application/json", kFromAllowed);
  CHECK(athlete.status == 201);
  CheckAllowed(athlete);
  const Reply listed = client.Get("/api/runs", token, kFromAllowed);
  CHECK(listed.status == 200);
  CheckAllowed(listed);

  json invalid = MinimalRun();
  invalid["meetUpLat"] = 91;
  const Reply validation =
      client.Post("/api/runs/create", token, invalid.dump(), "application/json", kFromAllowed);
  CHECK(validation.status == 400);
  CHECK(validation.json["error"] == "meetUpLat must be between -90 and 90");
  CheckAllowed(validation);
  const Reply bad_json =
      client.Post("/api/runs/create", token, "{", "application/json", kFromAllowed);
  CHECK(bad_json.status == 400);
  CheckAllowed(bad_json);
  const Reply no_token =
      client.Post("/api/runs/create", "", MinimalRun().dump(), "application/json", kFromAllowed);
  CHECK(no_token.status == 401);
  CheckAllowed(no_token);
  const Reply missing = client.Get("/api/runs/cnotarun000000000000000000", token, kFromAllowed);
  CHECK(missing.status == 404);
  CheckAllowed(missing);
  const Reply no_route = client.Get("/api/elsewhere", token, kFromAllowed);
  CHECK(no_route.status == 404);
  CheckAllowed(no_route);
  const Reply wrong_method = client.Get("/api/runs/create", token, kFromAllowed);
  CHECK(wrong_method.status == 405);
  CheckAllowed(wrong_method);
  const Reply media = client.Post("/api/runs/create", token, "x", "text/plain", kFromAllowed);
  CHECK(media.status == 415);
  CheckAllowed(media);
  const Reply health = client.Get("/healthz", "", kFromAllowed);
  CHECK(health.status == 200);
  CheckAllowed(health);

  TestClient fresh(Service::kApp, app.process().port());
  json huge = MinimalRun();
  huge["description"] = std::string(200000, 'x');
  const Reply too_large =
      fresh.Post("/api/runs/create", token, huge.dump(), "application/json", kFromAllowed);
  CHECK(too_large.status == 413);
  CheckAllowed(too_large);
}

TEST_CASE("the allowed origin gets CORS headers on a 500 too", "[integration][sqlite]") {
  AppService app;
  const std::string token = SignedToken("uid-ada");
  {
    // Break the database under the running service: its next write fails.
    SQLite::Database db(app.db_path(), SQLite::OPEN_READWRITE);
    db.exec("DROP TABLE city_runs");
  }
  const Reply broken = app.client().Post("/api/runs/create", token, MinimalRun().dump(),
                                         "application/json", kFromAllowed);
  CheckError(broken, 500, "INTERNAL", "Internal error");
  CHECK(broken.body.find("city_runs") == std::string::npos);  // no SQL text leaks
  CheckAllowed(broken);
  const Reply list = app.client().Get("/api/runs", token, kFromAllowed);
  CHECK(list.status == 500);
  CheckAllowed(list);
}

TEST_CASE("another origin, or none, gets no CORS headers", "[integration]") {
  AppService app;
  const std::string token = SignedToken("uid-ada");
  TestClient& client = app.client();
  const Reply created = client.Post("/api/runs/create", token, MinimalRun().dump(),
                                    "application/json", kFromElsewhere);
  CHECK(created.status == 200);
  CheckNoCors(created);
  const Reply invalid =
      client.Post("/api/runs/create", token, "{}", "application/json", kFromElsewhere);
  CHECK(invalid.status == 400);
  CheckNoCors(invalid);
  const Reply no_token = client.Get("/api/runs", "", kFromElsewhere);
  CHECK(no_token.status == 401);
  CheckNoCors(no_token);
  const Reply preflight = client.Send("OPTIONS", "/api/runs/create", kFromElsewhere);
  CheckNoCors(preflight);
  const Reply no_origin = client.Get("/api/runs", token);
  CHECK(no_origin.status == 200);
  CheckNoCors(no_origin);
  // A prefix or a different scheme or port is another origin.
  for (const std::string& origin :
       {std::string(kAllowedOrigin) + ".evil.test", std::string("https://admin.gofast.test:3000"),
        std::string("http://admin.gofast.test:3001")}) {
    INFO(origin);
    CheckNoCors(client.Get("/api/runs", token, {{"Origin", origin}}));
  }
}

TEST_CASE("without --cors-origin no answer carries CORS headers", "[integration]") {
  TempDir dir;
  ServiceProcess process(GOFAST_APP_SERVICE_BIN, ServiceArgs(dir.File("app.db")));
  TestClient client(Service::kApp, process.port());
  const Reply listed = client.Get("/api/runs", SignedToken("uid-ada"), kFromAllowed);
  CHECK(listed.status == 200);
  CheckNoCors(listed);
  const Reply preflight = client.Send("OPTIONS", "/api/runs/create", kFromAllowed);
  CHECK(preflight.status != 204);
  CheckNoCors(preflight);
}

}  // namespace
}  // namespace gofast::testing
