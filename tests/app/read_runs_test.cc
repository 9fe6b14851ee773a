// GET /api/runs and GET /api/runs/{id} against the real binary.
#include <catch2/catch.hpp>
#include <set>

#include "tests/app/app_fixture.h"

namespace gofast::testing {
namespace {

using nlohmann::json;

std::vector<std::string> Ids(const Reply& reply) {
  std::vector<std::string> ids;
  for (const json& run : reply.json["runs"]) ids.push_back(run["id"]);
  return ids;
}

TEST_CASE("runs are listed newest first and paged by cursor without gaps or repeats",
          "[integration]") {
  AppService app;
  const std::string token = SignedToken("uid-ada");
  std::vector<std::string> created;  // oldest first
  for (int i = 0; i < 7; ++i) {
    json body = MinimalRun();
    body["title"] = "Run " + std::to_string(i);
    const Reply reply = app.CreateRun(token, body);
    REQUIRE(reply.status == 200);
    created.push_back(reply.json["run"]["id"]);
  }
  const std::vector<std::string> newest_first(created.rbegin(), created.rend());

  std::vector<std::string> seen;
  std::string path = "/api/runs?limit=3";
  int pages = 0;
  while (true) {
    const Reply page = app.client().Get(path, token);
    REQUIRE(page.status == 200);
    REQUIRE(page.json["success"] == true);
    ++pages;
    for (const std::string& id : Ids(page)) seen.push_back(id);
    if (page.json["nextCursor"].is_null()) break;
    CHECK(page.json["runs"].size() == 3);
    path = "/api/runs?limit=3&cursor=" + page.json["nextCursor"].get<std::string>();
    REQUIRE(pages < 10);
  }
  CHECK(pages == 3);
  CHECK(seen == newest_first);

  const Reply all = app.client().Get("/api/runs", token);
  CHECK(Ids(all) == newest_first);
  CHECK(all.json["nextCursor"].is_null());
}

TEST_CASE("with --run-cache-mb 0 every page is read from its rows, and answers the same",
          "[integration]") {
  ServiceUnderTest app(GOFAST_APP_SERVICE_BIN, Service::kApp, "app.db", {"--run-cache-mb", "0"});
  const std::string token = SignedToken("uid-ada");
  for (int i = 0; i < 3; ++i) {
    json body = MinimalRun();
    body["title"] = "Run " + std::to_string(i);
    REQUIRE(app.client().PostJson("/api/runs/create", token, body).status == 200);
  }
  const Reply first = app.client().Get("/api/runs", token);
  REQUIRE(first.status == 200);
  REQUIRE(first.json["runs"].size() == 3);
  CHECK(app.client().Get("/api/runs", token).json == first.json);
  const std::string metrics = app.client().Get("/metrics").body;
  INFO(metrics);
  CHECK(metrics.find("gofast_run_cache_lookups_total{result=\"hit\"} 0\n") != std::string::npos);
  CHECK(metrics.find("gofast_run_cache_lookups_total{result=\"miss\"} 6\n") != std::string::npos);
  CHECK(metrics.find("gofast_run_cache_bytes 0\n") != std::string::npos);
}

TEST_CASE("the default page holds 50 runs", "[integration]") {
  AppService app;
  const std::string token = SignedToken("uid-ada");
  for (int i = 0; i < 51; ++i) REQUIRE(app.CreateRun(token, MinimalRun()).status == 200);
  const Reply first = app.client().Get("/api/runs", token);
  REQUIRE(first.status == 200);
  CHECK(first.json["runs"].size() == 50);
  REQUIRE(first.json["nextCursor"].is_string());
  const Reply second =
      app.client().Get("/api/runs?cursor=" + first.json["nextCursor"].get<std::string>(), token);
  CHECK(second.json["runs"].size() == 1);
  CHECK(second.json["nextCursor"].is_null());
}

TEST_CASE("each of the four filters returns exactly its runs and they combine", "[integration]") {
  AppService app;
  const std::string token = SignedToken("uid-ada");
  const Reply athlete = app.client().Post("/api/athlete/create", token, "");
  REQUIRE(athlete.status == 201);
  const std::string athlete_id = athlete.json["athlete"]["id"];

  int created = 0;
  const auto create = [&](const std::string& staff, const std::string& city,
                          const std::string& club, bool with_athlete) {
    json body = MinimalRun();
    body["title"] = "Run " + std::to_string(++created);  // one club's runs are no duplicates
    body["staffGeneratedId"] = staff;
    body["citySlug"] = city;
    body["runClubSlug"] = club;
    if (with_athlete) body["athleteGeneratedId"] = athlete_id;
    const Reply reply = app.CreateRun(token, body);
    REQUIRE(reply.status == 200);
    return reply.json["run"]["id"].get<std::string>();
  };
  const std::string a = create("staff-a", "arlington", "club-x", false);
  const std::string b = create("staff-b", "arlington", "club-y", true);
  const std::string c = create("staff-a", "boston", "club-y", false);

  const auto ids = [&](const std::string& query) {
    const Reply reply = app.client().Get("/api/runs?" + query, token);
    REQUIRE(reply.status == 200);
    const std::vector<std::string> list = Ids(reply);
    return std::set<std::string>(list.begin(), list.end());
  };
  using Set = std::set<std::string>;
  CHECK(ids("staffGeneratedId=staff-a") == Set{a, c});
  CHECK(ids("citySlug=arlington") == Set{a, b});
  CHECK(ids("runClubSlug=club-y") == Set{b, c});
  CHECK(ids("athleteGeneratedId=" + athlete_id) == Set{b});
  CHECK(ids("staffGeneratedId=staff-a&citySlug=boston") == Set{c});
  CHECK(ids("staffGeneratedId=staff-a&runClubSlug=club-x&citySlug=arlington") == Set{a});
  CHECK(ids("staffGeneratedId=nobody").empty());
  CHECK(ids("staffGeneratedId=&citySlug=") == Set{a, b, c});  // empty means no filter
  CHECK(ids("unknownParam=1") == Set{a, b, c});
}

TEST_CASE("a bad limit or cursor is 400 VALIDATION_FAILED, never clamped", "[integration]") {
  AppService app;
  const std::string token = SignedToken("uid-ada");
  for (const char* query : {"limit=0", "limit=501", "limit=abc", "limit=-1",
                            "limit=", "cursor=not-a-cursor", "cursor=", "cursor=e30"}) {
    INFO(query);
    const Reply reply = app.client().Get(std::string("/api/runs?") + query, token);
    CheckError(reply, 400, "VALIDATION_FAILED");
    const std::string parameter(query, std::string(query).find('='));
    CHECK(reply.json["details"] == nlohmann::json{{"field", parameter}});
  }
  CHECK(app.client().Get("/api/runs?limit=500", token).status == 200);
  CHECK(app.client().Get("/api/runs?limit=1", token).status == 200);
}

TEST_CASE("a run is read by its id and an unknown id is 404 Run not found", "[integration]") {
  AppService app;
  const std::string token = SignedToken("uid-ada");
  const Reply created = app.CreateRun(token, MinimalRun());
  REQUIRE(created.status == 200);
  const std::string id = created.json["run"]["id"];

  // Any valid token of the project may read, not only the creator's.
  const Reply read = app.client().Get("/api/runs/" + id, SignedToken("uid-someone-else"));
  REQUIRE(read.status == 200);
  CHECK(read.json["success"] == true);
  CHECK(read.json["run"] == created.json["run"]);

  const Reply missing = app.client().Get("/api/runs/cnotarun000000000000000000", token);
  CHECK(missing.status == 404);
  CHECK(missing.json["success"] == false);
  CHECK(missing.json["code"] == "NOT_FOUND");
  CHECK(missing.json["error"] == "Run not found");
}

TEST_CASE("reading runs needs a valid token", "[integration]") {
  AppService app;
  CHECK(app.client().Get("/api/runs").status == 401);
  CHECK(app.client().Get("/api/runs").json["code"] == "NO_TOKEN");
  CHECK(app.client().Get("/api/runs/anything").status == 401);
  CHECK(app.client().Get("/api/runs", "not.a.token").json["code"] == "INVALID_TOKEN");
  // 401 wins over a bad limit.
  CHECK(app.client().Get("/api/runs?limit=0").status == 401);
}

TEST_CASE("GET on the create path is 405 and unknown paths are 404", "[integration]") {
  AppService app;
  const std::string token = SignedToken("uid-ada");
  const Reply get_create = app.client().Get("/api/runs/create", token);
  CheckError(get_create, 405, "METHOD_NOT_ALLOWED");
  CHECK(get_create.Header("Allow") == "POST");
  const Reply post_list = app.client().Post("/api/runs", token, "{}");
  CHECK(post_list.status == 405);
  CHECK(app.client().Get("/api/athlete/create", token).status == 405);
  CHECK(app.client().Get("/api/nothing-here", token).status == 404);
  CHECK(app.client().Get("/api/runs/a/b", token).status == 404);
  const Reply health = app.client().Get("/healthz");
  CHECK(health.status == 200);
  CHECK(health.json["status"] == "ok");
}

}  // namespace
}  // namespace gofast::testing
