#ifndef GOFAST_TESTS_APP_APP_FIXTURE_H_
#define GOFAST_TESTS_APP_APP_FIXTURE_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/db_inspect.h"
#include "tests/support/http_client.h"
#include "tests/support/process.h"
#include "tests/support/test_keys.h"

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
class AppService {
 public:
  explicit AppService(const std::vector<std::string>& extra_args = {})
      : db_path_(dir_.File("app.db")),
        process_(GOFAST_APP_SERVICE_BIN, Args(extra_args)),
        client_(Service::kApp, process_.port()) {}

  std::vector<std::string> Args(const std::vector<std::string>& extra_args) const {
    std::vector<std::string> args = ServiceArgs(db_path_, {"--cors-origin", kAllowedOrigin});
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    return args;
  }

  TestClient& client() { return client_; }
  ServiceProcess& process() { return process_; }
  const std::string& db_path() const { return db_path_; }

  Reply CreateRun(const std::string& token, const nlohmann::json& body) {
    return client_.PostJson("/api/runs/create", token, body);
  }

  int64_t RunCount() const { return CountRows(db_path_, "city_runs"); }
  int64_t ClubCount() const { return CountRows(db_path_, "run_clubs"); }
  int64_t AthleteCount() const { return CountRows(db_path_, "athletes"); }
  // All three tables: equal snapshots mean a request wrote nothing.
  std::string Snapshot() const {
    return TableSnapshot(db_path_, "city_runs") + "|" + TableSnapshot(db_path_, "run_clubs") + "|" +
           TableSnapshot(db_path_, "athletes");
  }

 private:
  TempDir dir_;
  std::string db_path_;
  ServiceProcess process_;
  TestClient client_;
};

}  // namespace gofast::testing

#endif  // GOFAST_TESTS_APP_APP_FIXTURE_H_
