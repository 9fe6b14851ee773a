#include "shared/db/checkpointer.h"

#include <chrono>

#include "shared/core/log.h"
#include "shared/db/connection_pool.h"
#include "shared/db/sqlite.h"

namespace gofast::db {
namespace {

// How many thresholds long the WAL may grow before a checkpoint holds commits back.
constexpr int kCatchUpThresholds = 4;
// How many before the committing thread checkpoints itself, as SQLite's own
// checkpoint would: the thread's copies lag when it gets no CPU, and the WAL
// keeps a bound whatever the scheduling.
constexpr int kCommitCopiesThresholds = 8;

}  // namespace

Checkpointer::Checkpointer(Writer& writer, const std::string& path, int threshold_frames)
    : writer_(writer),
      threshold_frames_(threshold_frames),
      next_ask_at_frames_(threshold_frames),
      own_(OpenDatabase(path)),
      thread_([this] { Loop(); }) {
  sqlite3_wal_hook(writer_.connection_.db().getHandle(), &Checkpointer::OnCommit, this);
}

Checkpointer::~Checkpointer() {
  sqlite3_wal_autocheckpoint(writer_.connection_.db().getHandle(),
                             kDefaultThresholdFrames);  // replaces the hook
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wanted_.notify_one();
  thread_.join();
}

// Runs in the committing thread, right after its commit: only a signal here.
int Checkpointer::OnCommit(void* self, sqlite3* connection, const char* schema, int frames) {
  auto* checkpointer = static_cast<Checkpointer*>(self);
  if (frames >= kCommitCopiesThresholds * checkpointer->threshold_frames_) {
    checkpointer->Checkpoint(connection, schema);
    return SQLITE_OK;
  }
  // Once per threshold's worth of new frames: a checkpoint per commit would
  // sync the files hundreds of times a second for a few frames each.
  if (frames < checkpointer->threshold_frames_) {
    checkpointer->next_ask_at_frames_ = checkpointer->threshold_frames_;  // the WAL started over
    return SQLITE_OK;
  }
  if (frames < checkpointer->next_ask_at_frames_) return SQLITE_OK;
  checkpointer->next_ask_at_frames_ = frames + checkpointer->threshold_frames_;
  {
    std::lock_guard<std::mutex> lock(checkpointer->mutex_);
    checkpointer->pending_ = true;
  }
  checkpointer->wanted_.notify_one();
  return SQLITE_OK;
}

void Checkpointer::Loop() {
  while (true) {
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wanted_.wait(lock, [this] { return stopping_ || pending_; });
      if (stopping_) return;
      pending_ = false;
    }
    // PASSIVE copies while commits go on. A busy writer outruns it, though:
    // the WAL starts over only when a commit finds it all copied. So once it
    // is several thresholds long, the rest is copied holding the writer's own
    // lock (commits wait for that remainder only, and are woken at once
    // rather than by SQLite's busy sleeps), and the next commit starts over.
    const int frames_in_wal = Checkpoint(own_->getHandle(), nullptr);
    if (frames_in_wal >= kCatchUpThresholds * threshold_frames_) {
      const std::lock_guard<std::mutex> commits_wait(writer_.mutex_);
      Checkpoint(own_->getHandle(), nullptr);
    }
  }
}

int Checkpointer::Checkpoint(sqlite3* connection, const char* schema) {
  const auto start = std::chrono::steady_clock::now();
  int frames_in_wal = 0;
  const int result = sqlite3_wal_checkpoint_v2(connection, schema, SQLITE_CHECKPOINT_PASSIVE,
                                               &frames_in_wal, nullptr);
  // BUSY: another connection (a second instance on this file) is
  // checkpointing; this one copied nothing, so it is not counted.
  if (result == SQLITE_BUSY) return 0;
  if (result != SQLITE_OK) {
    LogError(std::string("WAL checkpoint failed: ") + sqlite3_errmsg(connection));
    return 0;
  }
  ++checkpoints_;
  seconds_.Observe(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return frames_in_wal;
}

void Checkpointer::WriteMetrics(metrics::Exposition& out) const {
  out.Family("gofast_database_checkpoints_total", metrics::Type::kCounter,
             "WAL checkpoints run on a thread beside the writer.");
  out.Sample("gofast_database_checkpoints_total", {}, static_cast<double>(checkpoints_.load()));
  out.Family("gofast_database_checkpoint_seconds", metrics::Type::kHistogram,
             "How long each WAL checkpoint took.");
  out.HistogramSamples("gofast_database_checkpoint_seconds", {}, seconds_);
}

}  // namespace gofast::db
