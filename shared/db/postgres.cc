#include "shared/db/postgres.h"

#include "shared/core/text.h"
#include "shared/db/sqlite.h"

namespace gofast::db {
namespace {

// Any fixed number: the key of the advisory lock that serialises migrations.
constexpr int64_t kMigrationLock = 7431926051190352003;

// A connection attempt gives up after this many seconds unless the URL says otherwise.
constexpr char kConnectTimeout[] = "connect_timeout=5";

std::string WithConnectTimeout(const std::string& url) {
  if (url.find("connect_timeout=") != std::string::npos) return url;
  return url + (url.find('?') == std::string::npos ? "?" : "&") + kConnectTimeout;
}

// A server gone or going away, rather than a bad request.
bool ServerUnreachable(const std::exception& e) {
  if (dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr) return true;
  if (dynamic_cast<const pqxx::in_doubt_error*>(&e) != nullptr) return true;
  const auto* sql = dynamic_cast<const pqxx::sql_error*>(&e);
  if (sql == nullptr) return false;
  const std::string state = sql->sqlstate();
  // Class 08: connection exception; 57P01-57P03: the server shuts down or cannot accept yet.
  return StartsWith(state, "08") || StartsWith(state, "57P");
}

Status ApplyMigrations(pqxx::connection& connection, const std::vector<std::string>& migrations) {
  pqxx::work transaction(connection);
  transaction.exec("SELECT pg_advisory_xact_lock(" + std::to_string(kMigrationLock) + ")");
  transaction.exec0(
      "CREATE TABLE IF NOT EXISTS gofast_migrations ("
      "version integer PRIMARY KEY, "
      "\"appliedAt\" timestamptz NOT NULL DEFAULT now())");
  const auto applied =
      transaction.exec1("SELECT coalesce(max(version), 0) FROM gofast_migrations")[0].as<size_t>();
  if (applied > migrations.size()) {
    return MakeError(ErrorCode::kDatabaseUnavailable,
                     "the database holds migration " + std::to_string(applied) +
                         ", newer than this build knows (" + std::to_string(migrations.size()) +
                         "): it was written by a newer version");
  }
  for (size_t version = applied + 1; version <= migrations.size(); ++version) {
    transaction.exec(migrations[version - 1]);
    transaction.exec_params0("INSERT INTO gofast_migrations (version) VALUES ($1)",
                             static_cast<int>(version));
  }
  transaction.commit();
  return Ok{};
}

}  // namespace

Status CheckServerVersion(int server_version) {
  if (server_version >= 130000) return Ok{};
  return MakeError(ErrorCode::kDatabaseUnavailable,
                   "PostgreSQL " + std::to_string(server_version / 10000) + "." +
                       std::to_string(server_version % 10000) +
                       " is older than 13, the oldest these services support");
}

PgPool::PgPool(std::string url, size_t max_connections, Prepare prepare)
    : url_(WithConnectTimeout(url)),
      redacted_url_(RedactPassword(url)),
      max_connections_(max_connections),
      prepare_(std::move(prepare)) {}

Result<std::unique_ptr<PgPool>> PgPool::Open(const std::string& url,
                                             const std::vector<std::string>& migrations,
                                             size_t max_connections, Prepare prepare) {
  std::unique_ptr<PgPool> pool(new PgPool(url, max_connections, std::move(prepare)));
  try {
    pqxx::connection first(pool->url_);
    const Status version = CheckServerVersion(first.server_version());
    if (!version) return version.error();
    const Status migrated = ApplyMigrations(first, migrations);
    if (!migrated) return migrated.error();
  } catch (const std::exception& e) {
    // libpq's message names the host and the user, never the password.
    return MakeError(ErrorCode::kDatabaseUnavailable, "cannot use PostgreSQL at " +
                                                          pool->redacted_url_ + ": " +
                                                          std::string(TrimWhitespace(e.what())));
  }
  return pool;
}

std::unique_ptr<pqxx::connection> PgPool::Connect() {
  auto connection = std::make_unique<pqxx::connection>(url_);
  if (prepare_) prepare_(*connection);
  return connection;
}

PgPool::Lease PgPool::Acquire() {
  std::unique_lock<std::mutex> lock(mutex_);
  released_.wait(lock, [this] { return !idle_.empty() || open_ < max_connections_; });
  if (!idle_.empty()) {
    std::unique_ptr<pqxx::connection> connection = std::move(idle_.back());
    idle_.pop_back();
    return Lease(*this, std::move(connection));
  }
  ++open_;
  lock.unlock();
  try {
    return Lease(*this, Connect());
  } catch (...) {
    Release(nullptr);
    throw;
  }
}

void PgPool::Release(std::unique_ptr<pqxx::connection> connection) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    // A broken connection is dropped: the next borrower opens a new one.
    if (connection != nullptr && connection->is_open()) {
      idle_.push_back(std::move(connection));
    } else {
      --open_;
    }
  }
  released_.notify_one();
}

Status PgPool::Ping() {
  try {
    Lease lease = Acquire();
    pqxx::nontransaction(*lease).exec1("SELECT 1");
    return Ok{};
  } catch (const std::exception&) {
    return MakeError(ErrorCode::kDatabaseUnavailable,
                     "PostgreSQL at " + redacted_url_ + " does not answer");
  }
}

std::string IsoTimeColumn(const std::string& column) {
  return "to_char(" + column + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";
}

std::optional<std::string> OptionalText(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return std::string(field.c_str());
}

Error PgFailure(const char* operation, const std::exception& e) {
  if (dynamic_cast<const pqxx::unique_violation*>(&e) != nullptr) {
    return MakeError(ErrorCode::kConflict, "constraint violated");
  }
  Error error = DatabaseFailure(operation, e);
  if (ServerUnreachable(e)) {
    error = MakeError(ErrorCode::kDatabaseUnavailable, "The database cannot be reached");
  }
  return error;
}

}  // namespace gofast::db
