#include "shared/db/connection_pool.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

#include "shared/db/sqlite.h"

namespace gofast::db {
namespace {

// The first 16 bytes of every SQLite database file.
constexpr char kSqliteHeader[] = "SQLite format 3";  // with its NUL, 16 bytes

Error Unavailable(const std::string& why) {
  return MakeError(ErrorCode::kDatabaseUnavailable, "The database cannot be written: " + why);
}

}  // namespace

FileWatch::FileWatch(std::string path) : path_(std::move(path)) {
  descriptor_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  struct stat status {};
  if (descriptor_ >= 0 && ::fstat(descriptor_, &status) == 0) {
    device_ = status.st_dev;
    inode_ = status.st_ino;
  }
}

FileWatch::~FileWatch() {
  if (descriptor_ >= 0) ::close(descriptor_);
}

Status FileWatch::Check() const {
  struct stat status {};
  if (::stat(path_.c_str(), &status) != 0) {
    return Unavailable(path_ + " is gone (deleted or moved) since the service opened it");
  }
  if (descriptor_ < 0 || status.st_dev != device_ || status.st_ino != inode_) {
    return Unavailable(path_ + " is another file than the one the service opened");
  }
  if (::access(path_.c_str(), W_OK) != 0) return Unavailable(path_ + " is not writable");
  char header[sizeof kSqliteHeader];
  if (::pread(descriptor_, header, sizeof header, 0) != static_cast<ssize_t>(sizeof header) ||
      std::memcmp(header, kSqliteHeader, sizeof header) != 0) {
    return Unavailable(path_ + " is no longer a SQLite database (overwritten)");
  }
  return Ok{};
}

void Writer::Lock::CheckFile() const {
  const Status usable = watch_.Check();
  if (!usable) throw FileUnusable(usable.error().message);
}

Writer::Lock Writer::Acquire() {
  const Status usable = watch_.Check();
  if (!usable) throw FileUnusable(usable.error().message);
  return Lock(*this);
}

Connection::Use Connection::Prepare(const std::string& sql) {
  auto cached = statements_.find(sql);
  if (cached == statements_.end()) {
    cached = statements_.emplace(sql, std::make_unique<SQLite::Statement>(*db_, sql)).first;
  }
  return Use(*cached->second);
}

ReaderPool::Lease ReaderPool::Acquire() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!idle_.empty()) {
      std::unique_ptr<Connection> connection = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(connection));
    }
  }
  return Lease(*this, std::make_unique<Connection>(OpenReader(path_)));
}

void ReaderPool::Release(std::unique_ptr<Connection> connection) {
  std::lock_guard<std::mutex> lock(mutex_);
  idle_.push_back(std::move(connection));
}

Result<std::unique_ptr<Database>> Database::Open(const std::string& path,
                                                 const std::vector<std::string>& migrations) {
  try {
    std::unique_ptr<SQLite::Database> writer = OpenDatabase(path);
    const std::string check = writer->execAndGet("PRAGMA quick_check(1)").getString();
    if (check != "ok") {
      return MakeError(ErrorCode::kInternal,
                       path + " fails SQLite's quick check (corrupted?): " + check);
    }
    const Status migrated = Migrate(*writer, migrations);
    if (!migrated) return MakeError(ErrorCode::kInternal, path + ": " + migrated.error().message);
    std::unique_ptr<Database> database(new Database(std::move(writer), path));
    database->checkpointer_ = std::make_unique<Checkpointer>(database->writer_, path);
    return database;
  } catch (const std::exception& e) {
    return MakeError(ErrorCode::kInternal, "cannot open database " + path + ": " + e.what());
  }
}

}  // namespace gofast::db
