#ifndef GOFAST_APP_SERVICE_DOMAIN_ATHLETE_STORE_H_
#define GOFAST_APP_SERVICE_DOMAIN_ATHLETE_STORE_H_

#include <optional>
#include <string>

#include "app_service/domain/athlete.h"
#include "shared/core/result.h"

namespace gofast::app {

// Storage of athletes, implemented per database. Every method is atomic on
// its own; failures of the database are kInternal.
class AthleteStore {
 public:
  virtual ~AthleteStore() = default;

  virtual Result<std::optional<Athlete>> FindAthleteByFirebaseId(
      const std::string& firebase_id) = 0;

  struct InsertOutcome {
    Athlete athlete;  // the new row, or the one that held the firebaseId already
    bool created;
  };
  // Inserts unless a row has this firebaseId; safe under concurrency.
  virtual Result<InsertOutcome> InsertAthleteIfAbsent(const Athlete& athlete) = 0;
};

}  // namespace gofast::app

#endif  // GOFAST_APP_SERVICE_DOMAIN_ATHLETE_STORE_H_
