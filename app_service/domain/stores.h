#ifndef GOFAST_APP_SERVICE_DOMAIN_STORES_H_
#define GOFAST_APP_SERVICE_DOMAIN_STORES_H_

#include <cstddef>
#include <optional>
#include <string>

#include "app_service/domain/athlete.h"
#include "app_service/domain/run.h"
#include "shared/core/result.h"

namespace gofast::app {

// Storage of runs and run clubs, implemented per database. Every method is
// atomic on its own; failures of the database are kInternal.
class RunStore {
 public:
  virtual ~RunStore() = default;

  // Inserts the run and, when given, upserts its club, in one transaction.
  // The club's upsert keeps absent fields and changes the row (and its
  // syncedAt) only when a value differs; if the club alone fails it is
  // logged and skipped, and the run is still inserted. An athleteGeneratedId
  // that names no athlete is kNotFound.
  virtual Result<Run> InsertRun(const Run& run, const std::optional<RunClubUpdate>& club) = 0;
  virtual Result<std::optional<Run>> FindRun(const std::string& id) = 0;
  // Newest first by (createdAt, id), strictly after `after` when given;
  // at most `limit` runs.
  virtual Result<RunPage> ListRuns(const RunFilter& filter, size_t limit,
                                   const std::optional<RunCursor>& after) = 0;
  virtual Result<bool> AthleteExists(const std::string& athlete_id) = 0;
};

// Storage of athletes.
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

#endif  // GOFAST_APP_SERVICE_DOMAIN_STORES_H_
