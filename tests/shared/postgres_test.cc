// What the PostgreSQL layer decides without a server: which --db values are
// PostgreSQL, what a URL shows of its password, which servers are too old.
#include "shared/db/postgres.h"

#include <catch2/catch.hpp>

using gofast::IsPostgresUrl;
using gofast::RedactPassword;
using gofast::db::CheckServerVersion;

TEST_CASE("a --db value is PostgreSQL when it is a postgresql:// or postgres:// URI", "[unit]") {
  CHECK(IsPostgresUrl("postgresql://u@127.0.0.1/app"));
  CHECK(IsPostgresUrl("postgres://u:p@127.0.0.1:5433/app?sslmode=disable"));
  CHECK_FALSE(IsPostgresUrl("data/app.db"));
  CHECK_FALSE(IsPostgresUrl("/tmp/postgresql://x"));
  CHECK_FALSE(IsPostgresUrl("POSTGRESQL://u@host/db"));
  CHECK_FALSE(IsPostgresUrl(""));
}

TEST_CASE("a PostgreSQL URL is shown without its password", "[unit]") {
  CHECK(RedactPassword("postgresql://gofast:s3cret@127.0.0.1:5432/app") ==
        "postgresql://gofast:***@127.0.0.1:5432/app");
  CHECK(RedactPassword("postgres://gofast:p@ss:word@db/app?x=1") ==
        "postgres://gofast:***@db/app?x=1");
  // Nothing to hide: the password comes from PGPASSWORD or ~/.pgpass.
  CHECK(RedactPassword("postgresql://gofast@127.0.0.1/app") == "postgresql://gofast@127.0.0.1/app");
  CHECK(RedactPassword("postgresql://127.0.0.1:5432/app") == "postgresql://127.0.0.1:5432/app");
  // An @ after the host is not a user's: "?options=a@b" leaves the URL as it is.
  CHECK(RedactPassword("postgresql://host/app?application_name=a:b@c") ==
        "postgresql://host/app?application_name=a:b@c");
}

TEST_CASE("PostgreSQL 13 and newer are accepted, older servers refused with their version",
          "[unit]") {
  CHECK(CheckServerVersion(130000));
  CHECK(CheckServerVersion(150018));
  CHECK(CheckServerVersion(170002));
  const gofast::Status old = CheckServerVersion(120004);
  REQUIRE_FALSE(old);
  CHECK(old.error().code == gofast::ErrorCode::kDatabaseUnavailable);
  CHECK(old.error().message ==
        "PostgreSQL 12.4 is older than 13, the oldest these services support");
  CHECK_FALSE(CheckServerVersion(90624));
}
