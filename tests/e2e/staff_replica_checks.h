#ifndef GOFAST_TESTS_E2E_STAFF_REPLICA_CHECKS_H_
#define GOFAST_TESTS_E2E_STAFF_REPLICA_CHECKS_H_

// What the replica tests read on both sides: the company's feed end and the
// app's replica, compared row by row.
#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/http_client.h"

namespace gofast::testing {

// The company's feed's last cursor (decimal text), read with `key`.
inline std::string FeedEnd(TestClient& company, const std::string& key) {
  std::string cursor = "0";
  for (;;) {
    const Reply page = company.Send("GET", "/api/staff/changes?limit=500&cursor=" + cursor,
                                    {{"Authorization", "Bearer " + key}});
    REQUIRE(page.status == 200);
    if (page.json["changes"].empty()) return cursor;
    cursor = page.json["nextCursor"].get<std::string>();
  }
}

// The app's replica (GET /api/staff-replica/staff, every page) holds exactly
// `company`'s rows (by id) as live rows, each as the company has it; a
// removed row must be gone from the company.
inline void CheckReplicaEquals(TestClient& app, const std::string& token,
                               const std::map<std::string, nlohmann::json>& company) {
  size_t live = 0;
  std::string cursor;
  for (;;) {
    const Reply page = app.Get("/api/staff-replica/staff?limit=500&cursor=" + cursor, token);
    REQUIRE(page.status == 200);
    for (const nlohmann::json& row : page.json["staff"]) {
      const auto found = company.find(row["id"].get<std::string>());
      if (row["removed"].get<bool>()) {
        CHECK(found == company.end());
        continue;
      }
      ++live;
      REQUIRE(found != company.end());
      for (const char* field :
           {"firebaseId", "email", "firstName", "lastName", "role", "companyId", "updatedAt"}) {
        INFO(field);
        CHECK(row[field] == found->second[field]);
      }
    }
    if (page.json["nextCursor"].is_null()) break;
    cursor = page.json["nextCursor"].get<std::string>();
  }
  CHECK(live == company.size());
}

}  // namespace gofast::testing

#endif  // GOFAST_TESTS_E2E_STAFF_REPLICA_CHECKS_H_
