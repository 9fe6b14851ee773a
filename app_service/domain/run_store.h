#ifndef GOFAST_APP_SERVICE_DOMAIN_RUN_STORE_H_
#define GOFAST_APP_SERVICE_DOMAIN_RUN_STORE_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "app_service/domain/run.h"
#include "shared/core/result.h"

namespace gofast::app {

// A create that carried an Idempotency-Key: what a later request with the
// same caller and key is compared with, and the run it replays.
struct IdempotencyRecord {
  std::string caller_uid;
  std::string key;
  std::string body_sha256;
  std::string run_id;
  std::string created_at;
};

// A run to insert and what is saved with it.
struct NewRun {
  Run run;
  std::optional<RunClubUpdate> club;
  // The run's DuplicateKey; absent, the run is never a duplicate.
  std::optional<std::string> duplicate_key;
  // When a stored run holds the same key: true answers that run and inserts
  // nothing; false inserts this run without the key, so the first run keeps
  // being the one later duplicates are measured against.
  bool refuse_duplicates = true;
  // Saved in the run's transaction: a run is never stored without its key.
  std::optional<IdempotencyRecord> idempotency;
  // A stored record of the same caller and key is replaced when it was
  // created before this time (expired); a live one holds the key, and
  // nothing is inserted (InsertedRun::key_holder). Only the record's own
  // row decides: on PostgreSQL a racing run is not yet visible to this
  // statement, so its presence cannot.
  std::string idempotency_expired_before;
};

// What InsertRun did.
struct InsertedRun {
  Run run;  // the new run, or the stored run whose duplicate key it shares
  bool duplicate = false;
  // The live record that held the idempotency key first (another request,
  // on this instance or another): nothing was inserted and `run` is empty.
  std::optional<IdempotencyRecord> key_holder;
};

// Storage of runs and their run clubs, which commit together, implemented
// per database. Every method is atomic on its own; failures of the database
// are kInternal.
class RunStore {
 public:
  virtual ~RunStore() = default;

  // Inserts the run and, when given, upserts its club and saves its
  // idempotency record (replacing an expired one of the same caller and key),
  // in one transaction. The club's upsert keeps absent fields and changes
  // the row (and its syncedAt) only when a value differs; if the club alone
  // fails it is logged and skipped, and the run is still inserted. An
  // athleteGeneratedId that names no athlete is kNotFound. Two runs with one
  // duplicate key, or one caller's idempotency key, are never both stored,
  // also when inserted at once: the database's unique indexes settle it.
  virtual Result<InsertedRun> InsertRun(const NewRun& new_run) = 0;
  virtual Result<std::optional<Run>> FindRun(const std::string& id) = 0;
  // The stored runs of these ids, in any order; an id not stored is left out.
  virtual Result<std::vector<Run>> FindRuns(const std::vector<std::string>& ids) = 0;
  // The keys of the runs the filter matches, newest first by (createdAt,
  // id), strictly after `after` when given; at most `limit`. Read from the
  // filter's index alone, with the run generation in the same statement.
  virtual Result<RunKeyPage> ListRunKeys(const RunFilter& filter, size_t limit,
                                         const std::optional<RunCursor>& after) = 0;
  virtual Result<bool> AthleteExists(const std::string& athlete_id) = 0;

  virtual Result<std::optional<IdempotencyRecord>> FindIdempotencyRecord(
      const std::string& caller_uid, const std::string& key) = 0;
  // Deletes the records created before `created_before` (an ISO 8601 time).
  virtual Status ForgetIdempotencyRecords(const std::string& created_before) = 0;
};

}  // namespace gofast::app

#endif  // GOFAST_APP_SERVICE_DOMAIN_RUN_STORE_H_
