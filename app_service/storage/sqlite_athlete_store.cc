#include "app_service/storage/sqlite_athlete_store.h"

#include <SQLiteCpp/Statement.h>

#include "app_service/storage/rows.h"
#include "shared/db/sqlite.h"

namespace gofast::app {
namespace {

const std::string& SelectAthleteByFirebaseIdSql() {
  static const std::string sql =
      std::string("SELECT ") + kAthleteColumns + " FROM athletes WHERE firebaseId = ?";
  return sql;
}

const std::string& InsertAthleteIfAbsentSql() {
  static const std::string sql =
      std::string("INSERT INTO athletes (") + kAthleteColumns +
      ") VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (firebaseId) DO NOTHING";
  return sql;
}

}  // namespace

SqliteAthleteStore::SqliteAthleteStore(db::Database& database)
    : writer_(database.writer()), readers_(database.readers()) {}

Result<std::optional<Athlete>> SqliteAthleteStore::FindAthleteByFirebaseId(
    const std::string& firebase_id) {
  try {
    db::ReaderPool::Lease reader = readers_.Acquire();
    db::Connection::Use select = reader.Prepare(SelectAthleteByFirebaseIdSql());
    select->bind(1, firebase_id);
    if (!select->executeStep()) return std::optional<Athlete>();
    return std::optional<Athlete>(ReadAthlete(*select));
  } catch (const SQLite::Exception& e) {
    return db::DatabaseFailure("FindAthleteByFirebaseId", e);
  }
}

Result<AthleteStore::InsertOutcome> SqliteAthleteStore::InsertAthleteIfAbsent(
    const Athlete& athlete) {
  try {
    db::Writer::Lock writer = writer_.Acquire();
    db::Connection::Use insert = writer.Prepare(InsertAthleteIfAbsentSql());
    BindAthlete(*insert, athlete);
    const bool created = insert->exec() == 1;
    // Read on the writer: under its lock the row cannot change in between.
    db::Connection::Use select = writer.Prepare(SelectAthleteByFirebaseIdSql());
    select->bind(1, athlete.firebase_id);
    if (!select->executeStep()) return MakeError(ErrorCode::kInternal, "Internal error");
    return InsertOutcome{ReadAthlete(*select), created};
  } catch (const SQLite::Exception& e) {
    return db::DatabaseFailure("InsertAthleteIfAbsent", e);
  }
}

}  // namespace gofast::app
