// POST /api/staff/find-or-create against the real company_service binary.
#include <atomic>
#include <catch2/catch.hpp>
#include <fstream>
#include <set>
#include <thread>

#include "shared/core/ids.h"
#include "tests/company/company_fixture.h"

using gofast::testing::CompanyService;
using gofast::testing::Reply;
using gofast::testing::Service;
using gofast::testing::SignedToken;
using gofast::testing::TestClient;

namespace {

// Writes an invited row through the API, as the Founder `founder_token`.
std::string InviteAs(CompanyService& service, const std::string& founder_token,
                     const std::string& email, const std::string& role = "Sales") {
  const Reply invited = service.Invite(founder_token, {{"email", email}, {"role", role}});
  REQUIRE(invited.status == 201);
  return invited.json["staff"]["id"].get<std::string>();
}

std::string FounderToken(CompanyService& service) {
  const std::string token = SignedToken("founder-uid", "founder@gofast.test", true, "Fay Founder");
  REQUIRE(service.FindOrCreate(token).status == 201);
  return token;
}

}  // namespace

TEST_CASE("find-or-create creates a staff row from the token's identity", "[integration]") {
  CompanyService service;
  const Reply reply =
      service.FindOrCreate(SignedToken("uid-ada", "Ada@GoFast.test", true, "Ada Lovelace King"));
  REQUIRE(reply.status == 201);
  CHECK(reply.json["success"] == true);
  CHECK(reply.json["created"] == true);
  CHECK(reply.json["linked"] == false);
  const nlohmann::json& staff = reply.json["staff"];
  CHECK(gofast::LooksLikeUuid(staff["id"].get<std::string>()));
  CHECK(staff["id"].get<std::string>()[14] == '4');  // UUID version 4
  CHECK(staff["firebaseId"] == "uid-ada");
  CHECK(staff["email"] == "ada@gofast.test");  // stored lower-case
  CHECK(staff["firstName"] == "Ada");
  CHECK(staff["lastName"] == "Lovelace King");
  CHECK(staff["name"] == "Ada Lovelace King");
  CHECK(staff["role"] == "Founder");
  CHECK(staff["companyId"] == gofast::testing::kTenantId);
  CHECK(staff["photoURL"].is_null());
  CHECK(staff["startDate"].is_null());
  CHECK(staff["createdAt"].get<std::string>().size() == 24);
  CHECK(service.StaffCount() == 1);
}

TEST_CASE("find-or-create answers an existing row as stored, without refreshing it from the token",
          "[integration]") {
  CompanyService service;
  const Reply first =
      service.FindOrCreate(SignedToken("uid-1", "one@gofast.test", true, "First Name"));
  REQUIRE(first.status == 201);
  const std::string before = service.StaffSnapshot();
  const Reply again =
      service.FindOrCreate(SignedToken("uid-1", "changed@gofast.test", true, "Other Person"));
  REQUIRE(again.status == 200);
  CHECK(again.json["created"] == false);
  CHECK(again.json["linked"] == false);
  CHECK(again.json["staff"] == first.json["staff"]);
  CHECK(service.StaffSnapshot() == before);
}

TEST_CASE("find-or-create finds a known uid even when the token has no email", "[integration]") {
  CompanyService service;
  REQUIRE(service.FindOrCreate(SignedToken("uid-2", "two@gofast.test")).status == 201);
  const Reply reply = service.FindOrCreate(SignedToken("uid-2", ""));
  CHECK(reply.status == 200);
  CHECK(reply.json["staff"]["email"] == "two@gofast.test");
}

TEST_CASE("find-or-create refuses an unknown account without an email claim", "[integration]") {
  CompanyService service;
  const Reply reply = service.FindOrCreate(SignedToken("uid-no-email", ""));
  CheckError(reply, 403, "EMAIL_REQUIRED");
  CHECK(reply.json["success"] == false);
  CHECK(service.StaffCount() == 0);
}

TEST_CASE("find-or-create takes names and photo from the body only when it creates the row",
          "[integration]") {
  CompanyService service;
  const std::string token = SignedToken("uid-3", "three@gofast.test", true, "Token Name");
  const Reply created = service.FindOrCreate(
      token,
      R"({"firstName":"  Grace ","lastName":"Hopper","photoURL":"https://example.test/g.png"})");
  REQUIRE(created.status == 201);
  CHECK(created.json["staff"]["firstName"] == "Grace");
  CHECK(created.json["staff"]["lastName"] == "Hopper");
  CHECK(created.json["staff"]["photoURL"] == "https://example.test/g.png");
  const Reply again = service.FindOrCreate(token, R"({"firstName":"Someone","lastName":"Else"})");
  CHECK(again.status == 200);
  CHECK(again.json["staff"]["firstName"] == "Grace");
}

TEST_CASE("find-or-create takes a field the body lacks from the token's display name",
          "[integration]") {
  CompanyService service;
  const Reply created = service.FindOrCreate(
      SignedToken("uid-4", "four@gofast.test", true, "Token Person"), R"({"lastName":"Body"})");
  REQUIRE(created.status == 201);
  CHECK(created.json["staff"]["firstName"] == "Token");
  CHECK(created.json["staff"]["lastName"] == "Body");
}

TEST_CASE("find-or-create counts a name's characters as code points, as the app does",
          "[integration]") {
  CompanyService service;
  std::string accented;
  for (int i = 0; i < 2000; ++i) accented += "\xC3\xA9";  // 2,000 characters, 4,000 bytes
  const Reply too_long =
      service.FindOrCreate(SignedToken("uid-5", "five@gofast.test"),
                           R"({"lastName":")" + std::string(2001, 'a') + R"("})");
  CheckError(too_long, 400, "VALIDATION_FAILED", "lastName must be at most 2000 characters");
  const Reply created = service.FindOrCreate(SignedToken("uid-5", "five@gofast.test"),
                                             R"({"firstName":")" + accented + R"("})");
  REQUIRE(created.status == 201);
  CHECK(created.json["staff"]["firstName"] == accented);
}

TEST_CASE("find-or-create splits the token's display name as the app does", "[integration]") {
  CompanyService service;
  const Reply created = service.FindOrCreate(SignedToken("uid-6", "six@gofast.test", true,
                                                         "\xC2\xA0"
                                                         "Ada\nKing Lovelace "));
  REQUIRE(created.status == 201);
  CHECK(created.json["staff"]["firstName"] == "Ada");
  CHECK(created.json["staff"]["lastName"] == "King Lovelace");
}

TEST_CASE("find-or-create ignores a body that tries to set firebaseId or email", "[integration]") {
  CompanyService service;
  const Reply reply =
      service.FindOrCreate(SignedToken("real-uid", "real@gofast.test"),
                           R"({"firebaseId":"victim-uid","email":"victim@gofast.test"})");
  REQUIRE(reply.status == 201);
  CHECK(reply.json["staff"]["firebaseId"] == "real-uid");
  CHECK(reply.json["staff"]["email"] == "real@gofast.test");
  const Reply victim = service.FindOrCreate(SignedToken("victim-uid", "victim@gofast.test"));
  CHECK(victim.status == 201);  // the victim's uid was never claimed
}

TEST_CASE("find-or-create links an invited row by email, case-insensitively", "[integration]") {
  CompanyService service;
  const std::string founder = FounderToken(service);
  const std::string invited_id = InviteAs(service, founder, "Invited@GoFast.test", "CFO");
  const Reply reply =
      service.FindOrCreate(SignedToken("uid-invited", "INVITED@gofast.TEST", true, "Ivy Invited"));
  REQUIRE(reply.status == 200);
  CHECK(reply.json["created"] == false);
  CHECK(reply.json["linked"] == true);
  CHECK(reply.json["staff"]["id"] == invited_id);
  CHECK(reply.json["staff"]["firebaseId"] == "uid-invited");
  CHECK(reply.json["staff"]["role"] == "CFO");
  CHECK(service.StaffCount() == 2);
  const Reply again = service.FindOrCreate(SignedToken("uid-invited", "invited@gofast.test"));
  CHECK(again.json["linked"] == false);
  CHECK(again.json["staff"]["id"] == invited_id);
}

TEST_CASE("find-or-create refuses to link an invitation for an unverified email in production mode",
          "[integration]") {
  CompanyService service;
  const std::string founder = FounderToken(service);
  InviteAs(service, founder, "unverified@gofast.test");
  const std::string before = service.StaffSnapshot();
  const Reply reply =
      service.FindOrCreate(SignedToken("uid-unverified", "unverified@gofast.test", false));
  CheckError(reply, 403, "EMAIL_NOT_VERIFIED");
  CHECK(service.StaffSnapshot() == before);
}

TEST_CASE("find-or-create links the oldest of several invitations for one email", "[integration]") {
  gofast::testing::TempDir seed_dir;
  const std::string seed_path = seed_dir.File("seed.json");
  const nlohmann::json seed = {{"company", {{"id", gofast::testing::kTenantId}}},
                               {"staff",
                                {{{"id", "00000000-0000-4000-8000-000000000001"},
                                  {"email", "twice@gofast.test"},
                                  {"role", "Sales"}},
                                 {{"id", "00000000-0000-4000-8000-000000000002"},
                                  {"email", "twice@gofast.test"},
                                  {"role", "CFO"}}}}};
  std::ofstream(seed_path) << seed.dump();
  CompanyService service({"--seed", seed_path});
  const Reply reply = service.FindOrCreate(SignedToken("uid-twice", "twice@gofast.test"));
  REQUIRE(reply.status == 200);
  CHECK(reply.json["linked"] == true);
  CHECK(reply.json["staff"]["id"] == "00000000-0000-4000-8000-000000000001");
}

TEST_CASE("invite-only sign-up refuses unknown accounts and still links invitations",
          "[integration]") {
  gofast::testing::TempDir seed_dir;
  const std::string seed_path = seed_dir.File("seed.json");
  std::ofstream(seed_path) << nlohmann::json{
      {"company", {{"id", gofast::testing::kTenantId}}},
      {"staff",
       {{{"email", "welcome@gofast.test"},
         {"role", "Marketing"}}}}}.dump();
  CompanyService service({"--signup", "invite-only", "--seed", seed_path});
  const Reply stranger = service.FindOrCreate(SignedToken("uid-stranger", "stranger@gofast.test"));
  CheckError(stranger, 403, "NOT_COMPANY_STAFF", "This account is not company staff");
  CHECK(service.StaffCount() == 1);
  const Reply welcome = service.FindOrCreate(SignedToken("uid-welcome", "welcome@gofast.test"));
  CHECK(welcome.status == 200);
  CHECK(welcome.json["linked"] == true);
  CHECK(welcome.json["staff"]["role"] == "Marketing");
}

TEST_CASE("sign-up gives new rows the configured default role", "[integration]") {
  CompanyService service({"--default-role", "Community Manager"});
  const Reply reply = service.FindOrCreate(SignedToken("uid-cm", "cm@gofast.test"));
  CHECK(reply.status == 201);
  CHECK(reply.json["staff"]["role"] == "Community Manager");
}

TEST_CASE("emulator mode links an invitation without email_verified", "[integration]") {
  gofast::testing::TempDir dir;
  const gofast::testing::TestDatabase database(dir, "company.db");
  gofast::testing::ServiceProcess process(
      GOFAST_COMPANY_SERVICE_BIN, {"--port", "0", "--db", database.url(), "--project-id",
                                   gofast::testing::kTestProjectId, "--auth-mode", "emulator"});
  TestClient client(Service::kCompany, process.port());
  auto unsigned_token = [](const std::string& uid, const std::string& email, bool verified) {
    gofast::auth::MintOptions options;
    options.project_id = gofast::testing::kTestProjectId;
    options.uid = uid;
    options.email = email;
    options.email_verified = verified;
    return gofast::testing::TestKeys::MintUnsigned(options);
  };
  const std::string founder = unsigned_token("emu-founder", "f@gofast.test", true);
  REQUIRE(client.Post("/api/staff/find-or-create", founder, "{}").status == 201);
  REQUIRE(
      client.PostJson("/api/staff/invite", founder, {{"email", "e@gofast.test"}, {"role", "Sales"}})
          .status == 201);
  const Reply linked = client.Post("/api/staff/find-or-create",
                                   unsigned_token("emu-invited", "e@gofast.test", false), "{}");
  CHECK(linked.status == 200);
  CHECK(linked.json["linked"] == true);
  // A signed token is refused in emulator mode.
  const Reply signed_reply =
      client.Post("/api/staff/find-or-create", SignedToken("emu-founder", "f@gofast.test"), "{}");
  CheckError(signed_reply, 401, "INVALID_TOKEN");
}

TEST_CASE("a hundred simultaneous find-or-create calls for one new uid create exactly one row",
          "[integration]") {
  CompanyService service;
  const std::string token = SignedToken("uid-race", "race@gofast.test", true, "Rae Race");
  constexpr int kCalls = 100;
  std::vector<Reply> replies(kCalls);
  std::vector<std::unique_ptr<TestClient>> clients;
  for (int i = 0; i < kCalls; ++i)
    clients.push_back(std::make_unique<TestClient>(Service::kCompany, service.process().port()));
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < kCalls; ++i) {
    threads.emplace_back([&, i] {
      ready.fetch_add(1);
      while (!go.load()) std::this_thread::yield();
      replies[i] = clients[i]->Post("/api/staff/find-or-create", token, "{}");
    });
  }
  while (ready.load() < kCalls) std::this_thread::yield();
  go.store(true);
  for (std::thread& thread : threads) thread.join();

  std::set<std::string> ids;
  int created = 0;
  for (const Reply& reply : replies) {
    INFO(reply.status << " " << reply.error << " " << reply.body);
    REQUIRE((reply.status == 200 || reply.status == 201));
    ids.insert(reply.json["staff"]["id"].get<std::string>());
    created += reply.json["created"].get<bool>() ? 1 : 0;
  }
  CHECK(ids.size() == 1);
  CHECK(created == 1);
  CHECK(service.StaffCount() == 1);
}
