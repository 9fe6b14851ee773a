#ifndef GOFAST_APP_SERVICE_STORAGE_POSTGRES_STAFF_REPLICA_H_
#define GOFAST_APP_SERVICE_STORAGE_POSTGRES_STAFF_REPLICA_H_

#include <string>
#include <vector>

#include "app_service/domain/staff_replica.h"
#include "shared/db/postgres.h"

namespace gofast::app {

// SetSqliteStaffMode on PostgreSQL, under an advisory lock so that instances
// starting together change the schema once. The foreign key is added NOT
// VALID: checked for every row written from then on, while runs stored
// before keep ids the replica may not know (FindDanglingRuns).
Status SetPostgresStaffMode(db::PgPool& pool, StaffMode mode);

// The replica's tables on PostgreSQL. Apply locks the staff_sync row, so
// instances sharing the database apply each page once.
class PostgresStaffReplicaStore final : public StaffReplicaStore {
 public:
  explicit PostgresStaffReplicaStore(db::PgPool& pool) : pool_(pool) {}

  Result<ReplicaState> State() override;
  Status Apply(int64_t from, const FeedPage& page, const std::string& synced_at) override;
  Status MarkSynced(const std::string& at) override;
  Result<std::optional<ReplicaStaff>> Find(const std::string& id) override;
  Result<std::vector<ReplicaStaff>> FindMany(const std::vector<std::string>& ids) override;
  Result<std::vector<ReplicaStaff>> List(const std::string& after_id, size_t limit) override;
  Result<DanglingRuns> FindDanglingRuns(size_t limit) override;

 private:
  db::PgPool& pool_;
};

}  // namespace gofast::app

#endif  // GOFAST_APP_SERVICE_STORAGE_POSTGRES_STAFF_REPLICA_H_
