#ifndef GOFAST_TESTS_APP_APP_FIXTURE_H_
#define GOFAST_TESTS_APP_APP_FIXTURE_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/service_under_test.h"
#include "tests/support/test_database.h"

namespace gofast::testing {

inline constexpr char kAllowedOrigin[] = "http://admin.gofast.test:3000";

// The smallest body that passes every step, with a staff id that exists nowhere.
inline nlohmann::json MinimalRun() {
  return {{"staffGeneratedId", "0b7f8e2c-0000-4000-8000-000000000000"},
          {"title", "Morning run"},
          {"citySlug", "arlington"},
          {"startDate", "2026-01-28"},
          {"meetUpPoint", "Gateway Park"}};
}

// The real app_service binary on port 0 with a fresh database, allowing
// kAllowedOrigin for CORS.
class AppService : public ServiceUnderTest {
 public:
  AppService()
      : ServiceUnderTest(GOFAST_APP_SERVICE_BIN, Service::kApp, "app.db",
                         {"--cors-origin", kAllowedOrigin}) {}

  Reply CreateRun(const std::string& token, const nlohmann::json& body) {
    return client().PostJson("/api/runs/create", token, body);
  }

  int64_t RunCount() const { return CountRows(db_path(), "city_runs"); }
  int64_t ClubCount() const { return CountRows(db_path(), "run_clubs"); }
  int64_t AthleteCount() const { return CountRows(db_path(), "athletes"); }
  // All three tables: equal snapshots mean a request wrote nothing.
  std::string Snapshot() const {
    return TableSnapshot(db_path(), "city_runs") + "|" + TableSnapshot(db_path(), "run_clubs") +
           "|" + TableSnapshot(db_path(), "athletes");
  }
};

}  // namespace gofast::testing

#endif  // GOFAST_TESTS_APP_APP_FIXTURE_H_
