// TenantData over an in-memory store: the merge rules of --seed and POST /_test/seed,
// the reset of DELETE /_test/data, --import and the export.
#include "company_service/domain/tenant_data.h"

#include <catch2/catch.hpp>

#include "shared/core/ids.h"
#include "tests/company/unit/fake_staff_store.h"

namespace gofast::company {
namespace {

using fakes::FakeStaffStore;
using fakes::MakeStaff;

constexpr char kCompanyId[] = "company-1";
constexpr char kStart[] = "2026-01-01T00:00:00.000Z";
constexpr char kNow[] = "2026-01-24T12:00:00.000Z";
constexpr char kFayId[] = "8d4c2a6e-1f3b-4c7d-9e2a-5b6c7d8e9f01";

// A store as a first start leaves it: the tenant row at its start value, no staff.
struct Fixture {
  Fixture() {
    store.company = StartCompany(kCompanyId, kStart);
    store.writes = 0;
  }
  FakeStaffStore store;
  TenantData data{store, kCompanyId, [] { return std::string(kNow); }};
};

SeedStaffRow StaffRow(const std::string& email, const std::string& role,
                      std::optional<std::string> firebase_id = std::nullopt) {
  SeedStaffRow row;
  row.email = email;
  row.role = role;
  row.firebase_id = std::move(firebase_id);
  return row;
}

SeedStaffRow Fay() {
  SeedStaffRow row = StaffRow("fay@acme.test", "Founder", "uid-fay");
  row.id = kFayId;
  row.first_name = "Fay";
  return row;
}

SeedRows Rows(std::vector<SeedStaffRow> staff, bool with_company = false) {
  SeedRows rows;
  if (with_company) rows.company.emplace().id = kCompanyId;
  rows.staff = std::move(staff);
  return rows;
}

void CheckConflict(const Result<MergeOutcome>& merged, const std::string& text) {
  REQUIRE_FALSE(merged);
  CHECK(merged.error().code == ErrorCode::kConflict);
  CHECK_THAT(merged.error().message, Catch::StartsWith("seed: ") && Catch::Contains(text));
}

TEST_CASE("a merge fills what rows leave out: ids, invitations' firebaseIds and times", "[unit]") {
  Fixture f;
  SeedStaffRow dated = StaffRow("old@acme.test", "Sales", "uid-old");
  dated.created_at = "2025-05-05T05:05:05.005Z";
  const Result<MergeOutcome> merged =
      f.data.Merge(Rows({Fay(), StaffRow("Cal@Acme.test", "CFO"), dated}));
  REQUIRE(merged);
  CHECK(merged->stored == 3);
  CHECK(merged->skipped == 0);
  REQUIRE(f.store.staff.size() == 3);
  const Staff& fay = f.store.staff.at(kFayId);
  CHECK(fay.firebase_id == "uid-fay");
  CHECK(fay.company_id == kCompanyId);
  CHECK(fay.created_at == kNow);
  CHECK(fay.updated_at == kNow);
  for (const auto& [id, row] : f.store.staff) {
    CHECK(LooksLikeUuid(id));
    if (row.email == "cal@acme.test") {
      CHECK_THAT(row.firebase_id, Catch::StartsWith("temp-"));
      CHECK(LooksLikeUuid(row.firebase_id.substr(5)));
    }
    if (row.email == "old@acme.test") {
      CHECK(row.created_at == "2025-05-05T05:05:05.005Z");
      CHECK(row.updated_at == row.created_at);  // not updated since
    }
  }
}

TEST_CASE("merging the same rows again stores nothing", "[unit]") {
  Fixture f;
  SeedRows rows = Rows({Fay(), StaffRow("cal@acme.test", "CFO")}, true);
  rows.company->company_name = "Acme";
  REQUIRE(f.data.Merge(rows));
  const auto staff = f.store.staff;
  const int writes = f.store.writes;

  const Result<MergeOutcome> again = f.data.Merge(rows);
  REQUIRE(again);
  CHECK(again->stored == 0);
  CHECK(again->skipped == 3);  // the tenant row and both staff rows
  CHECK(f.store.writes == writes);
  CHECK(f.store.staff.size() == staff.size());
}

TEST_CASE("an invitation named by its email alone is the stored row, linked since", "[unit]") {
  Fixture f;
  REQUIRE(f.data.Merge(Rows({StaffRow("cal@acme.test", "CFO")})));
  Staff& invited = f.store.staff.begin()->second;
  invited.firebase_id = "uid-cal";  // Cal signed in
  invited.updated_at = "2026-01-25T00:00:00.000Z";
  const int writes = f.store.writes;

  const Result<MergeOutcome> again = f.data.Merge(Rows({StaffRow("cal@acme.test", "CFO")}));
  REQUIRE(again);
  CHECK(again->skipped == 1);
  CHECK(f.store.writes == writes);
  CheckConflict(f.data.Merge(Rows({StaffRow("cal@acme.test", "Sales")})),
                "staff[0] differs from stored staff " + invited.id + ", which holds its email");
}

TEST_CASE(
    "a row that differs from the stored row with its id is refused by name, and no row "
    "of its seed is written",
    "[unit]") {
  Fixture f;
  REQUIRE(f.data.Merge(Rows({Fay()})));
  const int writes = f.store.writes;
  SeedStaffRow changed = Fay();
  changed.role = "CFO";

  CheckConflict(f.data.Merge(Rows({StaffRow("new@acme.test", "Sales"), changed})),
                std::string("staff[1] differs from stored staff ") + kFayId + " in role");
  CHECK(f.store.writes == writes);
  CHECK(f.store.staff.size() == 1);
  // Found by firebaseId when it has no id; a stored time it gives must match too.
  SeedStaffRow by_uid = Fay();
  by_uid.id.reset();
  by_uid.created_at = "2020-01-01T00:00:00.000Z";
  CheckConflict(f.data.Merge(Rows({by_uid})), "in createdAt");
}

TEST_CASE("a new row whose firebaseId a stored row holds is refused", "[unit]") {
  Fixture f;
  REQUIRE(f.data.Merge(Rows({Fay()})));
  SeedStaffRow other = StaffRow("other@acme.test", "Sales", "uid-fay");
  other.id = NewUuidV4();
  CheckConflict(f.data.Merge(Rows({other})),
                std::string("staff[0].firebaseId is held by stored staff ") + kFayId);
}

TEST_CASE("an invitation's email belongs to one stored row", "[unit]") {
  Fixture f;
  REQUIRE(f.data.Merge(Rows({Fay(), StaffRow("cal@acme.test", "CFO")})));
  // A new invitation for an email a linked row holds.
  SeedStaffRow invitation = StaffRow("fay@acme.test", "Sales");
  invitation.id = NewUuidV4();
  CheckConflict(f.data.Merge(Rows({invitation})),
                std::string("staff[0].email is held by stored staff ") + kFayId);
  // A new linked row for an email a stored invitation holds.
  CheckConflict(f.data.Merge(Rows({StaffRow("cal@acme.test", "CFO", "uid-cal")})),
                "staff[0].email is held by stored staff");
  // Linked rows may share one.
  REQUIRE(f.data.Merge(Rows({StaffRow("fay@acme.test", "Sales", "uid-fay-2")})));
}

TEST_CASE("the tenant row is replaced only while it is at its start value", "[unit]") {
  Fixture f;
  SeedRows acme = Rows({}, true);
  acme.company->company_name = "Acme";
  acme.company->city = "Arlington";
  const Result<MergeOutcome> merged = f.data.Merge(acme);
  REQUIRE(merged);
  CHECK(merged->stored == 1);
  CHECK(f.store.company->company_name == "Acme");
  CHECK(f.store.company->city == "Arlington");
  CHECK(f.store.company->created_at == kStart);
  CHECK(f.store.company->updated_at == kNow);

  SeedRows other = acme;
  other.company->city = "Boston";
  CheckConflict(f.data.Merge(other), "company company-1 is stored with another city");
  CHECK(f.store.company->city == "Arlington");
  // Without a company member the tenant row is left alone.
  REQUIRE(f.data.Merge(Rows({Fay()})));
  CHECK(f.store.company->company_name == "Acme");
}

TEST_CASE("a seed's company without a name gives the tenant the default one", "[unit]") {
  Fixture f;
  SeedRows rows = Rows({}, true);
  rows.company->city = "Arlington";
  REQUIRE(f.data.Merge(rows));
  CHECK(f.store.company->company_name == "GoFast Inc");
}

TEST_CASE("rows that break the rules are refused before anything is read or written", "[unit]") {
  Fixture f;
  const Result<MergeOutcome> merged = f.data.Merge(Rows({StaffRow("a@acme.test", "CEO")}));
  REQUIRE_FALSE(merged);
  CHECK(merged.error().code == ErrorCode::kValidationFailed);
  CHECK(f.store.writes == 0);
}

TEST_CASE("a reset removes every staff row and puts the tenant row back at its start value",
          "[unit]") {
  Fixture f;
  SeedRows rows = Rows({Fay(), StaffRow("cal@acme.test", "CFO")}, true);
  rows.company->company_name = "Acme";
  REQUIRE(f.data.Merge(rows));

  REQUIRE(f.data.Reset());
  CHECK(f.store.staff.empty());
  REQUIRE(f.store.company);
  CHECK(f.store.company->id == kCompanyId);
  CHECK(f.store.company->company_name == "GoFast Inc");
  CHECK(f.store.company->created_at == kNow);
}

TEST_CASE("an import replaces everything, and one that breaks the rules changes nothing",
          "[unit]") {
  Fixture f;
  REQUIRE(f.data.Merge(Rows({StaffRow("cal@acme.test", "CFO")})));
  const Status refused = f.data.Import(Rows({Fay(), StaffRow("x@acme.test", "CEO")}));
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == ErrorCode::kValidationFailed);
  CHECK(f.store.staff.size() == 1);

  // Fay's email is Cal's no longer stored invitation: after the reset nothing conflicts.
  SeedStaffRow fay = Fay();
  REQUIRE(f.data.Import(Rows({fay})));
  REQUIRE(f.store.staff.size() == 1);
  CHECK(f.store.staff.count(kFayId) == 1);
}

TEST_CASE("an export answers the tenant row and every staff row", "[unit]") {
  Fixture f;
  REQUIRE(f.data.Merge(Rows({Fay(), StaffRow("cal@acme.test", "CFO")})));
  const Result<TenantSnapshot> snapshot = f.data.Export();
  REQUIRE(snapshot);
  CHECK(snapshot->company.id == kCompanyId);
  CHECK(snapshot->staff.size() == 2);
}

}  // namespace
}  // namespace gofast::company
