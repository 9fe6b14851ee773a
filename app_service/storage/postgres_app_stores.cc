#include "app_service/storage/postgres_app_stores.h"

#include <charconv>
#include <nlohmann/json.hpp>
#include <set>

#include "app_service/domain/overloaded.h"
#include "app_service/storage/migrations.h"
#include "shared/core/log.h"

namespace gofast::app {
namespace {

// Columns of city_runs that PostgreSQL keeps as timestamptz.
const std::set<std::string_view> kRunTimeColumns = {"startDate",        "endDate",   "date",
                                                    "recurrenceEndsOn", "createdAt", "updatedAt"};

std::string Quoted(std::string_view name) { return "\"" + std::string(name) + "\""; }

// Every column of city_runs, for SELECT: times as the API writes them.
const std::string& RunSelectList() {
  static const std::string kList = [] {
    std::string list;
    for (const RunColumn& column : RunColumns()) {
      if (!list.empty()) list += ", ";
      list += kRunTimeColumns.count(column.name) != 0 ? db::IsoTimeColumn(Quoted(column.name))
                                                      : Quoted(column.name);
    }
    return list;
  }();
  return kList;
}

std::string AthleteSelectList() {
  return "id, \"firebaseId\", email, \"firstName\", \"lastName\", " +
         db::IsoTimeColumn("\"createdAt\"") + ", " + db::IsoTimeColumn("\"updatedAt\"");
}

std::string RunClubSelectList() {
  return "slug, name, \"logoUrl\", city, " + db::IsoTimeColumn("\"syncedAt\"") + ", " +
         db::IsoTimeColumn("\"createdAt\"") + ", " + db::IsoTimeColumn("\"updatedAt\"");
}

// The shortest text that reads back as the same double.
std::string DoubleText(double value) {
  char buffer[32];
  const std::to_chars_result written = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, written.ptr);
}

// The run's columns as statement parameters, in RunColumns' order, then its
// duplicate key; PostgreSQL takes each one's type from its column.
std::vector<std::optional<std::string>> RunParameters(const Run& run,
                                                      const std::optional<std::string>& key) {
  std::vector<std::optional<std::string>> values;
  for (const RunColumn& column : RunColumns()) {
    values.push_back(std::visit(
        Overloaded{
            [&](std::string Run::*field) -> std::optional<std::string> { return run.*field; },
            [&](std::optional<std::string> Run::*field) { return run.*field; },
            [&](std::optional<int64_t> Run::*field) -> std::optional<std::string> {
              if (!(run.*field)) return std::nullopt;
              return std::to_string(*(run.*field));
            },
            [&](std::optional<double> Run::*field) -> std::optional<std::string> {
              if (!(run.*field)) return std::nullopt;
              return DoubleText(*(run.*field));
            },
            [&](bool Run::*field) -> std::optional<std::string> {
              return run.*field ? "true" : "false";
            },
        },
        column.field));
  }
  values.push_back(key);
  return values;
}

Run ReadRun(const pqxx::row& row) {
  Run run;
  pqxx::row::size_type index = 0;
  for (const RunColumn& column : RunColumns()) {
    const pqxx::field value = row[index++];
    std::visit(
        Overloaded{
            [&](std::string Run::*field) { run.*field = value.c_str(); },
            [&](std::optional<std::string> Run::*field) { run.*field = db::OptionalText(value); },
            [&](std::optional<int64_t> Run::*field) {
              if (!value.is_null()) run.*field = value.as<int64_t>();
            },
            [&](std::optional<double> Run::*field) {
              if (!value.is_null()) run.*field = value.as<double>();
            },
            [&](bool Run::*field) { run.*field = value.as<bool>(); },
        },
        column.field);
  }
  return run;
}

Athlete ReadAthlete(const pqxx::row& row) {
  return Athlete{row[0].c_str(),
                 row[1].c_str(),
                 db::OptionalText(row[2]),
                 db::OptionalText(row[3]),
                 db::OptionalText(row[4]),
                 row[5].c_str(),
                 row[6].c_str()};
}

RunClub ReadRunClub(const pqxx::row& row) {
  return RunClub{row[0].c_str(),
                 row[1].c_str(),
                 db::OptionalText(row[2]),
                 db::OptionalText(row[3]),
                 db::OptionalText(row[4]),
                 row[5].c_str(),
                 row[6].c_str()};
}

template <typename Row>
std::optional<Row> First(const pqxx::result& result, Row (*read)(const pqxx::row&)) {
  if (result.empty()) return std::nullopt;
  return read(result[0]);
}

// The filters of the list query, one bit each, and the cursor.
constexpr unsigned kByStaff = 1;
constexpr unsigned kByCity = 2;
constexpr unsigned kByRunClub = 4;
constexpr unsigned kByAthlete = 8;
constexpr unsigned kAfterCursor = 16;
constexpr unsigned kListVariants = 32;

unsigned ListVariant(const RunFilter& filter, bool with_cursor) {
  return (filter.staff_generated_id ? kByStaff : 0u) | (filter.city_slug ? kByCity : 0u) |
         (filter.run_club_slug ? kByRunClub : 0u) |
         (filter.athlete_generated_id ? kByAthlete : 0u) | (with_cursor ? kAfterCursor : 0u);
}

std::string ListStatementName(unsigned variant) { return "runs_list_" + std::to_string(variant); }

// The list query of one variant (the run generation and each run's key,
// from the filter's index alone); its parameters are the filters present, in
// the order above, then the cursor's (createdAt, id), then the limit.
std::string ListQuery(unsigned variant) {
  std::string where;
  int parameter = 0;
  const auto add = [&](const std::string& condition) {
    where += where.empty() ? " WHERE " : " AND ";
    where += condition;
  };
  const auto next = [&] { return "$" + std::to_string(++parameter); };
  if (variant & kByStaff) add("\"staffGeneratedId\" = " + next());
  if (variant & kByCity) add("\"citySlug\" = " + next());
  if (variant & kByRunClub) add("\"runClubSlug\" = " + next());
  if (variant & kByAthlete) add("\"athleteGeneratedId\" = " + next());
  if (variant & kAfterCursor) {
    // A row value compares (createdAt, id) as the indexes order them.
    const std::string created_at = next();
    add("(\"createdAt\", id) < (" + created_at + "::timestamptz, " + next() + ")");
  }
  return "SELECT (SELECT generation FROM run_generation), " + db::IsoTimeColumn("\"createdAt\"") +
         ", id FROM city_runs" + where + " ORDER BY \"createdAt\" DESC, id DESC LIMIT " + next();
}

std::vector<std::string> ListParameters(const RunFilter& filter,
                                        const std::optional<RunCursor>& after) {
  std::vector<std::string> values;
  for (const std::optional<std::string>* value :
       {&filter.staff_generated_id, &filter.city_slug, &filter.run_club_slug,
        &filter.athlete_generated_id}) {
    if (*value) values.push_back(**value);
  }
  if (after) values.insert(values.end(), {after->created_at, after->id});
  return values;
}

// Inserts the run as rows.h's InsertRunRow does on SQLite: a duplicate key
// held already answers the holder (refuse_duplicates) or is left out.
std::optional<Run> InsertRunRow(pqxx::transaction_base& transaction, const Run& run,
                                const std::optional<std::string>& duplicate_key,
                                bool refuse_duplicates) {
  const pqxx::result inserted = transaction.exec_prepared(
      "run_insert", pqxx::prepare::make_dynamic_params(RunParameters(run, duplicate_key)));
  if (!inserted.empty()) return std::nullopt;
  // ON CONFLICT on the duplicate key only: a stored run, or one committed by
  // a racing transaction this one waited for, holds it.
  if (refuse_duplicates) {
    return First(transaction.exec_prepared("run_by_duplicate_key", *duplicate_key), &ReadRun);
  }
  transaction.exec_prepared("run_insert",
                            pqxx::prepare::make_dynamic_params(RunParameters(run, std::nullopt)));
  return std::nullopt;
}

std::optional<IdempotencyRecord> ReadIdempotencyRecord(pqxx::transaction_base& transaction,
                                                       const std::string& caller_uid,
                                                       const std::string& key) {
  const pqxx::result found = transaction.exec_prepared("key_find", caller_uid, key);
  if (found.empty()) return std::nullopt;
  return IdempotencyRecord{caller_uid, key, found[0][0].c_str(), found[0][1].c_str(),
                           found[0][2].c_str()};
}

constexpr char kConflictMessage[] = "A seeded row conflicts with a stored one: ";

}  // namespace

void PreparePostgresStatements(pqxx::connection& connection) {
  std::string columns;
  std::string placeholders;
  int parameter = 0;
  for (const RunColumn& column : RunColumns()) {
    columns += Quoted(column.name) + ", ";
    placeholders += "$" + std::to_string(++parameter) + ", ";
  }
  connection.prepare("run_insert", "INSERT INTO city_runs (" + columns +
                                       "\"duplicateKey\") VALUES (" + placeholders + "$" +
                                       std::to_string(parameter + 1) +
                                       ") ON CONFLICT (\"duplicateKey\") WHERE \"duplicateKey\" IS "
                                       "NOT NULL DO NOTHING RETURNING 1");
  const std::string select_runs = "SELECT " + RunSelectList() + " FROM city_runs ";
  connection.prepare("run_by_id", select_runs + "WHERE id = $1");
  // One statement for any number of ids: the list travels as a JSON array.
  connection.prepare("runs_by_ids",
                     select_runs + "WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb))");
  connection.prepare("run_by_duplicate_key", select_runs + "WHERE \"duplicateKey\" = $1");
  for (unsigned variant = 0; variant < kListVariants; ++variant) {
    connection.prepare(ListStatementName(variant), ListQuery(variant));
  }
  // As on SQLite: absent fields keep their value, and the row (and syncedAt)
  // changes only when a sent value differs from the stored one.
  connection.prepare(
      "club_upsert",
      "INSERT INTO run_clubs (slug, name, \"logoUrl\", city, \"syncedAt\", \"createdAt\", "
      "\"updatedAt\") VALUES ($1, $2, $3, $4, $5::timestamptz, $5::timestamptz, $5::timestamptz) "
      "ON CONFLICT (slug) DO UPDATE SET name = excluded.name, "
      "\"logoUrl\" = COALESCE(excluded.\"logoUrl\", run_clubs.\"logoUrl\"), "
      "city = COALESCE(excluded.city, run_clubs.city), "
      "\"syncedAt\" = excluded.\"syncedAt\", \"updatedAt\" = excluded.\"updatedAt\" "
      "WHERE run_clubs.name IS DISTINCT FROM excluded.name "
      "OR (excluded.\"logoUrl\" IS NOT NULL AND run_clubs.\"logoUrl\" IS DISTINCT FROM "
      "excluded.\"logoUrl\") "
      "OR (excluded.city IS NOT NULL AND run_clubs.city IS DISTINCT FROM excluded.city)");
  connection.prepare("club_by_slug",
                     "SELECT " + RunClubSelectList() + " FROM run_clubs WHERE slug = $1");
  connection.prepare("club_insert",
                     "INSERT INTO run_clubs (slug, name, \"logoUrl\", city, \"syncedAt\", "
                     "\"createdAt\", \"updatedAt\") VALUES ($1, $2, $3, $4, $5, $6, $7)");
  // A live record holds the key and is left as it is:
  // no row comes back.
  connection.prepare(
      "key_save",
      "INSERT INTO idempotency_keys (\"callerUid\", key, \"bodySha256\", \"runId\", "
      "\"createdAt\") VALUES ($1, $2, $3, $4, $5) ON CONFLICT (\"callerUid\", key) DO UPDATE SET "
      "\"bodySha256\" = excluded.\"bodySha256\", \"runId\" = excluded.\"runId\", "
      "\"createdAt\" = excluded.\"createdAt\" "
      "WHERE idempotency_keys.\"createdAt\" < $6::timestamptz RETURNING 1");
  connection.prepare("key_find",
                     "SELECT \"bodySha256\", \"runId\", " + db::IsoTimeColumn("\"createdAt\"") +
                         " FROM idempotency_keys WHERE \"callerUid\" = $1 AND key = $2");
  connection.prepare("key_forget", "DELETE FROM idempotency_keys WHERE \"createdAt\" < $1");
  connection.prepare("keys_of_run_delete", "DELETE FROM idempotency_keys WHERE \"runId\" = $1");
  connection.prepare("run_delete", "DELETE FROM city_runs WHERE id = $1");
  const std::string select_athletes = "SELECT " + AthleteSelectList() + " FROM athletes ";
  connection.prepare("athlete_exists", "SELECT 1 FROM athletes WHERE id = $1");
  connection.prepare("athlete_by_id", select_athletes + "WHERE id = $1");
  connection.prepare("athlete_by_firebase_id", select_athletes + "WHERE \"firebaseId\" = $1");
  const std::string insert_athlete =
      "INSERT INTO athletes (id, \"firebaseId\", email, \"firstName\", \"lastName\", "
      "\"createdAt\", \"updatedAt\") VALUES ($1, $2, $3, $4, $5, $6, $7)";
  connection.prepare("athlete_insert", insert_athlete);
  connection.prepare("athlete_insert_if_absent",
                     insert_athlete + " ON CONFLICT (\"firebaseId\") DO NOTHING RETURNING 1");
  connection.prepare("athlete_delete", "DELETE FROM athletes WHERE id = $1");
}

Result<InsertedRun> PostgresRunStore::InsertRun(const NewRun& new_run) {
  const Run& run = new_run.run;
  try {
    db::PgPool::Lease lease = pool_.Acquire();
    pqxx::work transaction(*lease);
    std::optional<Run> holder;
    try {
      holder = InsertRunRow(transaction, run, new_run.duplicate_key, new_run.refuse_duplicates);
    } catch (const pqxx::foreign_key_violation&) {
      return MakeError(ErrorCode::kNotFound, "Athlete not found");
    }
    if (holder) return InsertedRun{std::move(*holder), true, std::nullopt};
    if (const std::optional<IdempotencyRecord>& record = new_run.idempotency) {
      const std::optional<std::string> expired_before =
          new_run.idempotency_expired_before.empty()
              ? std::nullopt
              : std::optional<std::string>(new_run.idempotency_expired_before);
      if (transaction
              .exec_prepared("key_save", record->caller_uid, record->key, record->body_sha256,
                             record->run_id, record->created_at, expired_before)
              .empty()) {
        // Another request with this key came first: its run stands, this one
        // is rolled back.
        std::optional<IdempotencyRecord> key_holder =
            ReadIdempotencyRecord(transaction, record->caller_uid, record->key);
        transaction.abort();
        if (!key_holder) return MakeError(ErrorCode::kInternal, "Internal error");
        return InsertedRun{Run{}, false, std::move(key_holder)};
      }
    }
    if (const std::optional<RunClubUpdate>& club = new_run.club) {
      try {
        pqxx::subtransaction upsert(transaction, "club");
        upsert.exec_prepared("club_upsert", club->slug, club->name, club->logo_url, club->city,
                             run.created_at);
        upsert.commit();
      } catch (const pqxx::sql_error& e) {
        // The club is a copy of another system's data: losing one sync must
        // not lose the run.
        LogError("run club " + club->slug + " not saved, the run is saved without it: " + e.what());
      }
    }
    transaction.commit();
    return InsertedRun{run, false, std::nullopt};
  } catch (const std::exception& e) {
    return db::PgFailure("InsertRun", e);
  }
}

Result<std::optional<Run>> PostgresRunStore::FindRun(const std::string& id) {
  try {
    db::PgPool::Lease lease = pool_.Acquire();
    pqxx::nontransaction read(*lease);
    return First(read.exec_prepared("run_by_id", id), &ReadRun);
  } catch (const std::exception& e) {
    return db::PgFailure("FindRun", e);
  }
}

Result<std::vector<Run>> PostgresRunStore::FindRuns(const std::vector<std::string>& ids) {
  try {
    db::PgPool::Lease lease = pool_.Acquire();
    pqxx::nontransaction read(*lease);
    std::vector<Run> runs;
    for (const pqxx::row& row : read.exec_prepared("runs_by_ids", nlohmann::json(ids).dump())) {
      runs.push_back(ReadRun(row));
    }
    return runs;
  } catch (const std::exception& e) {
    return db::PgFailure("FindRuns", e);
  }
}

Result<RunKeyPage> PostgresRunStore::ListRunKeys(const RunFilter& filter, size_t limit,
                                                 const std::optional<RunCursor>& after) {
  std::vector<std::string> values = ListParameters(filter, after);
  values.push_back(std::to_string(limit + 1));  // one more tells whether a page follows
  try {
    db::PgPool::Lease lease = pool_.Acquire();
    pqxx::nontransaction read(*lease);
    const pqxx::result rows =
        read.exec_prepared(ListStatementName(ListVariant(filter, after.has_value())),
                           pqxx::prepare::make_dynamic_params(values));
    RunKeyPage page;
    page.keys.reserve(limit);
    for (const pqxx::row& row : rows) {
      if (page.keys.size() == limit) {
        page.has_more = true;
        break;
      }
      page.generation = row[0].as<int64_t>();
      page.keys.push_back(RunCursor{row[1].c_str(), row[2].c_str()});
    }
    return page;
  } catch (const std::exception& e) {
    return db::PgFailure("ListRunKeys", e);
  }
}

Result<std::vector<std::string>> PostgresRunStore::ListQueryPlan(const RunFilter& filter,
                                                                 bool with_cursor) {
  const std::optional<RunCursor> after =
      with_cursor ? std::optional<RunCursor>(RunCursor{"2026-01-01T00:00:00.000Z", ""})
                  : std::nullopt;
  std::vector<std::string> values = ListParameters(filter, after);
  values.push_back("51");
  try {
    db::PgPool::Lease lease = pool_.Acquire();
    pqxx::work explain(*lease);  // never committed: the setting ends with it
    // On an empty table a scan and a sort cost nothing; without them the
    // planner finds a plan only where an index serves both filter and order.
    explain.exec0("SET LOCAL enable_seqscan = off");
    explain.exec0("SET LOCAL enable_bitmapscan = off");
    explain.exec0("SET LOCAL enable_sort = off");
    const std::string statement = ListStatementName(ListVariant(filter, with_cursor));
    // libpqxx prepares a statement on the server at its first use.
    explain.exec_prepared(statement, pqxx::prepare::make_dynamic_params(values));
    std::string sql = "EXPLAIN EXECUTE " + statement + " (";
    for (size_t i = 0; i < values.size(); ++i) {
      sql += (i == 0 ? "" : ", ") + explain.quote(values[i]);
    }
    std::vector<std::string> lines;
    for (const pqxx::row& row : explain.exec(sql + ")")) lines.push_back(row[0].as<std::string>());
    return lines;
  } catch (const std::exception& e) {
    return db::PgFailure("ListQueryPlan", e);
  }
}

Result<bool> PostgresRunStore::AthleteExists(const std::string& athlete_id) {
  try {
    db::PgPool::Lease lease = pool_.Acquire();
    pqxx::nontransaction read(*lease);
    return !read.exec_prepared("athlete_exists", athlete_id).empty();
  } catch (const std::exception& e) {
    return db::PgFailure("AthleteExists", e);
  }
}

Result<std::optional<IdempotencyRecord>> PostgresRunStore::FindIdempotencyRecord(
    const std::string& caller_uid, const std::string& key) {
  try {
    db::PgPool::Lease lease = pool_.Acquire();
    pqxx::nontransaction read(*lease);
    return ReadIdempotencyRecord(read, caller_uid, key);
  } catch (const std::exception& e) {
    return db::PgFailure("FindIdempotencyRecord", e);
  }
}

Status PostgresRunStore::ForgetIdempotencyRecords(const std::string& created_before) {
  try {
    db::PgPool::Lease lease = pool_.Acquire();
    pqxx::nontransaction write(*lease);
    write.exec_prepared("key_forget", created_before);
    return Ok{};
  } catch (const std::exception& e) {
    return db::PgFailure("ForgetIdempotencyRecords", e);
  }
}

Result<std::optional<Athlete>> PostgresAthleteStore::FindAthleteByFirebaseId(
    const std::string& firebase_id) {
  try {
    db::PgPool::Lease lease = pool_.Acquire();
    pqxx::nontransaction read(*lease);
    return First(read.exec_prepared("athlete_by_firebase_id", firebase_id), &ReadAthlete);
  } catch (const std::exception& e) {
    return db::PgFailure("FindAthleteByFirebaseId", e);
  }
}

Result<AthleteStore::InsertOutcome> PostgresAthleteStore::InsertAthleteIfAbsent(
    const Athlete& athlete) {
  try {
    db::PgPool::Lease lease = pool_.Acquire();
    // Read committed: after a racing insert committed, the read sees its row.
    pqxx::nontransaction write(*lease);
    const bool created =
        !write
             .exec_prepared("athlete_insert_if_absent", athlete.id, athlete.firebase_id,
                            athlete.email, athlete.first_name, athlete.last_name,
                            athlete.created_at, athlete.updated_at)
             .empty();
    std::optional<Athlete> stored =
        First(write.exec_prepared("athlete_by_firebase_id", athlete.firebase_id), &ReadAthlete);
    if (!stored) return MakeError(ErrorCode::kInternal, "Internal error");
    return InsertOutcome{std::move(*stored), created};
  } catch (const std::exception& e) {
    return db::PgFailure("InsertAthleteIfAbsent", e);
  }
}

Result<std::optional<Athlete>> PostgresAppData::FindAthlete(const std::string& id) {
  try {
    db::PgPool::Lease lease = pool_.Acquire();
    pqxx::nontransaction read(*lease);
    return First(read.exec_prepared("athlete_by_id", id), &ReadAthlete);
  } catch (const std::exception& e) {
    return db::PgFailure("FindAthlete", e);
  }
}

Result<std::optional<Athlete>> PostgresAppData::FindAthleteByFirebaseId(
    const std::string& firebase_id) {
  return PostgresAthleteStore(pool_).FindAthleteByFirebaseId(firebase_id);
}

Result<std::optional<RunClub>> PostgresAppData::FindRunClub(const std::string& slug) {
  try {
    db::PgPool::Lease lease = pool_.Acquire();
    pqxx::nontransaction read(*lease);
    return First(read.exec_prepared("club_by_slug", slug), &ReadRunClub);
  } catch (const std::exception& e) {
    return db::PgFailure("FindRunClub", e);
  }
}

Result<std::optional<Run>> PostgresAppData::FindRun(const std::string& id) {
  return PostgresRunStore(pool_).FindRun(id);
}

Result<AppRows> PostgresAppData::ReadAll() {
  try {
    db::PgPool::Lease lease = pool_.Acquire();
    // One snapshot: the three tables as of one moment.
    pqxx::transaction<pqxx::isolation_level::repeatable_read, pqxx::readwrite_policy::read_only>
        snapshot(*lease);
    AppRows rows;
    for (const pqxx::row& row : snapshot.exec("SELECT " + AthleteSelectList() +
                                              " FROM athletes ORDER BY \"createdAt\", id")) {
      rows.athletes.push_back(ReadAthlete(row));
    }
    for (const pqxx::row& row :
         snapshot.exec("SELECT " + RunClubSelectList() + " FROM run_clubs ORDER BY slug")) {
      rows.run_clubs.push_back(ReadRunClub(row));
    }
    for (const pqxx::row& row : snapshot.exec("SELECT " + RunSelectList() +
                                              " FROM city_runs ORDER BY \"createdAt\", id")) {
      rows.runs.push_back(ReadRun(row));
    }
    snapshot.commit();
    return rows;
  } catch (const std::exception& e) {
    return db::PgFailure("ReadAll", e);
  }
}

Status PostgresAppData::WriteRows(const AppRows& rows,
                                  const std::vector<std::optional<std::string>>& duplicate_keys,
                                  bool clear_first) {
  try {
    db::PgPool::Lease lease = pool_.Acquire();
    pqxx::work transaction(*lease);
    if (clear_first) {
      transaction.exec0(
          "DELETE FROM idempotency_keys; DELETE FROM city_runs; "
          "DELETE FROM run_clubs; DELETE FROM athletes");
      transaction.exec0(kRaiseRunGeneration);
    }
    for (const Athlete& athlete : rows.athletes) {
      transaction.exec_prepared("athlete_insert", athlete.id, athlete.firebase_id, athlete.email,
                                athlete.first_name, athlete.last_name, athlete.created_at,
                                athlete.updated_at);
    }
    for (const RunClub& club : rows.run_clubs) {
      transaction.exec_prepared("club_insert", club.slug, club.name, club.logo_url, club.city,
                                club.synced_at, club.created_at, club.updated_at);
    }
    for (size_t i = 0; i < rows.runs.size(); ++i) {
      InsertRunRow(transaction, rows.runs[i], duplicate_keys.at(i), /*refuse_duplicates=*/false);
    }
    transaction.commit();
    return Ok{};
  } catch (const pqxx::integrity_constraint_violation& e) {
    // A unique value taken between the merge's look-ups and this write.
    return MakeError(ErrorCode::kConflict, kConflictMessage + std::string(e.what()));
  } catch (const std::exception& e) {
    return db::PgFailure("WriteRows", e);
  }
}

Status PostgresAppData::DeleteRows(const std::vector<std::string>& run_ids,
                                   const std::vector<std::string>& athlete_ids) {
  try {
    db::PgPool::Lease lease = pool_.Acquire();
    pqxx::work transaction(*lease);
    for (const std::string& id : run_ids) {
      transaction.exec_prepared("keys_of_run_delete", id);
      transaction.exec_prepared("run_delete", id);
    }
    if (!run_ids.empty()) transaction.exec0(kRaiseRunGeneration);
    for (const std::string& id : athlete_ids) transaction.exec_prepared("athlete_delete", id);
    transaction.commit();
    return Ok{};
  } catch (const pqxx::foreign_key_violation&) {
    return MakeError(ErrorCode::kConflict,
                     "A run that stays names an athlete to delete; nothing was deleted");
  } catch (const std::exception& e) {
    return db::PgFailure("DeleteRows", e);
  }
}

Status PostgresAppData::DeleteAllRuns() {
  try {
    db::PgPool::Lease lease = pool_.Acquire();
    pqxx::work transaction(*lease);
    transaction.exec0("DELETE FROM idempotency_keys; DELETE FROM city_runs");
    transaction.exec0(kRaiseRunGeneration);
    transaction.commit();
    return Ok{};
  } catch (const std::exception& e) {
    return db::PgFailure("DeleteAllRuns", e);
  }
}

}  // namespace gofast::app
