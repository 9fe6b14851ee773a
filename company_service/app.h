#ifndef GOFAST_COMPANY_SERVICE_APP_H_
#define GOFAST_COMPANY_SERVICE_APP_H_

#include <memory>

#include "company_service/config.h"
#include "company_service/domain/staff_service.h"
#include "company_service/domain/staff_store.h"
#include "company_service/domain/tenant_data.h"
#include "company_service/http/test_data.h"
#include "shared/auth/firebase_token.h"
#include "shared/core/result.h"
#include "shared/db/connection_pool.h"
#include "shared/db/postgres.h"
#include "shared/http/server.h"

namespace gofast::company {

// The composition root: database -> store -> staff rules -> routes on an
// HTTP server. main, and through it every test, starts here.
class CompanyApp {
 public:
  // Fails (exit 2 in main) when the database cannot be opened or belongs to
  // another company, the seed or the --import file does not fit, or the key
  // file cannot be read.
  static Result<std::unique_ptr<CompanyApp>> Create(const CompanyConfig& config);

  http::Server& server() { return *server_; }

 private:
  CompanyApp() = default;

  std::shared_ptr<auth::TokenVerifier> verifier_;
  // One of the two: company.db on SQLite, or a PostgreSQL database.
  std::unique_ptr<db::Database> database_;
  std::unique_ptr<db::PgPool> postgres_;
  std::unique_ptr<StaffStore> staff_store_;
  std::unique_ptr<TenantData> tenant_data_;
  std::unique_ptr<CompanyTestData> test_data_;
  std::unique_ptr<StaffService> staff_;
  std::unique_ptr<http::Server> server_;  // last: stopped and destroyed first
};

}  // namespace gofast::company

#endif  // GOFAST_COMPANY_SERVICE_APP_H_
