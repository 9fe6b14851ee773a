#ifndef GOFAST_APP_SERVICE_SEED_FILE_H_
#define GOFAST_APP_SERVICE_SEED_FILE_H_

#include <nlohmann/json.hpp>
#include <string>

#include "app_service/domain/app_data.h"
#include "shared/core/result.h"

namespace gofast::app {

// The rows of a seed document {athletes:[...], runClubs:[...], runs:[...]},
// each row with the members the API answers for it: its shape and types only
// (an unknown member is refused with its path, e.g. runs[2].nickname); the
// rules are AppData's.
Result<AppRows> ReadSeedRows(const nlohmann::json& document);

// The file at `path`, read and parsed; names the file when it cannot be read.
Result<AppRows> ReadSeedFile(const std::string& path);

// Rows as a seed document: what GET /_test/export answers.
nlohmann::json SeedDocument(const AppRows& rows);

}  // namespace gofast::app

#endif  // GOFAST_APP_SERVICE_SEED_FILE_H_
