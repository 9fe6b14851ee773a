#ifndef GOFAST_APP_SERVICE_DOMAIN_SERVICES_H_
#define GOFAST_APP_SERVICE_DOMAIN_SERVICES_H_

#include <cstddef>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "app_service/domain/athlete.h"
#include "app_service/domain/run.h"
#include "app_service/domain/stores.h"
#include "shared/core/result.h"

namespace gofast::app {

// The current time as ISO 8601 UTC with milliseconds; replaceable in tests.
using IsoClock = std::function<std::string()>;

// Who is calling, from a verified token.
struct Caller {
  std::string uid;
  std::optional<std::string> email;
  std::optional<std::string> name;
};

// The rules of city runs: creation (spec/app-service.md, steps 0-9) and reading.
class RunService {
 public:
  explicit RunService(RunStore& store, IsoClock clock = {});

  // Validates `body` step by step and stores the run and its club; a
  // failure at any step writes nothing.
  Result<Run> Create(const nlohmann::json& body, const Caller& caller);
  // kNotFound "Run not found".
  Result<Run> Get(const std::string& id);
  Result<RunPage> List(const RunFilter& filter, size_t limit,
                       const std::optional<RunCursor>& after);

 private:
  RunStore& store_;
  IsoClock clock_;
};

// Find-or-create of the caller's athlete row.
class AthleteService {
 public:
  explicit AthleteService(AthleteStore& store, IsoClock clock = {});

  struct Outcome {
    Athlete athlete;
    bool created;
  };
  // The row of caller.uid, created from the token's email and name if new;
  // any number of simultaneous calls create one row.
  Result<Outcome> FindOrCreate(const Caller& caller);

 private:
  AthleteStore& store_;
  IsoClock clock_;
};

}  // namespace gofast::app

#endif  // GOFAST_APP_SERVICE_DOMAIN_SERVICES_H_
