#ifndef GOFAST_SHARED_DB_GROUP_COMMIT_H_
#define GOFAST_SHARED_DB_GROUP_COMMIT_H_

#include <condition_variable>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "shared/core/metrics.h"

namespace gofast::db {

// Lets concurrent writers share one transaction. Submit queues a job and
// waits; one thread of this object's own writes every job queued so far in
// one go, while jobs that arrive meanwhile queue for the next batch. Every
// caller returns only once its batch is written, so an answered write is a
// committed one. One commit per batch instead of one per request is what lets
// writes scale past a single connection's lock.
//
// A thread of its own rather than the first caller writing for the others:
// each caller then sleeps on its own future and is woken once, instead of
// every waiter waking to compete for one lock after each batch.
template <typename Job>
class GroupCommit {
 public:
  // `write_batch` writes the jobs (in arrival order) and records each one's
  // outcome in the job itself. It must not throw (callers wait for it): an
  // exception would end the process.
  using WriteBatch = std::function<void(std::vector<Job*>&)>;

  explicit GroupCommit(WriteBatch write_batch)
      : write_batch_(std::move(write_batch)), writer_([this] { WriteLoop(); }) {}

  // Writes what is queued, then stops the thread.
  ~GroupCommit() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    queued_.notify_one();
    writer_.join();
  }

  GroupCommit(const GroupCommit&) = delete;
  GroupCommit& operator=(const GroupCommit&) = delete;

  // How many jobs each commit wrote.
  const metrics::Histogram& batch_sizes() const { return batch_sizes_; }

  void Submit(Job& job) {
    std::promise<void> written;
    std::future<void> done = written.get_future();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      queue_.push_back(Waiter{&job, std::move(written)});
    }
    queued_.notify_one();
    done.wait();
  }

 private:
  struct Waiter {
    Job* job;
    std::promise<void> written;
  };

  void WriteLoop() {
    std::vector<Waiter> batch;
    std::vector<Job*> jobs;
    while (true) {
      {
        std::unique_lock<std::mutex> lock(mutex_);
        queued_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;  // stopping, and nothing left to write
        batch.swap(queue_);
      }
      jobs.clear();
      for (Waiter& waiter : batch) jobs.push_back(waiter.job);
      write_batch_(jobs);
      batch_sizes_.Observe(static_cast<double>(jobs.size()));
      for (Waiter& waiter : batch) waiter.written.set_value();
      batch.clear();
    }
  }

  const WriteBatch write_batch_;
  std::mutex mutex_;
  std::condition_variable queued_;
  std::vector<Waiter> queue_;
  bool stopping_ = false;
  metrics::Histogram batch_sizes_{{1, 2, 4, 8, 16, 32, 64, 128, 256}};
  std::thread writer_;  // last: started once everything above is ready
};

}  // namespace gofast::db

#endif  // GOFAST_SHARED_DB_GROUP_COMMIT_H_
