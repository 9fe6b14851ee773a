#ifndef GOFAST_APP_SERVICE_STORAGE_POSTGRES_APP_STORES_H_
#define GOFAST_APP_SERVICE_STORAGE_POSTGRES_APP_STORES_H_

#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "app_service/domain/app_data.h"
#include "app_service/domain/athlete_store.h"
#include "app_service/domain/run_store.h"
#include "shared/db/postgres.h"

namespace gofast::app {

// The app's database on PostgreSQL, with the rules of the SQLite stores.
// Races are settled by the database (the unique duplicate key and
// idempotency key, ON CONFLICT on firebaseId), never by this process, so
// several app_service instances may share one database. Each store's pool
// was opened with PostgresSchemaMigrations() and PreparePostgresStatements,
// and outlives it.

// Prepares the stores' statements on a new connection: PgPool's Prepare.
void PreparePostgresStatements(pqxx::connection& connection);

// city_runs, run_clubs and idempotency_keys. A run commits alone, in its own
// transaction.
class PostgresRunStore final : public RunStore {
 public:
  explicit PostgresRunStore(db::PgPool& pool) : pool_(pool) {}

  Result<InsertedRun> InsertRun(const NewRun& new_run) override;
  Result<std::optional<Run>> FindRun(const std::string& id) override;
  Result<std::vector<Run>> FindRuns(const std::vector<std::string>& ids) override;
  Result<RunKeyPage> ListRunKeys(const RunFilter& filter, size_t limit,
                                 const std::optional<RunCursor>& after) override;
  Result<bool> AthleteExists(const std::string& athlete_id) override;
  Result<std::optional<IdempotencyRecord>> FindIdempotencyRecord(const std::string& caller_uid,
                                                                 const std::string& key) override;
  Status ForgetIdempotencyRecords(const std::string& created_before) override;

  // The lines of EXPLAIN for the statement ListRunKeys executes with this
  // filter, scans and sorts off (an empty table is read fastest by them), so
  // tests can prove an index serves it.
  Result<std::vector<std::string>> ListQueryPlan(const RunFilter& filter, bool with_cursor);

 private:
  db::PgPool& pool_;
};

class PostgresAthleteStore final : public AthleteStore {
 public:
  explicit PostgresAthleteStore(db::PgPool& pool) : pool_(pool) {}

  Result<std::optional<Athlete>> FindAthleteByFirebaseId(const std::string& firebase_id) override;
  Result<InsertOutcome> InsertAthleteIfAbsent(const Athlete& athlete) override;

 private:
  db::PgPool& pool_;
};

// The whole database, for seeds and the test API.
class PostgresAppData final : public AppDataStore {
 public:
  explicit PostgresAppData(db::PgPool& pool) : pool_(pool) {}

  Result<std::optional<Athlete>> FindAthlete(const std::string& id) override;
  Result<std::optional<Athlete>> FindAthleteByFirebaseId(const std::string& firebase_id) override;
  Result<std::optional<RunClub>> FindRunClub(const std::string& slug) override;
  Result<std::optional<Run>> FindRun(const std::string& id) override;
  Result<AppRows> ReadAll() override;
  Status WriteRows(const AppRows& rows,
                   const std::vector<std::optional<std::string>>& duplicate_keys,
                   bool clear_first) override;
  Status DeleteRows(const std::vector<std::string>& run_ids,
                    const std::vector<std::string>& athlete_ids) override;
  Status DeleteAllRuns() override;

 private:
  db::PgPool& pool_;
};

}  // namespace gofast::app

#endif  // GOFAST_APP_SERVICE_STORAGE_POSTGRES_APP_STORES_H_
