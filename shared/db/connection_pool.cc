#include "shared/db/connection_pool.h"

#include "shared/db/sqlite.h"

namespace gofast::db {

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
    const Status migrated = Migrate(*writer, migrations);
    if (!migrated) return MakeError(ErrorCode::kInternal, path + ": " + migrated.error().message);
    return std::unique_ptr<Database>(new Database(std::move(writer), path));
  } catch (const std::exception& e) {
    return MakeError(ErrorCode::kInternal, "cannot open database " + path + ": " + e.what());
  }
}

}  // namespace gofast::db
