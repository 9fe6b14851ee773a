#ifndef GOFAST_COMPANY_SERVICE_STORAGE_MIGRATIONS_H_
#define GOFAST_COMPANY_SERVICE_STORAGE_MIGRATIONS_H_

#include <string>
#include <vector>

namespace gofast::company {

// The schema of company.db, one migration per entry (PRAGMA user_version counts them).
const std::vector<std::string>& SchemaMigrations();

}  // namespace gofast::company

#endif  // GOFAST_COMPANY_SERVICE_STORAGE_MIGRATIONS_H_
