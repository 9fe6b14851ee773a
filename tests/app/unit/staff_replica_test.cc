// The staff replica (Option 2): its sync rules over a scripted feed and the
// real SQLite store, the switch of city_runs' foreign key, and the gateway's
// strict reading of the company's feed.
#include "app_service/domain/staff_replica.h"

#include <SQLiteCpp/Database.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <mutex>
#include <thread>

#include "app_service/gateway/company_staff_feed.h"
#include "app_service/storage/migrations.h"
#include "app_service/storage/sqlite_run_store.h"
#include "app_service/storage/sqlite_staff_replica.h"
#include "shared/core/ids.h"
#include "tests/support/process.h"

namespace gofast::app {
namespace {

using nlohmann::json;
using testing::TempDir;

// The company's feed as a list of changes; answers pages as the company does.
class ScriptedFeed : public StaffFeed {
 public:
  Result<FeedPage> ChangesAfter(int64_t cursor, size_t limit) override {
    std::this_thread::sleep_for(delay);
    std::lock_guard<std::mutex> lock(mutex);
    ++calls;
    if (!reachable) return MakeError(ErrorCode::kUnavailable, "the company did not answer");
    FeedPage page;
    page.next_cursor = cursor;
    for (const FeedChange& change : changes) {
      if (change.cursor <= cursor || page.changes.size() == limit) continue;
      page.changes.push_back(change);
      page.next_cursor = change.cursor;
    }
    return page;
  }

  // Appends a change of `staff_id` at the next position.
  void Add(const std::string& kind, const std::string& staff_id, const std::string& role) {
    std::lock_guard<std::mutex> lock(mutex);
    FeedChange change;
    change.cursor = static_cast<int64_t>(changes.size()) + 1;
    change.kind = kind;
    change.staff.id = staff_id;
    change.staff.firebase_id = "uid-" + staff_id;
    change.staff.email = staff_id + "@gofast.test";
    change.staff.first_name = "First";
    change.staff.role = role;
    change.staff.removed = kind == "removed";
    change.staff.company_updated_at = "2026-12-01T00:00:00.000Z";
    change.at = change.staff.company_updated_at;
    changes.push_back(change);
  }

  std::mutex mutex;
  std::vector<FeedChange> changes;
  bool reachable = true;
  std::chrono::milliseconds delay{0};
  int calls = 0;
};

// app.db migrated and in replica mode, with its replica store.
struct ReplicaDatabase {
  explicit ReplicaDatabase(const TempDir& dir) : database(Open(dir)), store(*database) {}
  static std::unique_ptr<db::Database> Open(const TempDir& dir) {
    Result<std::unique_ptr<db::Database>> database =
        db::Database::Open(dir.File("app.db"), SchemaMigrations());
    REQUIRE(database);
    REQUIRE(SetSqliteStaffMode(*database.value(), StaffMode::kReplica));
    return std::move(database).value();
  }
  std::unique_ptr<db::Database> database;
  SqliteStaffReplicaStore store;
};

Run RunNaming(const std::string& staff_id) {
  Run run;
  run.id = NewCuid();
  run.city_slug = "arlington";
  run.staff_generated_id = staff_id;
  run.created_by_firebase_id = "uid-ada";
  run.title = "Morning run " + run.id;
  run.start_date = "2026-01-28T12:00:00.000Z";
  run.date = run.start_date;
  run.meet_up_point = "Gateway Park";
  run.created_at = "2026-01-24T12:00:00.000Z";
  run.updated_at = run.created_at;
  return run;
}

std::string CodeOf(const Error& error) { return WireCode(error.code); }

TEST_CASE("a sync round applies every page of the feed in order, once, and resumes from its cursor",
          "[unit][replica]") {
  TempDir dir;
  ReplicaDatabase app(dir);
  ScriptedFeed feed;
  for (int i = 0; i < 1203; ++i) feed.Add("created", "staff-" + std::to_string(i), "Sales");
  feed.Add("updated", "staff-7", "CFO");
  feed.Add("updated", "staff-7", "Marketing");  // the last change of a row wins
  feed.Add("removed", "staff-8", "Sales");
  StaffReplica replica(feed, app.store);

  REQUIRE(replica.Sync());
  const Result<ReplicaState> state = replica.State();
  REQUIRE(state);
  CHECK(state->cursor == 1206);
  CHECK(state->applied_changes == 1206);
  CHECK(state->last_sync_at.has_value());
  CHECK(feed.calls == 3);  // 500, 500, then 206: fewer than a page is the feed's end
  CHECK(replica.Find("staff-7").value()->role == "Marketing");
  CHECK(replica.Find("staff-8").value()->removed);
  CHECK(replica.List("", 2000).value().size() == 1203);

  // Nothing new: one call, nothing applied twice.
  REQUIRE(replica.Sync());
  CHECK(replica.State().value().applied_changes == 1206);
  feed.Add("linked", "staff-9", "Founder");
  REQUIRE(replica.Sync());
  CHECK(replica.State().value().cursor == 1207);
  CHECK(replica.Find("staff-9").value()->role == "Founder");
}

TEST_CASE("a page applied by another instance first is not applied again", "[unit][replica]") {
  TempDir dir;
  ReplicaDatabase app(dir);
  FeedPage page;
  FeedChange change;
  change.cursor = 1;
  change.kind = "created";
  change.staff = ReplicaStaff{"staff-1",
                              "uid-1",
                              "one@gofast.test",
                              std::nullopt,
                              std::nullopt,
                              "Founder",
                              std::nullopt,
                              false,
                              "2026-12-01T00:00:00.000Z",
                              ""};
  page.changes.push_back(change);
  page.next_cursor = 1;
  REQUIRE(app.store.Apply(0, page, "2026-12-02T00:00:00.000Z"));
  const Status again = app.store.Apply(0, page, "2026-12-02T00:00:01.000Z");
  REQUIRE_FALSE(again);
  CHECK(again.error().code == ErrorCode::kConflict);
  const ReplicaState state = app.store.State().value();
  CHECK(state.cursor == 1);
  CHECK(state.applied_changes == 1);
  CHECK(app.store.Find("staff-1").value()->synced_at == "2026-12-02T00:00:00.000Z");
}

TEST_CASE("a feed answering out of order is refused, and nothing of it applied",
          "[unit][replica]") {
  TempDir dir;
  ReplicaDatabase app(dir);
  ScriptedFeed feed;
  feed.Add("created", "staff-1", "Founder");
  feed.Add("created", "staff-2", "Sales");
  std::swap(feed.changes[0].cursor, feed.changes[1].cursor);  // 2, then 1
  StaffReplica replica(feed, app.store);
  const Status round = replica.Sync();
  REQUIRE_FALSE(round);
  CHECK(round.error().message.find("out of order") != std::string::npos);
  CHECK(replica.State().value().applied_changes == 0);
  CHECK_FALSE(replica.Find("staff-2").value().has_value());
}

TEST_CASE(
    "a new run's staff id: known, found by a sync at once, unknown, removed, or unchecked "
    "while the feed is down",
    "[unit][replica]") {
  TempDir dir;
  ReplicaDatabase app(dir);
  ScriptedFeed feed;
  feed.Add("created", "known", "Founder");
  feed.Add("created", "gone", "Sales");
  feed.Add("removed", "gone", "Sales");
  StaffReplica replica(feed, app.store);
  REQUIRE(replica.Sync());

  CHECK(replica.StaffForNewRun("known").value().role == "Founder");
  const int calls = feed.calls;
  CHECK(replica.StaffForNewRun("known"));
  CHECK(feed.calls == calls);  // known: the feed is not asked

  feed.Add("created", "just-signed-up", "CFO");
  CHECK(replica.StaffForNewRun("just-signed-up").value().role == "CFO");

  const Result<ReplicaStaff> unknown = replica.StaffForNewRun("nobody");
  REQUIRE_FALSE(unknown);
  CHECK(CodeOf(unknown.error()) == "UNKNOWN_STAFF");
  CHECK(unknown.error().field == "staffGeneratedId");
  const Result<ReplicaStaff> removed = replica.StaffForNewRun("gone");
  REQUIRE_FALSE(removed);
  CHECK(CodeOf(removed.error()) == "STAFF_REMOVED");

  feed.reachable = false;
  const Result<ReplicaStaff> unreachable = replica.StaffForNewRun("nobody");
  REQUIRE_FALSE(unreachable);
  CHECK(CodeOf(unreachable.error()) == "STAFF_SYNC_UNAVAILABLE");
  CHECK(replica.StaffForNewRun("known"));  // the replica still answers for whom it knows
}

TEST_CASE("callers that sync at once share rounds: a burst of unknown ids costs two at most",
          "[unit][replica]") {
  TempDir dir;
  ReplicaDatabase app(dir);
  ScriptedFeed feed;
  feed.Add("created", "known", "Founder");
  feed.delay = std::chrono::milliseconds(50);  // every caller arrives while the first round runs
  StaffReplica replica(feed, app.store);
  std::vector<std::thread> callers;
  std::atomic<int> refused{0};
  for (int i = 0; i < 8; ++i) {
    callers.emplace_back([&] {
      if (!replica.StaffForNewRun("nobody")) ++refused;
    });
  }
  for (std::thread& caller : callers) caller.join();
  CHECK(refused == 8);
  CHECK(feed.calls <= 2);  // each round is one call here: the feed has less than a page
}

TEST_CASE(
    "replica mode adds the foreign key to city_runs keeping every run, and reference mode "
    "removes it",
    "[unit][replica]") {
  TempDir dir;
  {
    Result<std::unique_ptr<db::Database>> database =
        db::Database::Open(dir.File("app.db"), SchemaMigrations());
    REQUIRE(database);
    REQUIRE(SetSqliteStaffMode(*database.value(), StaffMode::kReference));
    SqliteRunStore runs(*database.value());
    REQUIRE(runs.InsertRun(NewRun{RunNaming("dangling"), {}, {}, false, {}, ""}));
  }
  const auto schema = [&] {
    SQLite::Database db(dir.File("app.db"));
    return std::make_pair(
        db.execAndGet("SELECT sql FROM sqlite_master WHERE name = 'city_runs'").getString(),
        db.execAndGet("SELECT COUNT(*) FROM sqlite_master WHERE tbl_name = 'city_runs' AND type = "
                      "'index'")
            .getInt());
  };
  const auto [option1_sql, indexes] = schema();
  CHECK(option1_sql.find(kStaffForeignKey) == std::string::npos);

  ReplicaDatabase app(dir);
  const auto [replica_sql, replica_indexes] = schema();
  CHECK(replica_sql.find(kStaffForeignKey) != std::string::npos);
  CHECK(replica_indexes == indexes);
  SqliteRunStore runs(*app.database);
  const Result<DanglingRuns> dangling = app.store.FindDanglingRuns(10);
  REQUIRE(dangling);
  CHECK(dangling->run_count == 1);  // kept
  CHECK(dangling->staff_ids == std::vector<std::pair<std::string, int64_t>>{{"dangling", 1}});
  CHECK_FALSE(runs.InsertRun(NewRun{RunNaming("dangling"), {}, {}, false, {}, ""}));  // the key

  REQUIRE(SetSqliteStaffMode(*app.database, StaffMode::kReplica));  // already: nothing to do
  REQUIRE(SetSqliteStaffMode(*app.database, StaffMode::kReference));
  CHECK(schema().first.find(kStaffForeignKey) == std::string::npos);
  CHECK(runs.InsertRun(NewRun{RunNaming("dangling"), {}, {}, false, {}, ""}));
}

client::CallResult Answer(int status, json body) {
  client::CallResult answer;
  answer.status = status;
  answer.body = std::move(body);
  return answer;
}

json ValidChange() {
  return {{"cursor", "1"},
          {"kind", "created"},
          {"at", "2026-12-01T00:00:00.000Z"},
          {"staff",
           {{"id", "staff-1"},
            {"firebaseId", "uid-1"},
            {"email", "one@gofast.test"},
            {"firstName", "Ada"},
            {"lastName", nullptr},
            {"role", "Founder"},
            {"companyId", nullptr},
            {"updatedAt", "2026-12-01T00:00:00.000Z"}}}};
}

TEST_CASE("the gateway reads the feed's page strictly and refuses anything else as unavailable",
          "[unit][replica]") {
  const Result<FeedPage> page = FeedPageFromAnswer(
      Answer(200, {{"success", true}, {"changes", {ValidChange()}}, {"nextCursor", "1"}}));
  REQUIRE(page);
  CHECK(page->next_cursor == 1);
  REQUIRE(page->changes.size() == 1);
  CHECK(page->changes[0].staff.first_name == "Ada");
  CHECK_FALSE(page->changes[0].staff.last_name.has_value());

  // What was tried: each answer below is unusable and must not reach the replica.
  std::vector<std::pair<std::string, client::CallResult>> hostile;
  client::CallResult silent;
  silent.transport_error = "Connection refused";
  hostile.emplace_back("no answer", silent);
  hostile.emplace_back("401", Answer(401, {{"success", false}, {"code", "INVALID_TOKEN"}}));
  hostile.emplace_back("not an object", Answer(200, json::array()));
  hostile.emplace_back("no nextCursor", Answer(200, {{"changes", json::array()}}));
  for (const char* cursor : {"-1", "1x", "", "99999999999999999999"}) {
    hostile.emplace_back(std::string("nextCursor ") + cursor,
                         Answer(200, {{"changes", json::array()}, {"nextCursor", cursor}}));
  }
  const auto with_change = [](const std::function<void(json&)>& edit) {
    json change = ValidChange();
    edit(change);
    return Answer(200, {{"changes", {change}}, {"nextCursor", "1"}});
  };
  hostile.emplace_back("kind", with_change([](json& c) { c["kind"] = "deleted"; }));
  hostile.emplace_back("numeric cursor", with_change([](json& c) { c["cursor"] = 1; }));
  hostile.emplace_back("no staff", with_change([](json& c) { c.erase("staff"); }));
  hostile.emplace_back("no at", with_change([](json& c) { c.erase("at"); }));
  hostile.emplace_back("role", with_change([](json& c) { c["staff"]["role"] = nullptr; }));
  hostile.emplace_back("id", with_change([](json& c) { c["staff"]["id"] = 7; }));
  hostile.emplace_back("firstName", with_change([](json& c) { c["staff"]["firstName"] = 1; }));
  hostile.emplace_back("change", Answer(200, {{"changes", {"text"}}, {"nextCursor", "1"}}));
  for (const auto& [what, answer] : hostile) {
    INFO(what);
    const Result<FeedPage> refused = FeedPageFromAnswer(answer);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == ErrorCode::kUnavailable);
  }
}

}  // namespace
}  // namespace gofast::app
