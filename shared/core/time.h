#ifndef GOFAST_SHARED_CORE_TIME_H_
#define GOFAST_SHARED_CORE_TIME_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace gofast {

using TimePoint = std::chrono::system_clock::time_point;

// 2026-01-24T12:00:00.000Z
std::string FormatIso8601(TimePoint time);
std::string NowIso8601();

// The current time as FormatIso8601 writes it. Every rule that stamps a row
// takes one, so tests can fix the time; an empty clock means the system's.
using IsoClock = std::function<std::string()>;
IsoClock OrSystemClock(IsoClock clock);

int64_t UnixSeconds(TimePoint time);

struct ParsedDate {
  TimePoint time;
  bool date_only;  // "YYYY-MM-DD" without a time of day
};

// Accepts "YYYY-MM-DD", or "YYYY-MM-DDTHH:MM[:SS[.fff]]" followed by "Z" or
// "+HH:MM"/"-HH:MM". Calendar-checked (no February 30). A date without a time
// is midnight UTC; the caller decides where to anchor it. An instant a
// TimePoint cannot hold (with libstdc++, before 1677 or after 2262) is refused.
std::optional<ParsedDate> ParseIso8601(std::string_view text);

}  // namespace gofast

#endif  // GOFAST_SHARED_CORE_TIME_H_
