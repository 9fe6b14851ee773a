// Pact provider states of the real company_service: POST /_test/provider-states under
// --test-api (shared/http/test_api.h, company_service/http/test_data.h).
#include "tests/support/provider_states.h"

#include <catch2/catch.hpp>

#include "shared/core/ids.h"
#include "tests/company/company_fixture.h"

namespace gofast::testing {
namespace {

using nlohmann::json;

constexpr char kStaffMember[] = "a staff member exists";
constexpr char kInvitation[] = "an invitation exists";
constexpr char kNoStaffMember[] = "no staff member with this id";
constexpr char kSeededId[] = "11111111-1111-4111-8111-111111111111";

// The company service with the test API, and its provider states.
class StatesService : public CompanyService {
 public:
  StatesService() : CompanyService({"--auth-mode", "emulator", "--test-api"}) {}

  Reply SetUp(const std::string& state, const json& params = json::object()) {
    return SetUpState(process().port(), state, params);
  }
  Reply TearDown(const std::string& state, const json& params = json::object()) {
    return TearDownState(process().port(), state, params);
  }
  Reply Change(const json& body) { return ChangeState(process().port(), body); }
  Reply Post(const std::string& body, const std::string& content_type = "application/json") {
    return PostUnchecked(process().port(), "/_test/provider-states", body, content_type);
  }
  // A staff row that no state made, linked to uid-seeded.
  void SeedOne() {
    REQUIRE(client()
                .PostJson("/_test/seed", "",
                          {{"staff",
                            {{{"id", kSeededId},
                              {"firebaseId", "uid-seeded"},
                              {"email", "seeded@gofast.test"},
                              {"role", "Sales"}}}}})
                .status == 200);
  }
  bool HasStaff(const std::string& id) {
    const Reply exported = client().Get("/_test/export");
    REQUIRE(exported.status == 200);
    for (const json& row : exported.json["staff"]) {
      if (row["id"] == id) return true;
    }
    return false;
  }
  Reply GetStaff(const std::string& token, const std::string& id) {
    return client().Get("/api/staff/" + id, token);
  }
};

}  // namespace

TEST_CASE("without --test-api there is no provider-states route", "[integration]") {
  // Production mode (these tests' default), and emulator mode without the flag.
  CompanyService production;
  CompanyService emulator({"--auth-mode", "emulator"});
  for (CompanyService* service : {&production, &emulator}) {
    const Reply reply = SetUpState(service->process().port(), kStaffMember);
    CheckError(reply, 404, "NOT_FOUND");
    CHECK(service->StaffCount() == 0);
  }
}

TEST_CASE(
    "'a staff member exists' without params makes a Founder with a new UUID, firebaseId and "
    "email, and its token reads the row",
    "[integration]") {
  StatesService service;
  const Reply reply = service.SetUp(kStaffMember);
  REQUIRE(reply.status == 200);
  const json& values = reply.json;
  CHECK(Keys(values) == std::set<std::string>{"id", "firebaseId", "email", "role", "token"});
  CHECK(LooksLikeUuid(values["id"]));
  CHECK(values["role"] == "Founder");
  CHECK_THAT(values["email"].get<std::string>(), Catch::EndsWith("@gofast.test"));

  // An emulator-form token of the service's project for that row's uid and email.
  const std::string token = values["token"];
  const json claims = TokenPayload(token);
  CHECK(claims["aud"] == kTestProjectId);
  CHECK(claims["sub"] == values["firebaseId"]);
  CHECK(claims["email"] == values["email"]);
  CHECK(claims["email_verified"] == true);
  const Reply read = service.GetStaff(token, values["id"]);
  REQUIRE(read.status == 200);
  CHECK(read.json["staff"]["id"] == values["id"]);
  CHECK(read.json["staff"]["firebaseId"] == values["firebaseId"]);
  CHECK(read.json["staff"]["email"] == values["email"]);

  // Another setup without params is another row: nothing made up is shared.
  const Reply other = service.SetUp(kStaffMember);
  REQUIRE(other.status == 200);
  for (const char* member : {"id", "firebaseId", "email"})
    CHECK(other.json[member] != values[member]);
  CHECK(service.StaffCount() == 2);
}

TEST_CASE("'a staff member exists' stores the params it is given", "[integration]") {
  StatesService service;
  const json params = {{"id", "22222222-2222-4222-8222-222222222222"},
                       {"firebaseId", "uid-cal"},
                       {"email", "Cal@GoFast.test"},
                       {"role", "CFO"},
                       {"firstName", "Cal"},
                       {"lastName", "Culver"}};
  const Reply reply = service.SetUp(kStaffMember, params);
  REQUIRE(reply.status == 200);
  CHECK(reply.json["id"] == params["id"]);
  CHECK(reply.json["firebaseId"] == "uid-cal");
  CHECK(reply.json["email"] == "cal@gofast.test");  // lower-cased as a seed stores it
  CHECK(reply.json["role"] == "CFO");
  const Reply read = service.GetStaff(reply.json["token"], params["id"]);
  REQUIRE(read.status == 200);
  CHECK(read.json["staff"]["firstName"] == "Cal");
  CHECK(read.json["staff"]["lastName"] == "Culver");
  CHECK(read.json["staff"]["role"] == "CFO");
}

TEST_CASE("a state set up again with the same params finds its row: the same values, nothing new",
          "[integration]") {
  // Tried: only an id, only a firebaseId (the rest made up the first time), an invitation's
  // email; and a seeded row named by its id.
  StatesService service;
  service.SeedOne();
  const std::vector<std::pair<const char*, json>> cases = {
      {kStaffMember, {{"id", "33333333-3333-4333-8333-333333333333"}}},
      {kStaffMember, {{"firebaseId", "uid-dee"}}},
      {kInvitation, {{"email", "ivy@gofast.test"}}},
      {kStaffMember, {{"id", kSeededId}}},
  };
  for (const auto& [state, params] : cases) {
    INFO(state << " " << params.dump());
    Reply first = service.SetUp(state, params);
    REQUIRE(first.status == 200);
    const std::string snapshot = service.StaffSnapshot();
    Reply again = service.SetUp(state, params);
    REQUIRE(again.status == 200);
    // The token is minted anew (its iat is the time of the request).
    first.json.erase("token");
    again.json.erase("token");
    CHECK(again.json == first.json);
    CHECK(service.StaffSnapshot() == snapshot);
  }
  CHECK(service.StaffCount() == 4);
}

TEST_CASE("'an invitation exists' makes an invitation, which a sign-in with its email links",
          "[integration]") {
  StatesService service;
  const Reply generated = service.SetUp(kInvitation);
  REQUIRE(generated.status == 200);
  CHECK(Keys(generated.json) == std::set<std::string>{"id", "email", "role"});
  CHECK(LooksLikeUuid(generated.json["id"]));
  CHECK(generated.json["role"] == "Founder");

  const Reply given =
      service.SetUp(kInvitation, {{"email", "ivy@gofast.test"}, {"role", "Marketing"}});
  REQUIRE(given.status == 200);
  CHECK(given.json["email"] == "ivy@gofast.test");
  CHECK(given.json["role"] == "Marketing");
  // A staff member's token of the state "a staff member exists" reads the invitation...
  const Reply reader = service.SetUp(kStaffMember);
  const Reply invited = service.GetStaff(reader.json["token"], given.json["id"]);
  REQUIRE(invited.status == 200);
  CHECK_THAT(invited.json["staff"]["firebaseId"].get<std::string>(), Catch::StartsWith("temp-"));
  // ...and the invited email's first sign-in links it.
  auth::MintOptions ivy;
  ivy.project_id = kTestProjectId;
  ivy.uid = "uid-ivy";
  ivy.email = "ivy@gofast.test";
  ivy.email_verified = true;
  const Reply linked = service.FindOrCreate(TestKeys::MintUnsigned(ivy));
  REQUIRE(linked.status == 200);
  CHECK(linked.json["linked"] == true);
  CHECK(linked.json["staff"]["id"] == given.json["id"]);
  CHECK(linked.json["staff"]["role"] == "Marketing");
}

TEST_CASE("'no staff member with this id' deletes that row alone", "[integration]") {
  StatesService service;
  service.SeedOne();
  const Reply made = service.SetUp(kStaffMember);
  REQUIRE(made.status == 200);

  const Reply gone = service.SetUp(kNoStaffMember, {{"id", made.json["id"]}});
  REQUIRE(gone.status == 200);
  CHECK(gone.json == json{{"id", made.json["id"]}});
  CHECK_FALSE(service.HasStaff(made.json["id"]));
  CHECK(service.HasStaff(kSeededId));
  // The row is gone for the API too (the seeded row's uid reads it).
  auth::MintOptions seeded;
  seeded.project_id = kTestProjectId;
  seeded.uid = "uid-seeded";
  CheckError(service.GetStaff(TestKeys::MintUnsigned(seeded), made.json["id"]), 404, "NOT_FOUND");

  // Without an id: a new UUID that no row has; nothing is deleted.
  const std::string snapshot = service.StaffSnapshot();
  const Reply fresh = service.SetUp(kNoStaffMember);
  REQUIRE(fresh.status == 200);
  CHECK(LooksLikeUuid(fresh.json["id"]));
  CHECK(fresh.json["id"] != made.json["id"]);
  CHECK(service.StaffSnapshot() == snapshot);
}

TEST_CASE("a teardown deletes the rows its setup made and nothing else", "[integration]") {
  StatesService service;
  service.SeedOne();
  const json staff_params = {{"firstName", "Tess"}};
  const Reply staff = service.SetUp(kStaffMember, staff_params);
  const Reply invitation = service.SetUp(kInvitation);
  // A setup that found a stored row made nothing: its teardown keeps the row.
  const Reply found = service.SetUp(kStaffMember, {{"id", kSeededId}});
  REQUIRE((staff.status == 200 && invitation.status == 200 && found.status == 200));
  REQUIRE(service.StaffCount() == 3);

  // The teardown names its setup by state and params, as Pact sends them.
  const Reply other_params = service.TearDown(kStaffMember, {{"firstName", "Someone"}});
  CHECK(other_params.status == 200);
  CHECK(other_params.json == json::object());
  CHECK(service.StaffCount() == 3);

  const Reply torn = service.TearDown(kStaffMember, staff_params);
  CHECK(torn.status == 200);
  CHECK(torn.json == json::object());
  CHECK_FALSE(service.HasStaff(staff.json["id"]));
  CHECK(service.HasStaff(invitation.json["id"]));
  CHECK(service.HasStaff(kSeededId));

  CHECK(service.TearDown(kStaffMember, {{"id", kSeededId}}).json == json::object());
  CHECK(service.HasStaff(kSeededId));
  CHECK(service.TearDown(kInvitation).status == 200);
  CHECK_FALSE(service.HasStaff(invitation.json["id"]));
  // Torn down already, and never set up: 200 {} and nothing changes.
  const std::string snapshot = service.StaffSnapshot();
  CHECK(service.TearDown(kStaffMember, staff_params).json == json::object());
  CHECK(service.TearDown(kNoStaffMember, {{"id", kSeededId}}).json == json::object());
  CHECK(service.StaffSnapshot() == snapshot);
}

TEST_CASE("the states of one interaction apply in order, one request each", "[integration]") {
  StatesService service;
  const json id = {{"id", "44444444-4444-4444-8444-444444444444"}};
  REQUIRE(service.SetUp(kStaffMember, id).status == 200);
  REQUIRE(service.SetUp(kInvitation).status == 200);
  CHECK(service.StaffCount() == 2);
  // Then the same id made absent: the later state wins.
  REQUIRE(service.SetUp(kNoStaffMember, id).status == 200);
  CHECK_FALSE(service.HasStaff(id["id"]));
  CHECK(service.StaffCount() == 1);
}

TEST_CASE("'action' may be left out (a setup), and 'consumer' is accepted", "[integration]") {
  StatesService service;
  const Reply reply = service.Change({{"state", kStaffMember}, {"consumer", "admin-web"}});
  REQUIRE(reply.status == 200);
  CHECK(reply.json.contains("token"));
  CHECK(service.StaffCount() == 1);
}

TEST_CASE("an unknown state is 400 listing the company's states", "[integration]") {
  StatesService service;
  for (const char* action : {"setup", "teardown"}) {
    const Reply reply = service.Change({{"state", "a run exists"}, {"action", action}});
    CheckError(reply, 400, "VALIDATION_FAILED",
               "state is not a provider state of this service; known: \"a staff member "
               "exists\", \"an invitation exists\", \"no staff member with this id\"");
    CHECK(reply.json["details"]["field"] == "state");
  }
  CHECK(service.StaffCount() == 0);
}

TEST_CASE("a body or a parameter that does not fit is 400 naming it, and changes nothing",
          "[integration]") {
  StatesService service;
  service.SeedOne();
  REQUIRE(service.SetUp(kInvitation, {{"email", "ivy@gofast.test"}}).status == 200);
  const std::string snapshot = service.StaffSnapshot();
  struct Case {
    const char* name;
    std::string body;
    std::string code;
    std::string field;  // details.field, when the error has one
  };
  const auto staff = [](const json& params) {
    return json{{"state", kStaffMember}, {"params", params}}.dump();
  };
  const std::vector<Case> cases = {
      {"not JSON", "{\"state\": ", "BAD_JSON", ""},
      {"not an object", "[\"a staff member exists\"]", "BAD_JSON", ""},
      {"an empty body", "", "BAD_JSON", ""},
      {"no state", R"({"params": {}})", "VALIDATION_FAILED", "state"},
      {"a state that is not a string", R"({"state": 1})", "VALIDATION_FAILED", "state"},
      {"an empty state", R"({"state": ""})", "VALIDATION_FAILED", "state"},
      {"params not an object", R"({"state": "a staff member exists", "params": []})",
       "VALIDATION_FAILED", "params"},
      {"an unknown action", R"({"state": "a staff member exists", "action": "reset"})",
       "VALIDATION_FAILED", "action"},
      {"a consumer that is not a string", R"({"state": "a staff member exists", "consumer": 1})",
       "VALIDATION_FAILED", "consumer"},
      {"an unknown member (the old 'states' list)",
       R"({"state": "a staff member exists", "states": ["a staff member exists"]})",
       "VALIDATION_FAILED", "states"},
      {"an unknown param", staff({{"nickname", "Al"}}), "VALIDATION_FAILED", "params.nickname"},
      {"a param that is not a string", staff({{"email", 5}}), "VALIDATION_FAILED", "params.email"},
      {"an unknown role", staff({{"role", "CEO"}}), "VALIDATION_FAILED", "params.role"},
      {"an id that is not a UUID", staff({{"id", "staff-1"}}), "VALIDATION_FAILED", "params.id"},
      {"a bad email", staff({{"email", "not-an-email"}}), "VALIDATION_FAILED", "params.email"},
      {"an invitation's firebaseId", staff({{"firebaseId", "temp-1"}}), "VALIDATION_FAILED",
       "params.firebaseId"},
      {"an invitation's bad role",
       json{{"state", kInvitation}, {"params", {{"role", "Boss"}}}}.dump(), "VALIDATION_FAILED",
       "params.role"},
      {"a non-UUID id to make absent",
       json{{"state", kNoStaffMember}, {"params", {{"id", kTenantId}}}}.dump(), "VALIDATION_FAILED",
       "params.id"},
  };
  for (const Case& bad : cases) {
    INFO(bad.name);
    const Reply reply = service.Post(bad.body);
    CheckError(reply, 400, bad.code);
    if (!bad.field.empty()) CHECK(reply.json["details"]["field"] == bad.field);
    CHECK(service.StaffSnapshot() == snapshot);
  }
  CheckError(service.Post(staff({}), "text/plain"), 415, "UNSUPPORTED_MEDIA_TYPE");
  CHECK(service.StaffSnapshot() == snapshot);
}

TEST_CASE("params that conflict with a stored row are 409 as a seed's, and change nothing",
          "[integration]") {
  StatesService service;
  service.SeedOne();
  REQUIRE(service.SetUp(kInvitation, {{"email", "ivy@gofast.test"}}).status == 200);
  const std::string snapshot = service.StaffSnapshot();
  // Tried: a stored id with another role; a new row with a stored firebaseId; a staff row
  // for an invitation's email; an invitation for the email of a staff row.
  const std::vector<std::pair<const char*, json>> cases = {
      {kStaffMember, {{"id", kSeededId}, {"role", "CFO"}}},
      {kStaffMember,
       {{"id", "55555555-5555-4555-8555-555555555555"}, {"firebaseId", "uid-seeded"}}},
      {kStaffMember, {{"email", "ivy@gofast.test"}}},
      {kInvitation, {{"email", "seeded@gofast.test"}}},
  };
  for (const auto& [state, params] : cases) {
    INFO(state << " " << params.dump());
    CheckError(service.SetUp(state, params), 409, "CONFLICT");
    CHECK(service.StaffSnapshot() == snapshot);
  }
}

TEST_CASE("a reset forgets the states set up: a later teardown deletes nothing", "[integration]") {
  StatesService service;
  const json params = {{"id", kSeededId},
                       {"firebaseId", "uid-seeded"},
                       {"email", "seeded@gofast.test"},
                       {"role", "Sales"}};
  REQUIRE(service.SetUp(kStaffMember, params).status == 200);
  REQUIRE(service.client().Send("DELETE", "/_test/data", {}).status == 204);
  service.SeedOne();  // the same row, stored by a seed this time
  CHECK(service.TearDown(kStaffMember, params).status == 200);
  CHECK(service.HasStaff(kSeededId));
}

}  // namespace gofast::testing
