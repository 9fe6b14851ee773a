// The seed: its reader (shape and types), CheckSeed (the table's rules) and
// PrepareTenant (what a start does to the tables), over an in-memory store.
#include <catch2/catch.hpp>
#include <set>

#include "company_service/domain/tenant.h"
#include "company_service/seed_file.h"
#include "shared/core/ids.h"
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
  rows.company.id = kCompanyId;
  rows.staff = std::move(staff);
  return rows;
}

Seed CheckedSeed(const SeedRows& rows) {
  Result<Seed> seed = CheckSeed(rows, kCompanyId, kClock);
  REQUIRE(seed);
  return std::move(seed).value();
}

// --- ParseSeedRows: shape and types only ---

TEST_CASE("the seed reader reads the company and staff members it knows", "[unit]") {
  const Result<SeedRows> rows = ParseSeedRows(R"({
    "company": {"id": "company-1", "companyName": "Acme", "city": "Arlington", "state": null},
    "staff": [
      {"id": "8d4c2a6e-1f3b-4c7d-9e2a-5b6c7d8e9f01", "firebaseId": "uid-1", "email": "A@B.test",
       "role": "Founder", "firstName": "Fay", "lastName": "Founder",
       "photoURL": "https://p.test/f.png", "startDate": "2024-01-15", "companyId": "company-1",
       "unknownMember": 5},
      {"email": "cfo@b.test", "role": "CFO"}
    ]})");
  REQUIRE(rows);
  CHECK(rows->company.id == "company-1");
  CHECK(rows->company.company_name == "Acme");
  CHECK(rows->company.city == "Arlington");
  CHECK_FALSE(rows->company.state.has_value());  // null reads as missing
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
  CHECK_FALSE(rows->staff[1].id.has_value());
  CHECK_FALSE(rows->staff[1].firebase_id.has_value());
}

TEST_CASE("a seed without staff has no staff rows", "[unit]") {
  const Result<SeedRows> rows = ParseSeedRows(R"({"company": {"id": "company-1"}})");
  REQUIRE(rows);
  CHECK(rows->staff.empty());
}

TEST_CASE("the seed reader refuses text that is not JSON", "[unit]") {
  CheckSeedProblem(ParseSeedRows("{\"company\": "), "the file is not valid JSON");
  CheckSeedProblem(ParseSeedRows(""), "the file is not valid JSON");
}

TEST_CASE("the seed reader refuses JSON that is not an object", "[unit]") {
  CheckSeedProblem(ParseSeedRows("[]"), "the file must hold a JSON object");
  CheckSeedProblem(ParseSeedRows("\"seed\""), "the file must hold a JSON object");
}

TEST_CASE("the seed reader needs a company object", "[unit]") {
  CheckSeedProblem(ParseSeedRows(R"({"staff": []})"), "company must be an object");
  CheckSeedProblem(ParseSeedRows(R"({"company": "company-1"})"), "company must be an object");
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

// --- CheckSeed: the table's rules ---

TEST_CASE("a seed must be for the configured company", "[unit]") {
  SeedRows rows = RowsWith({});
  rows.company.id = "company-2";
  CheckSeedProblem(CheckSeed(rows, kCompanyId, kClock),
                   "company.id must equal --company-id (company-1)");
  rows.company.id.reset();
  CheckSeedProblem(CheckSeed(rows, kCompanyId, kClock), "company.id must equal --company-id");
}

TEST_CASE("a seed's staff need a valid email", "[unit]") {
  CheckSeedProblem(
      CheckSeed(RowsWith({StaffRow("ok@b.test", "CFO"), StaffRow("not-an-email", "CFO")}),
                kCompanyId, kClock),
      "staff[1].email is not a valid address");
  SeedStaffRow no_email = StaffRow("", "CFO");
  no_email.email.reset();
  CheckSeedProblem(CheckSeed(RowsWith({no_email}), kCompanyId, kClock),
                   "staff[0].email is not a valid address");
}

TEST_CASE("a seed's staff need a known role", "[unit]") {
  CheckSeedProblem(CheckSeed(RowsWith({StaffRow("a@b.test", "CEO")}), kCompanyId, kClock),
                   "staff[0].role is not a known role");
  SeedStaffRow no_role = StaffRow("a@b.test", "");
  no_role.role.reset();
  CheckSeedProblem(CheckSeed(RowsWith({no_role}), kCompanyId, kClock),
                   "staff[0].role is not a known role");
}

TEST_CASE("a seed's staff cannot belong to another company", "[unit]") {
  SeedStaffRow row = StaffRow("a@b.test", "CFO");
  row.company_id = "company-2";
  CheckSeedProblem(CheckSeed(RowsWith({row}), kCompanyId, kClock),
                   "staff[0].companyId must be the tenant's id");
}

TEST_CASE("a seed's staff id must be a UUID", "[unit]") {
  SeedStaffRow row = StaffRow("a@b.test", "CFO");
  row.id = "staff-1";
  CheckSeedProblem(CheckSeed(RowsWith({row}), kCompanyId, kClock), "staff[0].id must be a UUID");
}

TEST_CASE("a seed cannot name one staff id twice", "[unit]") {
  SeedStaffRow first = StaffRow("a@b.test", "CFO");
  first.id = "8d4c2a6e-1f3b-4c7d-9e2a-5b6c7d8e9f01";
  SeedStaffRow second = StaffRow("b@b.test", "Sales");
  second.id = "8D4C2A6E-1F3B-4C7D-9E2A-5B6C7D8E9F01";  // the same id in capitals
  CheckSeedProblem(CheckSeed(RowsWith({first, second}), kCompanyId, kClock),
                   "staff[1].id appears twice");
}

TEST_CASE("a seed cannot name one firebaseId twice", "[unit]") {
  SeedStaffRow first = StaffRow("a@b.test", "CFO");
  first.firebase_id = "uid-1";
  SeedStaffRow second = StaffRow("b@b.test", "Sales");
  second.firebase_id = "uid-1";
  CheckSeedProblem(
      CheckSeed(RowsWith({StaffRow("c@b.test", "CFO"), first, second}), kCompanyId, kClock),
      "staff[2].firebaseId appears twice");
}

TEST_CASE(
    "a checked seed fills missing ids, invites rows without a firebaseId and lower-cases emails",
    "[unit]") {
  SeedRows rows = RowsWith({});
  rows.company.company_name = "Acme";
  rows.company.website = "https://acme.test";
  SeedStaffRow founder = StaffRow("Fay@Acme.TEST", "Founder");
  founder.id = "8D4C2A6E-1F3B-4C7D-9E2A-5B6C7D8E9F01";
  founder.firebase_id = "uid-fay";
  founder.company_id = kCompanyId;
  founder.first_name = "Fay";
  rows.staff = {founder, StaffRow("cfo@acme.test", "CFO"), StaffRow("sales@acme.test", "Sales")};

  const Seed seed = CheckedSeed(rows);
  CHECK(seed.company.id == kCompanyId);
  CHECK(seed.company.company_name == "Acme");
  CHECK(seed.company.website == "https://acme.test");
  CHECK(seed.company.created_at == kNow);
  REQUIRE(seed.staff.size() == 3);
  CHECK(seed.staff[0].id == "8d4c2a6e-1f3b-4c7d-9e2a-5b6c7d8e9f01");
  CHECK(seed.staff[0].firebase_id == "uid-fay");
  CHECK(seed.staff[0].email == "fay@acme.test");
  CHECK(seed.staff[0].first_name == "Fay");
  std::set<std::string> ids;
  for (const Staff& staff : seed.staff) {
    CHECK(LooksLikeUuid(staff.id));
    CHECK(staff.company_id == kCompanyId);  // also where the row left it out
    CHECK(staff.created_at == kNow);
    CHECK(staff.updated_at == kNow);
    ids.insert(staff.id);
  }
  CHECK(ids.size() == 3);
  for (size_t index : {1u, 2u}) {
    CHECK_THAT(seed.staff[index].firebase_id, Catch::StartsWith("temp-"));
    CHECK(LooksLikeUuid(seed.staff[index].firebase_id.substr(5)));
  }
  CHECK(seed.staff[1].firebase_id != seed.staff[2].firebase_id);
}

TEST_CASE("a seed without a company name keeps the default one", "[unit]") {
  CHECK(CheckedSeed(RowsWith({})).company.company_name == "GoFast Inc");
}

TEST_CASE("the sample seed keeps the rules", "[unit]") {
  const Result<SeedRows> rows = ReadSeedFile(GOFAST_SOURCE_DIR "/company_service/sample_seed.json");
  REQUIRE(rows);
  REQUIRE(rows->company.id);
  const Result<Seed> seed = CheckSeed(rows.value(), *rows->company.id, kClock);
  REQUIRE(seed);
  CHECK_FALSE(seed->staff.empty());
}

// --- PrepareTenant: what a start does to the tables ---

TEST_CASE("a seed is loaded into empty tables", "[unit]") {
  FakeStaffStore store;
  SeedRows rows = RowsWith({StaffRow("a@b.test", "Founder"), StaffRow("c@b.test", "CFO")});
  rows.company.company_name = "Acme";
  const Seed seed = CheckedSeed(rows);

  REQUIRE(PrepareTenant(store, kCompanyId, seed, kClock));
  REQUIRE(store.company);
  CHECK(store.company->id == kCompanyId);
  CHECK(store.company->company_name == "Acme");
  CHECK(store.staff.size() == 2);
  CHECK(store.seed_calls == 1);
}

TEST_CASE("a second start with a seed changes nothing", "[unit]") {
  FakeStaffStore store;
  const Seed seed = CheckedSeed(RowsWith({StaffRow("a@b.test", "Founder")}));
  REQUIRE(PrepareTenant(store, kCompanyId, seed, kClock));
  const int writes = store.writes;

  const Seed another =
      CheckedSeed(RowsWith({StaffRow("x@b.test", "CFO"), StaffRow("y@b.test", "CFO")}));
  REQUIRE(PrepareTenant(store, kCompanyId, another, kClock));
  REQUIRE(PrepareTenant(store, kCompanyId, std::nullopt, kClock));
  CHECK(store.writes == writes);
  CHECK(store.staff.size() == 1);
}

TEST_CASE("a seed is not loaded beside staff already stored", "[unit]") {
  FakeStaffStore store;
  store.staff["staff-1"] = MakeStaff("staff-1", "uid-1", "a@b.test");
  const Seed seed = CheckedSeed(RowsWith({StaffRow("x@b.test", "CFO")}));

  REQUIRE(PrepareTenant(store, kCompanyId, seed, kClock));
  CHECK(store.seed_calls == 0);
  CHECK(store.staff.size() == 1);
  REQUIRE(store.company);  // the tenant row is still made
  CHECK(store.company->id == kCompanyId);
}

TEST_CASE("a database of another company is refused", "[unit]") {
  FakeStaffStore store;
  Company other;
  other.id = "company-2";
  store.company = other;
  const bool with_seed = GENERATE(false, true);
  std::optional<Seed> seed;
  if (with_seed) seed = CheckedSeed(RowsWith({StaffRow("a@b.test", "Founder")}));

  const Status prepared = PrepareTenant(store, kCompanyId, seed, kClock);
  REQUIRE_FALSE(prepared);
  CHECK(prepared.error().code == ErrorCode::kValidationFailed);
  CHECK_THAT(prepared.error().message,
             Catch::Contains("company-2") && Catch::Contains("company-1"));
  CHECK(store.writes == 0);
  CHECK(store.company->id == "company-2");
}

TEST_CASE("without a seed the tenant row is created", "[unit]") {
  FakeStaffStore store;
  REQUIRE(PrepareTenant(store, kCompanyId, std::nullopt, kClock));
  REQUIRE(store.company);
  CHECK(store.company->id == kCompanyId);
  CHECK(store.company->company_name == "GoFast Inc");
  CHECK(store.company->created_at == kNow);
  CHECK(store.company->updated_at == kNow);
  CHECK(store.staff.empty());
  CHECK(store.seed_calls == 0);
}

}  // namespace
}  // namespace gofast::company
