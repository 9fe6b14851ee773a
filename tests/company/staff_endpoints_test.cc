// GET /api/staff/{id}, GET /api/staff and POST /api/staff/invite against the real binary.
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "tests/company/company_fixture.h"

using gofast::testing::CompanyService;
using gofast::testing::Reply;
using gofast::testing::SignedToken;
using gofast::testing::SignedUp;
using gofast::testing::SignUp;

TEST_CASE("staff look-up answers the staff row by id to a staff caller", "[integration]") {
  CompanyService service;
  const SignedUp ada = SignUp(service, "ada");
  const SignedUp bob = SignUp(service, "bob");
  const Reply reply = service.client().Get("/api/staff/" + bob.id, ada.token);
  REQUIRE(reply.status == 200);
  CHECK(reply.json["success"] == true);
  CHECK(reply.json["staff"]["id"] == bob.id);
  CHECK(reply.json["staff"]["firebaseId"] == "bob");
  CHECK(reply.json["staff"]["name"] == "Name bob");
}

TEST_CASE("staff look-up of an unknown id is 404 Staff not found", "[integration]") {
  CompanyService service;
  const SignedUp ada = SignUp(service, "ada");
  const Reply reply =
      service.client().Get("/api/staff/00000000-0000-4000-8000-000000000000", ada.token);
  CheckError(reply, 404, "NOT_FOUND", "Staff not found");
}

TEST_CASE("staff endpoints refuse a caller who is not linked staff", "[integration]") {
  CompanyService service;
  const SignedUp ada = SignUp(service, "ada");
  const std::string outsider = SignedToken("outsider", "outsider@gofast.test");
  for (const Reply& reply :
       {service.client().Get("/api/staff/" + ada.id, outsider),
        service.client().Get("/api/staff", outsider),
        service.Invite(outsider, {{"email", "x@gofast.test"}, {"role", "Sales"}})}) {
    CheckError(reply, 403, "NOT_COMPANY_STAFF");
  }
  CHECK(service.StaffCount() == 1);
}

TEST_CASE("staff endpoints answer 401 without a valid token", "[integration]") {
  CompanyService service;
  const SignedUp ada = SignUp(service, "ada");
  CHECK(service.client().Get("/api/staff/" + ada.id).json["code"] == "NO_TOKEN");
  CHECK(service.client().Get("/api/staff", "garbage").json["code"] == "INVALID_TOKEN");
  CHECK(service.client().Get("/api/staff", "garbage").status == 401);
}

TEST_CASE("staff list pages follow (updatedAt, id) with an opaque cursor", "[integration]") {
  CompanyService service;
  const SignedUp first = SignUp(service, "u0");
  for (int i = 1; i < 5; ++i) SignUp(service, "u" + std::to_string(i));
  std::vector<std::string> seen;
  std::string cursor;
  int pages = 0;
  do {
    const Reply page = service.client().Get(
        "/api/staff?limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor), first.token);
    REQUIRE(page.status == 200);
    REQUIRE(page.json["staff"].size() <= 2);
    for (const auto& staff : page.json["staff"])
      seen.push_back(staff["updatedAt"].get<std::string>() + staff["id"].get<std::string>());
    cursor = page.json["nextCursor"].is_null() ? "" : page.json["nextCursor"].get<std::string>();
    ++pages;
  } while (!cursor.empty() && pages < 10);
  CHECK(pages == 3);
  CHECK(seen.size() == 5);
  CHECK(std::is_sorted(seen.begin(), seen.end()));
  CHECK(std::adjacent_find(seen.begin(), seen.end()) == seen.end());
}

TEST_CASE("staff list moves a linked invitation to the end", "[integration]") {
  CompanyService service;
  const SignedUp founder = SignUp(service, "founder");
  REQUIRE(
      service.Invite(founder.token, {{"email", "late@gofast.test"}, {"role", "Sales"}}).status ==
      201);
  SignUp(service, "middle");
  // Timestamps have millisecond precision: link in a later millisecond than "middle".
  std::this_thread::sleep_for(std::chrono::milliseconds(3));
  REQUIRE(service.FindOrCreate(SignedToken("late-uid", "late@gofast.test")).status == 200);
  const Reply list = service.client().Get("/api/staff", founder.token);
  REQUIRE(list.json["staff"].size() == 3);
  CHECK(list.json["staff"][2]["firebaseId"] == "late-uid");
  CHECK(list.json["nextCursor"].is_null());
}

TEST_CASE("staff list refuses a bad limit or cursor instead of clamping", "[integration]") {
  CompanyService service;
  const SignedUp ada = SignUp(service, "ada");
  for (const char* query : {"limit=0", "limit=501", "limit=abc", "limit=-1", "limit=", "cursor=%%%",
                            "cursor=bm90LWpzb24"}) {
    const Reply reply = service.client().Get(std::string("/api/staff?") + query, ada.token);
    INFO(query);
    CheckError(reply, 400, "VALIDATION_FAILED");
  }
  CHECK(service.client().Get("/api/staff?limit=500", ada.token).status == 200);
}

TEST_CASE("a Founder invites staff with a temp- firebaseId", "[integration]") {
  CompanyService service;
  const SignedUp founder = SignUp(service, "founder");
  const Reply reply = service.Invite(
      founder.token,
      {{"email", "New@GoFast.test"}, {"role", "Sales"}, {"firstName", "Nia"}, {"lastName", "New"}});
  REQUIRE(reply.status == 201);
  CHECK(reply.json["success"] == true);
  CHECK(reply.json["staff"]["firebaseId"].get<std::string>().rfind("temp-", 0) == 0);
  CHECK(reply.json["staff"]["email"] == "new@gofast.test");
  CHECK(reply.json["staff"]["role"] == "Sales");
  CHECK(reply.json["staff"]["name"] == "Nia New");
  CHECK(service.StaffCount() == 2);
}

TEST_CASE("only a Founder may invite", "[integration]") {
  CompanyService service;
  const SignedUp founder = SignUp(service, "founder");
  REQUIRE(service.Invite(founder.token, {{"email", "cfo@gofast.test"}, {"role", "CFO"}}).status ==
          201);
  const std::string cfo = SignedToken("cfo-uid", "cfo@gofast.test");
  REQUIRE(service.FindOrCreate(cfo).json["linked"] == true);
  const std::string before = service.StaffSnapshot();
  const Reply reply = service.Invite(cfo, {{"email", "someone@gofast.test"}, {"role", "Sales"}});
  CheckError(reply, 403, "FORBIDDEN", "Only a Founder can invite staff");
  CHECK(service.StaffSnapshot() == before);
}

TEST_CASE("invite refuses an email any row already has, whatever its case", "[integration]") {
  CompanyService service;
  const SignedUp founder = SignUp(service, "founder");
  const std::string before = service.StaffSnapshot();
  const Reply reply =
      service.Invite(founder.token, {{"email", "FOUNDER@gofast.test"}, {"role", "Sales"}});
  CheckError(reply, 409, "CONFLICT", "A staff member with this email already exists");
  CHECK(service.StaffSnapshot() == before);
}

TEST_CASE("invite validates the email and the role", "[integration]") {
  CompanyService service;
  const SignedUp founder = SignUp(service, "founder");
  const std::string long_email = std::string(250, 'a') + "@b.co";
  for (const nlohmann::json& email :
       {nlohmann::json("no-at-sign"), nlohmann::json("@gofast.test"), nlohmann::json("a@b@c.d"),
        nlohmann::json("a@nodot"), nlohmann::json(long_email), nlohmann::json("a b@c.d"),
        nlohmann::json("")}) {
    const Reply reply = service.Invite(founder.token, {{"email", email}, {"role", "Sales"}});
    INFO(email.dump());
    CHECK(reply.status == 400);
    CHECK(reply.json["error"] == "email is not a valid address");
    CHECK(reply.json["details"] == nlohmann::json{{"field", "email"}});
  }
  CHECK(service.Invite(founder.token, {{"role", "Sales"}}).json["error"] ==
        "email is not a valid address");
  for (const char* role : {"cfo", "CEO", "", "Founder "}) {
    const Reply reply =
        service.Invite(founder.token, {{"email", "ok@gofast.test"}, {"role", role}});
    INFO(role);
    if (std::string(role) == "Founder ") {
      CHECK(reply.status == 201);  // strings are trimmed before the check
      continue;
    }
    CHECK(reply.status == 400);
    CHECK(reply.json["error"] ==
          "role must be one of: Founder, CFO, Sales, Marketing, Community Manager");
    CHECK(reply.json["details"] == nlohmann::json{{"field", "role"}});
  }
  const Reply typed = service.Invite(founder.token, {{"email", 42}, {"role", "Sales"}});
  CHECK(typed.status == 400);
  CHECK(typed.json["error"] == "email must be a string");
  CHECK(service.StaffCount() == 2);  // only the trimmed "Founder " invitation
}
