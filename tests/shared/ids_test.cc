#include "shared/core/ids.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace gofast {

TEST_CASE("a UUID v4 is lowercase 8-4-4-4-12 hex with the version and variant bits",
          "[unit][ids]") {
  static const std::regex kUuidV4(
      "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  for (int i = 0; i < 1000; ++i) {
    const std::string id = NewUuidV4();
    INFO(id);
    REQUIRE(id.size() == 36);
    REQUIRE(std::regex_match(id, kUuidV4));
    REQUIRE(LooksLikeUuid(id));
  }
}

TEST_CASE("UUID v4 values are unique over 10000 draws", "[unit][ids]") {
  std::set<std::string> seen;
  for (int i = 0; i < 10000; ++i) seen.insert(NewUuidV4());
  CHECK(seen.size() == 10000);
}

TEST_CASE("UUID v4 values use their random bits", "[unit][ids]") {
  // Each of the 122 random bits is set in some of 200 draws and clear in others.
  std::vector<int> ones(32, 0);
  const int draws = 200;
  for (int i = 0; i < draws; ++i) {
    std::string hex = NewUuidV4();
    hex.erase(std::remove(hex.begin(), hex.end(), '-'), hex.end());
    for (size_t d = 0; d < 32; ++d) ones[d] += std::stoi(hex.substr(d, 1), nullptr, 16) & 1;
  }
  for (size_t d = 0; d < 32; ++d) {
    INFO("hex digit " << d);
    if (d == 12) {
      CHECK(ones[d] == 0);  // the version digit is always 4
    } else {
      CHECK(ones[d] > 0);
      CHECK(ones[d] < draws);
    }
  }
}

TEST_CASE("LooksLikeUuid accepts both cases and refuses other shapes", "[unit][ids]") {
  CHECK(LooksLikeUuid("123e4567-e89b-42d3-a456-426614174000"));
  CHECK(LooksLikeUuid("123E4567-E89B-42D3-A456-426614174000"));
  CHECK_FALSE(LooksLikeUuid(""));
  CHECK_FALSE(LooksLikeUuid("123e4567e89b42d3a456426614174000"));
  CHECK_FALSE(LooksLikeUuid("123e4567-e89b-42d3-a456-42661417400"));
  CHECK_FALSE(LooksLikeUuid("123e4567-e89b-42d3-a456-4266141740000"));
  CHECK_FALSE(LooksLikeUuid("123e4567-e89b-42d3-a456_426614174000"));
  CHECK_FALSE(LooksLikeUuid("g23e4567-e89b-42d3-a456-426614174000"));
}

TEST_CASE("a cuid is 25 base36 characters starting with c", "[unit][ids]") {
  static const std::regex kCuid("^c[0-9a-z]{24}$");
  for (int i = 0; i < 1000; ++i) {
    const std::string id = NewCuid();
    INFO(id);
    REQUIRE(id.size() == 25);
    REQUIRE(std::regex_match(id, kCuid));
  }
}

TEST_CASE("cuids are unique over 10000 draws, across threads too", "[unit][ids]") {
  std::set<std::string> seen;
  for (int i = 0; i < 10000; ++i) seen.insert(NewCuid());
  CHECK(seen.size() == 10000);

  std::vector<std::vector<std::string>> per_thread(4);
  std::vector<std::thread> threads;
  for (auto& ids : per_thread) {
    threads.emplace_back([&ids] {
      for (int i = 0; i < 2500; ++i) ids.push_back(NewCuid());
    });
  }
  for (auto& thread : threads) thread.join();
  std::set<std::string> all;
  for (const auto& ids : per_thread) all.insert(ids.begin(), ids.end());
  CHECK(all.size() == 10000);
}

TEST_CASE("cuids made one after another sort in creation order", "[unit][ids]") {
  std::vector<std::string> ids;
  for (int i = 0; i < 2000; ++i) ids.push_back(NewCuid());
  CHECK(std::is_sorted(ids.begin(), ids.end()));
}

TEST_CASE("a cuid starts with the current time in base36 milliseconds", "[unit][ids]") {
  const auto before = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  const std::string id = NewCuid();
  const auto after = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
  const long long stamp = std::stoll(id.substr(1, 8), nullptr, 36);
  CHECK(stamp >= before);
  CHECK(stamp <= after);
}

}  // namespace gofast
