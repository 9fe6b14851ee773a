#ifndef GOFAST_APP_SERVICE_STORAGE_SQLITE_APP_DATA_H_
#define GOFAST_APP_SERVICE_STORAGE_SQLITE_APP_DATA_H_

#include <optional>
#include <string>
#include <vector>

#include "app_service/domain/app_data.h"
#include "shared/db/connection_pool.h"

namespace gofast::app {

// The whole of app.db on SQLite, for seeds and the test API. Writes take the
// database's one writer, so they queue with the creates' group commits.
class SqliteAppData final : public AppDataStore {
 public:
  // `database` is app.db, migrated (storage/migrations.h); it outlives this.
  explicit SqliteAppData(db::Database& database);

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
  template <typename Row>
  Result<std::optional<Row>> FindOne(const std::string& sql, const std::string& value,
                                     Row (*read)(const SQLite::Statement&), const char* operation);

  db::Writer& writer_;
  db::ReaderPool& readers_;
};

}  // namespace gofast::app

#endif  // GOFAST_APP_SERVICE_STORAGE_SQLITE_APP_DATA_H_
