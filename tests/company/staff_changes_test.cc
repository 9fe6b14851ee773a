// The staff change feed (GET /api/staff/changes) and the two writes it
// reports beside sign-up and invitation: PATCH and DELETE /api/staff/{id}.
#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

#include "tests/company/company_fixture.h"

namespace gofast::testing {
namespace {

using nlohmann::json;

constexpr char kKey[] = "feed-key-0123456789";

// The service with the feed on.
class FeedService : public CompanyService {
 public:
  FeedService() : CompanyService({"--internal-api-key", kKey}) {}
};

// Invited by `founder` with `role`, then signed in: linked.
SignedUp Invited(CompanyService& service, const SignedUp& founder, const std::string& uid,
                 const std::string& role) {
  const Reply invited =
      service.Invite(founder.token, {{"email", uid + "@gofast.test"}, {"role", role}});
  REQUIRE(invited.status == 201);
  SignedUp member{SignedToken(uid, uid + "@gofast.test", true), ""};
  const Reply linked = service.FindOrCreate(member.token);
  REQUIRE(linked.status == 200);
  REQUIRE(linked.json["linked"] == true);
  member.id = linked.json["staff"]["id"].get<std::string>();
  return member;
}

// Every change after `cursor`, read `limit` at a time; `cursor` ends at the last nextCursor.
std::vector<json> ReadFeed(CompanyService& service, std::string& cursor, int limit = 100) {
  std::vector<json> changes;
  while (ReadFeedPage(service.client(), kKey, cursor, limit, changes)) {
  }
  return changes;
}

TEST_CASE("the change feed tells each change to staff once, in order, page by page",
          "[integration][feed]") {
  FeedService service;
  const SignedUp ada = SignUp(service, "ada");
  const SignedUp sam = Invited(service, ada, "sam", "Sales");
  REQUIRE(service.Patch(ada.token, sam.id, {{"lastName", "Seller"}, {"role", "CFO"}}).status ==
          200);
  REQUIRE(service.Remove(ada.token, sam.id).status == 200);

  std::string cursor;
  const std::vector<json> changes = ReadFeed(service, cursor, 2);
  REQUIRE(changes.size() == 5);
  const std::vector<std::pair<std::string, std::string>> expected = {{"created", ada.id},
                                                                     {"created", sam.id},
                                                                     {"linked", sam.id},
                                                                     {"updated", sam.id},
                                                                     {"removed", sam.id}};
  for (size_t i = 0; i < changes.size(); ++i) {
    INFO(changes[i].dump());
    CHECK(changes[i]["kind"] == expected[i].first);
    CHECK(changes[i]["staff"]["id"] == expected[i].second);
    CHECK(changes[i]["cursor"] == std::to_string(i + 1));
  }
  CHECK(changes[1]["staff"]["firebaseId"].get<std::string>().rfind("temp-", 0) == 0);
  CHECK(changes[2]["staff"]["firebaseId"] == "sam");
  CHECK(changes[3]["staff"]["lastName"] == "Seller");
  CHECK(changes[3]["staff"]["role"] == "CFO");
  CHECK(changes[4]["staff"]["role"] == "CFO");  // the row as it was when removed
  CHECK(changes[3]["at"] == changes[3]["staff"]["updatedAt"]);
  CHECK(cursor == "5");
  // Nothing new: the same cursor again, never null.
  const Reply idle = service.Changes(kKey, "?cursor=5");
  CHECK(idle.json["changes"].empty());
  CHECK(idle.json["nextCursor"] == "5");
  CHECK(service.Changes(kKey).json["changes"].size() == 5);  // no cursor: from the start
}

TEST_CASE(
    "the change feed is for services holding the key (option or variable), and 404 when the "
    "company has none",
    "[integration][feed]") {
  FeedService service;
  const SignedUp ada = SignUp(service, "ada");
  // Tried: no header, another key, the key with one more character, a Firebase token.
  for (const std::string& key :
       {std::string(), std::string("another-key"), std::string(kKey) + "x", ada.token}) {
    INFO(key);
    const Reply refused = service.Changes(key);
    CHECK(refused.status == 401);
    CHECK(refused.json["code"] == "INVALID_TOKEN");
  }
  // Tried: a cursor that is no position, one too long for any, limits out of range.
  for (const char* query : {"?cursor=abc", "?cursor=-1", "?cursor=1234567890123456789", "?limit=0",
                            "?limit=501", "?limit=ten"}) {
    INFO(query);
    CHECK(service.Changes(kKey, query).status == 400);
  }

  // The key from the environment, as a harness sets it once for both services.
  TempDir dir;
  const TestDatabase database(dir, "company.db");
  ServiceProcess from_env(GOFAST_COMPANY_SERVICE_BIN, ServiceArgs(database.url()),
                          {{"GOFAST_INTERNAL_API_KEY", kKey}});
  TestClient env_client(Service::kCompany, from_env.port());
  std::string cursor;
  std::vector<json> seen;
  CHECK_FALSE(ReadFeedPage(env_client, kKey, cursor, 10, seen));  // 200 (not 404): an empty feed
  CHECK(cursor == "0");

  CompanyService keyless;
  const Reply no_feed = keyless.Changes(kKey);
  CHECK(no_feed.status == 404);
  CHECK(no_feed.json["code"] == "NOT_FOUND");
}

TEST_CASE("PATCH and DELETE of staff are a Founder's, refuse bad input and keep a Founder",
          "[integration][feed]") {
  FeedService service;
  const SignedUp ada = SignUp(service, "ada");
  const SignedUp cal = Invited(service, ada, "cal", "CFO");
  const std::string before = service.StaffSnapshot();
  const size_t changes_before = service.Changes(kKey).json["changes"].size();

  // Tried, each refused and changing nothing:
  CHECK(service.Patch(ada.token, cal.id, json::object()).status == 400);  // nothing to change
  CHECK(service.Patch(ada.token, cal.id, {{"role", "Boss"}}).status == 400);
  CHECK(service.Patch(ada.token, cal.id, {{"role", ""}}).status == 400);
  CHECK(service.Patch(ada.token, cal.id, {{"firstName", 7}}).status == 400);
  CHECK(service.Patch(ada.token, cal.id, {{"lastName", std::string(2001, 'x')}}).status == 400);
  CHECK(service.client()
            .Send("PATCH", "/api/staff/" + cal.id,
                  {{"Authorization", "Bearer " + ada.token}, {"Content-Type", "application/json"}},
                  "{\"role\": \"CFO\"")
            .status == 400);  // cut short
  const Reply not_founder = service.Patch(cal.token, ada.id, {{"firstName", "Eve"}});
  CHECK(not_founder.status == 403);
  CHECK(not_founder.json["code"] == "FORBIDDEN");
  CHECK(service.Remove(cal.token, ada.id).status == 403);
  const std::string stranger = SignedToken("stranger", "stranger@gofast.test");
  CHECK(service.Remove(stranger, ada.id).status == 403);  // not staff (sign-up is by POST only)
  CHECK(service.Patch(ada.token, "no-such-id", {{"role", "CFO"}}).status == 404);
  CHECK(service.Remove(ada.token, "no-such-id").status == 404);
  const Reply demote_last = service.Patch(ada.token, ada.id, {{"role", "Sales"}});
  CHECK(demote_last.status == 409);
  CHECK(demote_last.json["code"] == "CONFLICT");
  CHECK(service.Remove(ada.token, ada.id).status == 409);
  CHECK(service.StaffSnapshot() == before);
  CHECK(service.Changes(kKey).json["changes"].size() == changes_before);

  // A name given null is cleared; what is left out is kept.
  const Reply cleared = service.Patch(ada.token, cal.id, {{"firstName", "Cal"}});
  REQUIRE(cleared.status == 200);
  const Reply named = service.Patch(ada.token, cal.id, {{"firstName", nullptr}});
  REQUIRE(named.status == 200);
  CHECK(named.json["staff"]["firstName"].is_null());
  CHECK(named.json["staff"]["role"] == "CFO");
  // With a second Founder, the first may step down, and be removed.
  REQUIRE(service.Patch(ada.token, cal.id, {{"role", "Founder"}}).status == 200);
  CHECK(service.Patch(ada.token, ada.id, {{"role", "Marketing"}}).status == 200);
  const Reply removed = service.Remove(cal.token, ada.id);
  REQUIRE(removed.status == 200);
  CHECK(removed.json["staff"]["role"] == "Marketing");
  CHECK(service.client().Get("/api/staff/" + ada.id, cal.token).status == 404);
  CHECK(service.FindOrCreate(ada.token).status == 201);  // off-boarded: a new row at sign-in
}

TEST_CASE("a reader following the feed while staff sign up misses and repeats nothing",
          "[integration][feed]") {
  FeedService service;
  const std::vector<json> seen =
      FeedReadDuringSignUps({service.process().port()}, service.process().port(), kKey);
  REQUIRE(seen.size() == 100);
  std::set<std::string> ids;
  for (size_t i = 0; i < seen.size(); ++i) {
    CHECK(seen[i]["cursor"] == std::to_string(i + 1));
    ids.insert(seen[i]["staff"]["id"].get<std::string>());
  }
  CHECK(ids.size() == seen.size());
  CHECK(service.StaffCount() == static_cast<int64_t>(ids.size()));
}

TEST_CASE("the feed's cursors survive a restart, and staff stored before it are in the feed",
          "[integration][feed]") {
  TempDir dir;
  const TestDatabase database(dir, "company.db");
  std::string cursor;
  {
    ServiceProcess first(GOFAST_COMPANY_SERVICE_BIN,
                         ServiceArgs(database.url(), {"--internal-api-key", kKey}));
    TestClient client(Service::kCompany, first.port());
    REQUIRE(client.Post("/api/staff/find-or-create", SignedToken("ada", "ada@gofast.test"), "")
                .status == 201);
    const Reply page = client.Send("GET", "/api/staff/changes",
                                   {{"Authorization", std::string("Bearer ") + kKey}});
    REQUIRE(page.json["changes"].size() == 1);
    cursor = page.json["nextCursor"].get<std::string>();
  }
  ServiceProcess second(GOFAST_COMPANY_SERVICE_BIN,
                        ServiceArgs(database.url(), {"--internal-api-key", kKey}));
  TestClient client(Service::kCompany, second.port());
  REQUIRE(
      client.Post("/api/staff/find-or-create", SignedToken("bob", "bob@gofast.test"), "").status ==
      201);
  const Reply after = client.Send("GET", "/api/staff/changes?cursor=" + cursor,
                                  {{"Authorization", std::string("Bearer ") + kKey}});
  REQUIRE(after.json["changes"].size() == 1);
  CHECK(after.json["changes"][0]["staff"]["firebaseId"] == "bob");
  CHECK(after.json["changes"][0]["cursor"] == "2");
}

}  // namespace
}  // namespace gofast::testing
