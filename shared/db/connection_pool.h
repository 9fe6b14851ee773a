#ifndef GOFAST_SHARED_DB_CONNECTION_POOL_H_
#define GOFAST_SHARED_DB_CONNECTION_POOL_H_

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>

namespace gofast::db {

// Read-only connections for the request threads: a connection serves one
// thread at a time and goes back to the pool afterwards, so requests never
// reconnect and WAL lets them read beside the single writer.
class ReaderPool {
 public:
  explicit ReaderPool(std::string path) : path_(std::move(path)) {}

  class Lease {
   public:
    Lease(ReaderPool& pool, std::unique_ptr<SQLite::Database> db) : pool_(pool), db_(std::move(db)) {}
    ~Lease() { pool_.Release(std::move(db_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    SQLite::Database& db() { return *db_; }

   private:
    ReaderPool& pool_;
    std::unique_ptr<SQLite::Database> db_;
  };

  // Throws SQLite::Exception when a new connection cannot be opened.
  Lease Acquire();

 private:
  void Release(std::unique_ptr<SQLite::Database> db);

  const std::string path_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<SQLite::Database>> idle_;
};

// The one connection that writes, used by one thread at a time.
class Writer {
 public:
  explicit Writer(std::unique_ptr<SQLite::Database> db) : db_(std::move(db)) {}

  class Lock {
   public:
    explicit Lock(Writer& writer) : lock_(writer.mutex_), db_(*writer.db_) {}
    SQLite::Database& db() { return db_; }

   private:
    std::lock_guard<std::mutex> lock_;
    SQLite::Database& db_;
  };

  Lock Acquire() { return Lock(*this); }

 private:
  std::mutex mutex_;
  std::unique_ptr<SQLite::Database> db_;
};

}  // namespace gofast::db

#endif  // GOFAST_SHARED_DB_CONNECTION_POOL_H_
