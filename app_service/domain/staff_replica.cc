#include "app_service/domain/staff_replica.h"

#include <set>

#include "shared/core/log.h"
#include "shared/core/text.h"

namespace gofast::app {
namespace {

// Run ids a log line names at most; the endpoint lists more.
constexpr size_t kDanglingIdsLogged = 100;

// Whether `page` may follow `cursor`: positions rising past it, and a next
// cursor at the last of them. Anything else would apply a change twice or skip one.
Status CheckPageOrder(int64_t cursor, const FeedPage& page) {
  int64_t previous = cursor;
  for (const FeedChange& change : page.changes) {
    if (change.cursor <= previous) {
      return MakeError(ErrorCode::kUnavailable,
                       "the company's change feed answered changes out of order");
    }
    previous = change.cursor;
  }
  if (page.next_cursor != previous) {
    return MakeError(ErrorCode::kUnavailable,
                     "the company's change feed answered a nextCursor that does not follow its "
                     "changes");
  }
  return Ok{};
}

}  // namespace

RunCreator CreatorFrom(const ReplicaStaff& staff) {
  return RunCreator{staff.id, JoinedName(staff.first_name, staff.last_name), staff.email,
                    staff.role};
}

StaffReplica::StaffReplica(StaffFeed& feed, StaffReplicaStore& store, IsoClock clock)
    : feed_(feed), store_(store), clock_(OrSystemClock(std::move(clock))) {}

StaffReplica::~StaffReplica() {
  {
    std::lock_guard<std::mutex> lock(worker_mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (worker_.joinable()) worker_.join();
}

Status StaffReplica::Sync() {
  const uint64_t started_before_arrival = rounds_started_.load();
  std::lock_guard<std::mutex> lock(sync_mutex_);
  // A round that started after this call arrived has read the feed since:
  // its outcome serves this call too, so a burst of unknown ids costs one round.
  if (rounds_started_.load() > started_before_arrival) return last_round_;
  ++rounds_started_;
  last_round_ = SyncRound();
  return last_round_;
}

Status StaffReplica::SyncRound() {
  for (;;) {
    const Result<ReplicaState> state = store_.State();
    if (!state) return state.error();
    Result<FeedPage> page = feed_.ChangesAfter(state->cursor, kFeedPageSize);
    if (!page) return page.error();
    if (const Status order = CheckPageOrder(state->cursor, page.value()); !order) return order;
    if (!page->changes.empty()) {
      const Status applied = store_.Apply(state->cursor, page.value(), clock_());
      // kConflict: another instance applied this page first; read on from where it left off.
      if (!applied && applied.error().code != ErrorCode::kConflict) return applied;
    }
    if (page->changes.size() < kFeedPageSize) return store_.MarkSynced(clock_());
  }
}

void StaffReplica::StartWorker(std::chrono::milliseconds interval) {
  worker_ = std::thread([this, interval] { RunWorker(interval); });
}

void StaffReplica::RunWorker(std::chrono::milliseconds interval) {
  bool reported_dangling = false;
  std::optional<std::string> failing;  // the last round's failure, logged once
  std::unique_lock<std::mutex> lock(worker_mutex_);
  while (!stopping_) {
    lock.unlock();
    const Status round = Sync();
    if (!round && failing != round.error().message) {
      LogError("staff sync: " + round.error().message);
      failing = round.error().message;
    } else if (round && failing) {
      LogLine("staff sync: the company's change feed answers again");
      failing.reset();
    }
    if (round && !reported_dangling) {
      ReportDanglingRuns();
      reported_dangling = true;
    }
    lock.lock();
    wake_.wait_for(lock, interval, [this] { return stopping_; });
  }
}

void StaffReplica::ReportDanglingRuns() {
  const Result<DanglingRuns> dangling = store_.FindDanglingRuns(kDanglingIdsLogged);
  if (!dangling) return;  // the store logged why
  if (dangling->run_count == 0) {
    LogLine("staff sync: caught up; every run's staffGeneratedId is in the replica");
    return;
  }
  std::string ids;
  for (const auto& [staff_id, runs] : dangling->staff_ids) {
    if (!ids.empty()) ids += ", ";
    ids += staff_id + " (" + std::to_string(runs) + (runs == 1 ? " run)" : " runs)");
  }
  std::string run_ids;
  for (const auto& run : dangling->runs) {
    if (!run_ids.empty()) run_ids += ", ";
    run_ids += run.first;
  }
  if (static_cast<int64_t>(dangling->staff_ids.size()) < dangling->staff_id_count) ids += ", ...";
  if (static_cast<int64_t>(dangling->runs.size()) < dangling->run_count) run_ids += ", ...";
  LogLine("staff sync: caught up; " + std::to_string(dangling->run_count) +
          " run(s) stored before replica mode name " + std::to_string(dangling->staff_id_count) +
          " staff id(s) the company does not know, kept as they are (GET "
          "/api/staff-replica/dangling-runs): " +
          ids + "; runs: " + run_ids);
}

Result<ReplicaStaff> StaffReplica::StaffForNewRun(const std::string& staff_id) {
  Result<std::optional<ReplicaStaff>> found = store_.Find(staff_id);
  if (!found) return found.error();
  if (!found.value()) {
    // Signed up a moment ago, perhaps: ask the feed before refusing.
    const Status synced = Sync();
    if (!synced) {
      if (synced.error().code != ErrorCode::kUnavailable) return synced.error();
      return MakeError(ErrorCode::kStaffSyncUnavailable,
                       "The staff id is not in the replica yet, and the company's change feed "
                       "cannot be read: " +
                           synced.error().message);
    }
    found = store_.Find(staff_id);
    if (!found) return found.error();
  }
  if (!found.value()) {
    Error error = MakeError(ErrorCode::kUnknownStaff, "The company has no staff with this id");
    error.field = "staffGeneratedId";
    return error;
  }
  if (found.value()->removed) {
    Error error =
        MakeError(ErrorCode::kStaffRemoved, "This staff member was removed from the company");
    error.field = "staffGeneratedId";
    return error;
  }
  return std::move(*found.value());
}

Result<std::optional<ReplicaStaff>> StaffReplica::Find(const std::string& staff_id) {
  return store_.Find(staff_id);
}

Result<std::map<std::string, RunCreator>> StaffReplica::CreatorsOf(
    const std::set<std::string>& staff_ids) {
  std::map<std::string, RunCreator> creators;
  if (staff_ids.empty()) return creators;
  const Result<std::vector<ReplicaStaff>> staff =
      store_.FindMany(std::vector<std::string>(staff_ids.begin(), staff_ids.end()));
  if (!staff) return staff.error();
  for (const ReplicaStaff& member : staff.value()) creators.emplace(member.id, CreatorFrom(member));
  return creators;
}

Result<std::vector<ReplicaStaff>> StaffReplica::List(const std::string& after_id, size_t limit) {
  return store_.List(after_id, limit);
}

Result<ReplicaState> StaffReplica::State() { return store_.State(); }

Result<DanglingRuns> StaffReplica::FindDanglingRuns(size_t limit) {
  return store_.FindDanglingRuns(limit);
}

}  // namespace gofast::app
