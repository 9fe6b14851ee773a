#include "shared/core/time.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <optional>
#include <string>

namespace gofast {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr int64_t kNoonJan24 = 1769256000;  // 2026-01-24T12:00:00Z

TimePoint At(int64_t unix_seconds, int64_t millis = 0) {
  return TimePoint(seconds(unix_seconds)) + milliseconds(millis);
}

// Milliseconds since the epoch of a parsed time, or -1 when refused.
int64_t ParsedMillis(const std::string& text) {
  const std::optional<ParsedDate> parsed = ParseIso8601(text);
  if (!parsed) return -1;
  return std::chrono::duration_cast<milliseconds>(parsed->time.time_since_epoch()).count();
}

}  // namespace

TEST_CASE("FormatIso8601 writes UTC with milliseconds and a Z", "[unit][time]") {
  CHECK(FormatIso8601(At(kNoonJan24)) == "2026-01-24T12:00:00.000Z");
  CHECK(FormatIso8601(At(kNoonJan24, 7)) == "2026-01-24T12:00:00.007Z");
  CHECK(FormatIso8601(At(kNoonJan24 + 3599, 999)) == "2026-01-24T12:59:59.999Z");
  CHECK(FormatIso8601(At(0)) == "1970-01-01T00:00:00.000Z");
  CHECK(FormatIso8601(At(1709164800)) == "2024-02-29T00:00:00.000Z");
}

TEST_CASE("FormatIso8601 cuts sub-millisecond precision", "[unit][time]") {
  const TimePoint time = At(kNoonJan24) + std::chrono::microseconds(123999);
  CHECK(FormatIso8601(time) == "2026-01-24T12:00:00.123Z");
}

TEST_CASE("FormatIso8601 counts the milliseconds of an instant before 1970 from its second",
          "[unit][time]") {
  // Found by tests/fuzz/iso8601_fuzzer: cutting toward zero wrote
  // "1970-01-01T00:00:00.-500Z" for half a second before the epoch.
  CHECK(FormatIso8601(At(-1, 500)) == "1969-12-31T23:59:59.500Z");
  CHECK(FormatIso8601(At(0) - std::chrono::microseconds(1)) == "1969-12-31T23:59:59.999Z");
  const std::optional<ParsedDate> parsed = ParseIso8601("1840-02-29T23:59:59.12379+14:00");
  REQUIRE(parsed.has_value());
  CHECK(FormatIso8601(parsed->time) == "1840-02-29T09:59:59.123Z");
}

TEST_CASE("NowIso8601 is the current time in the stored format", "[unit][time]") {
  const std::string now = NowIso8601();
  CHECK(now.size() == 24);
  CHECK(now.back() == 'Z');
  const std::optional<ParsedDate> parsed = ParseIso8601(now);
  REQUIRE(parsed.has_value());
  const auto drift = std::chrono::system_clock::now() - parsed->time;
  CHECK(drift >= std::chrono::seconds(0));
  CHECK(drift < std::chrono::seconds(5));
}

TEST_CASE("UnixSeconds counts whole seconds since the epoch", "[unit][time]") {
  CHECK(UnixSeconds(At(kNoonJan24, 999)) == kNoonJan24);
  CHECK(UnixSeconds(At(0)) == 0);
}

TEST_CASE("ParseIso8601 reads a date alone as midnight UTC", "[unit][time]") {
  const std::optional<ParsedDate> parsed = ParseIso8601("2026-01-24");
  REQUIRE(parsed.has_value());
  CHECK(parsed->date_only);
  CHECK(parsed->time == At(kNoonJan24 - 12 * 3600));
  CHECK(ParsedMillis("2024-02-29") == 1709164800000);
  CHECK(ParsedMillis("2000-02-29") == 951868800000 - 86400000);  // a leap year divisible by 400
}

TEST_CASE("ParseIso8601 reads a UTC date-time with Z", "[unit][time]") {
  const std::optional<ParsedDate> parsed = ParseIso8601("2026-01-24T12:00:00Z");
  REQUIRE(parsed.has_value());
  CHECK_FALSE(parsed->date_only);
  CHECK(parsed->time == At(kNoonJan24));
  CHECK(ParsedMillis("2026-01-24T12:00Z") == kNoonJan24 * 1000);  // seconds may be left out
}

TEST_CASE("ParseIso8601 converts offsets to UTC", "[unit][time]") {
  CHECK(ParsedMillis("2026-01-24T14:30:00+02:30") == kNoonJan24 * 1000);
  CHECK(ParsedMillis("2026-01-24T07:00:00-05:00") == kNoonJan24 * 1000);
  CHECK(ParsedMillis("2026-01-24T12:00:00+00:00") == kNoonJan24 * 1000);
  CHECK(ParsedMillis("2026-01-24T12:00:00-00:00") == kNoonJan24 * 1000);
  // Across a day and a year boundary.
  CHECK(ParsedMillis("2026-01-01T01:00:00+02:00") == 1767222000LL * 1000);
  CHECK(ParsedMillis("2025-12-31T20:00:00-03:00") == 1767222000LL * 1000);
}

TEST_CASE("ParseIso8601 reads fractional seconds to the millisecond", "[unit][time]") {
  CHECK(ParsedMillis("2026-01-24T12:00:00.5Z") == kNoonJan24 * 1000 + 500);
  CHECK(ParsedMillis("2026-01-24T12:00:00.25Z") == kNoonJan24 * 1000 + 250);
  CHECK(ParsedMillis("2026-01-24T12:00:00.123Z") == kNoonJan24 * 1000 + 123);
  CHECK(ParsedMillis("2026-01-24T12:00:00.123456789Z") == kNoonJan24 * 1000 + 123);
  CHECK(ParsedMillis("2026-01-24T14:00:00.001+02:00") == kNoonJan24 * 1000 + 1);
}

TEST_CASE("ParseIso8601 and FormatIso8601 round trip", "[unit][time]") {
  for (const char* text :
       {"2026-01-24T12:00:00.000Z", "1999-12-31T23:59:59.999Z", "2024-02-29T06:07:08.009Z"}) {
    const std::optional<ParsedDate> parsed = ParseIso8601(text);
    REQUIRE(parsed.has_value());
    CHECK(FormatIso8601(parsed->time) == text);
  }
}

TEST_CASE("ParseIso8601 refuses dates that are not in the calendar", "[unit][time]") {
  for (const char* text : {"2026-02-30", "2026-02-29", "2100-02-29", "2026-13-01", "2026-00-10",
                           "2026-01-00", "2026-01-32", "2026-04-31", "2026-02-30T12:00:00Z"}) {
    INFO(text);
    CHECK_FALSE(ParseIso8601(text).has_value());
  }
}

TEST_CASE("ParseIso8601 refuses times out of range", "[unit][time]") {
  for (const char* text : {"2026-01-24T24:00:00Z", "2026-01-24T12:60:00Z", "2026-01-24T12:00:60Z",
                           "2026-01-24T12:00:00+24:00", "2026-01-24T12:00:00+02:60"}) {
    INFO(text);
    CHECK_FALSE(ParseIso8601(text).has_value());
  }
}

TEST_CASE("ParseIso8601 refuses an instant a TimePoint cannot hold", "[unit][time]") {
  // Found by tests/fuzz/run_body_fuzzer: "4054-01-31" overflowed the 64-bit
  // nanoseconds of a TimePoint (undefined behaviour), and a run was stored
  // for 1715.
  for (const char* text : {"4054-01-31", "2263-01-01", "2262-04-11T23:47:16Z", "1677-09-20",
                           "1677-09-21T00:12:44.999Z", "0000-01-01", "9999-12-31T23:59:59.999Z",
                           "2262-04-11T10:00:00-14:00"}) {
    INFO(text);
    CHECK_FALSE(ParseIso8601(text).has_value());
  }
  // The first and last seconds it holds, to the millisecond.
  for (const char* text : {"1677-09-21T00:12:45.000Z", "2262-04-11T23:47:15.999Z"}) {
    const std::optional<ParsedDate> parsed = ParseIso8601(text);
    REQUIRE(parsed.has_value());
    CHECK(FormatIso8601(parsed->time) == text);
  }
}

TEST_CASE("ParseIso8601 refuses a date-time without a zone", "[unit][time]") {
  CHECK_FALSE(ParseIso8601("2026-01-24T12:00:00").has_value());
  CHECK_FALSE(ParseIso8601("2026-01-24T12:00").has_value());
  CHECK_FALSE(ParseIso8601("2026-01-24T12:00:00.000").has_value());
}

TEST_CASE("ParseIso8601 refuses garbage and near misses", "[unit][time]") {
  for (const char* text : {"",
                           "garbage",
                           "2026",
                           "2026-1-24",
                           "2026-01-4",
                           "26-01-24",
                           "2026/01/24",
                           "2026-01-24 12:00:00Z",
                           "2026-01-24T",
                           "2026-01-24T12",
                           "2026-01-24T12:00:00z",
                           "2026-01-24Z",
                           "2026-01-24T12:00:00ZZ",
                           "2026-01-24T12:00:00.Z",
                           "2026-01-24T12:00:00.1234567890Z",
                           "2026-01-24T12:00:00+0200",
                           "2026-01-24T12:00:00+02",
                           "2026-01-24T12:00:00 +02:00",
                           "2026-01-24T12:00:00Z ",
                           " 2026-01-24",
                           "2026-01-24x",
                           "+2026-01-24",
                           "2026-01-24T1a:00:00Z",
                           "2026-01-24T12:00:00+02:00x"}) {
    INFO("'" << text << "'");
    CHECK_FALSE(ParseIso8601(text).has_value());
  }
}

}  // namespace gofast
