#include "app_service/storage/sqlite_app_data.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>

#include "app_service/storage/migrations.h"
#include "app_service/storage/rows.h"
#include "shared/db/sqlite.h"

namespace gofast::app {

SqliteAppData::SqliteAppData(db::Database& database)
    : writer_(database.writer()), readers_(database.readers()) {}

template <typename Row>
Result<std::optional<Row>> SqliteAppData::FindOne(const std::string& sql, const std::string& value,
                                                  Row (*read)(const SQLite::Statement&),
                                                  const char* operation) {
  try {
    db::ReaderPool::Lease reader = readers_.Acquire();
    db::Connection::Use select = reader.Prepare(sql);
    select->bind(1, value);
    if (!select->executeStep()) return std::optional<Row>();
    return std::optional<Row>(read(*select));
  } catch (const SQLite::Exception& e) {
    return db::DatabaseFailure(operation, e);
  }
}

Result<std::optional<Athlete>> SqliteAppData::FindAthlete(const std::string& id) {
  static const std::string kSql =
      std::string("SELECT ") + kAthleteColumns + " FROM athletes WHERE id = ?";
  return FindOne(kSql, id, &ReadAthlete, "FindAthlete");
}

Result<std::optional<Athlete>> SqliteAppData::FindAthleteByFirebaseId(
    const std::string& firebase_id) {
  static const std::string kSql =
      std::string("SELECT ") + kAthleteColumns + " FROM athletes WHERE firebaseId = ?";
  return FindOne(kSql, firebase_id, &ReadAthlete, "FindAthleteByFirebaseId");
}

Result<std::optional<RunClub>> SqliteAppData::FindRunClub(const std::string& slug) {
  static const std::string kSql =
      std::string("SELECT ") + kRunClubColumns + " FROM run_clubs WHERE slug = ?";
  return FindOne(kSql, slug, &ReadRunClub, "FindRunClub");
}

Result<std::optional<Run>> SqliteAppData::FindRun(const std::string& id) {
  static const std::string kSql = "SELECT " + RunColumnList() + " FROM city_runs WHERE id = ?";
  return FindOne(kSql, id, &ReadRun, "FindRun");
}

Result<AppRows> SqliteAppData::ReadAll() {
  try {
    db::ReaderPool::Lease reader = readers_.Acquire();
    // One read transaction: the three tables as of one moment.
    SQLite::Transaction snapshot(reader.db(), SQLite::TransactionBehavior::DEFERRED);
    AppRows rows;
    SQLite::Statement athletes(reader.db(), std::string("SELECT ") + kAthleteColumns +
                                                " FROM athletes ORDER BY createdAt, id");
    while (athletes.executeStep()) rows.athletes.push_back(ReadAthlete(athletes));
    SQLite::Statement clubs(
        reader.db(), std::string("SELECT ") + kRunClubColumns + " FROM run_clubs ORDER BY slug");
    while (clubs.executeStep()) rows.run_clubs.push_back(ReadRunClub(clubs));
    SQLite::Statement runs(reader.db(),
                           "SELECT " + RunColumnList() + " FROM city_runs ORDER BY createdAt, id");
    while (runs.executeStep()) rows.runs.push_back(ReadRun(runs));
    return rows;
  } catch (const SQLite::Exception& e) {
    return db::DatabaseFailure("ReadAll", e);
  }
}

Status SqliteAppData::WriteRows(const AppRows& rows,
                                const std::vector<std::optional<std::string>>& duplicate_keys,
                                bool clear_first) {
  static const std::string kInsertAthlete =
      std::string("INSERT INTO athletes (") + kAthleteColumns + ") VALUES (?, ?, ?, ?, ?, ?, ?)";
  static const std::string kInsertRunClub =
      std::string("INSERT INTO run_clubs (") + kRunClubColumns + ") VALUES (?, ?, ?, ?, ?, ?, ?)";
  try {
    db::Writer::Lock writer = writer_.Acquire();
    SQLite::Transaction transaction(writer.db(), SQLite::TransactionBehavior::IMMEDIATE);
    if (clear_first) {
      // Runs first: they refer to athletes.
      writer.db().exec(
          "DELETE FROM city_runs; DELETE FROM run_clubs; DELETE FROM athletes; "
          "DELETE FROM idempotency_keys;");
      writer.db().exec(kRaiseRunGeneration);
    }
    for (const Athlete& athlete : rows.athletes) {
      db::Connection::Use insert = writer.Prepare(kInsertAthlete);
      BindAthlete(*insert, athlete);
      insert->exec();
    }
    for (const RunClub& club : rows.run_clubs) {
      db::Connection::Use insert = writer.Prepare(kInsertRunClub);
      insert->bind(1, club.slug);
      insert->bind(2, club.name);
      db::BindOptional(*insert, 3, club.logo_url);
      db::BindOptional(*insert, 4, club.city);
      db::BindOptional(*insert, 5, club.synced_at);
      insert->bind(6, club.created_at);
      insert->bind(7, club.updated_at);
      insert->exec();
    }
    for (size_t i = 0; i < rows.runs.size(); ++i) {
      InsertRunRow(writer, rows.runs[i], duplicate_keys.at(i), /*refuse_duplicates=*/false);
    }
    transaction.commit();
    writer.CheckFile();
    return Ok{};
  } catch (const SQLite::Exception& e) {
    // A unique value taken between the merge's look-ups and this write.
    if ((e.getErrorCode() & 0xff) == SQLITE_CONSTRAINT) {
      return MakeError(ErrorCode::kConflict,
                       std::string("A seeded row conflicts with a stored one: ") + e.what());
    }
    return db::DatabaseFailure("WriteRows", e);
  } catch (const std::exception& e) {
    return db::DatabaseFailure("WriteRows", e);
  }
}

Status SqliteAppData::DeleteRows(const std::vector<std::string>& run_ids,
                                 const std::vector<std::string>& athlete_ids) {
  try {
    db::Writer::Lock writer = writer_.Acquire();
    SQLite::Transaction transaction(writer.db(), SQLite::TransactionBehavior::IMMEDIATE);
    for (const std::string& id : run_ids) {
      for (const char* sql :
           {"DELETE FROM idempotency_keys WHERE runId = ?", "DELETE FROM city_runs WHERE id = ?"}) {
        db::Connection::Use remove = writer.Prepare(sql);
        remove->bind(1, id);
        remove->exec();
      }
    }
    if (!run_ids.empty()) writer.db().exec(kRaiseRunGeneration);
    for (const std::string& id : athlete_ids) {
      db::Connection::Use remove = writer.Prepare("DELETE FROM athletes WHERE id = ?");
      remove->bind(1, id);
      remove->exec();
    }
    transaction.commit();
    writer.CheckFile();
    return Ok{};
  } catch (const SQLite::Exception& e) {
    if ((e.getErrorCode() & 0xff) == SQLITE_CONSTRAINT) {
      return MakeError(ErrorCode::kConflict,
                       "A run that stays names an athlete to delete; nothing was deleted");
    }
    return db::DatabaseFailure("DeleteRows", e);
  } catch (const std::exception& e) {
    return db::DatabaseFailure("DeleteRows", e);
  }
}

Status SqliteAppData::DeleteAllRuns() {
  try {
    db::Writer::Lock writer = writer_.Acquire();
    SQLite::Transaction transaction(writer.db(), SQLite::TransactionBehavior::IMMEDIATE);
    writer.db().exec("DELETE FROM idempotency_keys; DELETE FROM city_runs;");
    writer.db().exec(kRaiseRunGeneration);
    transaction.commit();
    writer.CheckFile();
    return Ok{};
  } catch (const std::exception& e) {
    return db::DatabaseFailure("DeleteAllRuns", e);
  }
}

}  // namespace gofast::app
