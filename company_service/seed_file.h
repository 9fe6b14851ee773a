#ifndef GOFAST_COMPANY_SERVICE_SEED_FILE_H_
#define GOFAST_COMPANY_SERVICE_SEED_FILE_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "company_service/domain/tenant.h"
#include "company_service/domain/tenant_data.h"
#include "shared/core/result.h"

namespace gofast::company {

// The rows of a seed document {company: {...}, staff: [...]}, both members optional: its
// shape and types only (each member a string or null, without NUL); the rules are
// CheckSeed's. A member it does not know is refused, named by its path (staff[2].nickname).
// Errors are VALIDATION_FAILED "seed: ...".
Result<SeedRows> ReadSeedRows(const nlohmann::json& document);

// The same from JSON text, read strictly (no key twice, nothing after the value).
Result<SeedRows> ParseSeedRows(std::string_view json_text);

// The file at `path`, read and parsed; names the file when it cannot be read.
Result<SeedRows> ReadSeedFile(const std::string& path);

// Everything stored, as a seed document with every member (null where empty): what
// GET /_test/export and --export-on-exit write, and ReadSeedRows reads back unchanged.
nlohmann::json SeedDocument(const TenantSnapshot& snapshot);

}  // namespace gofast::company

#endif  // GOFAST_COMPANY_SERVICE_SEED_FILE_H_
