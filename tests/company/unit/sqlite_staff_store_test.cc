// SqliteStaffStore on a real company.db in a temporary folder, opened as the
// composition root opens it: the SQL behind each StaffStore promise.
#include "company_service/storage/sqlite_staff_store.h"

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <thread>
#include <tuple>
#include <vector>

#include "company_service/storage/migrations.h"
#include "shared/core/ids.h"
#include "tests/support/process.h"

namespace gofast::company {
namespace {

using gofast::testing::TempDir;

constexpr char kCompanyId[] = "company-1";

std::unique_ptr<db::Database> OpenDatabase(const TempDir& dir) {
  Result<std::unique_ptr<db::Database>> database =
      db::Database::Open(dir.File("company.db"), SchemaMigrations());
  REQUIRE(database);
  return std::move(database).value();
}

Company MakeCompany(const std::string& id = kCompanyId) {
  Company company;
  company.id = id;
  company.created_at = "2026-01-01T00:00:00.000Z";
  company.updated_at = company.created_at;
  return company;
}

// company.db with its tenant row, which staff rows reference.
struct CompanyDb {
  explicit CompanyDb(const TempDir& dir, bool with_tenant = true)
      : database(OpenDatabase(dir)), store(*database) {
    if (with_tenant) REQUIRE(store.InsertCompany(MakeCompany()));
  }
  std::unique_ptr<db::Database> database;
  SqliteStaffStore store;
};

Staff MakeStaff(const std::string& firebase_id, const std::string& email,
                const std::string& role = "Sales",
                const std::string& created_at = "2026-01-01T00:00:00.000Z") {
  Staff staff;
  staff.id = NewUuidV4();
  staff.firebase_id = firebase_id;
  staff.email = email;
  staff.company_id = kCompanyId;
  staff.role = role;
  staff.created_at = created_at;
  staff.updated_at = created_at;
  return staff;
}

Staff InsertStaff(SqliteStaffStore& store, const Staff& staff) {
  const Result<Staff> inserted = store.InsertIfEmailFree(staff);
  REQUIRE(inserted);
  return inserted.value();
}

size_t CountStaff(SqliteStaffStore& store) {
  const Result<StaffPage> page = store.List(1000, std::nullopt);
  REQUIRE(page);
  return page->staff.size();
}

TEST_CASE("a stored staff row is found by id and by firebaseId with every member", "[unit]") {
  TempDir dir;
  CompanyDb company(dir);
  Staff staff = MakeStaff("uid-ada", "ada@gofast.test", "CFO");
  staff.first_name = "Ada";
  staff.last_name = "Lovelace";
  staff.photo_url = "https://img.test/ada.png";
  staff.start_date = "2024-01-15T12:00:00.000Z";
  staff.updated_at = "2026-01-02T00:00:00.000Z";
  InsertStaff(company.store, staff);

  for (const Result<std::optional<Staff>>& found :
       {company.store.FindById(staff.id), company.store.FindByFirebaseId("uid-ada")}) {
    REQUIRE(found);
    REQUIRE(found.value());
    const Staff& row = *found.value();
    CHECK(row.id == staff.id);
    CHECK(row.firebase_id == "uid-ada");
    CHECK(row.email == "ada@gofast.test");
    CHECK(row.first_name == "Ada");
    CHECK(row.last_name == "Lovelace");
    CHECK(row.photo_url == "https://img.test/ada.png");
    CHECK(row.company_id == kCompanyId);
    CHECK(row.role == "CFO");
    CHECK(row.start_date == "2024-01-15T12:00:00.000Z");
    CHECK(row.created_at == "2026-01-01T00:00:00.000Z");
    CHECK(row.updated_at == "2026-01-02T00:00:00.000Z");
  }
  const Result<std::optional<Staff>> missing = company.store.FindById("no-such-id");
  REQUIRE(missing);
  CHECK_FALSE(missing.value());
  const Result<std::optional<Staff>> unknown_uid = company.store.FindByFirebaseId("uid-nobody");
  REQUIRE(unknown_uid);
  CHECK_FALSE(unknown_uid.value());
}

TEST_CASE("insert-if-absent from 8 threads for one firebaseId makes one row", "[unit]") {
  TempDir dir;
  CompanyDb company(dir);
  constexpr size_t kThreads = 8;
  std::vector<std::optional<StaffStore::InsertOutcome>> outcomes(kThreads);
  std::atomic<size_t> ready{0};
  std::vector<std::thread> threads;
  for (size_t t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      // Each thread offers its own row id; all wait, then insert at once.
      const Staff staff = MakeStaff("uid-shared", "shared@gofast.test");
      ++ready;
      while (ready.load() < kThreads) std::this_thread::yield();
      Result<StaffStore::InsertOutcome> outcome = company.store.InsertIfAbsent(staff);
      if (outcome)
        outcomes[t] = std::move(outcome).value();  // Catch's checks stay on the main thread
    });
  }
  for (std::thread& thread : threads) thread.join();

  REQUIRE(std::all_of(outcomes.begin(), outcomes.end(),
                      [](const auto& outcome) { return outcome.has_value(); }));
  const size_t created = static_cast<size_t>(std::count_if(
      outcomes.begin(), outcomes.end(), [](const auto& outcome) { return outcome->created; }));
  CHECK(created == 1);
  for (const auto& outcome : outcomes) CHECK(outcome->staff.id == outcomes[0]->staff.id);
  CHECK(CountStaff(company.store) == 1);
}

TEST_CASE("insert-if-email-free refuses an email already stored", "[unit]") {
  TempDir dir;
  CompanyDb company(dir);
  const Staff first = InsertStaff(company.store, MakeStaff("uid-1", "sam@gofast.test"));

  const Result<Staff> second =
      company.store.InsertIfEmailFree(MakeStaff("temp-2", "sam@gofast.test"));
  REQUIRE_FALSE(second);
  CHECK(second.error().code == ErrorCode::kConflict);
  CHECK(CountStaff(company.store) == 1);
  const Result<std::optional<Staff>> kept = company.store.FindByFirebaseId("uid-1");
  REQUIRE(kept);
  REQUIRE(kept.value());
  CHECK(kept.value()->id == first.id);
}

TEST_CASE("find-invited-by-email answers the oldest invited row only", "[unit]") {
  TempDir dir;
  CompanyDb company(dir);
  const std::string email = "ada@gofast.test";
  InsertStaff(company.store, MakeStaff("uid-ada", email, "Sales",
                                       "2025-01-01T00:00:00.000Z"));  // linked: not an invitation
  // By firebaseId: InsertIfEmailFree would refuse a second row with this email.
  for (const Staff& staff :
       {MakeStaff("temp-newer", email, "CFO", "2026-03-01T00:00:00.000Z"),
        MakeStaff("temp-older", email, "Marketing", "2026-02-01T00:00:00.000Z"),
        MakeStaff("temp-other", "other@gofast.test", "Sales", "2025-01-01T00:00:00.000Z")}) {
    REQUIRE(company.store.InsertIfAbsent(staff));
  }

  const Result<std::optional<Staff>> invited = company.store.FindInvitedByEmail(email);
  REQUIRE(invited);
  REQUIRE(invited.value());
  CHECK(invited.value()->firebase_id == "temp-older");

  InsertStaff(company.store, MakeStaff("uid-bob", "bob@gofast.test"));
  const Result<std::optional<Staff>> linked_only =
      company.store.FindInvitedByEmail("bob@gofast.test");
  REQUIRE(linked_only);
  CHECK_FALSE(linked_only.value());
}

TEST_CASE("an invitation links once: the second link answers nothing", "[unit]") {
  TempDir dir;
  CompanyDb company(dir);
  const Staff invited = InsertStaff(company.store, MakeStaff("temp-1", "ada@gofast.test"));

  const Result<std::optional<Staff>> first =
      company.store.LinkInvited(invited.id, "uid-ada", "2026-01-24T12:00:00.000Z");
  REQUIRE(first);
  REQUIRE(first.value());
  CHECK(first.value()->id == invited.id);
  CHECK(first.value()->firebase_id == "uid-ada");
  CHECK(first.value()->updated_at == "2026-01-24T12:00:00.000Z");
  CHECK(first.value()->created_at == invited.created_at);

  const Result<std::optional<Staff>> second =
      company.store.LinkInvited(invited.id, "uid-eve", "2026-01-25T12:00:00.000Z");
  REQUIRE(second);
  CHECK_FALSE(second.value());
  const Result<std::optional<Staff>> row = company.store.FindById(invited.id);
  REQUIRE(row);
  REQUIRE(row.value());
  CHECK(row.value()->firebase_id == "uid-ada");
  CHECK(row.value()->updated_at == "2026-01-24T12:00:00.000Z");
}

TEST_CASE("list pages in updatedAt then id order and tells whether more follow", "[unit]") {
  TempDir dir;
  CompanyDb company(dir);
  std::vector<Staff> rows;
  for (const char* updated :
       {"2026-01-03T00:00:00.000Z", "2026-01-01T00:00:00.000Z", "2026-01-02T00:00:00.000Z",
        "2026-01-02T00:00:00.000Z", "2026-01-02T00:00:00.000Z"}) {
    Staff staff = MakeStaff("uid-" + std::to_string(rows.size()),
                            "s" + std::to_string(rows.size()) + "@gofast.test");
    staff.updated_at = updated;  // three share a time: the id breaks the tie
    rows.push_back(InsertStaff(company.store, staff));
  }
  std::sort(rows.begin(), rows.end(), [](const Staff& a, const Staff& b) {
    return std::tie(a.updated_at, a.id) < std::tie(b.updated_at, b.id);
  });

  std::vector<std::string> listed;
  std::vector<bool> has_more;
  std::optional<StaffCursor> after;
  do {
    const Result<StaffPage> page = company.store.List(2, after);
    REQUIRE(page);
    REQUIRE(page->staff.size() <= 2);
    REQUIRE_FALSE(page->staff.empty());
    for (const Staff& staff : page->staff) listed.push_back(staff.id);
    has_more.push_back(page->has_more);
    after = StaffCursor{page->staff.back().updated_at, page->staff.back().id};
  } while (has_more.back() && has_more.size() < 10);

  std::vector<std::string> expected;
  for (const Staff& staff : rows) expected.push_back(staff.id);
  CHECK(listed == expected);
  CHECK(has_more == std::vector<bool>{true, true, false});
}

TEST_CASE("a page that ends exactly at the last row has no more", "[unit]") {
  TempDir dir;
  CompanyDb company(dir);
  InsertStaff(company.store, MakeStaff("uid-1", "a@gofast.test"));
  InsertStaff(company.store, MakeStaff("uid-2", "b@gofast.test"));

  const Result<StaffPage> page = company.store.List(2, std::nullopt);
  REQUIRE(page);
  CHECK(page->staff.size() == 2);
  CHECK_FALSE(page->has_more);
}

TEST_CASE("a seed stores the company and its staff together", "[unit]") {
  TempDir dir;
  CompanyDb company(dir, false);
  const Staff founder = MakeStaff("uid-1", "a@gofast.test", "Founder");
  const Staff invited = MakeStaff("temp-2", "b@gofast.test", "CFO");
  REQUIRE(company.store.Seed(MakeCompany(), {founder, invited}));
  const Result<std::optional<Company>> tenant = company.store.FindCompany();
  REQUIRE(tenant);
  REQUIRE(tenant.value());
  CHECK(tenant.value()->id == kCompanyId);
  const Result<std::vector<Staff>> all = company.store.AllStaff();
  REQUIRE(all);
  REQUIRE(all->size() == 2);
  CHECK(all.value()[0].id == founder.id);
  CHECK(all.value()[1].id == invited.id);
}

TEST_CASE("a seed replaces the stored tenant row with its own", "[unit]") {
  TempDir dir;
  CompanyDb company(dir);
  Company renamed = MakeCompany();
  renamed.company_name = "Acme";
  renamed.city = "Arlington";
  renamed.updated_at = "2026-02-01T00:00:00.000Z";
  REQUIRE(company.store.Seed(renamed, {}));
  const Result<std::optional<Company>> tenant = company.store.FindCompany();
  REQUIRE(tenant);
  REQUIRE(tenant.value());
  CHECK(tenant.value()->company_name == "Acme");
  CHECK(tenant.value()->city == "Arlington");
  CHECK(tenant.value()->updated_at == "2026-02-01T00:00:00.000Z");
}

TEST_CASE("all staff come in the order they were stored, not by id or time", "[unit]") {
  TempDir dir;
  CompanyDb company(dir);
  std::vector<std::string> stored;
  for (const char* created_at :
       {"2026-03-01T00:00:00.000Z", "2026-01-01T00:00:00.000Z", "2026-02-01T00:00:00.000Z"}) {
    stored.push_back(InsertStaff(company.store, MakeStaff(NewUuidV4(), NewUuidV4() + "@gofast.test",
                                                          "Sales", created_at))
                         .id);
  }
  const Result<std::vector<Staff>> all = company.store.AllStaff();
  REQUIRE(all);
  std::vector<std::string> ids;
  for (const Staff& staff : all.value()) ids.push_back(staff.id);
  CHECK(ids == stored);
}

TEST_CASE("a seed is all or nothing", "[unit]") {
  TempDir dir;
  CompanyDb company(dir, false);
  // The second row's firebaseId is the first's, after the company and first row went in.
  const Status seeded = company.store.Seed(
      MakeCompany(),
      {MakeStaff("uid-1", "a@gofast.test", "Founder"), MakeStaff("uid-1", "b@gofast.test")});
  REQUIRE_FALSE(seeded);
  CHECK(seeded.error().code == ErrorCode::kConflict);
  const Result<std::optional<Company>> tenant = company.store.FindCompany();
  REQUIRE(tenant);
  CHECK_FALSE(tenant.value());
  CHECK(CountStaff(company.store) == 0);
}

TEST_CASE("a tenant reset removes every staff row and puts the given tenant row back", "[unit]") {
  TempDir dir;
  CompanyDb company(dir);
  Company renamed = MakeCompany();
  renamed.company_name = "Acme";
  REQUIRE(company.store.Seed(renamed, {MakeStaff("uid-1", "a@gofast.test", "Founder"),
                                       MakeStaff("temp-2", "b@gofast.test", "CFO")}));
  Company start = MakeCompany();
  start.created_at = start.updated_at = "2026-04-01T00:00:00.000Z";

  REQUIRE(company.store.ResetTenant(start));
  CHECK(CountStaff(company.store) == 0);
  const Result<std::optional<Company>> tenant = company.store.FindCompany();
  REQUIRE(tenant);
  REQUIRE(tenant.value());
  CHECK(tenant.value()->company_name == "GoFast Inc");
  CHECK(tenant.value()->created_at == "2026-04-01T00:00:00.000Z");
}

TEST_CASE("a tenant reset and deletes record each row they remove in the feed", "[unit][feed]") {
  TempDir dir;
  CompanyDb company(dir);
  const Staff ada = InsertStaff(company.store, MakeStaff("uid-1", "a@gofast.test", "Founder"));
  const Staff bob = InsertStaff(company.store, MakeStaff("uid-2", "b@gofast.test"));
  REQUIRE(company.store.DeleteStaff({bob.id, "no-such-id"}, "2026-04-01T00:00:00.000Z"));
  Company start = MakeCompany();
  start.created_at = start.updated_at = "2026-04-02T00:00:00.000Z";
  REQUIRE(company.store.ResetTenant(start));

  const Result<std::vector<StaffChange>> changes = company.store.ChangesAfter(0, 10);
  REQUIRE(changes);
  REQUIRE(changes->size() == 4);
  CHECK(changes->at(2).kind == StaffChangeKind::kRemoved);
  CHECK(changes->at(2).staff.id == bob.id);
  CHECK(changes->at(2).at == "2026-04-01T00:00:00.000Z");
  CHECK(changes->at(3).kind == StaffChangeKind::kRemoved);
  CHECK(changes->at(3).staff.id == ada.id);
  CHECK(changes->at(3).staff.email == "a@gofast.test");  // the row as it was
  CHECK(changes->at(3).at == "2026-04-02T00:00:00.000Z");
  CHECK(changes->at(3).position == 4);
}

TEST_CASE("staff stored before the feed existed enter it as created, in the order stored",
          "[unit][feed]") {
  TempDir dir;
  std::vector<std::string> stored;
  {
    // company.db as the first schema left it, before the feed's migration.
    Result<std::unique_ptr<db::Database>> first_schema =
        db::Database::Open(dir.File("company.db"), {SchemaMigrations().front()});
    REQUIRE(first_schema);
    SqliteStaffStore store(*first_schema.value());
    REQUIRE(store.InsertCompany(MakeCompany()));
    for (const char* uid : {"uid-z", "uid-a"}) {
      const Staff staff = MakeStaff(uid, std::string(uid) + "@gofast.test");
      first_schema.value()->writer().Acquire().db().exec(
          "INSERT INTO company_staff (id, firebaseId, email, companyId, role, createdAt, "
          "updatedAt) VALUES ('" +
          staff.id + "', '" + staff.firebase_id + "', '" + staff.email + "', '" + kCompanyId +
          "', 'Sales', '" + staff.created_at + "', '" + staff.updated_at + "')");
      stored.push_back(staff.id);
    }
  }
  CompanyDb company(dir, /*with_tenant=*/false);
  const Result<std::vector<StaffChange>> changes = company.store.ChangesAfter(0, 10);
  REQUIRE(changes);
  REQUIRE(changes->size() == 2);
  for (size_t i = 0; i < stored.size(); ++i) {
    CHECK(changes->at(i).position == static_cast<int64_t>(i + 1));
    CHECK(changes->at(i).kind == StaffChangeKind::kCreated);
    CHECK(changes->at(i).staff.id == stored[i]);
  }
}

}  // namespace
}  // namespace gofast::company
