#ifndef GOFAST_COMPANY_SERVICE_APP_H_
#define GOFAST_COMPANY_SERVICE_APP_H_

#include <memory>

#include "company_service/config.h"
#include "company_service/domain/staff_service.h"
#include "company_service/storage/sqlite_staff_store.h"
#include "shared/http/server.h"

namespace gofast::company {

// Composition root: SQLite store -> staff rules -> HTTP routes.
class CompanyApp {
 public:
  // Opens and migrates the database, loads the seed, prepares the tenant
  // row and the token verifier. Any failure here is a bad start (exit 2).
  static Result<std::unique_ptr<CompanyApp>> Create(const CompanyConfig& config);

  http::Server& server() { return server_; }

 private:
  CompanyApp(const CompanyConfig& config, std::unique_ptr<SqliteStaffStore> store,
             std::shared_ptr<auth::TokenVerifier> verifier);

  std::unique_ptr<SqliteStaffStore> store_;
  std::shared_ptr<auth::TokenVerifier> verifier_;
  StaffService staff_;
  http::Server server_;
};

}  // namespace gofast::company

#endif  // GOFAST_COMPANY_SERVICE_APP_H_
