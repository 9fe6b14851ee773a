#ifndef GOFAST_APP_SERVICE_STORAGE_SQLITE_RUN_STORE_H_
#define GOFAST_APP_SERVICE_STORAGE_SQLITE_RUN_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "app_service/domain/run_store.h"
#include "shared/db/connection_pool.h"
#include "shared/db/group_commit.h"

namespace gofast::app {

// city_runs and run_clubs in app.db on SQLite. Writes go through the
// database's one writer connection, reads through its readers: a SQLiteCpp
// connection must never be used by two threads at once, and WAL lets the
// readers run beside the writer. Runs created at the same time are written
// in one transaction (a group commit); a run the database refuses fails alone.
class SqliteRunStore final : public RunStore {
 public:
  // `database` is app.db, migrated (storage/migrations.h); it outlives the store.
  explicit SqliteRunStore(db::Database& database);

  Result<InsertedRun> InsertRun(const NewRun& new_run) override;
  Result<std::optional<Run>> FindRun(const std::string& id) override;
  Result<std::vector<Run>> FindRuns(const std::vector<std::string>& ids) override;
  Result<RunKeyPage> ListRunKeys(const RunFilter& filter, size_t limit,
                                 const std::optional<RunCursor>& after) override;
  Result<bool> AthleteExists(const std::string& athlete_id) override;
  Result<std::optional<IdempotencyRecord>> FindIdempotencyRecord(const std::string& caller_uid,
                                                                 const std::string& key) override;
  Status ForgetIdempotencyRecords(const std::string& created_before) override;

  Result<std::optional<RunClub>> FindRunClub(const std::string& slug);

  // gofast_group_commit_batch_size: how many runs each commit wrote.
  void WriteMetrics(metrics::Exposition& out) const;

  // The detail lines of EXPLAIN QUERY PLAN for the query ListRunKeys runs with
  // this filter, so tests can prove an index serves it.
  Result<std::vector<std::string>> ListQueryPlan(const RunFilter& filter, bool with_cursor);

 private:
  struct PendingRun;

  void WriteRuns(std::vector<PendingRun*>& batch) noexcept;
  // Writes one run of a batch and records its outcome in `pending`; throws
  // when the whole transaction fails.
  void WriteRun(db::Writer::Lock& writer, PendingRun& pending);

  db::Writer& writer_;
  db::ReaderPool& readers_;
  db::GroupCommit<PendingRun> pending_runs_;  // last: its thread stops before the rest goes
};

}  // namespace gofast::app

#endif  // GOFAST_APP_SERVICE_STORAGE_SQLITE_RUN_STORE_H_
