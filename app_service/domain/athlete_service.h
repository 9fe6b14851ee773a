#ifndef GOFAST_APP_SERVICE_DOMAIN_ATHLETE_SERVICE_H_
#define GOFAST_APP_SERVICE_DOMAIN_ATHLETE_SERVICE_H_

#include "app_service/domain/athlete.h"
#include "app_service/domain/athlete_store.h"
#include "shared/core/caller.h"
#include "shared/core/result.h"
#include "shared/core/time.h"

namespace gofast::app {

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

#endif  // GOFAST_APP_SERVICE_DOMAIN_ATHLETE_SERVICE_H_
