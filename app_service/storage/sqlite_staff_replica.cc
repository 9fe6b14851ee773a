#include "app_service/storage/sqlite_staff_replica.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <nlohmann/json.hpp>

#include "app_service/storage/migrations.h"
#include "shared/db/sqlite.h"

namespace gofast::app {
namespace {

constexpr char kStaffColumns[] =
    "id, firebaseId, email, firstName, lastName, role, companyId, removed, companyUpdatedAt, "
    "syncedAt";

// Runs whose staff id is set but not in the replica.
constexpr char kDanglingRunsWhere[] =
    " FROM city_runs r WHERE r.staffGeneratedId IS NOT NULL AND NOT EXISTS "
    "(SELECT 1 FROM staff s WHERE s.id = r.staffGeneratedId)";

ReplicaStaff ReadStaff(const SQLite::Statement& row) {
  ReplicaStaff staff;
  staff.id = row.getColumn(0).getString();
  staff.firebase_id = row.getColumn(1).getString();
  staff.email = row.getColumn(2).getString();
  staff.first_name = db::OptionalText(row.getColumn(3));
  staff.last_name = db::OptionalText(row.getColumn(4));
  staff.role = row.getColumn(5).getString();
  staff.company_id = db::OptionalText(row.getColumn(6));
  staff.removed = row.getColumn(7).getInt() != 0;
  staff.company_updated_at = row.getColumn(8).getString();
  staff.synced_at = row.getColumn(9).getString();
  return staff;
}

// Rebuilds city_runs from `table_sql` (its CREATE TABLE text, changed),
// copying every row and recreating its indexes. Foreign keys are off for the
// copy: runs stored before keep their staff ids whatever the replica holds.
void RebuildRunsTable(SQLite::Database& db, const std::string& table_sql) {
  std::vector<std::string> indexes;
  SQLite::Statement select_indexes(
      db,
      "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'city_runs' "
      "AND sql IS NOT NULL");
  while (select_indexes.executeStep()) indexes.push_back(select_indexes.getColumn(0).getString());
  db.exec("PRAGMA foreign_keys = OFF");  // outside a transaction, or SQLite ignores it
  try {
    SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
    db.exec("CREATE TABLE city_runs_rebuilt " + table_sql.substr(table_sql.find('(')));
    db.exec("INSERT INTO city_runs_rebuilt SELECT * FROM city_runs");
    db.exec("DROP TABLE city_runs");
    db.exec("ALTER TABLE city_runs_rebuilt RENAME TO city_runs");
    for (const std::string& index : indexes) db.exec(index);
    transaction.commit();
  } catch (const SQLite::Exception&) {
    db.exec("PRAGMA foreign_keys = ON");
    throw;
  }
  db.exec("PRAGMA foreign_keys = ON");
}

}  // namespace

Status SetSqliteStaffMode(db::Database& database, StaffMode mode) {
  try {
    db::Writer::Lock writer = database.writer().Acquire();
    SQLite::Database& db = writer.db();
    if (mode == StaffMode::kReplica) db.exec(kStaffReplicaTables);
    std::string table_sql =
        db.execAndGet("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'city_runs'")
            .getString();
    const size_t key_at = table_sql.find(kStaffForeignKey);
    const bool has_key = key_at != std::string::npos;
    if (has_key == (mode == StaffMode::kReplica)) return Ok{};
    if (has_key) {
      table_sql.erase(key_at, std::char_traits<char>::length(kStaffForeignKey));
    } else {
      table_sql.insert(table_sql.rfind(')'), kStaffForeignKey);
    }
    RebuildRunsTable(db, table_sql);
    writer.CheckFile();
    return Ok{};
  } catch (const std::exception& e) {
    return db::DatabaseFailure("SetStaffMode", e);
  }
}

SqliteStaffReplicaStore::SqliteStaffReplicaStore(db::Database& database)
    : writer_(database.writer()), readers_(database.readers()) {}

Result<ReplicaState> SqliteStaffReplicaStore::State() {
  try {
    db::ReaderPool::Lease reader = readers_.Acquire();
    db::Connection::Use select =
        reader.Prepare("SELECT cursor, appliedChanges, lastSyncAt FROM staff_sync WHERE id = 1");
    if (!select->executeStep()) return MakeError(ErrorCode::kInternal, "Internal error");
    return ReplicaState{select->getColumn(0).getInt64(), select->getColumn(1).getInt64(),
                        db::OptionalText(select->getColumn(2))};
  } catch (const SQLite::Exception& e) {
    return db::DatabaseFailure("ReplicaState", e);
  }
}

Status SqliteStaffReplicaStore::Apply(int64_t from, const FeedPage& page,
                                      const std::string& synced_at) {
  static const std::string kUpsert = std::string("INSERT INTO staff (") + kStaffColumns +
                                     ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                     "ON CONFLICT (id) DO UPDATE SET "
                                     "firebaseId = excluded.firebaseId, email = excluded.email, "
                                     "firstName = excluded.firstName, "
                                     "lastName = excluded.lastName, role = excluded.role, "
                                     "companyId = excluded.companyId, "
                                     "removed = excluded.removed, "
                                     "companyUpdatedAt = excluded.companyUpdatedAt, "
                                     "syncedAt = excluded.syncedAt";
  try {
    db::Writer::Lock writer = writer_.Acquire();
    SQLite::Transaction transaction(writer.db(), SQLite::TransactionBehavior::IMMEDIATE);
    {
      db::Connection::Use cursor = writer.Prepare("SELECT cursor FROM staff_sync WHERE id = 1");
      if (!cursor->executeStep() || cursor->getColumn(0).getInt64() != from) {
        return MakeError(ErrorCode::kConflict, "The replica moved past this page");
      }
    }
    for (const FeedChange& change : page.changes) {
      const ReplicaStaff& staff = change.staff;
      db::Connection::Use upsert = writer.Prepare(kUpsert);
      upsert->bind(1, staff.id);
      upsert->bind(2, staff.firebase_id);
      upsert->bind(3, staff.email);
      db::BindOptional(*upsert, 4, staff.first_name);
      db::BindOptional(*upsert, 5, staff.last_name);
      upsert->bind(6, staff.role);
      db::BindOptional(*upsert, 7, staff.company_id);
      upsert->bind(8, staff.removed ? 1 : 0);
      upsert->bind(9, staff.company_updated_at);
      upsert->bind(10, synced_at);
      upsert->exec();
    }
    db::Connection::Use advance = writer.Prepare(
        "UPDATE staff_sync SET cursor = ?, appliedChanges = appliedChanges + ? WHERE id = 1");
    advance->bind(1, page.next_cursor);
    advance->bind(2, static_cast<int64_t>(page.changes.size()));
    advance->exec();
    transaction.commit();
    writer.CheckFile();
    return Ok{};
  } catch (const std::exception& e) {
    return db::DatabaseFailure("ApplyStaffChanges", e);
  }
}

Status SqliteStaffReplicaStore::MarkSynced(const std::string& at) {
  try {
    db::Writer::Lock writer = writer_.Acquire();
    db::Connection::Use mark = writer.Prepare("UPDATE staff_sync SET lastSyncAt = ? WHERE id = 1");
    mark->bind(1, at);
    mark->exec();
    writer.CheckFile();
    return Ok{};
  } catch (const std::exception& e) {
    return db::DatabaseFailure("MarkStaffSynced", e);
  }
}

Result<std::vector<ReplicaStaff>> SqliteStaffReplicaStore::Select(
    const char* operation, const std::string& sql,
    const std::function<void(SQLite::Statement&)>& bind) {
  try {
    db::ReaderPool::Lease reader = readers_.Acquire();
    db::Connection::Use select = reader.Prepare(sql);
    bind(*select);
    std::vector<ReplicaStaff> rows;
    while (select->executeStep()) rows.push_back(ReadStaff(*select));
    return rows;
  } catch (const SQLite::Exception& e) {
    return db::DatabaseFailure(operation, e);
  }
}

Result<std::optional<ReplicaStaff>> SqliteStaffReplicaStore::Find(const std::string& id) {
  static const std::string kSql =
      std::string("SELECT ") + kStaffColumns + " FROM staff WHERE id = ?";
  Result<std::vector<ReplicaStaff>> rows =
      Select("FindReplicaStaff", kSql, [&](SQLite::Statement& select) { select.bind(1, id); });
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<ReplicaStaff>();
  return std::optional<ReplicaStaff>(std::move(rows->front()));
}

Result<std::vector<ReplicaStaff>> SqliteStaffReplicaStore::FindMany(
    const std::vector<std::string>& ids) {
  // One statement for any number of ids: the list travels as a JSON array.
  static const std::string kSql = std::string("SELECT ") + kStaffColumns +
                                  " FROM staff WHERE id IN (SELECT value FROM json_each(?))";
  return Select("FindReplicaStaff", kSql,
                [&](SQLite::Statement& select) { select.bind(1, nlohmann::json(ids).dump()); });
}

Result<std::vector<ReplicaStaff>> SqliteStaffReplicaStore::List(const std::string& after_id,
                                                                size_t limit) {
  static const std::string kSql =
      std::string("SELECT ") + kStaffColumns + " FROM staff WHERE id > ? ORDER BY id LIMIT ?";
  return Select("ListReplicaStaff", kSql, [&](SQLite::Statement& select) {
    select.bind(1, after_id);
    select.bind(2, static_cast<int64_t>(limit));
  });
}

Result<DanglingRuns> SqliteStaffReplicaStore::FindDanglingRuns(size_t limit) {
  static const std::string kCount =
      std::string("SELECT COUNT(*), COUNT(DISTINCT staffGeneratedId)") + kDanglingRunsWhere;
  static const std::string kStaffIds = std::string("SELECT r.staffGeneratedId, COUNT(*)") +
                                       kDanglingRunsWhere +
                                       " GROUP BY r.staffGeneratedId ORDER BY 1 LIMIT ?";
  static const std::string kRuns = std::string("SELECT r.id, r.staffGeneratedId") +
                                   kDanglingRunsWhere + " ORDER BY 2, 1 LIMIT ?";
  try {
    db::ReaderPool::Lease reader = readers_.Acquire();
    // One read transaction: the counts and the lists see the same rows.
    SQLite::Transaction snapshot(reader.db(), SQLite::TransactionBehavior::DEFERRED);
    DanglingRuns dangling;
    {
      db::Connection::Use count = reader.Prepare(kCount);
      count->executeStep();
      dangling.run_count = count->getColumn(0).getInt64();
      dangling.staff_id_count = count->getColumn(1).getInt64();
    }
    {
      db::Connection::Use staff_ids = reader.Prepare(kStaffIds);
      staff_ids->bind(1, static_cast<int64_t>(limit));
      while (staff_ids->executeStep()) {
        dangling.staff_ids.emplace_back(staff_ids->getColumn(0).getString(),
                                        staff_ids->getColumn(1).getInt64());
      }
    }
    db::Connection::Use runs = reader.Prepare(kRuns);
    runs->bind(1, static_cast<int64_t>(limit));
    while (runs->executeStep()) {
      dangling.runs.emplace_back(runs->getColumn(0).getString(), runs->getColumn(1).getString());
    }
    return dangling;
  } catch (const SQLite::Exception& e) {
    return db::DatabaseFailure("FindDanglingRuns", e);
  }
}

}  // namespace gofast::app
