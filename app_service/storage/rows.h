#ifndef GOFAST_APP_SERVICE_STORAGE_ROWS_H_
#define GOFAST_APP_SERVICE_STORAGE_ROWS_H_

#include <SQLiteCpp/Statement.h>

#include <optional>
#include <string>

#include "app_service/domain/athlete.h"
#include "app_service/domain/run.h"
#include "shared/db/connection_pool.h"

namespace gofast::app {

// The app's rows to and from SQLite statements, shared by its stores.

// Every column of city_runs (RunColumns), comma-separated, for SELECT and INSERT.
const std::string& RunColumnList();
// A row selected with RunColumnList.
Run ReadRun(const SQLite::Statement& statement);

inline constexpr char kAthleteColumns[] =
    "id, firebaseId, email, firstName, lastName, createdAt, updatedAt";
// A row selected with kAthleteColumns.
Athlete ReadAthlete(const SQLite::Statement& statement);
// Binds placeholders 1-7 to the athlete's columns, in kAthleteColumns' order.
void BindAthlete(SQLite::Statement& statement, const Athlete& athlete);

inline constexpr char kRunClubColumns[] =
    "slug, name, logoUrl, city, syncedAt, createdAt, updatedAt";
// A row selected with kRunClubColumns.
RunClub ReadRunClub(const SQLite::Statement& statement);

// Inserts `run` holding `duplicate_key` (domain/duplicate_rule.h). When a
// stored run holds the key already: with `refuse_duplicates` nothing is
// inserted and that run is answered; without, `run` is inserted without the
// key. Any other failure throws SQLite::Exception.
std::optional<Run> InsertRunRow(db::Writer::Lock& writer, const Run& run,
                                const std::optional<std::string>& duplicate_key,
                                bool refuse_duplicates);

}  // namespace gofast::app

#endif  // GOFAST_APP_SERVICE_STORAGE_ROWS_H_
