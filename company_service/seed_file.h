#ifndef GOFAST_COMPANY_SERVICE_SEED_FILE_H_
#define GOFAST_COMPANY_SERVICE_SEED_FILE_H_

#include <string>
#include <string_view>

#include "company_service/domain/tenant.h"
#include "shared/core/result.h"

namespace gofast::company {

// The rows of a seed document {company:{...}, staff:[...]}: its shape and
// types only (each member a string or null); the rules are CheckSeed's.
Result<SeedRows> ParseSeedRows(std::string_view json_text);

// The file at `path`, read and parsed; names the file when it cannot be read.
Result<SeedRows> ReadSeedFile(const std::string& path);

}  // namespace gofast::company

#endif  // GOFAST_COMPANY_SERVICE_SEED_FILE_H_
