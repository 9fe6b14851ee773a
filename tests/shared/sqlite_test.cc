// SQLite opening and numbered migrations, on a temporary database file
// (":memory:" cannot use WAL and gives each connection its own database).
#include "shared/db/sqlite.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "shared/db/checkpointer.h"
#include "shared/db/connection_pool.h"
#include "tests/support/process.h"

namespace gofast {
namespace {

using Catch::Matchers::Contains;
using testing::TempDir;

int UserVersion(SQLite::Database& db) { return db.execAndGet("PRAGMA user_version").getInt(); }

const std::vector<std::string> kTwoMigrations = {
    "CREATE TABLE teams (id TEXT PRIMARY KEY, name TEXT NOT NULL)",
    "CREATE TABLE members (id TEXT PRIMARY KEY, team_id TEXT NOT NULL REFERENCES teams(id));"
    "INSERT INTO teams (id, name) VALUES ('t1', 'first')",
};

}  // namespace

TEST_CASE("OpenDatabase creates the file and its missing folders", "[unit][sqlite]") {
  TempDir dir;
  const std::string path = (dir.path() / "a" / "b" / "app.db").string();
  REQUIRE_FALSE(std::filesystem::exists(dir.path() / "a"));
  auto db = db::OpenDatabase(path);
  REQUIRE(db != nullptr);
  db->exec("CREATE TABLE t (x INTEGER)");
  CHECK(std::filesystem::is_regular_file(path));
}

TEST_CASE("OpenDatabase uses WAL mode", "[unit][sqlite]") {
  TempDir dir;
  const std::string path = dir.File("wal.db");
  {
    auto db = db::OpenDatabase(path);
    CHECK(db->execAndGet("PRAGMA journal_mode").getString() == "wal");
    db->exec("CREATE TABLE t (x INTEGER)");
    CHECK(std::filesystem::exists(path + "-wal"));
  }
  // WAL is recorded in the file: a plain connection sees it too.
  SQLite::Database plain(path, SQLite::OPEN_READONLY);
  CHECK(plain.execAndGet("PRAGMA journal_mode").getString() == "wal");
}

TEST_CASE("OpenDatabase turns foreign keys on and enforces them", "[unit][sqlite]") {
  TempDir dir;
  auto db = db::OpenDatabase(dir.File("fk.db"));
  CHECK(db->execAndGet("PRAGMA foreign_keys").getInt() == 1);
  db->exec("CREATE TABLE parent (id INTEGER PRIMARY KEY)");
  db->exec(
      "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES "
      "parent(id))");
  CHECK_THROWS_AS(db->exec("INSERT INTO child (id, parent_id) VALUES (1, 42)"), SQLite::Exception);
  db->exec("INSERT INTO parent (id) VALUES (42)");
  CHECK_NOTHROW(db->exec("INSERT INTO child (id, parent_id) VALUES (1, 42)"));
}

TEST_CASE("OpenDatabase sets a busy timeout and synchronous NORMAL", "[unit][sqlite]") {
  TempDir dir;
  auto db = db::OpenDatabase(dir.File("busy.db"));
  CHECK(db->execAndGet("PRAGMA busy_timeout").getInt() >= 1000);
  CHECK(db->execAndGet("PRAGMA synchronous").getInt() == 1);  // NORMAL
}

TEST_CASE("OpenReader reads beside the writer and cannot write", "[unit][sqlite]") {
  TempDir dir;
  const std::string path = dir.File("rw.db");
  auto writer = db::OpenDatabase(path);
  writer->exec("CREATE TABLE t (x INTEGER)");
  writer->exec("INSERT INTO t VALUES (7)");
  auto reader = db::OpenReader(path);
  CHECK(reader->execAndGet("SELECT x FROM t").getInt() == 7);
  CHECK(reader->execAndGet("PRAGMA foreign_keys").getInt() == 1);
  CHECK_THROWS_AS(reader->exec("INSERT INTO t VALUES (8)"), SQLite::Exception);
}

TEST_CASE("Migrate applies numbered migrations and records user_version", "[unit][sqlite]") {
  TempDir dir;
  auto db = db::OpenDatabase(dir.File("m.db"));
  REQUIRE(UserVersion(*db) == 0);
  const Status status = db::Migrate(*db, kTwoMigrations);
  REQUIRE(status.ok());
  CHECK(UserVersion(*db) == 2);
  CHECK(db->tableExists("teams"));
  CHECK(db->tableExists("members"));
  CHECK(db->execAndGet("SELECT count(*) FROM teams").getInt() == 1);
}

TEST_CASE("Migrate run a second time changes nothing", "[unit][sqlite]") {
  TempDir dir;
  const std::string path = dir.File("m.db");
  {
    auto db = db::OpenDatabase(path);
    REQUIRE(db::Migrate(*db, kTwoMigrations).ok());
  }
  auto db = db::OpenDatabase(path);  // a restart: same file, new connection
  const Status again = db::Migrate(*db, kTwoMigrations);
  CHECK(again.ok());
  CHECK(UserVersion(*db) == 2);
  CHECK(db->execAndGet("SELECT count(*) FROM teams").getInt() ==
        1);  // the insert did not run twice
}

TEST_CASE("Migrate applies only the migrations added since the last run", "[unit][sqlite]") {
  TempDir dir;
  auto db = db::OpenDatabase(dir.File("m.db"));
  REQUIRE(db::Migrate(*db, {kTwoMigrations[0]}).ok());
  CHECK(UserVersion(*db) == 1);
  CHECK_FALSE(db->tableExists("members"));
  std::vector<std::string> three = kTwoMigrations;
  three.push_back("ALTER TABLE teams ADD COLUMN city TEXT");
  REQUIRE(db::Migrate(*db, three).ok());
  CHECK(UserVersion(*db) == 3);
  CHECK(db->tableExists("members"));
  CHECK_NOTHROW(db->exec("UPDATE teams SET city = 'Paris'"));
}

TEST_CASE("Migrate refuses a database newer than the binary", "[unit][sqlite]") {
  TempDir dir;
  auto db = db::OpenDatabase(dir.File("new.db"));
  db->exec("PRAGMA user_version = 5");
  const Status status = db::Migrate(*db, kTwoMigrations);
  REQUIRE_FALSE(status.ok());
  CHECK_THAT(status.error().message, Contains("newer"));
  CHECK(UserVersion(*db) == 5);
  CHECK_FALSE(db->tableExists("teams"));
}

TEST_CASE("a failing migration is rolled back and leaves user_version unchanged",
          "[unit][sqlite]") {
  TempDir dir;
  const std::string path = dir.File("fail.db");
  auto db = db::OpenDatabase(path);
  const std::vector<std::string> broken = {
      kTwoMigrations[0],
      "CREATE TABLE half_done (x INTEGER); INSERT INTO no_such_table VALUES (1)",
  };
  const Status status = db::Migrate(*db, broken);
  REQUIRE_FALSE(status.ok());
  CHECK(UserVersion(*db) == 1);
  CHECK(db->tableExists("teams"));
  CHECK_FALSE(db->tableExists("half_done"));

  // A new connection sees the same: nothing of migration 2 was committed.
  auto reopened = db::OpenDatabase(path);
  CHECK(UserVersion(*reopened) == 1);
  CHECK_FALSE(reopened->tableExists("half_done"));

  // Fixed, it applies on the next run.
  REQUIRE(db::Migrate(*db, kTwoMigrations).ok());
  CHECK(UserVersion(*db) == 2);
}

int AutoCheckpoint(db::Writer& writer) {
  return writer.Acquire().db().execAndGet("PRAGMA wal_autocheckpoint").getInt();
}

// Commits `count` one-row transactions: at least one WAL frame each.
void CommitRows(db::Writer& writer, int count) {
  for (int i = 0; i < count; ++i) {
    writer.Acquire().db().exec("INSERT INTO t (x) VALUES (randomblob(2000))");
  }
}

TEST_CASE("the checkpointer copies the WAL back on its own thread, not in a commit",
          "[unit][sqlite]") {
  TempDir dir;
  const std::string path = dir.File("checkpoint.db");
  db::Writer writer(db::OpenDatabase(path), path);
  writer.Acquire().db().exec("CREATE TABLE t (x BLOB)");
  REQUIRE(AutoCheckpoint(writer) == 1000);  // SQLite's own, inside the commits
  {
    db::Checkpointer checkpointer(writer, path, /*threshold_frames=*/20);
    CHECK(AutoCheckpoint(writer) == 0);  // the commits no longer checkpoint

    CommitRows(writer, 5);  // under the threshold: no checkpoint asked for
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    CHECK(checkpointer.checkpoints() == 0);
    const auto file_size_before = std::filesystem::file_size(path);

    CommitRows(writer, 40);
    // The last commit asked for a checkpoint: every row's page reaches the database file itself.
    const auto copied = [&] {
      return std::filesystem::file_size(path) > file_size_before + 40 * 2000;
    };
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!copied() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    CHECK(copied());
    CHECK(checkpointer.checkpoints() >= 1);

    metrics::Exposition out;
    checkpointer.WriteMetrics(out);
    CHECK_THAT(out.text(), Contains("gofast_database_checkpoints_total "));
    CHECK_THAT(out.text(), Contains("gofast_database_checkpoint_seconds_count "));
  }
  // Gone, it gives the checkpoints back to the commits.
  CHECK(AutoCheckpoint(writer) == 1000);
  CHECK(writer.Acquire().db().execAndGet("SELECT count(*) FROM t").getInt() == 45);
}

TEST_CASE("under a writer that never pauses, the checkpointer keeps the WAL short",
          "[unit][sqlite]") {
  TempDir dir;
  const std::string path = dir.File("busy-writer.db");
  db::Writer writer(db::OpenDatabase(path), path);
  writer.Acquire().db().exec("CREATE TABLE t (x BLOB)");
  db::Checkpointer checkpointer(writer, path, /*threshold_frames=*/20);
  constexpr int kCommits = 2000;
  CommitRows(writer, kCommits);
  // Every commit writes two 4 KB pages or more: a WAL never started over
  // holds them all (16 MB here when the catch-up is left out); started over,
  // it peaks at a few thresholds plus what the writer adds during one copy.
  const auto wal_bytes = std::filesystem::file_size(path + "-wal");
  INFO(wal_bytes << " bytes of WAL after " << checkpointer.checkpoints() << " checkpoints");
  CHECK(wal_bytes < kCommits * 4096 / 2);
}

}  // namespace gofast
