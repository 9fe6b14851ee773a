#ifndef GOFAST_APP_SERVICE_APP_H_
#define GOFAST_APP_SERVICE_APP_H_

#include <memory>

#include "app_service/config.h"
#include "app_service/domain/app_data.h"
#include "app_service/domain/athlete_service.h"
#include "app_service/domain/audit_service.h"
#include "app_service/domain/run_service.h"
#include "app_service/domain/staff_replica.h"
#include "app_service/gateway/company_staff_directory.h"
#include "app_service/http/run_text_cache.h"
#include "app_service/http/test_data.h"
#include "shared/auth/firebase_token.h"
#include "shared/core/result.h"
#include "shared/db/connection_pool.h"
#include "shared/db/postgres.h"
#include "shared/http/server.h"

namespace gofast::app {

// The composition root: database -> stores -> run, athlete and audit rules
// -> routes on an HTTP server. main, and through it every test, starts here.
class AppServiceApp {
 public:
  // Fails (exit 2 in main) when the database cannot be opened or is newer
  // than this binary, or the key file cannot be read.
  static Result<std::unique_ptr<AppServiceApp>> Create(const AppConfig& config);

  http::Server& server() { return *server_; }

 private:
  AppServiceApp() = default;

  std::shared_ptr<auth::TokenVerifier> verifier_;
  // One of the two: app.db on SQLite, or a PostgreSQL database.
  std::unique_ptr<db::Database> database_;
  std::unique_ptr<db::PgPool> postgres_;
  std::unique_ptr<RunStore> run_store_;
  std::unique_ptr<AthleteStore> athlete_store_;
  std::unique_ptr<AppDataStore> data_store_;
  std::unique_ptr<CompanyStaffDirectory> company_staff_;  // null without --company-url
  // Replica mode only (Option 2): the company's feed, the replica's tables, and their sync.
  std::unique_ptr<StaffFeed> staff_feed_;
  std::unique_ptr<StaffReplicaStore> replica_store_;
  std::unique_ptr<StaffReplica> replica_;
  std::unique_ptr<RunService> runs_;
  std::unique_ptr<AthleteService> athletes_;
  std::unique_ptr<AuditService> audits_;
  std::unique_ptr<RunTextCache> run_texts_;
  std::unique_ptr<AppData> data_;
  std::unique_ptr<AppTestData> test_data_;
  std::unique_ptr<http::Server> server_;  // last: stopped and destroyed first
};

}  // namespace gofast::app

#endif  // GOFAST_APP_SERVICE_APP_H_
