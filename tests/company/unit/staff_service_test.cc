// StaffService's rules over an in-memory store: find-or-create, invitations,
// and who may read staff.
#include "company_service/domain/staff_service.h"

#include <catch2/catch.hpp>

#include "shared/core/ids.h"
#include "tests/company/unit/fake_staff_store.h"

namespace gofast::company {
namespace {

using fakes::FakeStaffStore;
using fakes::MakeStaff;

constexpr char kNow[] = "2026-01-24T12:00:00.000Z";
std::string FixedClock() { return kNow; }

StaffPolicy OpenPolicy() {
  StaffPolicy policy;
  policy.company_id = "company-1";
  policy.signup = SignupPolicy::kOpen;
  policy.default_role = "Sales";  // not the built-in default, so the test sees the policy's
  policy.require_verified_email_to_link = true;
  return policy;
}

StaffPolicy InviteOnlyPolicy() {
  StaffPolicy policy = OpenPolicy();
  policy.signup = SignupPolicy::kInviteOnly;
  return policy;
}

const Caller kAda{"uid-ada", "Ada@GoFast.test", "Ada King Lovelace", true,
                  "https://img.test/ada.png"};
const ProfileFields kNoProfile{std::nullopt, std::nullopt, std::nullopt};

// Every member, so a test sees any change a rule made to a row.
void CheckSameRow(const Staff& actual, const Staff& expected) {
  CHECK(actual.id == expected.id);
  CHECK(actual.firebase_id == expected.firebase_id);
  CHECK(actual.email == expected.email);
  CHECK(actual.first_name == expected.first_name);
  CHECK(actual.last_name == expected.last_name);
  CHECK(actual.photo_url == expected.photo_url);
  CHECK(actual.company_id == expected.company_id);
  CHECK(actual.role == expected.role);
  CHECK(actual.start_date == expected.start_date);
  CHECK(actual.created_at == expected.created_at);
  CHECK(actual.updated_at == expected.updated_at);
}

// A Founder already linked to `uid`, as the rows a store holds.
Staff AddFounder(FakeStaffStore& store, const std::string& uid = "uid-founder") {
  const Staff founder = MakeStaff("staff-founder", uid, "founder@gofast.test", "Founder");
  store.staff[founder.id] = founder;
  return founder;
}

const Caller kFounder{"uid-founder", "founder@gofast.test", "Fay Founder", true, std::nullopt};

TEST_CASE("find-or-create answers the row already linked to the uid, unchanged", "[unit]") {
  FakeStaffStore store;
  Staff row = MakeStaff("staff-1", "uid-ada", "ada@gofast.test", "CFO");
  row.first_name = "Stored";
  store.staff[row.id] = row;
  StaffService service(store, OpenPolicy(), FixedClock);

  const Result<FindOrCreateOutcome> outcome =
      service.FindOrCreate(kAda, {"Other", "Name", std::nullopt});
  REQUIRE(outcome);
  CHECK_FALSE(outcome->created);
  CHECK_FALSE(outcome->linked);
  CheckSameRow(outcome->staff, row);
  CheckSameRow(store.staff.at("staff-1"), row);
  CHECK(store.writes == 0);
}

TEST_CASE("find-or-create links an invitation with the caller's email to the uid", "[unit]") {
  FakeStaffStore store;
  const Staff invited = MakeStaff("staff-invited", "temp-123", "ada@gofast.test", "Marketing");
  store.staff[invited.id] = invited;
  StaffService service(store, OpenPolicy(), FixedClock);

  const Result<FindOrCreateOutcome> outcome = service.FindOrCreate(kAda, kNoProfile);
  REQUIRE(outcome);
  CHECK(outcome->linked);
  CHECK_FALSE(outcome->created);
  CHECK(outcome->staff.id == "staff-invited");
  CHECK(outcome->staff.firebase_id == "uid-ada");
  CHECK(outcome->staff.role == "Marketing");  // the invitation's role, not the sign-up default
  CHECK(outcome->staff.updated_at == kNow);
  CHECK(outcome->staff.created_at == invited.created_at);
  CHECK(store.staff.at("staff-invited").firebase_id == "uid-ada");
  CHECK(store.staff.size() == 1);
}

TEST_CASE("an unverified email claims an invitation only when the policy allows it", "[unit]") {
  FakeStaffStore store;
  store.staff["staff-invited"] =
      MakeStaff("staff-invited", "temp-123", "ada@gofast.test", "Marketing");
  Caller unverified = kAda;
  unverified.email_verified = false;

  SECTION("the policy requires a verified email") {
    StaffService service(store, OpenPolicy(), FixedClock);
    const Result<FindOrCreateOutcome> outcome = service.FindOrCreate(unverified, kNoProfile);
    REQUIRE_FALSE(outcome);
    CHECK(outcome.error().code == ErrorCode::kEmailNotVerified);
    CHECK(store.staff.at("staff-invited").firebase_id == "temp-123");
    CHECK(store.staff.size() == 1);  // nor did it sign up instead
  }
  SECTION("the policy does not require one") {
    StaffPolicy policy = OpenPolicy();
    policy.require_verified_email_to_link = false;
    StaffService service(store, policy, FixedClock);
    const Result<FindOrCreateOutcome> outcome = service.FindOrCreate(unverified, kNoProfile);
    REQUIRE(outcome);
    CHECK(outcome->linked);
    CHECK(store.staff.at("staff-invited").firebase_id == "uid-ada");
  }
}

TEST_CASE("open sign-up creates a row from the profile, the policy and the clock", "[unit]") {
  FakeStaffStore store;
  StaffService service(store, OpenPolicy(), FixedClock);

  const Result<FindOrCreateOutcome> outcome =
      service.FindOrCreate(kAda, {"Augusta", "Byron", "https://img.test/profile.png"});
  REQUIRE(outcome);
  CHECK(outcome->created);
  CHECK_FALSE(outcome->linked);
  const Staff& staff = outcome->staff;
  CHECK(LooksLikeUuid(staff.id));
  CHECK(staff.firebase_id == "uid-ada");
  CHECK(staff.email == "ada@gofast.test");
  CHECK(staff.role == "Sales");
  CHECK(staff.company_id == "company-1");
  CHECK(staff.first_name == "Augusta");
  CHECK(staff.last_name == "Byron");
  CHECK(staff.photo_url == "https://img.test/profile.png");
  CHECK(staff.created_at == kNow);
  CHECK(staff.updated_at == kNow);
  REQUIRE(store.staff.count(staff.id) == 1);
  CheckSameRow(store.staff.at(staff.id), staff);
}

TEST_CASE("open sign-up without a profile takes the names and photo from the token", "[unit]") {
  FakeStaffStore store;
  StaffService service(store, OpenPolicy(), FixedClock);

  const Result<FindOrCreateOutcome> outcome = service.FindOrCreate(kAda, kNoProfile);
  REQUIRE(outcome);
  CHECK(outcome->created);
  CHECK(outcome->staff.first_name == "Ada");
  CHECK(outcome->staff.last_name == "King Lovelace");
  CHECK(outcome->staff.photo_url == "https://img.test/ada.png");
}

TEST_CASE("invite-only sign-up refuses an account nobody invited", "[unit]") {
  FakeStaffStore store;
  StaffService service(store, InviteOnlyPolicy(), FixedClock);

  const Result<FindOrCreateOutcome> outcome = service.FindOrCreate(kAda, kNoProfile);
  REQUIRE_FALSE(outcome);
  CHECK(outcome.error().code == ErrorCode::kNotCompanyStaff);
  CHECK(store.staff.empty());
}

TEST_CASE("invite-only sign-up still links an invitation", "[unit]") {
  FakeStaffStore store;
  store.staff["staff-invited"] = MakeStaff("staff-invited", "temp-123", "ada@gofast.test", "CFO");
  StaffService service(store, InviteOnlyPolicy(), FixedClock);

  const Result<FindOrCreateOutcome> outcome = service.FindOrCreate(kAda, kNoProfile);
  REQUIRE(outcome);
  CHECK(outcome->linked);
  CHECK(outcome->staff.id == "staff-invited");
}

TEST_CASE("find-or-create needs an email claim for an unknown uid", "[unit]") {
  FakeStaffStore store;
  StaffService service(store, OpenPolicy(), FixedClock);
  Caller caller = kAda;
  caller.email = GENERATE(std::optional<std::string>(), std::optional<std::string>(""));

  const Result<FindOrCreateOutcome> outcome = service.FindOrCreate(caller, kNoProfile);
  REQUIRE_FALSE(outcome);
  CHECK(outcome.error().code == ErrorCode::kEmailRequired);
  CHECK(store.staff.empty());
}

TEST_CASE("a second find-or-create for the same uid answers the same row", "[unit]") {
  FakeStaffStore store;
  StaffService service(store, OpenPolicy(), FixedClock);

  const Result<FindOrCreateOutcome> first = service.FindOrCreate(kAda, kNoProfile);
  REQUIRE(first);
  const Result<FindOrCreateOutcome> second =
      service.FindOrCreate(kAda, {"Changed", "Name", std::nullopt});
  REQUIRE(second);
  CHECK(first->created);
  CHECK_FALSE(second->created);
  CHECK_FALSE(second->linked);
  CheckSameRow(second->staff, first->staff);
  CHECK(store.staff.size() == 1);
}

TEST_CASE("an invitation with an invalid email fails validation before any permission check",
          "[unit]") {
  FakeStaffStore store;  // empty: the caller is not staff either
  StaffService service(store, OpenPolicy(), FixedClock);
  const std::optional<std::string> email =
      GENERATE(std::optional<std::string>(), std::optional<std::string>("not-an-email"),
               std::optional<std::string>("two@@gofast.test"),
               std::optional<std::string>("a b@gofast.test"));

  const Result<Staff> invited = service.Invite(kFounder, {email, "Sales", {}});
  REQUIRE_FALSE(invited);
  CHECK(invited.error().code == ErrorCode::kValidationFailed);
  CHECK(store.writes == 0);
}

TEST_CASE("an invitation with an unknown or missing role fails validation", "[unit]") {
  FakeStaffStore store;  // empty: validation still comes first
  StaffService service(store, OpenPolicy(), FixedClock);
  const std::optional<std::string> role =
      GENERATE(std::optional<std::string>(), std::optional<std::string>("CEO"),
               std::optional<std::string>("founder"));

  const Result<Staff> invited = service.Invite(kFounder, {"new@gofast.test", role, {}});
  REQUIRE_FALSE(invited);
  CHECK(invited.error().code == ErrorCode::kValidationFailed);
  CHECK(store.writes == 0);
}

TEST_CASE("only company staff can invite", "[unit]") {
  FakeStaffStore store;
  AddFounder(store, "uid-someone-else");
  StaffService service(store, OpenPolicy(), FixedClock);

  const Result<Staff> invited = service.Invite(kFounder, {"new@gofast.test", "Sales", {}});
  REQUIRE_FALSE(invited);
  CHECK(invited.error().code == ErrorCode::kNotCompanyStaff);
  CHECK(store.staff.size() == 1);
}

TEST_CASE("only a Founder can invite", "[unit]") {
  FakeStaffStore store;
  store.staff["staff-cfo"] = MakeStaff("staff-cfo", "uid-founder", "cfo@gofast.test", "CFO");
  StaffService service(store, OpenPolicy(), FixedClock);

  const Result<Staff> invited = service.Invite(kFounder, {"new@gofast.test", "Sales", {}});
  REQUIRE_FALSE(invited);
  CHECK(invited.error().code == ErrorCode::kForbidden);
  CHECK(store.staff.size() == 1);
}

TEST_CASE("inviting an email already on staff is a conflict", "[unit]") {
  FakeStaffStore store;
  AddFounder(store);
  store.staff["staff-sam"] = MakeStaff("staff-sam", "uid-sam", "sam@gofast.test", "Sales");
  StaffService service(store, OpenPolicy(), FixedClock);

  // Another case of the same address is the same address.
  const Result<Staff> invited = service.Invite(kFounder, {"Sam@GoFast.test", "CFO", {}});
  REQUIRE_FALSE(invited);
  CHECK(invited.error().code == ErrorCode::kConflict);
  CHECK(invited.error().message == "A staff member with this email already exists");
  CHECK(store.staff.size() == 2);
}

TEST_CASE("a Founder's invitation stores an invited row with a lower-case email", "[unit]") {
  FakeStaffStore store;
  AddFounder(store);
  StaffService service(store, OpenPolicy(), FixedClock);

  const Result<Staff> invited = service.Invite(
      kFounder, {"New.Person@GoFast.test", "Community Manager", {"New", "Person", std::nullopt}});
  REQUIRE(invited);
  CHECK(LooksLikeUuid(invited->id));
  CHECK_THAT(invited->firebase_id, Catch::StartsWith("temp-"));
  CHECK(invited->email == "new.person@gofast.test");
  CHECK(invited->role == "Community Manager");
  CHECK(invited->company_id == "company-1");
  CHECK(invited->first_name == "New");
  CHECK(invited->last_name == "Person");
  CHECK(invited->created_at == kNow);
  CHECK(invited->updated_at == kNow);
  REQUIRE(store.staff.count(invited->id) == 1);
  CheckSameRow(store.staff.at(invited->id), invited.value());
}

TEST_CASE("getting an unknown staff id is not found", "[unit]") {
  FakeStaffStore store;
  AddFounder(store);
  StaffService service(store, OpenPolicy(), FixedClock);

  const Result<Staff> staff = service.Get(kFounder, "no-such-id");
  REQUIRE_FALSE(staff);
  CHECK(staff.error().code == ErrorCode::kNotFound);
  CHECK(staff.error().message == "Staff not found");
}

TEST_CASE("staff can get a row by id and list the rows", "[unit]") {
  FakeStaffStore store;
  const Staff founder = AddFounder(store);
  StaffService service(store, OpenPolicy(), FixedClock);

  const Result<Staff> staff = service.Get(kFounder, founder.id);
  REQUIRE(staff);
  CheckSameRow(staff.value(), founder);
  const Result<StaffPage> page = service.List(kFounder, 10, std::nullopt);
  REQUIRE(page);
  REQUIRE(page->staff.size() == 1);
  CHECK(page->staff[0].id == founder.id);
  CHECK_FALSE(page->has_more);
}

TEST_CASE("a caller who is not staff can neither get nor list staff", "[unit]") {
  FakeStaffStore store;
  const Staff founder = AddFounder(store);
  StaffService service(store, OpenPolicy(), FixedClock);

  const Result<Staff> staff = service.Get(kAda, founder.id);
  REQUIRE_FALSE(staff);
  CHECK(staff.error().code == ErrorCode::kNotCompanyStaff);
  const Result<StaffPage> page = service.List(kAda, 10, std::nullopt);
  REQUIRE_FALSE(page);
  CHECK(page.error().code == ErrorCode::kNotCompanyStaff);
}

TEST_CASE("an invited row does not make its email's owner staff", "[unit]") {
  FakeStaffStore store;
  store.staff["staff-invited"] =
      MakeStaff("staff-invited", "temp-123", "ada@gofast.test", "Founder");
  StaffService service(store, OpenPolicy(), FixedClock);

  // Staff rights come from a linked uid only; the invitation is not linked yet.
  const Result<Staff> staff = service.Get(kAda, "staff-invited");
  REQUIRE_FALSE(staff);
  CHECK(staff.error().code == ErrorCode::kNotCompanyStaff);
}

}  // namespace
}  // namespace gofast::company

namespace gofast::company {
namespace {

TEST_CASE("a Founder's edit sets what it names, keeps the rest and records it", "[unit][feed]") {
  FakeStaffStore store;
  AddFounder(store);
  Staff sam = MakeStaff("staff-sam", "uid-sam", "sam@gofast.test", "Sales");
  sam.first_name = "Sam";
  sam.last_name = "Seller";
  store.staff[sam.id] = sam;
  StaffService service(store, OpenPolicy(), FixedClock);

  StaffEdit edit;
  edit.role = "CFO";
  edit.first_name = std::optional<std::string>();  // cleared
  const Result<Staff> edited = service.Update(kFounder, sam.id, edit);
  REQUIRE(edited);
  Staff expected = sam;
  expected.role = "CFO";
  expected.first_name.reset();
  expected.updated_at = kNow;
  CheckSameRow(edited.value(), expected);
  CheckSameRow(store.staff.at(sam.id), expected);
  REQUIRE(store.changes.size() == 1);
  CHECK(store.changes[0].kind == StaffChangeKind::kUpdated);
  CHECK(store.changes[0].at == kNow);
}

TEST_CASE("an edit is checked before the caller, and only a Founder edits or removes",
          "[unit][feed]") {
  FakeStaffStore store;
  const Staff founder = AddFounder(store);
  store.staff["staff-cal"] = MakeStaff("staff-cal", "uid-cal", "cal@gofast.test", "CFO");
  StaffService service(store, OpenPolicy(), FixedClock);
  const Caller cal{"uid-cal", "cal@gofast.test", "Cal", true, std::nullopt};

  const Result<Staff> empty = service.Update(kAda, founder.id, StaffEdit{});
  REQUIRE_FALSE(empty);
  CHECK(empty.error().code == ErrorCode::kValidationFailed);  // before NOT_COMPANY_STAFF
  StaffEdit unknown_role;
  unknown_role.role = "founder";  // exact case only
  CHECK(service.Update(kFounder, founder.id, unknown_role).error().code ==
        ErrorCode::kValidationFailed);
  StaffEdit rename;
  rename.last_name = std::optional<std::string>("New");
  CHECK(service.Update(cal, founder.id, rename).error().message ==
        "Only a Founder can change staff");
  CHECK(service.Remove(cal, founder.id).error().message == "Only a Founder can remove staff");
  CHECK(service.Remove(kAda, founder.id).error().code == ErrorCode::kNotCompanyStaff);
  CHECK(service.Remove(kFounder, "no-such-id").error().code == ErrorCode::kNotFound);
  CHECK(store.changes.empty());
}

TEST_CASE("the last Founder can neither step down nor be removed, but with two either can",
          "[unit][feed]") {
  FakeStaffStore store;
  const Staff founder = AddFounder(store);
  StaffService service(store, OpenPolicy(), FixedClock);
  StaffEdit step_down;
  step_down.role = "Sales";

  const Result<Staff> refused = service.Update(kFounder, founder.id, step_down);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == ErrorCode::kConflict);
  CHECK(refused.error().message == "The company must keep at least one Founder");
  CHECK(service.Remove(kFounder, founder.id).error().code == ErrorCode::kConflict);
  CHECK(store.staff.at(founder.id).role == "Founder");

  store.staff["staff-second"] =
      MakeStaff("staff-second", "uid-second", "second@gofast.test", "Founder");
  REQUIRE(service.Update(kFounder, founder.id, step_down));
  const Result<Staff> removed = service.Remove(kFounder, "staff-second");
  CHECK(removed.error().code == ErrorCode::kForbidden);  // the caller is no Founder now
  CHECK(store.staff.count("staff-second") == 1);
}

TEST_CASE("the feed answers the changes after a position, oldest first, up to the limit",
          "[unit][feed]") {
  FakeStaffStore store;
  StaffService service(store, OpenPolicy(), FixedClock);
  for (const char* uid : {"uid-1", "uid-2", "uid-3"}) {
    REQUIRE(service.FindOrCreate(
        {uid, std::string(uid) + "@gofast.test", std::nullopt, true, std::nullopt}, kNoProfile));
  }
  const Result<std::vector<StaffChange>> after_one = service.Changes(1, 10);
  REQUIRE(after_one);
  REQUIRE(after_one->size() == 2);
  CHECK(after_one->at(0).position == 2);
  CHECK(after_one->at(0).staff.firebase_id == "uid-2");
  CHECK(after_one->at(0).kind == StaffChangeKind::kCreated);
  CHECK(service.Changes(0, 1)->size() == 1);
  CHECK(service.Changes(3, 10)->empty());
}

TEST_CASE("change kinds read back from their names, and nothing else does", "[unit][feed]") {
  for (StaffChangeKind kind : {StaffChangeKind::kCreated, StaffChangeKind::kLinked,
                               StaffChangeKind::kUpdated, StaffChangeKind::kRemoved}) {
    CHECK(ParseStaffChangeKind(StaffChangeKindName(kind)) == kind);
  }
  CHECK_FALSE(ParseStaffChangeKind("Created"));
  CHECK_FALSE(ParseStaffChangeKind(""));
}

}  // namespace
}  // namespace gofast::company
