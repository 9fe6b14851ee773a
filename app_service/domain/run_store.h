#ifndef GOFAST_APP_SERVICE_DOMAIN_RUN_STORE_H_
#define GOFAST_APP_SERVICE_DOMAIN_RUN_STORE_H_

#include <cstddef>
#include <optional>
#include <string>

#include "app_service/domain/run.h"
#include "shared/core/result.h"

namespace gofast::app {

// Storage of runs and their run clubs, which commit together, implemented
// per database. Every method is atomic on its own; failures of the database
// are kInternal.
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

}  // namespace gofast::app

#endif  // GOFAST_APP_SERVICE_DOMAIN_RUN_STORE_H_
