#ifndef GOFAST_TESTS_COMPANY_COMPANY_FIXTURE_H_
#define GOFAST_TESTS_COMPANY_COMPANY_FIXTURE_H_

#include <atomic>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/service_under_test.h"
#include "tests/support/test_database.h"

namespace gofast::testing {

inline constexpr char kTenantId[] = "cmhpqe7kl0000nw1uvcfhf2hs";

// The real company_service binary on port 0 with a fresh database.
class CompanyService : public ServiceUnderTest {
 public:
  explicit CompanyService(const std::vector<std::string>& extra_args = {})
      : ServiceUnderTest(GOFAST_COMPANY_SERVICE_BIN, Service::kCompany, "company.db", extra_args) {}

  int64_t StaffCount() const { return CountRows(db_path(), "company_staff"); }
  std::string StaffSnapshot() const { return TableSnapshot(db_path(), "company_staff"); }

  Reply FindOrCreate(const std::string& token, const std::string& body = "") {
    return body.empty() ? client().Post("/api/staff/find-or-create", token, "", "")
                        : client().Post("/api/staff/find-or-create", token, body);
  }
  Reply Invite(const std::string& token, const nlohmann::json& body) {
    return client().PostJson("/api/staff/invite", token, body);
  }
  Reply Patch(const std::string& token, const std::string& id, const nlohmann::json& body) {
    return client().Send(
        "PATCH", "/api/staff/" + id,
        {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}}, body.dump());
  }
  Reply Remove(const std::string& token, const std::string& id) {
    return client().Send("DELETE", "/api/staff/" + id, {{"Authorization", "Bearer " + token}});
  }
  // GET /api/staff/changes, sending `key` (none when empty).
  Reply Changes(const std::string& key, const std::string& query = "") {
    return client().Send(
        "GET", "/api/staff/changes" + query,
        key.empty() ? httplib::Headers{} : httplib::Headers{{"Authorization", "Bearer " + key}});
  }
};

// A staff member signed in: the token and the row's id.
struct SignedUp {
  std::string token;
  std::string id;
};

// `uid` signed up by find-or-create (a new row, 201; a Founder under open sign-up).
inline SignedUp SignUp(CompanyService& service, const std::string& uid) {
  SignedUp member{SignedToken(uid, uid + "@gofast.test", true, "Name " + uid), ""};
  const Reply reply = service.FindOrCreate(member.token);
  REQUIRE(reply.status == 201);
  member.id = reply.json["staff"]["id"].get<std::string>();
  return member;
}

// One page of GET /api/staff/changes sent with `key`, after `cursor`: its
// changes appended to `seen`, `cursor` moved to its nextCursor; false when
// nothing was new.
inline bool ReadFeedPage(TestClient& client, const std::string& key, std::string& cursor, int limit,
                         std::vector<nlohmann::json>& seen) {
  const Reply page =
      client.Send("GET", "/api/staff/changes?cursor=" + cursor + "&limit=" + std::to_string(limit),
                  {{"Authorization", "Bearer " + key}});
  REQUIRE(page.status == 200);
  REQUIRE(page.json["nextCursor"].is_string());
  cursor = page.json["nextCursor"].get<std::string>();
  for (const nlohmann::json& change : page.json["changes"]) seen.push_back(change);
  return !page.json["changes"].empty();
}

// Every change the feed of the company on `reader_port` told while 4 writers
// signed up 25 new uids each through `writer_ports` (writer i through port
// i % size), read 7 at a time from the start until the writers were done and
// nothing new was left.
inline std::vector<nlohmann::json> FeedReadDuringSignUps(const std::vector<int>& writer_ports,
                                                         int reader_port, const std::string& key) {
  constexpr int kWriters = 4;
  constexpr int kEach = 25;
  std::atomic<int> writing{kWriters};
  std::vector<std::thread> writers;
  for (int writer = 0; writer < kWriters; ++writer) {
    writers.emplace_back([&, writer] {
      TestClient client(Service::kCompany, writer_ports[writer % writer_ports.size()]);
      for (int i = 0; i < kEach; ++i) {
        const std::string uid = "w" + std::to_string(writer) + "-" + std::to_string(i);
        client.Post("/api/staff/find-or-create", SignedToken(uid, uid + "@gofast.test"), "");
      }
      writing.fetch_sub(1);
    });
  }
  TestClient reader(Service::kCompany, reader_port);
  std::string cursor;
  std::vector<nlohmann::json> seen;
  while (writing.load() > 0) ReadFeedPage(reader, key, cursor, 7, seen);
  for (std::thread& writer : writers) writer.join();
  while (ReadFeedPage(reader, key, cursor, 7, seen)) {
  }
  return seen;
}

}  // namespace gofast::testing

#endif  // GOFAST_TESTS_COMPANY_COMPANY_FIXTURE_H_
