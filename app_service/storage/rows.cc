#include "app_service/storage/rows.h"

#include <sqlite3.h>

#include "app_service/domain/overloaded.h"
#include "shared/db/sqlite.h"

namespace gofast::app {
namespace {

void BindRun(SQLite::Statement& statement, const Run& run) {
  int index = 1;
  for (const RunColumn& column : RunColumns()) {
    std::visit(Overloaded{
                   [&](std::string Run::*field) { statement.bind(index, run.*field); },
                   [&](std::optional<std::string> Run::*field) {
                     db::BindOptional(statement, index, run.*field);
                   },
                   [&](std::optional<int64_t> Run::*field) {
                     if (run.*field) {
                       statement.bind(index, *(run.*field));
                     } else {
                       statement.bind(index);
                     }
                   },
                   [&](std::optional<double> Run::*field) {
                     if (run.*field) {
                       statement.bind(index, *(run.*field));
                     } else {
                       statement.bind(index);
                     }
                   },
                   [&](bool Run::*field) { statement.bind(index, run.*field ? 1 : 0); },
               },
               column.field);
    ++index;
  }
}

}  // namespace

const std::string& RunColumnList() {
  static const std::string kList = [] {
    std::string list;
    for (const RunColumn& column : RunColumns()) {
      if (!list.empty()) list += ", ";
      list += column.name;
    }
    return list;
  }();
  return kList;
}

Run ReadRun(const SQLite::Statement& statement) {
  Run run;
  int index = 0;
  for (const RunColumn& column : RunColumns()) {
    const SQLite::Column value = statement.getColumn(index++);
    std::visit(Overloaded{
                   [&](std::string Run::*field) { run.*field = value.getString(); },
                   [&](std::optional<std::string> Run::*field) {
                     if (!value.isNull()) run.*field = value.getString();
                   },
                   [&](std::optional<int64_t> Run::*field) {
                     if (!value.isNull()) run.*field = value.getInt64();
                   },
                   [&](std::optional<double> Run::*field) {
                     if (!value.isNull()) run.*field = value.getDouble();
                   },
                   [&](bool Run::*field) { run.*field = value.getInt() != 0; },
               },
               column.field);
  }
  return run;
}

Athlete ReadAthlete(const SQLite::Statement& statement) {
  const auto optional = [&](int index) { return db::OptionalText(statement.getColumn(index)); };
  return Athlete{statement.getColumn(0).getString(),
                 statement.getColumn(1).getString(),
                 optional(2),
                 optional(3),
                 optional(4),
                 statement.getColumn(5).getString(),
                 statement.getColumn(6).getString()};
}

void BindAthlete(SQLite::Statement& statement, const Athlete& athlete) {
  statement.bind(1, athlete.id);
  statement.bind(2, athlete.firebase_id);
  db::BindOptional(statement, 3, athlete.email);
  db::BindOptional(statement, 4, athlete.first_name);
  db::BindOptional(statement, 5, athlete.last_name);
  statement.bind(6, athlete.created_at);
  statement.bind(7, athlete.updated_at);
}

RunClub ReadRunClub(const SQLite::Statement& statement) {
  const auto optional = [&](int index) { return db::OptionalText(statement.getColumn(index)); };
  return RunClub{statement.getColumn(0).getString(),
                 statement.getColumn(1).getString(),
                 optional(2),
                 optional(3),
                 optional(4),
                 statement.getColumn(5).getString(),
                 statement.getColumn(6).getString()};
}

std::optional<Run> InsertRunRow(db::Writer::Lock& writer, const Run& run,
                                const std::optional<std::string>& duplicate_key,
                                bool refuse_duplicates) {
  static const std::string kInsert = [] {
    std::string placeholders;
    for (size_t i = 0; i <= RunColumns().size(); ++i) placeholders += i == 0 ? "?" : ", ?";
    return "INSERT INTO city_runs (" + RunColumnList() + ", duplicateKey) VALUES (" + placeholders +
           ")";
  }();
  static const std::string kSelectByDuplicateKey =
      "SELECT " + RunColumnList() + " FROM city_runs WHERE duplicateKey = ?";
  const auto insert = [&](const std::optional<std::string>& key) {
    db::Connection::Use statement = writer.Prepare(kInsert);
    BindRun(*statement, run);
    db::BindOptional(*statement, static_cast<int>(RunColumns().size()) + 1, key);
    statement->exec();
  };
  try {
    insert(duplicate_key);
    return std::nullopt;
  } catch (const SQLite::Exception& e) {
    if (e.getExtendedErrorCode() != SQLITE_CONSTRAINT_UNIQUE || !duplicate_key ||
        sqlite3_get_autocommit(writer.db().getHandle()) != 0) {
      throw;
    }
  }
  // The unique index on duplicateKey: a stored run (or one written earlier in
  // this transaction) holds the key.
  db::Connection::Use holder = writer.Prepare(kSelectByDuplicateKey);
  holder->bind(1, *duplicate_key);
  if (!holder->executeStep()) {
    throw SQLite::Exception("a unique constraint failed, but not the duplicate key's",
                            SQLITE_CONSTRAINT);
  }
  if (refuse_duplicates) return ReadRun(*holder);
  holder->reset();
  insert(std::nullopt);
  return std::nullopt;
}

}  // namespace gofast::app
