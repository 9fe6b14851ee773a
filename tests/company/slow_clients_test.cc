// Slow and idle clients against the real company_service: a fresh client is
// answered while 256 connections trickle their heads or sit idle. Labelled
// "slow" (a few seconds each): run in the plain pass only.
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "tests/company/company_fixture.h"
#include "tests/support/raw_http.h"

namespace gofast::testing {
namespace {

using std::chrono::milliseconds;

constexpr int kConnections = 256;

int FreshClientStatus(int port) {
  const std::vector<RawAnswer> answers = SplitAnswers(
      RawExchange(port, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
  return answers.empty() ? 0 : answers[0].status;
}

}  // namespace

TEST_CASE("256 clients sending a header byte every half second do not hold up a fresh client",
          "[slow]") {
  CompanyService service({"--head-timeout-ms", "4000"});
  const int port = service.process().port();
  std::vector<std::unique_ptr<RawConnection>> slow;
  for (int i = 0; i < kConnections; ++i) {
    slow.push_back(std::make_unique<RawConnection>(port));
    slow.back()->Send("GET /healthz HTTP/1.1\r\n");
  }
  std::atomic<bool> trickling{true};
  std::thread trickler([&] {
    while (trickling) {
      for (const auto& connection : slow) connection->Send("X");
      std::this_thread::sleep_for(milliseconds(500));
    }
  });
  std::this_thread::sleep_for(milliseconds(1000));

  CHECK(FreshClientStatus(port) == 200);
  // ...while every slow client is still sending its head, unanswered.
  int answered_early = 0;
  for (const auto& connection : slow) {
    if (!connection->ReadAvailable(milliseconds(0)).empty()) ++answered_early;
  }
  CHECK(answered_early == 0);
  trickling = false;
  trickler.join();

  // Each gets its 408 once the head's deadline passes.
  int timed_out = 0;
  for (const auto& connection : slow) {
    const std::vector<RawAnswer> answers = SplitAnswers(connection->ReadUntilClosed());
    if (answers.size() == 1 && answers[0].status == 408 &&
        answers[0].json.value("code", "") == "REQUEST_TIMEOUT") {
      ++timed_out;
    }
  }
  CHECK(timed_out == kConnections);
}

TEST_CASE("256 idle keep-alive connections do not hold up a fresh client", "[slow]") {
  CompanyService service;
  const int port = service.process().port();
  std::vector<std::unique_ptr<RawConnection>> idle;
  for (int i = 0; i < kConnections; ++i) {
    idle.push_back(std::make_unique<RawConnection>(port));
    idle.back()->Send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  }
  int served = 0;
  for (const auto& connection : idle) {
    if (connection->ReadAnswers(1).size() == 1) ++served;
  }
  REQUIRE(served == kConnections);

  CHECK(FreshClientStatus(port) == 200);
  int still_open = 0;
  for (const auto& connection : idle) {
    if (!connection->ClosedWithin(milliseconds(0))) ++still_open;
  }
  CHECK(still_open == kConnections);
}

}  // namespace gofast::testing
