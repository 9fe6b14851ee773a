#include "app_service/storage/sqlite_store.h"

#include <SQLiteCpp/Savepoint.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>

#include <cstdio>

#include "app_service/domain/overloaded.h"
#include "app_service/storage/migrations.h"
#include "shared/core/time.h"
#include "shared/db/sqlite.h"

namespace gofast::app {
namespace {

// Logs what SQLite said (never sent to the client) and answers a bare 500.
Error DatabaseError(const char* operation, const std::exception& e) {
  const std::string line =
      NowIso8601() + " error: database failure in " + operation + ": " + e.what() + "\n";
  std::fwrite(line.data(), 1, line.size(), stderr);
  return MakeError(ErrorCode::kInternal, "Internal error");
}

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

void BindOptional(SQLite::Statement& statement, int index,
                  const std::optional<std::string>& value) {
  if (value) {
    statement.bind(index, *value);
  } else {
    statement.bind(index);
  }
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

void BindRun(SQLite::Statement& statement, const Run& run) {
  int index = 1;
  for (const RunColumn& column : RunColumns()) {
    std::visit(Overloaded{
                   [&](std::string Run::*field) { statement.bind(index, run.*field); },
                   [&](std::optional<std::string> Run::*field) {
                     BindOptional(statement, index, run.*field);
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

// The list query and the values of its placeholders, in order.
struct ListQuery {
  std::string sql;
  std::vector<std::string> values;
};

ListQuery BuildListQuery(const RunFilter& filter, const std::optional<RunCursor>& after) {
  ListQuery query;
  std::string where;
  const auto add = [&](const char* condition, const std::string& value) {
    where += where.empty() ? " WHERE " : " AND ";
    where += condition;
    query.values.push_back(value);
  };
  if (filter.staff_generated_id) add("staffGeneratedId = ?", *filter.staff_generated_id);
  if (filter.city_slug) add("citySlug = ?", *filter.city_slug);
  if (filter.run_club_slug) add("runClubSlug = ?", *filter.run_club_slug);
  if (filter.athlete_generated_id) add("athleteGeneratedId = ?", *filter.athlete_generated_id);
  if (after) {
    // A row value compares (createdAt, id) as the index orders them.
    add("(createdAt, id) < (?, ?)", after->created_at);
    query.values.push_back(after->id);
  }
  query.sql = "SELECT " + RunColumnList() + " FROM city_runs" + where +
              " ORDER BY createdAt DESC, id DESC LIMIT ?";
  return query;
}

Athlete ReadAthlete(const SQLite::Statement& statement) {
  const auto optional = [&](int index) -> std::optional<std::string> {
    const SQLite::Column value = statement.getColumn(index);
    if (value.isNull()) return std::nullopt;
    return value.getString();
  };
  return Athlete{statement.getColumn(0).getString(),
                 statement.getColumn(1).getString(),
                 optional(2),
                 optional(3),
                 optional(4),
                 statement.getColumn(5).getString(),
                 statement.getColumn(6).getString()};
}

constexpr char kAthleteColumns[] =
    "id, firebaseId, email, firstName, lastName, createdAt, updatedAt";

}  // namespace

// A read-only connection lent to one thread; returned when this goes away.
class SqliteAppStore::ReaderLease {
 public:
  ReaderLease(SqliteAppStore& store, std::unique_ptr<SQLite::Database> db)
      : store_(&store), db_(std::move(db)) {}
  ReaderLease(ReaderLease&& other) noexcept = default;
  ReaderLease& operator=(ReaderLease&&) = delete;
  ReaderLease(const ReaderLease&) = delete;
  ReaderLease& operator=(const ReaderLease&) = delete;
  ~ReaderLease() {
    if (!db_) return;
    {
      const std::lock_guard<std::mutex> lock(store_->readers_mutex_);
      store_->idle_readers_.push_back(std::move(db_));
    }
    store_->reader_returned_.notify_one();
  }
  SQLite::Database& db() { return *db_; }

 private:
  SqliteAppStore* store_;
  std::unique_ptr<SQLite::Database> db_;
};

Result<std::unique_ptr<SqliteAppStore>> SqliteAppStore::Open(const std::string& path,
                                                             size_t reader_count) {
  std::unique_ptr<SQLite::Database> writer;
  std::vector<std::unique_ptr<SQLite::Database>> readers;
  try {
    writer = db::OpenDatabase(path);
    const Status migrated = db::Migrate(*writer, AppMigrations());
    if (!migrated) return MakeError(ErrorCode::kInternal, path + ": " + migrated.error().message);
    for (size_t i = 0; i < reader_count; ++i) readers.push_back(db::OpenReader(path));
  } catch (const std::exception& e) {
    return MakeError(ErrorCode::kInternal, "cannot open database " + path + ": " + e.what());
  }
  return std::unique_ptr<SqliteAppStore>(new SqliteAppStore(std::move(writer), std::move(readers)));
}

SqliteAppStore::SqliteAppStore(std::unique_ptr<SQLite::Database> writer,
                               std::vector<std::unique_ptr<SQLite::Database>> readers)
    : writer_(std::move(writer)), idle_readers_(std::move(readers)) {}

SqliteAppStore::ReaderLease SqliteAppStore::BorrowReader() {
  std::unique_lock<std::mutex> lock(readers_mutex_);
  reader_returned_.wait(lock, [this] { return !idle_readers_.empty(); });
  std::unique_ptr<SQLite::Database> db = std::move(idle_readers_.back());
  idle_readers_.pop_back();
  return ReaderLease(*this, std::move(db));
}

Result<Run> SqliteAppStore::InsertRun(const Run& run, const std::optional<RunClubUpdate>& club) {
  static const std::string kInsert = [] {
    std::string placeholders;
    for (size_t i = 0; i < RunColumns().size(); ++i) placeholders += i == 0 ? "?" : ", ?";
    return "INSERT INTO city_runs (" + RunColumnList() + ") VALUES (" + placeholders + ")";
  }();
  // Absent fields keep their value; the row (and syncedAt) changes only
  // when a sent value differs from the stored one.
  static constexpr char kUpsertClub[] =
      "INSERT INTO run_clubs (slug, name, logoUrl, city, syncedAt, createdAt, updatedAt) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?5) "
      "ON CONFLICT (slug) DO UPDATE SET name = excluded.name, "
      "logoUrl = COALESCE(excluded.logoUrl, run_clubs.logoUrl), "
      "city = COALESCE(excluded.city, run_clubs.city), "
      "syncedAt = excluded.syncedAt, updatedAt = excluded.updatedAt "
      "WHERE run_clubs.name IS NOT excluded.name "
      "OR (excluded.logoUrl IS NOT NULL AND run_clubs.logoUrl IS NOT excluded.logoUrl) "
      "OR (excluded.city IS NOT NULL AND run_clubs.city IS NOT excluded.city)";
  try {
    const std::lock_guard<std::mutex> lock(write_mutex_);
    SQLite::Transaction transaction(*writer_, SQLite::TransactionBehavior::IMMEDIATE);
    if (club) {
      try {
        SQLite::Savepoint savepoint(*writer_, "run_club");
        SQLite::Statement upsert(*writer_, kUpsertClub);
        upsert.bind(1, club->slug);
        upsert.bind(2, club->name);
        BindOptional(upsert, 3, club->logo_url);
        BindOptional(upsert, 4, club->city);
        upsert.bind(5, run.created_at);
        upsert.exec();
        savepoint.release();
      } catch (const SQLite::Exception& e) {
        // The club is a copy of another system's data: losing one sync must
        // not lose the run.
        const std::string line = NowIso8601() + " error: run club " + club->slug +
                                 " not saved, the run is saved without it: " + e.what() + "\n";
        std::fwrite(line.data(), 1, line.size(), stderr);
      }
    }
    SQLite::Statement insert(*writer_, kInsert);
    BindRun(insert, run);
    try {
      insert.exec();
    } catch (const SQLite::Exception& e) {
      if (e.getExtendedErrorCode() == SQLITE_CONSTRAINT_FOREIGNKEY) {
        return MakeError(ErrorCode::kNotFound, "Athlete not found");
      }
      throw;
    }
    transaction.commit();
  } catch (const SQLite::Exception& e) {
    return DatabaseError("InsertRun", e);
  }
  return run;
}

Result<std::optional<Run>> SqliteAppStore::FindRun(const std::string& id) {
  try {
    ReaderLease reader = BorrowReader();
    SQLite::Statement select(reader.db(),
                             "SELECT " + RunColumnList() + " FROM city_runs WHERE id = ?");
    select.bind(1, id);
    if (!select.executeStep()) return std::optional<Run>();
    return std::optional<Run>(ReadRun(select));
  } catch (const SQLite::Exception& e) {
    return DatabaseError("FindRun", e);
  }
}

Result<RunPage> SqliteAppStore::ListRuns(const RunFilter& filter, size_t limit,
                                         const std::optional<RunCursor>& after) {
  const ListQuery query = BuildListQuery(filter, after);
  try {
    ReaderLease reader = BorrowReader();
    SQLite::Statement select(reader.db(), query.sql);
    int index = 1;
    for (const std::string& value : query.values) select.bind(index++, value);
    select.bind(index, static_cast<int64_t>(limit) + 1);  // one more tells whether a page follows
    RunPage page;
    while (select.executeStep()) {
      if (page.runs.size() == limit) {
        page.has_more = true;
        break;
      }
      page.runs.push_back(ReadRun(select));
    }
    return page;
  } catch (const SQLite::Exception& e) {
    return DatabaseError("ListRuns", e);
  }
}

Result<std::vector<std::string>> SqliteAppStore::ListQueryPlan(const RunFilter& filter,
                                                               bool with_cursor) {
  const std::optional<RunCursor> after =
      with_cursor ? std::optional<RunCursor>(RunCursor{"", ""}) : std::nullopt;
  const ListQuery query = BuildListQuery(filter, after);
  try {
    ReaderLease reader = BorrowReader();
    SQLite::Statement explain(reader.db(), "EXPLAIN QUERY PLAN " + query.sql);
    std::vector<std::string> details;
    while (explain.executeStep()) details.push_back(explain.getColumn(3).getString());
    return details;
  } catch (const SQLite::Exception& e) {
    return DatabaseError("ListQueryPlan", e);
  }
}

Result<bool> SqliteAppStore::AthleteExists(const std::string& athlete_id) {
  try {
    ReaderLease reader = BorrowReader();
    SQLite::Statement select(reader.db(), "SELECT 1 FROM athletes WHERE id = ?");
    select.bind(1, athlete_id);
    return select.executeStep();
  } catch (const SQLite::Exception& e) {
    return DatabaseError("AthleteExists", e);
  }
}

Result<std::optional<Athlete>> SqliteAppStore::FindAthleteByFirebaseId(
    const std::string& firebase_id) {
  try {
    ReaderLease reader = BorrowReader();
    SQLite::Statement select(reader.db(), std::string("SELECT ") + kAthleteColumns +
                                              " FROM athletes WHERE firebaseId = ?");
    select.bind(1, firebase_id);
    if (!select.executeStep()) return std::optional<Athlete>();
    return std::optional<Athlete>(ReadAthlete(select));
  } catch (const SQLite::Exception& e) {
    return DatabaseError("FindAthleteByFirebaseId", e);
  }
}

Result<AthleteStore::InsertOutcome> SqliteAppStore::InsertAthleteIfAbsent(const Athlete& athlete) {
  try {
    const std::lock_guard<std::mutex> lock(write_mutex_);
    SQLite::Statement insert(*writer_, std::string("INSERT INTO athletes (") + kAthleteColumns +
                                           ") VALUES (?, ?, ?, ?, ?, ?, ?) "
                                           "ON CONFLICT (firebaseId) DO NOTHING");
    insert.bind(1, athlete.id);
    insert.bind(2, athlete.firebase_id);
    BindOptional(insert, 3, athlete.email);
    BindOptional(insert, 4, athlete.first_name);
    BindOptional(insert, 5, athlete.last_name);
    insert.bind(6, athlete.created_at);
    insert.bind(7, athlete.updated_at);
    const bool created = insert.exec() == 1;
    // Read on the writer: under its lock the row cannot change in between.
    SQLite::Statement select(
        *writer_, std::string("SELECT ") + kAthleteColumns + " FROM athletes WHERE firebaseId = ?");
    select.bind(1, athlete.firebase_id);
    if (!select.executeStep()) return MakeError(ErrorCode::kInternal, "Internal error");
    return InsertOutcome{ReadAthlete(select), created};
  } catch (const SQLite::Exception& e) {
    return DatabaseError("InsertAthleteIfAbsent", e);
  }
}

Result<std::optional<RunClub>> SqliteAppStore::FindRunClub(const std::string& slug) {
  try {
    ReaderLease reader = BorrowReader();
    SQLite::Statement select(reader.db(),
                             "SELECT slug, name, logoUrl, city, syncedAt, createdAt, updatedAt "
                             "FROM run_clubs WHERE slug = ?");
    select.bind(1, slug);
    if (!select.executeStep()) return std::optional<RunClub>();
    const auto optional = [&](int index) -> std::optional<std::string> {
      const SQLite::Column value = select.getColumn(index);
      if (value.isNull()) return std::nullopt;
      return value.getString();
    };
    return std::optional<RunClub>(RunClub{
        select.getColumn(0).getString(), select.getColumn(1).getString(), optional(2), optional(3),
        optional(4), select.getColumn(5).getString(), select.getColumn(6).getString()});
  } catch (const SQLite::Exception& e) {
    return DatabaseError("FindRunClub", e);
  }
}

}  // namespace gofast::app
