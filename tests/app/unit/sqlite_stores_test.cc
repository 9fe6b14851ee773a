// The app's SQLite stores on a temporary database file: schema, indexes and their
// use by the list query, the run club upsert, and athletes.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <functional>
#include <set>
#include <thread>

#include "app_service/storage/migrations.h"
#include "app_service/storage/sqlite_app_data.h"
#include "app_service/storage/sqlite_athlete_store.h"
#include "app_service/storage/sqlite_run_store.h"
#include "shared/core/ids.h"
#include "tests/app/unit/list_plan_cases.h"
#include "tests/support/test_database.h"

namespace gofast::app {
namespace {

using testing::TempDir;

std::unique_ptr<db::Database> OpenDatabase(const TempDir& dir) {
  Result<std::unique_ptr<db::Database>> database =
      db::Database::Open(dir.File("app.db"), SchemaMigrations());
  REQUIRE(database);
  return std::move(database).value();
}

// app.db as the composition root opens it: one database, a store per noun.
struct AppStores {
  explicit AppStores(const TempDir& dir)
      : database(OpenDatabase(dir)), runs(*database), athletes(*database) {}
  std::unique_ptr<db::Database> database;
  SqliteRunStore runs;
  SqliteAthleteStore athletes;
};

Run MakeRun(const std::string& created_at, const std::string& city = "arlington") {
  Run run;
  run.id = NewCuid();
  run.city_slug = city;
  run.staff_generated_id = "staff-1";
  run.created_by_firebase_id = "uid-ada";
  run.title = "Morning run";
  run.start_date = "2026-01-28T12:00:00.000Z";
  run.date = run.start_date;
  run.meet_up_point = "Gateway Park";
  run.created_at = created_at;
  run.updated_at = created_at;
  return run;
}

// Inserts as RunService would, the duplicate key left to the caller.
Result<InsertedRun> Insert(SqliteRunStore& store, const Run& run,
                           const std::optional<RunClubUpdate>& club,
                           const std::optional<std::string>& duplicate_key = std::nullopt,
                           bool refuse_duplicates = true) {
  return store.InsertRun(NewRun{run, club, duplicate_key, refuse_duplicates, std::nullopt, ""});
}

// A trigger added through a connection of its own, beside the store's.
void AddTrigger(const TempDir& dir, const std::string& sql) {
  SQLite::Database db(dir.File("app.db"), SQLite::OPEN_READWRITE);
  db.exec(sql);
}

// Inserts `count` runs from 16 threads at once; `shape(n, run)` adjusts run n
// and answers its club. The runs as inserted, and the failure of each.
struct ConcurrentInserts {
  std::vector<Run> runs;
  std::vector<std::optional<ErrorCode>> failures;
};

ConcurrentInserts InsertFromManyThreads(
    SqliteRunStore& store, size_t count,
    const std::function<std::optional<RunClubUpdate>(size_t, Run&)>& shape) {
  constexpr size_t kThreads = 16;
  ConcurrentInserts inserts{std::vector<Run>(count), std::vector<std::optional<ErrorCode>>(count)};
  std::vector<std::thread> threads;
  for (size_t t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (size_t n = t; n < count; n += kThreads) {
        Run& run = inserts.runs[n];
        run = MakeRun("2026-01-24T12:00:00.000Z");
        const std::optional<RunClubUpdate> club = shape(n, run);
        const Result<InsertedRun> inserted = Insert(store, run, club);
        if (!inserted) inserts.failures[n] = inserted.error().code;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  return inserts;
}

TEST_CASE("the schema has its five tables and no staff table", "[unit]") {
  TempDir dir;
  AppStores stores(dir);
  SQLite::Database db(dir.File("app.db"), SQLite::OPEN_READONLY);
  SQLite::Statement tables(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
  std::vector<std::string> names;
  while (tables.executeStep()) names.push_back(tables.getColumn(0).getString());
  CHECK(names == std::vector<std::string>{"athletes", "city_runs", "idempotency_keys", "run_clubs",
                                          "run_generation"});
  CHECK(db.execAndGet("PRAGMA user_version").getInt() ==
        static_cast<int>(SchemaMigrations().size()));
}

TEST_CASE("the only foreign key of city_runs is athleteGeneratedId", "[unit]") {
  TempDir dir;
  AppStores stores(dir);
  SQLite::Database db(dir.File("app.db"), SQLite::OPEN_READONLY);
  SQLite::Statement keys(db,
                         "SELECT \"from\", \"table\" FROM pragma_foreign_key_list('city_runs')");
  std::vector<std::pair<std::string, std::string>> found;
  while (keys.executeStep())
    found.emplace_back(keys.getColumn(0).getString(), keys.getColumn(1).getString());
  CHECK(found ==
        std::vector<std::pair<std::string, std::string>>{{"athleteGeneratedId", "athletes"}});
}

// The leading column of each index of city_runs.
std::set<std::string> LeadingColumns(const std::string& path) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  SQLite::Statement leading(db,
                            "SELECT ii.name FROM pragma_index_list('city_runs') AS il, "
                            "pragma_index_info(il.name) AS ii WHERE ii.seqno = 0");
  std::set<std::string> columns;
  while (leading.executeStep()) columns.insert(leading.getColumn(0).getString());
  return columns;
}

// The spec also names startDate, dayOfWeek and isRecurring; no documented
// filter or order reads them, so their indexes went (README, "Its decisions").
const std::set<std::string> kServedColumns = {
    "id",          "createdAt", "citySlug", "runClubSlug", "staffGeneratedId", "athleteGeneratedId",
    "duplicateKey"};

TEST_CASE("an index leads with each filtered column, and no index serves nothing", "[unit]") {
  TempDir dir;
  AppStores stores(dir);
  CHECK(LeadingColumns(dir.File("app.db")) == kServedColumns);
}

TEST_CASE("a database made before migration 3 loses the three unread indexes", "[unit]") {
  TempDir dir;
  const std::vector<std::string>& all = SchemaMigrations();
  {
    Result<std::unique_ptr<db::Database>> before = db::Database::Open(
        dir.File("app.db"), std::vector<std::string>(all.begin(), all.begin() + 2));
    REQUIRE(before);
  }
  std::set<std::string> with_unread = kServedColumns;
  with_unread.insert({"startDate", "dayOfWeek", "isRecurring"});
  REQUIRE(LeadingColumns(dir.File("app.db")) == with_unread);
  AppStores stores(dir);
  CHECK(LeadingColumns(dir.File("app.db")) == kServedColumns);
}

TEST_CASE("each list filter is served by its index, in list order", "[unit]") {
  TempDir dir;
  AppStores stores(dir);
  for (const ListPlanCase& c : ListPlanCases()) {
    for (const bool with_cursor : {false, true}) {
      const Result<std::vector<std::string>> plan =
          stores.runs.ListQueryPlan(c.filter, with_cursor);
      REQUIRE(plan);
      const std::string text = JoinPlan(plan.value());
      INFO(text);
      // The keys come from the index alone: no row is read.
      const std::string uses = std::string("USING COVERING INDEX ") + c.index;
      CHECK((text.find(uses + " ") != std::string::npos ||
             text.find(uses + "\n") != std::string::npos));
      CHECK(text.find("TEMP B-TREE") == std::string::npos);  // the index gives the order too
      if (c.index != "city_runs_created") CHECK(text.find("SEARCH") != std::string::npos);
    }
  }
}

TEST_CASE("a page ends where the next begins, newest first", "[unit]") {
  TempDir dir;
  AppStores stores(dir);
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    const Run run = MakeRun("2026-01-24T12:00:0" + std::to_string(i) + ".000Z");
    REQUIRE(Insert(stores.runs, run, std::nullopt));
    ids.insert(ids.begin(), run.id);
  }
  Result<RunKeyPage> first = stores.runs.ListRunKeys(RunFilter{}, 2, std::nullopt);
  REQUIRE(first);
  REQUIRE(first->keys.size() == 2);
  CHECK(first->has_more);
  CHECK(first->keys[0].id == ids[0]);
  CHECK(first->keys[0].created_at == "2026-01-24T12:00:04.000Z");
  CHECK(first->keys[1].id == ids[1]);
  Result<RunKeyPage> rest = stores.runs.ListRunKeys(RunFilter{}, 10, first->keys[1]);
  REQUIRE(rest);
  REQUIRE(rest->keys.size() == 3);
  CHECK_FALSE(rest->has_more);
  CHECK(rest->keys[2].id == ids[4]);
  // The runs of these keys, one id not stored.
  Result<std::vector<Run>> found = stores.runs.FindRuns({ids[3], "no-such-run", ids[0]});
  REQUIRE(found);
  REQUIRE(found->size() == 2);
  std::set<std::string> found_ids;
  for (const Run& run : found.value()) found_ids.insert(run.id);
  CHECK(found_ids == std::set<std::string>{ids[0], ids[3]});
}

TEST_CASE("every write that deletes runs raises the generation a page is read at", "[unit]") {
  TempDir dir;
  AppStores stores(dir);
  SqliteAppData data(*stores.database);
  const auto generation = [&] {
    const Run run = MakeRun("2026-01-24T12:00:00.000Z");
    REQUIRE(Insert(stores.runs, run, std::nullopt));
    const Result<RunKeyPage> page = stores.runs.ListRunKeys(RunFilter{}, 1, std::nullopt);
    REQUIRE(page);
    REQUIRE(page->keys.size() == 1);
    return std::make_pair(page->generation, run.id);
  };
  const auto [start, first_run] = generation();
  CHECK(generation().first == start);  // a create deletes nothing
  REQUIRE(data.DeleteRows({first_run}, {}));
  CHECK(generation().first == start + 1);
  REQUIRE(data.DeleteRows({}, {"no-such-athlete"}));
  CHECK(generation().first == start + 1);
  REQUIRE(data.DeleteAllRuns());
  CHECK(generation().first == start + 2);
  REQUIRE(data.WriteRows(AppRows{}, {}, /*clear_first=*/false));
  CHECK(generation().first == start + 2);
  REQUIRE(data.WriteRows(AppRows{}, {}, /*clear_first=*/true));
  CHECK(generation().first == start + 3);
}

TEST_CASE("a run club upsert keeps absent fields and syncs only on a change", "[unit]") {
  TempDir dir;
  AppStores stores(dir);
  REQUIRE(Insert(stores.runs, MakeRun("2026-01-24T12:00:00.000Z"),
                 RunClubUpdate{"dc-run", "DC Run", "a.png", "Washington"}));
  Result<std::optional<RunClub>> club = stores.runs.FindRunClub("dc-run");
  REQUIRE(club);
  REQUIRE(club.value());
  CHECK(club.value()->synced_at == "2026-01-24T12:00:00.000Z");

  // Same values, logo and city absent: nothing changes, not even syncedAt.
  REQUIRE(Insert(stores.runs, MakeRun("2026-01-25T12:00:00.000Z"),
                 RunClubUpdate{"dc-run", "DC Run", std::nullopt, std::nullopt}));
  club = stores.runs.FindRunClub("dc-run");
  CHECK(club.value()->logo_url == "a.png");
  CHECK(club.value()->city == "Washington");
  CHECK(club.value()->synced_at == "2026-01-24T12:00:00.000Z");
  CHECK(club.value()->updated_at == "2026-01-24T12:00:00.000Z");

  // A new logo: that field and syncedAt change, the rest stays.
  REQUIRE(Insert(stores.runs, MakeRun("2026-01-26T12:00:00.000Z"),
                 RunClubUpdate{"dc-run", "DC Run", "b.png", std::nullopt}));
  club = stores.runs.FindRunClub("dc-run");
  CHECK(club.value()->logo_url == "b.png");
  CHECK(club.value()->city == "Washington");
  CHECK(club.value()->synced_at == "2026-01-26T12:00:00.000Z");
  CHECK(club.value()->created_at == "2026-01-24T12:00:00.000Z");
}

TEST_CASE("a run club the database refuses is skipped and the run is still saved", "[unit]") {
  TempDir dir;
  AppStores stores(dir);
  AddTrigger(
      dir,
      "CREATE TRIGGER refuse_clubs BEFORE INSERT ON run_clubs BEGIN SELECT RAISE(ABORT, 'no'); "
      "END");
  const Run run = MakeRun("2026-01-24T12:00:00.000Z");
  REQUIRE(Insert(stores.runs, run, RunClubUpdate{"dc-run", "DC Run", std::nullopt, std::nullopt}));
  CHECK(stores.runs.FindRun(run.id).value().has_value());
  CHECK_FALSE(stores.runs.FindRunClub("dc-run").value().has_value());
}

TEST_CASE("a run naming no athlete row is refused by the foreign key", "[unit]") {
  TempDir dir;
  AppStores stores(dir);
  Run run = MakeRun("2026-01-24T12:00:00.000Z");
  run.athlete_generated_id = "missing";
  const Result<InsertedRun> inserted =
      Insert(stores.runs, run, RunClubUpdate{"dc-run", "DC Run", std::nullopt, std::nullopt});
  REQUIRE_FALSE(inserted);
  CHECK(inserted.error().code == ErrorCode::kNotFound);
  CHECK_FALSE(stores.runs.FindRunClub("dc-run").value().has_value());  // the club went with it
}

TEST_CASE("every column survives a round trip through the store", "[unit]") {
  TempDir dir;
  AppStores stores(dir);
  Run run = MakeRun("2026-01-24T12:00:00.000Z");
  run.run_club_slug = "dc-run";
  run.is_recurring = true;
  run.day_of_week = "Wednesday";
  run.end_date = "2026-03-01T12:00:00.000Z";
  run.start_time_hour = 6;
  run.start_time_minute = 30;
  run.start_time_period = "AM";
  run.timezone = "America/New_York";
  run.meet_up_lat = 38.8951;
  run.meet_up_lng = -77.0364;
  run.total_miles = 3.1;
  run.description = std::string("line one\nline two \x01 'quoted'; DROP TABLE city_runs; --");
  REQUIRE(Insert(stores.runs, run, std::nullopt));
  const Result<std::optional<Run>> found = stores.runs.FindRun(run.id);
  REQUIRE(found);
  REQUIRE(found.value());
  const Run& back = *found.value();
  CHECK(back.is_recurring);
  CHECK(back.day_of_week == run.day_of_week);
  CHECK(back.start_time_hour == 6);
  CHECK(back.meet_up_lat == 38.8951);
  CHECK(back.total_miles == 3.1);
  CHECK(back.description == run.description);
  CHECK_FALSE(back.end_city.has_value());
}

TEST_CASE("simultaneous athlete inserts for one uid keep one row", "[unit]") {
  TempDir dir;
  AppStores stores(dir);
  std::vector<std::thread> threads;
  std::vector<std::string> ids(8);
  std::atomic<int> created{0};
  for (size_t i = 0; i < ids.size(); ++i) {
    threads.emplace_back([&, i] {
      Athlete athlete{NewCuid(),
                      "uid-same",
                      std::nullopt,
                      std::nullopt,
                      std::nullopt,
                      "2026-01-24T12:00:00.000Z",
                      "2026-01-24T12:00:00.000Z"};
      const Result<AthleteStore::InsertOutcome> outcome =
          stores.athletes.InsertAthleteIfAbsent(athlete);
      if (outcome) {
        ids[i] = outcome->athlete.id;
        if (outcome->created) ++created;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  CHECK(created == 1);
  for (const std::string& id : ids) CHECK(id == ids[0]);
}

TEST_CASE("a database written by a newer binary is refused", "[unit]") {
  TempDir dir;
  {
    SQLite::Database db(dir.File("app.db"), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA user_version = 99");
  }
  const Result<std::unique_ptr<db::Database>> database =
      db::Database::Open(dir.File("app.db"), SchemaMigrations());
  REQUIRE_FALSE(database);
  CHECK(database.error().message.find("newer") != std::string::npos);
}

TEST_CASE("runs created at the same time are all saved, and a refused one fails alone", "[unit]") {
  TempDir dir;
  AppStores stores(dir);
  const auto [runs, failures] = InsertFromManyThreads(
      stores.runs, 400, [](size_t n, Run& run) -> std::optional<RunClubUpdate> {
        if (n % 7 == 3) run.athlete_generated_id = "missing";  // refused by the foreign key
        return RunClubUpdate{"club-" + std::to_string(n), "Club", std::nullopt, std::nullopt};
      });
  for (size_t n = 0; n < runs.size(); ++n) {
    INFO("run " << n);
    const bool refused = n % 7 == 3;
    CHECK(failures[n] == (refused ? std::optional<ErrorCode>(ErrorCode::kNotFound) : std::nullopt));
    CHECK(stores.runs.FindRun(runs[n].id).value().has_value() == !refused);
    // A refused run takes its own club sync with it, and nobody else's.
    CHECK(stores.runs.FindRunClub("club-" + std::to_string(n)).value().has_value() == !refused);
  }
}

TEST_CASE(
    "an error that ends the transaction fails its whole batch, and nothing answered as saved is "
    "lost",
    "[unit]") {
  TempDir dir;
  AppStores stores(dir);
  // RAISE(ROLLBACK) ends the whole transaction, as a full disk would.
  AddTrigger(dir,
             "CREATE TRIGGER end_transaction BEFORE INSERT ON city_runs WHEN NEW.title = 'poison' "
             "BEGIN SELECT RAISE(ROLLBACK, 'ended'); END");
  const auto [runs, failures] = InsertFromManyThreads(
      stores.runs, 320, [](size_t n, Run& run) -> std::optional<RunClubUpdate> {
        if (n % 11 == 5) run.title = "poison";
        return std::nullopt;
      });
  size_t failed = 0;
  for (size_t n = 0; n < runs.size(); ++n) {
    INFO("run " << n);
    if (n % 11 == 5) CHECK(failures[n] == ErrorCode::kInternal);
    if (failures[n]) ++failed;
    // Saved exactly when answered as saved.
    CHECK(stores.runs.FindRun(runs[n].id).value().has_value() == !failures[n].has_value());
  }
  CHECK(failed >= runs.size() / 11);
  // The store goes on writing after such a batch.
  const Run after = MakeRun("2026-01-25T12:00:00.000Z");
  REQUIRE(Insert(stores.runs, after, std::nullopt));
  CHECK(stores.runs.FindRun(after.id).value().has_value());
}

TEST_CASE("of runs racing with one duplicate key exactly one is stored", "[unit]") {
  TempDir dir;
  AppStores stores(dir);
  constexpr size_t kRuns = 64;
  std::vector<Run> runs(kRuns);
  std::vector<std::optional<InsertedRun>> answers(kRuns);
  std::vector<std::thread> threads;
  for (size_t n = 0; n < kRuns; ++n) {
    runs[n] = MakeRun("2026-01-24T12:00:00.000Z");
    threads.emplace_back([&, n] {
      Result<InsertedRun> inserted = Insert(stores.runs, runs[n], std::nullopt, "one-key");
      if (inserted) answers[n] = std::move(inserted).value();
    });
  }
  for (std::thread& thread : threads) thread.join();
  std::set<std::string> stored;
  std::set<std::string> named;
  for (size_t n = 0; n < kRuns; ++n) {
    REQUIRE(answers[n]);
    if (stores.runs.FindRun(runs[n].id).value()) stored.insert(runs[n].id);
    named.insert(answers[n]->run.id);
    CHECK(answers[n]->duplicate == (answers[n]->run.id != runs[n].id));
  }
  CHECK(stored.size() == 1);
  CHECK(named == stored);  // every answer names the one stored run
}

TEST_CASE("with duplicates allowed a taken key stores the run without it", "[unit]") {
  TempDir dir;
  AppStores stores(dir);
  const Run first = MakeRun("2026-01-24T12:00:00.000Z");
  const Run second = MakeRun("2026-01-24T12:00:01.000Z");
  REQUIRE_FALSE(Insert(stores.runs, first, std::nullopt, "one-key", false)->duplicate);
  REQUIRE_FALSE(Insert(stores.runs, second, std::nullopt, "one-key", false)->duplicate);
  SQLite::Database db(dir.File("app.db"), SQLite::OPEN_READONLY);
  SQLite::Statement holders(db, "SELECT id FROM city_runs WHERE duplicateKey IS NOT NULL");
  REQUIRE(holders.executeStep());
  CHECK(holders.getColumn(0).getString() == first.id);
  CHECK_FALSE(holders.executeStep());
  // With the rule back on, the first run is what a repeat is measured against.
  const Result<InsertedRun> third =
      Insert(stores.runs, MakeRun("2026-01-24T12:00:02.000Z"), std::nullopt, "one-key");
  REQUIRE(third);
  CHECK(third->duplicate);
  CHECK(third->run.id == first.id);
}

TEST_CASE("an idempotency record is saved with its run, replaced when expired, and forgotten",
          "[unit]") {
  TempDir dir;
  AppStores stores(dir);
  // Records older than a day have expired.
  const auto insert_with_key = [&](const std::string& created_at,
                                   const std::string& expired_before) {
    const Run run = MakeRun(created_at);
    return stores.runs.InsertRun(
        NewRun{run, std::nullopt, std::nullopt, true,
               IdempotencyRecord{"uid-ada", "key-1", "sha-" + created_at, run.id, created_at},
               expired_before});
  };
  const Result<InsertedRun> first =
      insert_with_key("2026-01-24T12:00:00.000Z", "2026-01-23T12:00:00.000Z");
  REQUIRE(first);
  CHECK_FALSE(first->key_holder);
  Result<std::optional<IdempotencyRecord>> record =
      stores.runs.FindIdempotencyRecord("uid-ada", "key-1");
  REQUIRE(record);
  REQUIRE(record.value());
  CHECK(record.value()->run_id == first->run.id);
  CHECK(record.value()->body_sha256 == "sha-2026-01-24T12:00:00.000Z");
  CHECK_FALSE(stores.runs.FindIdempotencyRecord("uid-bob", "key-1").value());

  // A live record holds the key: the racing run is not stored.
  const int64_t runs_before = testing::CountRows(dir.File("app.db"), "city_runs");
  const Result<InsertedRun> racing =
      insert_with_key("2026-01-24T13:00:00.000Z", "2026-01-23T13:00:00.000Z");
  REQUIRE(racing);
  REQUIRE(racing->key_holder);
  CHECK(racing->key_holder->run_id == first->run.id);
  CHECK(testing::CountRows(dir.File("app.db"), "city_runs") == runs_before);

  // An expired one is replaced.
  const Result<InsertedRun> second =
      insert_with_key("2026-01-26T12:00:00.000Z", "2026-01-25T12:00:00.000Z");
  REQUIRE(second);
  CHECK_FALSE(second->key_holder);
  CHECK(stores.runs.FindIdempotencyRecord("uid-ada", "key-1").value()->run_id == second->run.id);

  REQUIRE(stores.runs.ForgetIdempotencyRecords("2026-01-26T12:00:00.000Z"));
  CHECK(stores.runs.FindIdempotencyRecord("uid-ada", "key-1").value());
  REQUIRE(stores.runs.ForgetIdempotencyRecords("2026-01-26T12:00:00.001Z"));
  CHECK_FALSE(stores.runs.FindIdempotencyRecord("uid-ada", "key-1").value());
}

}  // namespace
}  // namespace gofast::app
