#ifndef GOFAST_SHARED_DB_CHECKPOINTER_H_
#define GOFAST_SHARED_DB_CHECKPOINTER_H_

#include <SQLiteCpp/Database.h>
#include <sqlite3.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "shared/core/metrics.h"

namespace gofast::db {

class Writer;

// Copies the WAL back into the database file on a thread of its own, so that
// commits do not wait for it. SQLite's automatic checkpoint runs inside the
// commit that crosses its threshold: that commit, and every write queued
// behind it, waited for a thousand pages to be copied and both files synced
// (the create's p99 fell from about 8.7 to 6.6 ms without it: BENCHMARKS.md).
//
// Installed on the writer connection, it turns SQLite's automatic checkpoint
// off (sqlite3_wal_hook replaces it). Each time the WAL grows by
// `threshold_frames`, the thread runs a PASSIVE checkpoint on its own
// connection, which waits for neither readers nor the writer. The WAL starts
// over only when a commit finds it all copied, which a busy writer never
// lets happen; so once the WAL is a few thresholds long, the thread copies
// the remainder holding the writer's lock, briefly. Should the thread fall
// further behind (no CPU for it), the commit that finds the WAL eight
// thresholds long copies it itself, as SQLite's own checkpoint does.
class Checkpointer {
 public:
  // SQLite's own default threshold (PRAGMA wal_autocheckpoint).
  static constexpr int kDefaultThresholdFrames = 1000;

  // `writer` must outlive this object, and no thread may use it while this
  // object is made or destroyed (the hook is set and removed then).
  // Throws SQLite::Exception when its own connection to `path` cannot be opened.
  Checkpointer(Writer& writer, const std::string& path,
               int threshold_frames = kDefaultThresholdFrames);
  // Stops the thread and gives the checkpoints back to the writer's commits
  // (SQLite's default threshold).
  ~Checkpointer();

  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // Checkpoints run so far.
  uint64_t checkpoints() const { return checkpoints_.load(); }
  // gofast_database_checkpoints_total and gofast_database_checkpoint_seconds.
  void WriteMetrics(metrics::Exposition& out) const;

 private:
  static int OnCommit(void* self, sqlite3* connection, const char* schema, int frames);
  void Loop();
  // A PASSIVE checkpoint on `connection`, counted; the frames in the WAL, 0 when it failed.
  int Checkpoint(sqlite3* connection, const char* schema);

  Writer& writer_;
  const int threshold_frames_;
  int next_ask_at_frames_;  // only the committing thread (under the writer's lock) uses it
  std::unique_ptr<SQLite::Database> own_;
  std::mutex mutex_;
  std::condition_variable wanted_;
  bool pending_ = false;
  bool stopping_ = false;
  std::atomic<uint64_t> checkpoints_{0};
  metrics::Histogram seconds_{{0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5}};
  std::thread thread_;  // last: started once everything above is ready
};

}  // namespace gofast::db

#endif  // GOFAST_SHARED_DB_CHECKPOINTER_H_
