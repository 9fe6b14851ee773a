// The seed: its reader (shape, types, unknown members), CheckSeed (the tables'
// rules) and PrepareTenant (what a start does to the tables), over an in-memory store.
#include <catch2/catch.hpp>

#include "company_service/domain/tenant.h"
#include "company_service/seed_file.h"
#include "tests/company/unit/fake_staff_store.h"

namespace gofast::company {
namespace {

using fakes::FakeStaffStore;
using fakes::MakeStaff;

constexpr char kCompanyId[] = "company-1";
constexpr char kNow[] = "2026-01-24T12:00:00.000Z";
const IsoClock kClock = [] { return std::string(kNow); };

// Every seed problem is VALIDATION_FAILED and told as "seed: ...".
template <typename T>
void CheckSeedProblem(const Result<T>& result, const std::string& text) {
  REQUIRE_FALSE(result);
  CHECK(result.error().code == ErrorCode::kValidationFailed);
  CHECK_THAT(result.error().message, Catch::StartsWith("seed: "));
  CHECK_THAT(result.error().message, Catch::Contains(text));
}

SeedStaffRow StaffRow(const std::string& email, const std::string& role) {
  SeedStaffRow row;
  row.email = email;
  row.role = role;
  return row;
}

SeedRows RowsWith(std::vector<SeedStaffRow> staff) {
  SeedRows rows;
  rows.company.emplace().id = kCompanyId;
  rows.staff = std::move(staff);
  return rows;
}

// --- ParseSeedRows: shape and types only ---

TEST_CASE("the seed reader reads the company and staff members it knows", "[unit]") {
  const Result<SeedRows> rows = ParseSeedRows(R"({
    "company": {"id": "company-1", "companyName": "Acme", "city": "Arlington", "state": null},
    "staff": [
      {"id": "8d4c2a6e-1f3b-4c7d-9e2a-5b6c7d8e9f01", "firebaseId": "uid-1", "email": "A@B.test",
       "role": "Founder", "firstName": "Fay", "lastName": "Founder",
       "photoURL": "https://p.test/f.png", "startDate": "2024-01-15", "companyId": "company-1",
       "createdAt": "2026-01-02T03:04:05.678Z", "updatedAt": null},
      {"email": "cfo@b.test", "role": "CFO"}
    ]})");
  REQUIRE(rows);
  REQUIRE(rows->company);
  CHECK(rows->company->id == "company-1");
  CHECK(rows->company->company_name == "Acme");
  CHECK(rows->company->city == "Arlington");
  CHECK_FALSE(rows->company->state.has_value());  // null reads as missing
  REQUIRE(rows->staff.size() == 2);
  const SeedStaffRow& founder = rows->staff[0];
  CHECK(founder.id == "8d4c2a6e-1f3b-4c7d-9e2a-5b6c7d8e9f01");
  CHECK(founder.firebase_id == "uid-1");
  CHECK(founder.email == "A@B.test");  // as written: lower-casing is CheckSeed's
  CHECK(founder.role == "Founder");
  CHECK(founder.first_name == "Fay");
  CHECK(founder.last_name == "Founder");
  CHECK(founder.photo_url == "https://p.test/f.png");
  CHECK(founder.start_date == "2024-01-15");
  CHECK(founder.company_id == "company-1");
  CHECK(founder.created_at == "2026-01-02T03:04:05.678Z");
  CHECK_FALSE(founder.updated_at.has_value());
  CHECK_FALSE(rows->staff[1].id.has_value());
  CHECK_FALSE(rows->staff[1].firebase_id.has_value());
}

TEST_CASE("a seed without staff has no staff rows, and one without company no tenant row",
          "[unit]") {
  const Result<SeedRows> rows = ParseSeedRows(R"({"company": {"id": "company-1"}})");
  REQUIRE(rows);
  CHECK(rows->staff.empty());
  const Result<SeedRows> staff_only = ParseSeedRows(R"({"staff": [], "company": null})");
  REQUIRE(staff_only);
  CHECK_FALSE(staff_only->company);
  REQUIRE(ParseSeedRows("{}"));
}

TEST_CASE("the seed reader refuses text that is not JSON, or not strictly", "[unit]") {
  CheckSeedProblem(ParseSeedRows("{\"company\": "), "the file is not valid JSON");
  CheckSeedProblem(ParseSeedRows(""), "the file is not valid JSON");
  CheckSeedProblem(ParseSeedRows(R"({"staff": [], "staff": []})"), "gives a key twice");
  CheckSeedProblem(ParseSeedRows("{} {}"), "the file is not valid JSON");
}

TEST_CASE("the seed reader refuses JSON that is not an object", "[unit]") {
  CheckSeedProblem(ParseSeedRows("[]"), "the document must be a JSON object");
  CheckSeedProblem(ParseSeedRows("\"seed\""), "the document must be a JSON object");
}

TEST_CASE("the seed reader needs company to be an object", "[unit]") {
  CheckSeedProblem(ParseSeedRows(R"({"company": "company-1"})"), "company must be an object");
}

TEST_CASE("an unknown member anywhere in a seed is refused, named by its path", "[unit]") {
  CheckSeedProblem(ParseSeedRows(R"({"company": {"id": "company-1"}, "staf": []})"),
                   "unknown field staf");
  CheckSeedProblem(ParseSeedRows(R"({"company": {"id": "company-1", "name": "Acme"}})"),
                   "unknown field company.name");
  CheckSeedProblem(ParseSeedRows(R"({"staff": [{"email": "a@b.test", "role": "CFO"},
      {"email": "b@b.test", "role": "CFO"}, {"email": "c@b.test", "nickname": null}]})"),
                   "unknown field staff[2].nickname");
  // A key that is not a plain name is quoted and escaped, never echoed as it came.
  const Result<SeedRows> odd =
      ParseSeedRows(R"({"staff": [{"email": "a@b.test", "first name\u0000<b>": "x"}]})");
  CheckSeedProblem(odd, R"(unknown field staff[0]["first name\u0000<b>"])");
}

TEST_CASE("a seed's text may not hold NUL", "[unit]") {
  CheckSeedProblem(ParseSeedRows(R"({"staff": [{"email": "a@b.test", "firstName": "A\u0000"}]})"),
                   "staff[0].firstName must not contain NUL");
}

TEST_CASE("a member of the wrong type is named by its path", "[unit]") {
  CheckSeedProblem(ParseSeedRows(R"({"company": {"id": 7}})"), "company.id must be a string");
  CheckSeedProblem(ParseSeedRows(R"({"company": {"id": "company-1"},
      "staff": [{"email": "a@b.test", "role": "CFO"}, {"email": ["a@b.test"], "role": "CFO"}]})"),
                   "staff[1].email must be a string");
  CheckSeedProblem(ParseSeedRows(R"({"company": {"id": "company-1"}, "staff": [{"role": true}]})"),
                   "staff[0].role must be a string");
  CheckSeedProblem(ParseSeedRows(R"({"company": {"id": "company-1"}, "staff": ["a@b.test"]})"),
                   "staff[0] must be an object");
}

TEST_CASE("the seed reader needs staff to be an array", "[unit]") {
  CheckSeedProblem(
      ParseSeedRows(R"({"company": {"id": "company-1"}, "staff": {"email": "a@b.test"}})"),
      "staff must be an array");
}

// --- CheckSeed: the tables' rules ---

TEST_CASE("a seed must be for the configured company", "[unit]") {
  SeedRows rows = RowsWith({});
  rows.company->id = "company-2";
  CheckSeedProblem(CheckSeed(rows, kCompanyId), "company.id must equal --company-id (company-1)");
  rows.company->id.reset();
  CheckSeedProblem(CheckSeed(rows, kCompanyId), "company.id must equal --company-id");
  rows.company.reset();
  CHECK(CheckSeed(rows, kCompanyId));
}

TEST_CASE("a seed's staff need a valid email", "[unit]") {
  CheckSeedProblem(
      CheckSeed(RowsWith({StaffRow("ok@b.test", "CFO"), StaffRow("not-an-email", "CFO")}),
                kCompanyId),
      "staff[1].email is not a valid address");
  SeedStaffRow no_email = StaffRow("", "CFO");
  no_email.email.reset();
  CheckSeedProblem(CheckSeed(RowsWith({no_email}), kCompanyId),
                   "staff[0].email is not a valid address");
}

TEST_CASE("a seed's staff need a known role", "[unit]") {
  CheckSeedProblem(CheckSeed(RowsWith({StaffRow("a@b.test", "CEO")}), kCompanyId),
                   "staff[0].role is not a known role");
  SeedStaffRow no_role = StaffRow("a@b.test", "");
  no_role.role.reset();
  CheckSeedProblem(CheckSeed(RowsWith({no_role}), kCompanyId), "staff[0].role is not a known role");
}

TEST_CASE("a seed's staff cannot belong to another company", "[unit]") {
  SeedStaffRow row = StaffRow("a@b.test", "CFO");
  row.company_id = "company-2";
  CheckSeedProblem(CheckSeed(RowsWith({row}), kCompanyId),
                   "staff[0].companyId must be the tenant's id");
}

TEST_CASE("a seed's staff id must be a UUID", "[unit]") {
  SeedStaffRow row = StaffRow("a@b.test", "CFO");
  row.id = "staff-1";
  CheckSeedProblem(CheckSeed(RowsWith({row}), kCompanyId), "staff[0].id must be a UUID");
}

TEST_CASE("a seed's times are UTC with milliseconds, as stored", "[unit]") {
  for (const char* bad :
       {"2026-01-24", "2026-01-24T12:00:00Z", "2026-01-24T13:00:00.000+01:00", "yesterday"}) {
    INFO(bad);
    SeedStaffRow row = StaffRow("a@b.test", "CFO");
    row.updated_at = bad;
    CheckSeedProblem(CheckSeed(RowsWith({row}), kCompanyId),
                     "staff[0].updatedAt must be a UTC time");
    SeedStaffRow started = StaffRow("b@b.test", "Sales");
    started.start_date = bad;
    CheckSeedProblem(CheckSeed(RowsWith({started}), kCompanyId),
                     "staff[0].startDate must be a UTC time");
    SeedRows rows = RowsWith({});
    rows.company->created_at = bad;
    CheckSeedProblem(CheckSeed(rows, kCompanyId), "company.createdAt must be a UTC time");
  }
}

TEST_CASE("a seed cannot name one staff id twice", "[unit]") {
  SeedStaffRow first = StaffRow("a@b.test", "CFO");
  first.id = "8d4c2a6e-1f3b-4c7d-9e2a-5b6c7d8e9f01";
  SeedStaffRow second = StaffRow("b@b.test", "Sales");
  second.id = "8D4C2A6E-1F3B-4C7D-9E2A-5B6C7D8E9F01";  // the same id in capitals
  CheckSeedProblem(CheckSeed(RowsWith({first, second}), kCompanyId), "staff[1].id appears twice");
}

TEST_CASE("a seed cannot name one firebaseId twice, nor an empty one", "[unit]") {
  SeedStaffRow first = StaffRow("a@b.test", "CFO");
  first.firebase_id = "uid-1";
  SeedStaffRow second = StaffRow("b@b.test", "Sales");
  second.firebase_id = "uid-1";
  CheckSeedProblem(CheckSeed(RowsWith({StaffRow("c@b.test", "CFO"), first, second}), kCompanyId),
                   "staff[2].firebaseId appears twice");
  first.firebase_id = "";
  CheckSeedProblem(CheckSeed(RowsWith({first}), kCompanyId),
                   "staff[0].firebaseId must not be empty");
}

TEST_CASE("rows of one seed may share an email, invitations too", "[unit]") {
  SeedStaffRow linked = StaffRow("a@b.test", "CFO");
  linked.firebase_id = "uid-1";
  CHECK(CheckSeed(RowsWith({linked, StaffRow("A@B.test", "Sales"), StaffRow("a@b.test", "CFO")}),
                  kCompanyId));
}

TEST_CASE("a checked seed is normalised, and what it leaves out stays out", "[unit]") {
  SeedStaffRow founder = StaffRow("Fay@Acme.TEST", "Founder");
  founder.id = "8D4C2A6E-1F3B-4C7D-9E2A-5B6C7D8E9F01";
  founder.first_name = "Fay";
  const Result<SeedRows> checked =
      CheckSeed(RowsWith({founder, StaffRow("cfo@acme.test", "CFO")}), kCompanyId);
  REQUIRE(checked);
  REQUIRE(checked->staff.size() == 2);
  const SeedStaffRow& row = checked->staff[0];
  CHECK(row.id == "8d4c2a6e-1f3b-4c7d-9e2a-5b6c7d8e9f01");
  CHECK(row.email == "fay@acme.test");
  CHECK(row.company_id == kCompanyId);
  CHECK(row.first_name == "Fay");
  CHECK_FALSE(row.firebase_id);
  CHECK_FALSE(row.created_at);
  CHECK_FALSE(checked->staff[1].id);
}

TEST_CASE("the sample seed keeps the rules", "[unit]") {
  const Result<SeedRows> rows = ReadSeedFile(GOFAST_SOURCE_DIR "/company_service/sample_seed.json");
  REQUIRE(rows);
  REQUIRE(rows->company);
  REQUIRE(rows->company->id);
  const Result<SeedRows> checked = CheckSeed(rows.value(), *rows->company->id);
  REQUIRE(checked);
  CHECK_FALSE(checked->staff.empty());
}

// --- PrepareTenant: what a start does to the tables ---

TEST_CASE("without a tenant row a start creates it at its start value", "[unit]") {
  FakeStaffStore store;
  REQUIRE(PrepareTenant(store, kCompanyId, kClock));
  REQUIRE(store.company);
  CHECK(store.company->id == kCompanyId);
  CHECK(store.company->company_name == "GoFast Inc");
  CHECK_FALSE(store.company->city);
  CHECK(store.company->created_at == kNow);
  CHECK(store.company->updated_at == kNow);
  CHECK(store.staff.empty());
}

TEST_CASE("a start leaves the tenant row and staff already stored as they are", "[unit]") {
  FakeStaffStore store;
  Company stored;
  stored.id = kCompanyId;
  stored.company_name = "Acme";
  store.company = stored;
  store.staff["staff-1"] = MakeStaff("staff-1", "uid-1", "a@b.test");
  REQUIRE(PrepareTenant(store, kCompanyId, kClock));
  CHECK(store.writes == 0);
  CHECK(store.company->company_name == "Acme");
}

TEST_CASE("a database of another company is refused", "[unit]") {
  FakeStaffStore store;
  Company other;
  other.id = "company-2";
  store.company = other;

  const Status prepared = PrepareTenant(store, kCompanyId, kClock);
  REQUIRE_FALSE(prepared);
  CHECK(prepared.error().code == ErrorCode::kValidationFailed);
  CHECK_THAT(prepared.error().message,
             Catch::Contains("company-2") && Catch::Contains("company-1"));
  CHECK(store.writes == 0);
  CHECK(store.company->id == "company-2");
}

}  // namespace
}  // namespace gofast::company
