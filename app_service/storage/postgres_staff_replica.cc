#include "app_service/storage/postgres_staff_replica.h"

#include <nlohmann/json.hpp>

#include "app_service/storage/migrations.h"

namespace gofast::app {
namespace {

// Any fixed number: the key of the advisory lock of SetPostgresStaffMode.
constexpr int64_t kStaffModeLock = 7202;

// The statements name the replica's tables, which exist only in replica
// mode, so they are not prepared with the pool's other statements.
const std::string& StaffColumns() {
  static const std::string columns =
      "id, \"firebaseId\", email, \"firstName\", \"lastName\", role, \"companyId\", removed, " +
      db::IsoTimeColumn("\"companyUpdatedAt\"") + ", " + db::IsoTimeColumn("\"syncedAt\"");
  return columns;
}

constexpr char kDanglingRunsWhere[] =
    " FROM city_runs r WHERE r.\"staffGeneratedId\" IS NOT NULL AND NOT EXISTS "
    "(SELECT 1 FROM staff s WHERE s.id = r.\"staffGeneratedId\")";

ReplicaStaff ReadStaff(const pqxx::row& row) {
  ReplicaStaff staff;
  staff.id = row[0].as<std::string>();
  staff.firebase_id = row[1].as<std::string>();
  staff.email = row[2].as<std::string>();
  staff.first_name = db::OptionalText(row[3]);
  staff.last_name = db::OptionalText(row[4]);
  staff.role = row[5].as<std::string>();
  staff.company_id = db::OptionalText(row[6]);
  staff.removed = row[7].as<bool>();
  staff.company_updated_at = row[8].as<std::string>();
  staff.synced_at = row[9].as<std::string>();
  return staff;
}

std::vector<ReplicaStaff> ReadAll(const pqxx::result& result) {
  std::vector<ReplicaStaff> rows;
  rows.reserve(result.size());
  for (const pqxx::row& row : result) rows.push_back(ReadStaff(row));
  return rows;
}

}  // namespace

Status SetPostgresStaffMode(db::PgPool& pool, StaffMode mode) {
  try {
    db::PgPool::Lease lease = pool.Acquire();
    pqxx::work transaction(*lease);
    transaction.exec("SELECT pg_advisory_xact_lock(" + std::to_string(kStaffModeLock) + ")");
    const bool has_key = !transaction
                              .exec(
                                  "SELECT 1 FROM pg_constraint WHERE conname = "
                                  "'city_runs_staff_replica' AND conrelid = 'city_runs'::regclass")
                              .empty();
    if (mode == StaffMode::kReplica) {
      transaction.exec(kPostgresStaffReplicaTables);
      if (!has_key) {
        transaction.exec(
            "ALTER TABLE city_runs ADD CONSTRAINT city_runs_staff_replica FOREIGN KEY "
            "(\"staffGeneratedId\") REFERENCES staff (id) NOT VALID");
      }
    } else if (has_key) {
      transaction.exec("ALTER TABLE city_runs DROP CONSTRAINT city_runs_staff_replica");
    }
    transaction.commit();
    return Ok{};
  } catch (const std::exception& e) {
    return db::PgFailure("SetStaffMode", e);
  }
}

Result<ReplicaState> PostgresStaffReplicaStore::State() {
  try {
    db::PgPool::Lease lease = pool_.Acquire();
    pqxx::nontransaction read(*lease);
    const pqxx::result state =
        read.exec("SELECT cursor, \"appliedChanges\", " + db::IsoTimeColumn("\"lastSyncAt\"") +
                  " FROM staff_sync WHERE id = 1");
    if (state.empty()) return MakeError(ErrorCode::kInternal, "Internal error");
    return ReplicaState{state[0][0].as<int64_t>(), state[0][1].as<int64_t>(),
                        db::OptionalText(state[0][2])};
  } catch (const std::exception& e) {
    return db::PgFailure("ReplicaState", e);
  }
}

Status PostgresStaffReplicaStore::Apply(int64_t from, const FeedPage& page,
                                        const std::string& synced_at) {
  static const std::string kUpsert =
      "INSERT INTO staff (id, \"firebaseId\", email, \"firstName\", \"lastName\", role, "
      "\"companyId\", removed, \"companyUpdatedAt\", \"syncedAt\") "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO UPDATE SET "
      "\"firebaseId\" = excluded.\"firebaseId\", email = excluded.email, "
      "\"firstName\" = excluded.\"firstName\", \"lastName\" = excluded.\"lastName\", "
      "role = excluded.role, \"companyId\" = excluded.\"companyId\", removed = excluded.removed, "
      "\"companyUpdatedAt\" = excluded.\"companyUpdatedAt\", \"syncedAt\" = excluded.\"syncedAt\"";
  try {
    db::PgPool::Lease lease = pool_.Acquire();
    pqxx::work transaction(*lease);
    // Locked to the commit: another instance applying the same page waits, then sees the cursor
    // moved.
    const pqxx::result cursor =
        transaction.exec("SELECT cursor FROM staff_sync WHERE id = 1 FOR UPDATE");
    if (cursor.empty() || cursor[0][0].as<int64_t>() != from) {
      return MakeError(ErrorCode::kConflict, "The replica moved past this page");
    }
    for (const FeedChange& change : page.changes) {
      const ReplicaStaff& staff = change.staff;
      transaction.exec_params(kUpsert, staff.id, staff.firebase_id, staff.email, staff.first_name,
                              staff.last_name, staff.role, staff.company_id, staff.removed,
                              staff.company_updated_at, synced_at);
    }
    transaction.exec_params(
        "UPDATE staff_sync SET cursor = $1, \"appliedChanges\" = \"appliedChanges\" + $2 "
        "WHERE id = 1",
        page.next_cursor, static_cast<int64_t>(page.changes.size()));
    transaction.commit();
    return Ok{};
  } catch (const std::exception& e) {
    return db::PgFailure("ApplyStaffChanges", e);
  }
}

Status PostgresStaffReplicaStore::MarkSynced(const std::string& at) {
  try {
    db::PgPool::Lease lease = pool_.Acquire();
    pqxx::nontransaction write(*lease);
    write.exec_params("UPDATE staff_sync SET \"lastSyncAt\" = $1 WHERE id = 1", at);
    return Ok{};
  } catch (const std::exception& e) {
    return db::PgFailure("MarkStaffSynced", e);
  }
}

Result<std::optional<ReplicaStaff>> PostgresStaffReplicaStore::Find(const std::string& id) {
  Result<std::vector<ReplicaStaff>> rows = FindMany({id});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<ReplicaStaff>();
  return std::optional<ReplicaStaff>(std::move(rows->front()));
}

Result<std::vector<ReplicaStaff>> PostgresStaffReplicaStore::FindMany(
    const std::vector<std::string>& ids) {
  try {
    db::PgPool::Lease lease = pool_.Acquire();
    pqxx::nontransaction read(*lease);
    // One statement for any number of ids: the list travels as a JSON array.
    return ReadAll(read.exec_params("SELECT " + StaffColumns() +
                                        " FROM staff WHERE id IN "
                                        "(SELECT jsonb_array_elements_text($1::jsonb))",
                                    nlohmann::json(ids).dump()));
  } catch (const std::exception& e) {
    return db::PgFailure("FindReplicaStaff", e);
  }
}

Result<std::vector<ReplicaStaff>> PostgresStaffReplicaStore::List(const std::string& after_id,
                                                                  size_t limit) {
  try {
    db::PgPool::Lease lease = pool_.Acquire();
    pqxx::nontransaction read(*lease);
    return ReadAll(read.exec_params(
        "SELECT " + StaffColumns() +
            " FROM staff WHERE id COLLATE \"C\" > $1 ORDER BY id COLLATE \"C\" LIMIT $2",
        after_id, static_cast<int64_t>(limit)));
  } catch (const std::exception& e) {
    return db::PgFailure("ListReplicaStaff", e);
  }
}

Result<DanglingRuns> PostgresStaffReplicaStore::FindDanglingRuns(size_t limit) {
  try {
    db::PgPool::Lease lease = pool_.Acquire();
    // One snapshot: the counts and the lists see the same rows.
    pqxx::work read(*lease, "dangling runs");
    read.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
    DanglingRuns dangling;
    const pqxx::result count =
        read.exec(std::string("SELECT COUNT(*), COUNT(DISTINCT r.\"staffGeneratedId\")") +
                  kDanglingRunsWhere);
    dangling.run_count = count[0][0].as<int64_t>();
    dangling.staff_id_count = count[0][1].as<int64_t>();
    for (const pqxx::row& row : read.exec_params(
             std::string("SELECT r.\"staffGeneratedId\", COUNT(*)") + kDanglingRunsWhere +
                 " GROUP BY 1 ORDER BY r.\"staffGeneratedId\" COLLATE \"C\" LIMIT $1",
             static_cast<int64_t>(limit))) {
      dangling.staff_ids.emplace_back(row[0].as<std::string>(), row[1].as<int64_t>());
    }
    for (const pqxx::row& row :
         read.exec_params(std::string("SELECT r.id, r.\"staffGeneratedId\"") + kDanglingRunsWhere +
                              " ORDER BY r.\"staffGeneratedId\" COLLATE \"C\", r.id LIMIT $1",
                          static_cast<int64_t>(limit))) {
      dangling.runs.emplace_back(row[0].as<std::string>(), row[1].as<std::string>());
    }
    return dangling;
  } catch (const std::exception& e) {
    return db::PgFailure("FindDanglingRuns", e);
  }
}

}  // namespace gofast::app
