#include "shared/db/connection_pool.h"

#include "shared/db/sqlite.h"

namespace gofast::db {

ReaderPool::Lease ReaderPool::Acquire() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!idle_.empty()) {
      std::unique_ptr<SQLite::Database> db = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(db));
    }
  }
  return Lease(*this, OpenReader(path_));
}

void ReaderPool::Release(std::unique_ptr<SQLite::Database> db) {
  std::lock_guard<std::mutex> lock(mutex_);
  idle_.push_back(std::move(db));
}

}  // namespace gofast::db
