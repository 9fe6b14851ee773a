#ifndef GOFAST_APP_SERVICE_STORAGE_SQLITE_STORE_H_
#define GOFAST_APP_SERVICE_STORAGE_SQLITE_STORE_H_

#include <SQLiteCpp/Database.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app_service/domain/stores.h"
#include "shared/db/connection_pool.h"
#include "shared/db/group_commit.h"

namespace gofast::app {

// app.db in SQLite. One write connection behind a mutex and read-only
// connections lent to one thread at a time: a SQLiteCpp connection must never
// be used by two threads at once, and WAL lets the readers run beside the writer.
// Runs created at the same time are written in one transaction (a group
// commit); a run the database refuses fails alone.
class SqliteAppStore final : public RunStore, public AthleteStore {
 public:
  // Opens (creating) and migrates the database; kInternal when it cannot be
  // opened or was written by a newer binary.
  static Result<std::unique_ptr<SqliteAppStore>> Open(const std::string& path);

  Result<Run> InsertRun(const Run& run, const std::optional<RunClubUpdate>& club) override;
  Result<std::optional<Run>> FindRun(const std::string& id) override;
  Result<RunPage> ListRuns(const RunFilter& filter, size_t limit,
                           const std::optional<RunCursor>& after) override;
  Result<bool> AthleteExists(const std::string& athlete_id) override;

  Result<std::optional<Athlete>> FindAthleteByFirebaseId(const std::string& firebase_id) override;
  Result<InsertOutcome> InsertAthleteIfAbsent(const Athlete& athlete) override;

  Result<std::optional<RunClub>> FindRunClub(const std::string& slug);

  // The detail lines of EXPLAIN QUERY PLAN for the query ListRuns runs with
  // this filter, so tests can prove an index serves it.
  Result<std::vector<std::string>> ListQueryPlan(const RunFilter& filter, bool with_cursor);

 private:
  struct PendingRun;

  SqliteAppStore(std::unique_ptr<SQLite::Database> writer, const std::string& path);
  void WriteRuns(std::vector<PendingRun*>& batch) noexcept;
  // The run's failure, if it failed alone; throws when the transaction fails.
  std::optional<Error> WriteRun(db::Writer::Lock& writer, const PendingRun& pending);

  db::Writer writer_;
  db::ReaderPool readers_;
  db::GroupCommit<PendingRun> pending_runs_;  // last: its thread stops before the rest goes
};

}  // namespace gofast::app

#endif  // GOFAST_APP_SERVICE_STORAGE_SQLITE_STORE_H_
