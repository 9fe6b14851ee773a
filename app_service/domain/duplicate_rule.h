#ifndef GOFAST_APP_SERVICE_DOMAIN_DUPLICATE_RULE_H_
#define GOFAST_APP_SERVICE_DOMAIN_DUPLICATE_RULE_H_

#include <optional>
#include <string>

#include "app_service/domain/run.h"

namespace gofast::app {

// Whether creating a run that repeats a stored one is refused (the real
// route's rule, the default) or allowed.
enum class DuplicateRule { kRefuse, kAllow };

// The real route's duplicate rule (lib/run-duplicate-check.ts): two runs of
// one run club are duplicates when their titles, trimmed and ASCII
// lower-cased, and the UTC calendar days of their `date` match. (Its second
// test, the same source URL, has no column here.) Runs are duplicates exactly
// when their keys are equal; a run without a club has no key. The key is made
// here rather than by the database's lower() so every store compares alike.
std::optional<std::string> DuplicateKey(const Run& run);

}  // namespace gofast::app

#endif  // GOFAST_APP_SERVICE_DOMAIN_DUPLICATE_RULE_H_
