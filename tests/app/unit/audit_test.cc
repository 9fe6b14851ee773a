// "Who created this run?": AuditService over fakes of the run store and the
// staff directory, and the gateway's reading of the company's answer.
#include <catch2/catch.hpp>
#include <map>
#include <vector>

#include "app_service/domain/audit_service.h"
#include "app_service/gateway/company_staff_directory.h"
#include "tests/app/unit/fake_app_store.h"

namespace gofast::app {
namespace {

using fakes::FakeStore;
using nlohmann::json;

// Answers a set lookup and records every question it was asked.
class FakeStaffDirectory : public StaffDirectory {
 public:
  struct Question {
    std::string staff_id;
    std::string bearer_token;
    std::string request_id;
  };

  StaffLookup Lookup(const std::string& staff_id,
                     const ForwardedCredentials& credentials) override {
    questions.push_back({staff_id, credentials.bearer_token, credentials.request_id});
    return answer;
  }

  StaffLookup answer;
  std::vector<Question> questions;
};

const ForwardedCredentials kCredentials{"token-of-the-caller", "request-42"};

Run StaffRun(const std::string& id = "run-1") {
  Run run;
  run.id = id;
  run.staff_generated_id = "staff-1";
  run.created_by_firebase_id = "uid-ada";
  run.title = "Morning run";
  return run;
}

StaffLookup Found(std::optional<std::string> firebase_id) {
  StaffLookup lookup;
  lookup.outcome = StaffLookup::Outcome::kFound;
  lookup.company_status = 200;
  lookup.staff = StaffRecord{std::move(firebase_id), R"({"id":"staff-1"})"};
  return lookup;
}

StaffLookup WithOutcome(StaffLookup::Outcome outcome, std::optional<int> status) {
  StaffLookup lookup;
  lookup.outcome = outcome;
  lookup.company_status = status;
  return lookup;
}

// The run store and directory an audit runs over.
struct AuditFixture {
  AuditFixture() { runs.runs["run-1"] = StaffRun(); }
  Result<CreatorAudit> WhoCreated(const std::string& run_id = "run-1") {
    AuditService audit(runs, &directory);
    return audit.WhoCreated(run_id, kCredentials);
  }
  FakeStore runs;
  FakeStaffDirectory directory;
};

TEST_CASE("the audit finds the staff member whose account made the run", "[unit]") {
  AuditFixture fixture;
  fixture.directory.answer = Found("uid-ada");

  const Result<CreatorAudit> audit = fixture.WhoCreated();
  REQUIRE(audit);
  CHECK(audit->resolution == AuditResolution::kFound);
  CHECK(audit->run.id == "run-1");
  CHECK(audit->company_status == 200);
  REQUIRE(audit->staff);
  CHECK(audit->staff->firebase_id == "uid-ada");
  CHECK(audit->staff->as_sent == R"({"id":"staff-1"})");
}

TEST_CASE("the audit reports a mismatch when another account made the run", "[unit]") {
  AuditFixture fixture;
  // A record without a firebaseId cannot vouch for the run's account either.
  fixture.directory.answer =
      Found(GENERATE(std::optional<std::string>("uid-eve"), std::optional<std::string>()));

  const Result<CreatorAudit> audit = fixture.WhoCreated();
  REQUIRE(audit);
  CHECK(audit->resolution == AuditResolution::kMismatch);
  CHECK(audit->company_status == 200);
  REQUIRE(audit->staff);  // the company's record is still shown
  CHECK(audit->staff->as_sent == R"({"id":"staff-1"})");
}

TEST_CASE("the audit passes on what the company could not confirm", "[unit]") {
  AuditFixture fixture;
  struct Case {
    StaffLookup::Outcome outcome;
    std::optional<int> status;
    AuditResolution resolution;
  };
  const Case c = GENERATE(
      Case{StaffLookup::Outcome::kNotFound, 404, AuditResolution::kNotFound},
      Case{StaffLookup::Outcome::kDenied, 401, AuditResolution::kCompanyDenied},
      Case{StaffLookup::Outcome::kDenied, 403, AuditResolution::kCompanyDenied},
      Case{StaffLookup::Outcome::kUnavailable, 503, AuditResolution::kCompanyUnavailable},
      Case{StaffLookup::Outcome::kUnavailable, std::nullopt, AuditResolution::kCompanyUnavailable});
  fixture.directory.answer = WithOutcome(c.outcome, c.status);

  const Result<CreatorAudit> audit = fixture.WhoCreated();
  REQUIRE(audit);
  CHECK(audit->resolution == c.resolution);
  CHECK(audit->company_status == c.status);
  CHECK_FALSE(audit->staff);
  CHECK(fixture.directory.questions.size() == 1);
}

TEST_CASE("without a company service the audit is unavailable and asks nobody", "[unit]") {
  FakeStore runs;
  runs.runs["run-1"] = StaffRun();
  AuditService audit(runs, nullptr);

  const Result<CreatorAudit> answer = audit.WhoCreated("run-1", kCredentials);
  REQUIRE(answer);
  CHECK(answer->resolution == AuditResolution::kCompanyUnavailable);
  CHECK_FALSE(answer->company_status);
  CHECK_FALSE(answer->staff);
}

TEST_CASE("a run without a staff id was made by an athlete and the company is not asked",
          "[unit]") {
  AuditFixture fixture;
  Run run = StaffRun("run-athlete");
  run.staff_generated_id.reset();
  run.athlete_generated_id = "athlete-1";
  fixture.runs.runs[run.id] = run;
  fixture.directory.answer = Found("uid-ada");

  const Result<CreatorAudit> audit = fixture.WhoCreated("run-athlete");
  REQUIRE(audit);
  CHECK(audit->resolution == AuditResolution::kAthlete);
  CHECK(audit->run.athlete_generated_id == "athlete-1");
  CHECK_FALSE(audit->company_status);
  CHECK(fixture.directory.questions.empty());
}

TEST_CASE("auditing an unknown run is not found and asks nobody", "[unit]") {
  AuditFixture fixture;
  const Result<CreatorAudit> audit = fixture.WhoCreated("no-such-run");
  REQUIRE_FALSE(audit);
  CHECK(audit.error().code == ErrorCode::kNotFound);
  CHECK(audit.error().message == "Run not found");
  CHECK(fixture.directory.questions.empty());
}

TEST_CASE("the audit asks the company about the run's staff id with the caller's credentials",
          "[unit]") {
  AuditFixture fixture;
  fixture.directory.answer = Found("uid-ada");
  REQUIRE(fixture.WhoCreated());

  REQUIRE(fixture.directory.questions.size() == 1);
  CHECK(fixture.directory.questions[0].staff_id == "staff-1");
  CHECK(fixture.directory.questions[0].bearer_token == "token-of-the-caller");
  CHECK(fixture.directory.questions[0].request_id == "request-42");
}

// --- StaffLookupFromAnswer: the company's answer, read by the gateway ---

client::CallResult Answer(int status, json body = nullptr) {
  client::CallResult answer;
  answer.status = status;
  answer.body = std::move(body);
  return answer;
}

TEST_CASE("no answer from the company is unavailable with no status", "[unit]") {
  client::CallResult answer = Answer(0);
  answer.transport_error = "Connection";
  const StaffLookup lookup = StaffLookupFromAnswer(answer);
  CHECK(lookup.outcome == StaffLookup::Outcome::kUnavailable);
  CHECK_FALSE(lookup.company_status);
  CHECK_FALSE(lookup.staff);
}

TEST_CASE("a 200 with a staff object is found with its firebaseId and the object as sent",
          "[unit]") {
  const json staff = {{"id", "staff-1"}, {"email", "ada@gofast.test"}, {"firebaseId", "uid-1"}};
  const StaffLookup lookup =
      StaffLookupFromAnswer(Answer(200, {{"success", true}, {"staff", staff}}));
  CHECK(lookup.outcome == StaffLookup::Outcome::kFound);
  CHECK(lookup.company_status == 200);
  REQUIRE(lookup.staff);
  CHECK(lookup.staff->firebase_id == "uid-1");
  CHECK(lookup.staff->as_sent == staff.dump());
}

TEST_CASE("a found staff object without a string firebaseId has none", "[unit]") {
  json staff = {{"id", "staff-1"}};
  SECTION("missing") {}
  SECTION("not a string") { staff["firebaseId"] = 42; }
  SECTION("null") { staff["firebaseId"] = nullptr; }

  const StaffLookup lookup = StaffLookupFromAnswer(Answer(200, {{"staff", staff}}));
  CHECK(lookup.outcome == StaffLookup::Outcome::kFound);
  REQUIRE(lookup.staff);
  CHECK_FALSE(lookup.staff->firebase_id);
  CHECK(lookup.staff->as_sent == staff.dump());
}

TEST_CASE("a 200 without a staff object is unavailable, its status kept", "[unit]") {
  const json body = GENERATE(json(nullptr), json::array(), json{{"success", true}},
                             json{{"staff", "staff-1"}}, json{{"staff", json::array()}});
  const StaffLookup lookup = StaffLookupFromAnswer(Answer(200, body));
  CHECK(lookup.outcome == StaffLookup::Outcome::kUnavailable);
  CHECK(lookup.company_status == 200);
  CHECK_FALSE(lookup.staff);
}

TEST_CASE("the company's error statuses map to not found, denied and unavailable", "[unit]") {
  struct Case {
    int status;
    StaffLookup::Outcome outcome;
  };
  const Case c = GENERATE(
      Case{404, StaffLookup::Outcome::kNotFound}, Case{401, StaffLookup::Outcome::kDenied},
      Case{403, StaffLookup::Outcome::kDenied}, Case{500, StaffLookup::Outcome::kUnavailable},
      Case{503, StaffLookup::Outcome::kUnavailable});
  // An error body that happens to hold a staff object must not count as found.
  const StaffLookup lookup = StaffLookupFromAnswer(
      Answer(c.status, {{"success", false}, {"staff", {{"firebaseId", "uid-1"}}}}));
  CHECK(lookup.outcome == c.outcome);
  CHECK(lookup.company_status == c.status);
  CHECK_FALSE(lookup.staff);
}

}  // namespace
}  // namespace gofast::app
