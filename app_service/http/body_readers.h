#ifndef GOFAST_APP_SERVICE_HTTP_BODY_READERS_H_
#define GOFAST_APP_SERVICE_HTTP_BODY_READERS_H_

#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "app_service/domain/run_input.h"
#include "shared/core/result.h"

namespace gofast::app {

// Step 0 of POST /api/runs/create: shape, types, trimming, NUL and lengths,
// into the typed input the rules take. Unknown fields are ignored. Errors are
// VALIDATION_FAILED naming the field in the message and as the error's field
// (runClub's own fields dotted: "runClub.slug"); BAD_JSON for a body that is
// no object.
Result<RunInput> ParseRunInput(const nlohmann::json& body);

// Every body field step 0 reads, in its order (a test checks it covers the columns).
std::vector<std::string_view> RunInputFieldNames();

}  // namespace gofast::app

#endif  // GOFAST_APP_SERVICE_HTTP_BODY_READERS_H_
