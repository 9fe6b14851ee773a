#include "app_service/storage/sqlite_run_store.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>

#include "app_service/storage/rows.h"
#include "shared/core/log.h"
#include "shared/db/sqlite.h"

namespace gofast::app {
namespace {

// The list query (the run generation and each run's key, from the filter's
// index alone) and the values of its placeholders, in order.
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
  query.sql = "SELECT (SELECT generation FROM run_generation), createdAt, id FROM city_runs" +
              where + " ORDER BY createdAt DESC, id DESC LIMIT ?";
  return query;
}

// The run of this id, read on a reader's lease.
std::optional<Run> ReadRunById(db::ReaderPool::Lease& reader, const std::string& id) {
  static const std::string kSelect = "SELECT " + RunColumnList() + " FROM city_runs WHERE id = ?";
  db::Connection::Use select = reader.Prepare(kSelect);
  select->bind(1, id);
  if (!select->executeStep()) return std::nullopt;
  return ReadRun(*select);
}

// The record of this caller and key, read on `connection` (a reader's lease
// or the writer's lock).
template <typename Connection>
std::optional<IdempotencyRecord> ReadIdempotencyRecord(Connection& connection,
                                                       const std::string& caller_uid,
                                                       const std::string& key) {
  db::Connection::Use select = connection.Prepare(
      "SELECT bodySha256, runId, createdAt FROM idempotency_keys "
      "WHERE callerUid = ? AND key = ?");
  select->bind(1, caller_uid);
  select->bind(2, key);
  if (!select->executeStep()) return std::nullopt;
  return IdempotencyRecord{caller_uid, key, select->getColumn(0).getString(),
                           select->getColumn(1).getString(), select->getColumn(2).getString()};
}

}  // namespace

SqliteRunStore::SqliteRunStore(db::Database& database)
    : writer_(database.writer()),
      readers_(database.readers()),
      pending_runs_([this](std::vector<PendingRun*>& batch) { WriteRuns(batch); }) {}

// A run waiting in the group commit, and what became of it.
struct SqliteRunStore::PendingRun {
  const NewRun& new_run;
  std::optional<Error> failure;
  std::optional<Run> duplicate_of;
  std::optional<IdempotencyRecord> key_holder;
};

Result<InsertedRun> SqliteRunStore::InsertRun(const NewRun& new_run) {
  PendingRun pending{new_run, std::nullopt, std::nullopt, std::nullopt};
  pending_runs_.Submit(pending);
  if (pending.failure) return std::move(*pending.failure);
  if (pending.duplicate_of)
    return InsertedRun{std::move(*pending.duplicate_of), true, std::nullopt};
  if (pending.key_holder) return InsertedRun{Run{}, false, std::move(pending.key_holder)};
  return InsertedRun{new_run.run, false, std::nullopt};
}

void SqliteRunStore::WriteRuns(std::vector<PendingRun*>& batch) noexcept {
  try {
    db::Writer::Lock writer = writer_.Acquire();
    SQLite::Transaction transaction(writer.db(), SQLite::TransactionBehavior::IMMEDIATE);
    for (PendingRun* pending : batch) WriteRun(writer, *pending);
    transaction.commit();
    writer.CheckFile();
  } catch (const std::exception& e) {
    // Rolled back, or committed to a file that is no longer the service's
    // (CheckFile): either way no run of the batch is answered as saved.
    const Error failure = db::DatabaseFailure("InsertRun", e);
    for (PendingRun* pending : batch) {
      pending->failure = failure;
      pending->duplicate_of.reset();
      pending->key_holder.reset();
    }
  }
}

void SqliteRunStore::WriteRun(db::Writer::Lock& writer, PendingRun& pending) {
  // Absent fields keep their value; the row (and syncedAt) changes only
  // when a sent value differs from the stored one.
  static const std::string kUpsertClub =
      "INSERT INTO run_clubs (slug, name, logoUrl, city, syncedAt, createdAt, updatedAt) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?5) "
      "ON CONFLICT (slug) DO UPDATE SET name = excluded.name, "
      "logoUrl = COALESCE(excluded.logoUrl, run_clubs.logoUrl), "
      "city = COALESCE(excluded.city, run_clubs.city), "
      "syncedAt = excluded.syncedAt, updatedAt = excluded.updatedAt "
      "WHERE run_clubs.name IS NOT excluded.name "
      "OR (excluded.logoUrl IS NOT NULL AND run_clubs.logoUrl IS NOT excluded.logoUrl) "
      "OR (excluded.city IS NOT NULL AND run_clubs.city IS NOT excluded.city)";
  // A live record holds the key and is left as it is: no change.
  static const std::string kSaveIdempotency =
      "INSERT INTO idempotency_keys (callerUid, key, bodySha256, runId, createdAt) "
      "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (callerUid, key) DO UPDATE SET "
      "bodySha256 = excluded.bodySha256, runId = excluded.runId, createdAt = excluded.createdAt "
      "WHERE idempotency_keys.createdAt < ?6";
  static const std::string kRemoveRun = "DELETE FROM city_runs WHERE id = ?";
  const Run& run = pending.new_run.run;
  const std::optional<RunClubUpdate>& club = pending.new_run.club;
  // No savepoints needed: a statement that fails undoes only itself, so the
  // run goes first and its club only once the run is in. A failing club sync
  // keeps the run; a refused run never syncs its club. An error that ends the
  // whole transaction (disk full, I/O) is thrown, failing the batch.
  const auto throw_if_transaction_ended = [&] {
    if (sqlite3_get_autocommit(writer.db().getHandle()) != 0) throw;
  };
  try {
    pending.duplicate_of =
        InsertRunRow(writer, run, pending.new_run.duplicate_key, pending.new_run.refuse_duplicates);
    if (pending.duplicate_of) return;
  } catch (const SQLite::Exception& e) {
    throw_if_transaction_ended();
    if (e.getExtendedErrorCode() == SQLITE_CONSTRAINT_FOREIGNKEY) {
      pending.failure = MakeError(ErrorCode::kNotFound, "Athlete not found");
    } else {
      pending.failure = db::DatabaseFailure("InsertRun", e);
    }
    return;
  }
  if (const std::optional<IdempotencyRecord>& record = pending.new_run.idempotency) {
    // No constraint can refuse it (ON CONFLICT covers the key), so a failure
    // is the database's and fails the batch: a run never outlives its key.
    db::Connection::Use save = writer.Prepare(kSaveIdempotency);
    save->bind(1, record->caller_uid);
    save->bind(2, record->key);
    save->bind(3, record->body_sha256);
    save->bind(4, record->run_id);
    save->bind(5, record->created_at);
    save->bind(6, pending.new_run.idempotency_expired_before);
    if (save->exec() == 0) {
      // Another request with this key came first: its run stands, this one goes.
      db::Connection::Use remove = writer.Prepare(kRemoveRun);
      remove->bind(1, run.id);
      remove->exec();
      pending.key_holder = ReadIdempotencyRecord(writer, record->caller_uid, record->key);
      return;
    }
  }
  if (club) {
    try {
      db::Connection::Use upsert = writer.Prepare(kUpsertClub);
      upsert->bind(1, club->slug);
      upsert->bind(2, club->name);
      db::BindOptional(*upsert, 3, club->logo_url);
      db::BindOptional(*upsert, 4, club->city);
      upsert->bind(5, run.created_at);
      upsert->exec();
    } catch (const SQLite::Exception& e) {
      throw_if_transaction_ended();
      // The club is a copy of another system's data: losing one sync must
      // not lose the run.
      LogError("run club " + club->slug + " not saved, the run is saved without it: " + e.what());
    }
  }
}

Result<std::optional<Run>> SqliteRunStore::FindRun(const std::string& id) {
  try {
    db::ReaderPool::Lease reader = readers_.Acquire();
    return ReadRunById(reader, id);
  } catch (const SQLite::Exception& e) {
    return db::DatabaseFailure("FindRun", e);
  }
}

Result<std::vector<Run>> SqliteRunStore::FindRuns(const std::vector<std::string>& ids) {
  try {
    db::ReaderPool::Lease reader = readers_.Acquire();
    // One read transaction for all: each statement alone would take and
    // leave the WAL's read lock (the list with nothing kept was 20% slower).
    SQLite::Transaction snapshot(reader.db());
    std::vector<Run> runs;
    runs.reserve(ids.size());
    for (const std::string& id : ids) {
      std::optional<Run> run = ReadRunById(reader, id);
      if (run) runs.push_back(std::move(*run));
    }
    snapshot.commit();
    return runs;
  } catch (const SQLite::Exception& e) {
    return db::DatabaseFailure("FindRuns", e);
  }
}

Result<RunKeyPage> SqliteRunStore::ListRunKeys(const RunFilter& filter, size_t limit,
                                               const std::optional<RunCursor>& after) {
  const ListQuery query = BuildListQuery(filter, after);
  try {
    db::ReaderPool::Lease reader = readers_.Acquire();
    db::Connection::Use select = reader.Prepare(query.sql);
    int index = 1;
    for (const std::string& value : query.values) select->bind(index++, value);
    select->bind(index, static_cast<int64_t>(limit) + 1);  // one more tells whether a page follows
    RunKeyPage page;
    page.keys.reserve(limit);
    while (select->executeStep()) {
      if (page.keys.size() == limit) {
        page.has_more = true;
        break;
      }
      page.generation = select->getColumn(0).getInt64();
      page.keys.push_back(
          RunCursor{select->getColumn(1).getString(), select->getColumn(2).getString()});
    }
    return page;
  } catch (const SQLite::Exception& e) {
    return db::DatabaseFailure("ListRunKeys", e);
  }
}

Result<std::vector<std::string>> SqliteRunStore::ListQueryPlan(const RunFilter& filter,
                                                               bool with_cursor) {
  const std::optional<RunCursor> after =
      with_cursor ? std::optional<RunCursor>(RunCursor{"", ""}) : std::nullopt;
  const ListQuery query = BuildListQuery(filter, after);
  try {
    db::ReaderPool::Lease reader = readers_.Acquire();
    SQLite::Statement explain(reader.db(), "EXPLAIN QUERY PLAN " + query.sql);
    std::vector<std::string> details;
    while (explain.executeStep()) details.push_back(explain.getColumn(3).getString());
    return details;
  } catch (const SQLite::Exception& e) {
    return db::DatabaseFailure("ListQueryPlan", e);
  }
}

Result<bool> SqliteRunStore::AthleteExists(const std::string& athlete_id) {
  try {
    db::ReaderPool::Lease reader = readers_.Acquire();
    db::Connection::Use select = reader.Prepare("SELECT 1 FROM athletes WHERE id = ?");
    select->bind(1, athlete_id);
    return select->executeStep();
  } catch (const SQLite::Exception& e) {
    return db::DatabaseFailure("AthleteExists", e);
  }
}

Result<std::optional<IdempotencyRecord>> SqliteRunStore::FindIdempotencyRecord(
    const std::string& caller_uid, const std::string& key) {
  try {
    db::ReaderPool::Lease reader = readers_.Acquire();
    return ReadIdempotencyRecord(reader, caller_uid, key);
  } catch (const SQLite::Exception& e) {
    return db::DatabaseFailure("FindIdempotencyRecord", e);
  }
}

Status SqliteRunStore::ForgetIdempotencyRecords(const std::string& created_before) {
  try {
    db::Writer::Lock writer = writer_.Acquire();
    db::Connection::Use forget = writer.Prepare("DELETE FROM idempotency_keys WHERE createdAt < ?");
    forget->bind(1, created_before);
    forget->exec();
    return Ok{};
  } catch (const std::exception& e) {
    return db::DatabaseFailure("ForgetIdempotencyRecords", e);
  }
}

Result<std::optional<RunClub>> SqliteRunStore::FindRunClub(const std::string& slug) {
  try {
    db::ReaderPool::Lease reader = readers_.Acquire();
    static const std::string kSelect =
        std::string("SELECT ") + kRunClubColumns + " FROM run_clubs WHERE slug = ?";
    db::Connection::Use select = reader.Prepare(kSelect);
    select->bind(1, slug);
    if (!select->executeStep()) return std::optional<RunClub>();
    return std::optional<RunClub>(ReadRunClub(*select));
  } catch (const SQLite::Exception& e) {
    return db::DatabaseFailure("FindRunClub", e);
  }
}

void SqliteRunStore::WriteMetrics(metrics::Exposition& out) const {
  out.Family("gofast_group_commit_batch_size", metrics::Type::kHistogram,
             "Runs written by each commit of the group commit.");
  out.HistogramSamples("gofast_group_commit_batch_size", {}, pending_runs_.batch_sizes());
}

}  // namespace gofast::app
