#ifndef GOFAST_APP_SERVICE_STORAGE_SQLITE_STAFF_REPLICA_H_
#define GOFAST_APP_SERVICE_STORAGE_SQLITE_STAFF_REPLICA_H_

#include <functional>
#include <string>
#include <vector>

#include "app_service/domain/staff_replica.h"
#include "shared/db/connection_pool.h"

namespace gofast::app {

// Makes app.db fit `mode` at start. Replica: the staff and staff_sync tables
// (kept from an earlier replica run) and the foreign key from
// city_runs.staffGeneratedId to staff (id). Reference: no foreign key; the
// replica's tables, if any, stay for a later switch back. SQLite adds or
// drops a constraint only by rebuilding the table (the documented
// create-copy-drop-rename), which copies every run as it is: the key is
// checked for rows written from then on, and runs stored before keep ids the
// replica may not know (FindDanglingRuns).
Status SetSqliteStaffMode(db::Database& database, StaffMode mode);

// The replica's tables in app.db on SQLite (SetSqliteStaffMode first).
class SqliteStaffReplicaStore final : public StaffReplicaStore {
 public:
  explicit SqliteStaffReplicaStore(db::Database& database);

  Result<ReplicaState> State() override;
  Status Apply(int64_t from, const FeedPage& page, const std::string& synced_at) override;
  Status MarkSynced(const std::string& at) override;
  Result<std::optional<ReplicaStaff>> Find(const std::string& id) override;
  Result<std::vector<ReplicaStaff>> FindMany(const std::vector<std::string>& ids) override;
  Result<std::vector<ReplicaStaff>> List(const std::string& after_id, size_t limit) override;
  Result<DanglingRuns> FindDanglingRuns(size_t limit) override;

 private:
  Result<std::vector<ReplicaStaff>> Select(const char* operation, const std::string& sql,
                                           const std::function<void(SQLite::Statement&)>& bind);

  db::Writer& writer_;
  db::ReaderPool& readers_;
};

}  // namespace gofast::app

#endif  // GOFAST_APP_SERVICE_STORAGE_SQLITE_STAFF_REPLICA_H_
