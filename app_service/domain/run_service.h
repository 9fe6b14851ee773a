#ifndef GOFAST_APP_SERVICE_DOMAIN_RUN_SERVICE_H_
#define GOFAST_APP_SERVICE_DOMAIN_RUN_SERVICE_H_

#include <cstddef>
#include <optional>
#include <string>

#include "app_service/domain/run.h"
#include "app_service/domain/run_input.h"
#include "app_service/domain/run_store.h"
#include "shared/core/caller.h"
#include "shared/core/result.h"
#include "shared/core/time.h"

namespace gofast::app {

// The rules of city runs: creation (spec/app-service.md, steps 1-9; step 0,
// reading the body, is the HTTP layer's) and reading.
class RunService {
 public:
  explicit RunService(RunStore& store, IsoClock clock = {});

  // Checks `input` step by step and stores the run and its club; a failure
  // at any step writes nothing.
  Result<Run> Create(const RunInput& input, const Caller& caller);
  // kNotFound "Run not found".
  Result<Run> Get(const std::string& id);
  Result<RunPage> List(const RunFilter& filter, size_t limit,
                       const std::optional<RunCursor>& after);

 private:
  RunStore& store_;
  IsoClock clock_;
};

}  // namespace gofast::app

#endif  // GOFAST_APP_SERVICE_DOMAIN_RUN_SERVICE_H_
