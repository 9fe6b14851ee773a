#ifndef GOFAST_SHARED_DB_CONNECTION_POOL_H_
#define GOFAST_SHARED_DB_CONNECTION_POOL_H_

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>
#include <sys/types.h>

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "shared/core/metrics.h"
#include "shared/core/result.h"
#include "shared/db/checkpointer.h"

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

// Whether the file a service opened is still the one its connections write
// to. SQLite keeps writing through its open descriptors (in WAL mode, into
// the -wal file) after the file is deleted, moved or replaced, so without
// this every write would be acknowledged and lost at the next start.
class FileWatch {
 public:
  // Remembers the file's identity; the file must exist and be a SQLite database.
  explicit FileWatch(std::string path);
  ~FileWatch();
  FileWatch(const FileWatch&) = delete;
  FileWatch& operator=(const FileWatch&) = delete;

  // Ok, or DATABASE_UNAVAILABLE saying why: the path is gone or names
  // another file, the file is not writable, or its header is no longer
  // SQLite's (overwritten).
  Status Check() const;

 private:
  std::string path_;
  int descriptor_ = -1;  // the opened file itself, to read its header even once replaced
  dev_t device_ = 0;
  ino_t inode_ = 0;
};

// Thrown where a write would go to a file that FileWatch no longer trusts.
class FileUnusable : public SQLite::Exception {
 public:
  explicit FileUnusable(const std::string& why) : SQLite::Exception(why, SQLITE_CANTOPEN) {}
};

// The one connection that writes, used by one thread at a time.
class Writer {
 public:
  Writer(std::unique_ptr<SQLite::Database> db, const std::string& path)
      : connection_(std::move(db)), watch_(path) {}

  class Lock {
   public:
    explicit Lock(Writer& writer)
        : lock_(writer.mutex_), connection_(writer.connection_), watch_(writer.watch_) {}
    SQLite::Database& db() { return connection_.db(); }
    Connection::Use Prepare(const std::string& sql) { return connection_.Prepare(sql); }
    // Throws FileUnusable when the file is no longer the one written to:
    // after a commit, so that a write is answered as saved only if it is.
    void CheckFile() const;

   private:
    std::lock_guard<std::mutex> lock_;
    Connection& connection_;
    const FileWatch& watch_;
  };

  // Throws FileUnusable (before locking) when the file cannot be trusted.
  Lock Acquire();
  const FileWatch& watch() const { return watch_; }

 private:
  friend class Checkpointer;  // holds commits back while it copies the WAL's last frames
  std::mutex mutex_;
  Connection connection_;
  FileWatch watch_;
};

// One service's database file: its single writer and its readers. Opened and
// migrated once by the composition root, then shared by that service's stores,
// so every store of one file writes through the same connection.
class Database {
 public:
  // Opens (creating the file and its folder), checks (SQLite's quick_check)
  // and migrates; kInternal with the path when it cannot be opened, fails the
  // check, or was written by a newer binary.
  static Result<std::unique_ptr<Database>> Open(const std::string& path,
                                                const std::vector<std::string>& migrations);

  Writer& writer() { return writer_; }
  ReaderPool& readers() { return readers_; }
  // Whether the service can still write to its file (FileWatch::Check).
  Status CheckFile() const { return writer_.watch().Check(); }
  // The checkpointer's figures (Checkpointer::WriteMetrics).
  void WriteMetrics(metrics::Exposition& out) const { checkpointer_->WriteMetrics(out); }

 private:
  Database(std::unique_ptr<SQLite::Database> writer, const std::string& path)
      : writer_(std::move(writer), path), readers_(path) {}

  Writer writer_;
  ReaderPool readers_;
  // Last: stopped before the connections it works beside close.
  std::unique_ptr<Checkpointer> checkpointer_;
};

}  // namespace gofast::db

#endif  // GOFAST_SHARED_DB_CONNECTION_POOL_H_
