#ifndef GOFAST_APP_SERVICE_STORAGE_SQLITE_ATHLETE_STORE_H_
#define GOFAST_APP_SERVICE_STORAGE_SQLITE_ATHLETE_STORE_H_

#include <optional>
#include <string>

#include "app_service/domain/athlete_store.h"
#include "shared/db/connection_pool.h"

namespace gofast::app {

// athletes in app.db on SQLite, through the database's writer and readers.
class SqliteAthleteStore final : public AthleteStore {
 public:
  // `database` is app.db, migrated (storage/migrations.h); it outlives the store.
  explicit SqliteAthleteStore(db::Database& database);

  Result<std::optional<Athlete>> FindAthleteByFirebaseId(const std::string& firebase_id) override;
  Result<InsertOutcome> InsertAthleteIfAbsent(const Athlete& athlete) override;

 private:
  db::Writer& writer_;
  db::ReaderPool& readers_;
};

}  // namespace gofast::app

#endif  // GOFAST_APP_SERVICE_STORAGE_SQLITE_ATHLETE_STORE_H_
