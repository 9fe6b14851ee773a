// GroupCommit with many threads: every job is written exactly once, before
// its caller returns, one batch at a time, and waiting jobs share a batch.
#include "shared/db/group_commit.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>
#include <vector>

namespace gofast {
namespace {

struct Job {
  int number = 0;
  int written_in_batch = -1;  // set by the batch writer
};

}  // namespace

TEST_CASE("GroupCommit writes every job once, before its caller returns, one batch at a time",
          "[unit][group_commit]") {
  constexpr int kThreads = 16;
  constexpr int kJobsPerThread = 200;
  std::atomic<int> writers_inside{0};
  std::atomic<bool> overlapped{false};
  std::atomic<int> batches{0};
  std::atomic<int> largest_batch{0};
  std::vector<int> times_written(kThreads * kJobsPerThread, 0);  // guarded: one batch at a time
  std::atomic<int> returned_unwritten{0};

  const auto write_batch = [&](std::vector<Job*>& jobs) {
    if (writers_inside.fetch_add(1) != 0) overlapped = true;
    const int batch = batches.fetch_add(1);
    for (Job* job : jobs) {
      ++times_written[job->number];
      job->written_in_batch = batch;
    }
    if (static_cast<int>(jobs.size()) > largest_batch)
      largest_batch = static_cast<int>(jobs.size());
    std::this_thread::sleep_for(std::chrono::microseconds(200));  // a commit takes time
    writers_inside.fetch_sub(1);
  };
  db::GroupCommit<Job> commits(write_batch);

  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kJobsPerThread; ++i) {
        Job job{t * kJobsPerThread + i};
        commits.Submit(job);
        if (job.written_in_batch < 0) ++returned_unwritten;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();

  CHECK_FALSE(overlapped);
  CHECK(returned_unwritten == 0);
  for (int count : times_written) REQUIRE(count == 1);
  // 16 callers and a slow writer: jobs queue up behind each batch.
  CHECK(largest_batch > 1);
  CHECK(batches < kThreads * kJobsPerThread);
}

TEST_CASE("GroupCommit with one caller writes batches of one", "[unit][group_commit]") {
  std::vector<size_t> sizes;  // written by the writer thread, read after each Submit returned
  db::GroupCommit<Job> commits([&](std::vector<Job*>& jobs) {
    sizes.push_back(jobs.size());
    jobs.front()->written_in_batch = jobs.front()->number;
  });
  for (int i = 0; i < 3; ++i) {
    Job job{i};
    commits.Submit(job);
    CHECK(job.written_in_batch == i);
  }
  CHECK(sizes == std::vector<size_t>{1, 1, 1});
}

TEST_CASE("GroupCommit stops its thread when destroyed, idle or not", "[unit][group_commit]") {
  std::atomic<int> written{0};
  {
    db::GroupCommit<Job> idle(
        [&](std::vector<Job*>& jobs) { written += static_cast<int>(jobs.size()); });
  }
  {
    db::GroupCommit<Job> used(
        [&](std::vector<Job*>& jobs) { written += static_cast<int>(jobs.size()); });
    Job job{1};
    used.Submit(job);
  }
  CHECK(written == 1);
}

}  // namespace gofast
