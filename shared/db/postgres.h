#ifndef GOFAST_SHARED_DB_POSTGRES_H_
#define GOFAST_SHARED_DB_POSTGRES_H_

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/database_url.h"
#include "shared/core/result.h"

namespace gofast::db {

// Ok for PostgreSQL 13 or newer; `server_version` is libpq's number (150018
// for 15.18, 120004 for 12.4).
Status CheckServerVersion(int server_version);

// Connections one service instance keeps to PostgreSQL at most: requests
// beyond it wait for one, so several instances stay within the server's
// max_connections (100 by default).
inline constexpr size_t kPoolConnectionsPerInstance = 16;

// Connections to one PostgreSQL database, opened as requests need them (up
// to `max_connections`) and kept: a request borrows one and gives it back. A
// connection that broke (the server restarted or went away) is dropped, so the
// next borrower connects anew: the pool reconnects by itself.
class PgPool {
 public:
  // Runs on every new connection: the statements to prepare there.
  using Prepare = std::function<void(pqxx::connection&)>;

  // Connects once to fail early (unreachable server, wrong password, missing
  // database: kDatabaseUnavailable naming the redacted URL), refuses servers
  // older than 13, and applies `migrations` (migration N is migrations[N-1])
  // not yet recorded in gofast_migrations, in one transaction under an advisory
  // lock, so that instances starting together migrate once.
  static Result<std::unique_ptr<PgPool>> Open(const std::string& url,
                                              const std::vector<std::string>& migrations,
                                              size_t max_connections, Prepare prepare);

  class Lease {
   public:
    Lease(PgPool& pool, std::unique_ptr<pqxx::connection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    ~Lease() { pool_.Release(std::move(connection_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    pqxx::connection& operator*() { return *connection_; }

   private:
    PgPool& pool_;
    std::unique_ptr<pqxx::connection> connection_;
  };

  // Waits while every connection is borrowed. Throws pqxx::broken_connection
  // when a new connection cannot be made.
  Lease Acquire();

  // Whether the server answers now (GET /readyz).
  Status Ping();

  const std::string& redacted_url() const { return redacted_url_; }

 private:
  PgPool(std::string url, size_t max_connections, Prepare prepare);
  std::unique_ptr<pqxx::connection> Connect();
  void Release(std::unique_ptr<pqxx::connection> connection);

  std::string url_;
  std::string redacted_url_;
  size_t max_connections_;
  Prepare prepare_;
  std::mutex mutex_;
  std::condition_variable released_;
  std::vector<std::unique_ptr<pqxx::connection>> idle_;
  size_t open_ = 0;  // idle and borrowed
};

// The SQL that reads a timestamptz column as the API writes times
// (2026-01-24T12:00:00.000Z), so both stores answer a row the same.
std::string IsoTimeColumn(const std::string& column);

// A column's text, or nullopt for NULL.
std::optional<std::string> OptionalText(const pqxx::field& field);

// What a PostgreSQL store answers for a failure of the database: counted and
// logged as DatabaseFailure does; DATABASE_UNAVAILABLE when the server cannot
// be reached, kConflict for a broken unique rule, else a bare kInternal.
Error PgFailure(const char* operation, const std::exception& e);

}  // namespace gofast::db

#endif  // GOFAST_SHARED_DB_POSTGRES_H_
