#ifndef GOFAST_SHARED_DB_CONNECTION_POOL_H_
#define GOFAST_SHARED_DB_CONNECTION_POOL_H_

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "shared/core/result.h"

namespace gofast::db {

// A connection and the statements prepared on it, kept for reuse: parsing
// and planning a statement costs more than running a simple one.
class Connection {
 public:
  explicit Connection(std::unique_ptr<SQLite::Database> db) : db_(std::move(db)) {}

  // One use of a cached statement; when it ends the statement is reset and
  // unbound, so a read never keeps its snapshot (and WAL checkpoints) waiting.
  class Use {
   public:
    explicit Use(SQLite::Statement& statement) : statement_(statement) {}
    ~Use() {
      statement_.tryReset();
      try {
        statement_
            .clearBindings();  // SQLite's clear never fails; the wrapper's signature may throw
      } catch (const SQLite::Exception&) {
      }
    }
    Use(const Use&) = delete;
    Use& operator=(const Use&) = delete;
    SQLite::Statement& operator*() { return statement_; }
    SQLite::Statement* operator->() { return &statement_; }

   private:
    SQLite::Statement& statement_;
  };

  SQLite::Database& db() { return *db_; }
  // Prepares `sql` the first time only. Throws SQLite::Exception.
  Use Prepare(const std::string& sql);

 private:
  std::unique_ptr<SQLite::Database> db_;
  // Declared after db_: statements are finalized before their connection closes.
  std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> statements_;
};

// Read-only connections for the request threads: a connection serves one
// thread at a time and goes back to the pool afterwards, so requests never
// reconnect and WAL lets them read beside the single writer.
class ReaderPool {
 public:
  explicit ReaderPool(std::string path) : path_(std::move(path)) {}

  class Lease {
   public:
    Lease(ReaderPool& pool, std::unique_ptr<Connection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    ~Lease() { pool_.Release(std::move(connection_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    SQLite::Database& db() { return connection_->db(); }
    Connection::Use Prepare(const std::string& sql) { return connection_->Prepare(sql); }

   private:
    ReaderPool& pool_;
    std::unique_ptr<Connection> connection_;
  };

  // Throws SQLite::Exception when a new connection cannot be opened.
  Lease Acquire();

 private:
  void Release(std::unique_ptr<Connection> connection);

  const std::string path_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

// The one connection that writes, used by one thread at a time.
class Writer {
 public:
  explicit Writer(std::unique_ptr<SQLite::Database> db) : connection_(std::move(db)) {}

  class Lock {
   public:
    explicit Lock(Writer& writer) : lock_(writer.mutex_), connection_(writer.connection_) {}
    SQLite::Database& db() { return connection_.db(); }
    Connection::Use Prepare(const std::string& sql) { return connection_.Prepare(sql); }

   private:
    std::lock_guard<std::mutex> lock_;
    Connection& connection_;
  };

  Lock Acquire() { return Lock(*this); }

 private:
  std::mutex mutex_;
  Connection connection_;
};

// One service's database file: its single writer and its readers. Opened and
// migrated once by the composition root, then shared by that service's stores,
// so every store of one file writes through the same connection.
class Database {
 public:
  // Opens (creating the file and its folder) and migrates; kInternal with the
  // path when it cannot be opened or was written by a newer binary.
  static Result<std::unique_ptr<Database>> Open(const std::string& path,
                                                const std::vector<std::string>& migrations);

  Writer& writer() { return writer_; }
  ReaderPool& readers() { return readers_; }

 private:
  Database(std::unique_ptr<SQLite::Database> writer, const std::string& path)
      : writer_(std::move(writer)), readers_(path) {}

  Writer writer_;
  ReaderPool readers_;
};

}  // namespace gofast::db

#endif  // GOFAST_SHARED_DB_CONNECTION_POOL_H_
