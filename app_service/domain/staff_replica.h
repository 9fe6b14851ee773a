#ifndef GOFAST_APP_SERVICE_DOMAIN_STAFF_REPLICA_H_
#define GOFAST_APP_SERVICE_DOMAIN_STAFF_REPLICA_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "app_service/domain/run.h"
#include "shared/core/result.h"
#include "shared/core/time.h"

namespace gofast::app {

// Option 2 of the design (spec/flow.md): the app keeps a replica of the
// company's staff, synced from the company's change feed, and city_runs'
// staffGeneratedId is a foreign key to it. Option 1 (reference) keeps the id
// opaque and asks the company instead.
enum class StaffMode { kReference, kReplica };

// One row of the replica's staff table: what the company said last.
struct ReplicaStaff {
  std::string id;
  std::string firebase_id;
  std::string email;
  std::optional<std::string> first_name;
  std::optional<std::string> last_name;
  std::string role;
  std::optional<std::string> company_id;
  bool removed = false;            // off-boarded: kept, so the runs naming it keep their key
  std::string company_updated_at;  // the company row's updatedAt
  std::string synced_at;           // when this replica last wrote the row
};

// One entry of the company's feed (GET /api/staff/changes).
struct FeedChange {
  int64_t cursor = 0;
  std::string kind;    // created, linked, updated or removed
  ReplicaStaff staff;  // removed set for a removal; synced_at empty
  std::string at;
};

struct FeedPage {
  std::vector<FeedChange> changes;
  int64_t next_cursor = 0;
};

// The company's change feed, as the app reads it (gateway/). kUnavailable,
// with the reason, when it gives no usable page.
class StaffFeed {
 public:
  virtual ~StaffFeed() = default;
  virtual Result<FeedPage> ChangesAfter(int64_t cursor, size_t limit) = 0;
};

// Where the replica stands.
struct ReplicaState {
  int64_t cursor = 0;                       // the feed's cursor after the last change applied
  int64_t applied_changes = 0;              // changes applied, ever
  std::optional<std::string> last_sync_at;  // the last round that reached the feed's end
};

// Runs whose staffGeneratedId the replica does not know: stored before the
// switch from Option 1, and never dropped.
struct DanglingRuns {
  int64_t run_count = 0;
  int64_t staff_id_count = 0;
  // The first of them by staff id, then run id; the counts are whole.
  std::vector<std::pair<std::string, int64_t>> staff_ids;  // id, runs naming it
  std::vector<std::pair<std::string, std::string>> runs;   // run id, staff id
};

// The replica's tables, implemented per database. The state and the rows
// change together: Apply writes both in one transaction.
class StaffReplicaStore {
 public:
  virtual ~StaffReplicaStore() = default;

  virtual Result<ReplicaState> State() = 0;
  // Upserts each change's row in order and moves the cursor from `from` to
  // `page.next_cursor`, adding the changes to applied_changes, in one
  // transaction. kConflict, writing nothing, when the stored cursor is no
  // longer `from` (another instance applied the page first).
  virtual Status Apply(int64_t from, const FeedPage& page, const std::string& synced_at) = 0;
  // Records that a round reached the feed's end at `at`.
  virtual Status MarkSynced(const std::string& at) = 0;
  virtual Result<std::optional<ReplicaStaff>> Find(const std::string& id) = 0;
  // The rows with these ids; ids not stored are left out.
  virtual Result<std::vector<ReplicaStaff>> FindMany(const std::vector<std::string>& ids) = 0;
  // By id, after `after_id` (empty: from the start), at most `limit`.
  virtual Result<std::vector<ReplicaStaff>> List(const std::string& after_id, size_t limit) = 0;
  // At most `limit` staff ids and `limit` runs listed.
  virtual Result<DanglingRuns> FindDanglingRuns(size_t limit) = 0;
};

// Who created a run, as a run answer carries it in replica mode.
struct RunCreator {
  std::string id;
  std::optional<std::string> name;
  std::string email;
  std::string role;
};

// The replica's rules: syncing from the feed, exactly once; the checks of a
// new run's staff id; and what the replica tells about runs.
class StaffReplica {
 public:
  static constexpr size_t kFeedPageSize = 500;  // the feed's largest page

  StaffReplica(StaffFeed& feed, StaffReplicaStore& store, IsoClock clock = {});
  ~StaffReplica();  // stops the worker

  // One round: reads pages after the stored cursor and applies each, until
  // the feed has no more. Rounds run one at a time; a caller that arrives
  // while one runs waits, and is served by the next round to start.
  Status Sync();

  // Starts a thread that syncs every `interval` until destruction, logging
  // when the company stops or starts answering, and, after the first round
  // that reaches the feed's end, the runs whose staff id it does not know.
  void StartWorker(std::chrono::milliseconds interval);

  // The staff a new run may name: known at once, or after a sync round.
  // UNKNOWN_STAFF when still unknown, STAFF_SYNC_UNAVAILABLE when that round
  // could not reach the company, STAFF_REMOVED for an off-boarded member.
  Result<ReplicaStaff> StaffForNewRun(const std::string& staff_id);

  Result<std::optional<ReplicaStaff>> Find(const std::string& staff_id);
  // The creators of runs with these staff ids, those the replica knows, by id.
  Result<std::map<std::string, RunCreator>> CreatorsOf(const std::set<std::string>& staff_ids);
  Result<std::vector<ReplicaStaff>> List(const std::string& after_id, size_t limit);
  Result<ReplicaState> State();
  Result<DanglingRuns> FindDanglingRuns(size_t limit);

 private:
  // One round, the caller holding sync_mutex_.
  Status SyncRound();
  void RunWorker(std::chrono::milliseconds interval);
  void ReportDanglingRuns();

  StaffFeed& feed_;
  StaffReplicaStore& store_;
  IsoClock clock_;

  std::mutex sync_mutex_;  // one round at a time
  std::atomic<uint64_t> rounds_started_{0};
  Status last_round_ = Ok{};  // the outcome of the last round, for those it served

  std::mutex worker_mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread worker_;
};

RunCreator CreatorFrom(const ReplicaStaff& staff);

}  // namespace gofast::app

#endif  // GOFAST_APP_SERVICE_DOMAIN_STAFF_REPLICA_H_
