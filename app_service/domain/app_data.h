#ifndef GOFAST_APP_SERVICE_DOMAIN_APP_DATA_H_
#define GOFAST_APP_SERVICE_DOMAIN_APP_DATA_H_

#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app_service/domain/athlete.h"
#include "app_service/domain/run.h"
#include "app_service/domain/staff_replica.h"
#include "shared/core/merge_outcome.h"
#include "shared/core/result.h"
#include "shared/core/time.h"

namespace gofast::app {

// The app's rows as a seed document holds them (seed_file.h). In rows to
// merge, an empty id, createdAt or updatedAt is one the document left out.
struct AppRows {
  std::vector<Athlete> athletes;
  std::vector<RunClub> run_clubs;
  std::vector<Run> runs;
};

// Storage of the app's data as a whole, for seeds and the test API.
class AppDataStore {
 public:
  virtual ~AppDataStore() = default;

  virtual Result<std::optional<Athlete>> FindAthlete(const std::string& id) = 0;
  virtual Result<std::optional<Athlete>> FindAthleteByFirebaseId(
      const std::string& firebase_id) = 0;
  virtual Result<std::optional<RunClub>> FindRunClub(const std::string& slug) = 0;
  virtual Result<std::optional<Run>> FindRun(const std::string& id) = 0;
  // Every row, athletes and runs by (createdAt, id), clubs by slug.
  virtual Result<AppRows> ReadAll() = 0;
  // Writes the rows (runs with duplicate_keys[i]; a taken key is left out)
  // in one transaction, after emptying every table (idempotency keys too)
  // when `clear_first`. kConflict when a unique value is taken; on any
  // failure nothing is written.
  virtual Status WriteRows(const AppRows& rows,
                           const std::vector<std::optional<std::string>>& duplicate_keys,
                           bool clear_first) = 0;
  // Deletes these runs, then these athletes, with the idempotency keys that
  // answer the runs, in one transaction; ids not stored are skipped.
  // kConflict, deleting nothing, when a run left names an athlete.
  virtual Status DeleteRows(const std::vector<std::string>& run_ids,
                            const std::vector<std::string>& athlete_ids) = 0;
  // Deletes every run and idempotency key; athletes and clubs stay.
  virtual Status DeleteAllRuns() = 0;
};

// The app's data as a whole, for --seed, --import, --export-on-exit and the
// test API: emptied, merged into, read out.
class AppData {
 public:
  // With `replica` (replica mode), a run's staffGeneratedId must name a row
  // of the replica (the foreign key), or the document is VALIDATION_FAILED.
  explicit AppData(AppDataStore& store, IsoClock clock = {}, StaffReplica* replica = nullptr);

  // Every table empty.
  Status Reset();

  // Merges `rows`, writing in one transaction or not at all:
  // - an athlete is the stored row with its id, or without an id the one
  //   with its firebaseId; a club the one with its slug; a run the one with
  //   its id. What a row leaves out of id, createdAt and updatedAt is taken
  //   from that stored row; when every member then equals it the row is
  //   skipped, else CONFLICT names the member that differs.
  // - a new row gets a cuid and the time now for what it leaves out, and a
  //   run without `date` takes its startDate. CONFLICT when a stored athlete
  //   holds its firebaseId.
  // - VALIDATION_FAILED for two rows of the document with one id,
  //   firebaseId or slug, or a run whose athleteGeneratedId names no athlete
  //   stored or in the document.
  // Seeded runs follow the duplicate rule's key but are never refused by it:
  // a repeat is stored without the key.
  Result<MergeOutcome> Merge(const AppRows& rows);

  // Reset, then Merge, in one transaction.
  Status Import(const AppRows& rows);

  Result<AppRows> Export();

  // Single rows, for the test API's provider states: they find a row again
  // by what names it, and delete only the rows they made.
  Result<std::optional<Run>> FindRun(const std::string& id);
  Result<std::optional<Athlete>> FindAthlete(const std::string& id);
  Result<std::optional<Athlete>> FindAthleteByFirebaseId(const std::string& firebase_id);
  // AppDataStore::DeleteRows.
  Status Delete(const std::vector<std::string>& run_ids,
                const std::vector<std::string>& athlete_ids);
  Status DeleteAllRuns();

 private:
  // Checks and completes the rows, then writes them (emptying the tables
  // first when `clear_first`), in one transaction.
  Result<MergeOutcome> Write(const AppRows& rows, bool clear_first);
  // The rows to write, completed, or the reason the document is refused;
  // `against_store` compares with stored rows (false: the tables will be empty).
  Result<AppRows> RowsToWrite(const AppRows& rows, bool against_store, MergeOutcome& outcome);

  AppDataStore& store_;
  IsoClock clock_;
  StaffReplica* replica_;
  std::mutex mutex_;  // one merge at a time: each compares with what the last one wrote
};

}  // namespace gofast::app

#endif  // GOFAST_APP_SERVICE_DOMAIN_APP_DATA_H_
