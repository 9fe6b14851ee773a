#include "shared/core/time.h"

#include <cstdio>
#include <ctime>

namespace gofast {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
int64_t DaysFromCivil(int64_t year, unsigned month, unsigned day) {
  year -= month <= 2;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const auto year_of_era = static_cast<unsigned>(year - era * 400);
  const unsigned day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + static_cast<int64_t>(day_of_era) - 719468;
}

bool IsLeap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeap(year) ? 29 : kDays[month - 1];
}

// Reads exactly `width` digits at `pos`.
bool ReadDigits(std::string_view text, size_t pos, size_t width, int* out) {
  if (pos + width > text.size()) return false;
  int value = 0;
  for (size_t i = pos; i < pos + width; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    value = value * 10 + (text[i] - '0');
  }
  *out = value;
  return true;
}

// Whether a TimePoint holds the instant `seconds` after 1970 with a second
// to spare for its milliseconds (64-bit nanoseconds with libstdc++: years 1677
// to 2262). Converting an instant beyond would overflow.
bool FitsTimePoint(int64_t seconds) {
  using std::chrono::duration_cast;
  constexpr int64_t kFirst =
      duration_cast<std::chrono::seconds>(TimePoint::min().time_since_epoch()).count() + 1;
  constexpr int64_t kLast =
      duration_cast<std::chrono::seconds>(TimePoint::max().time_since_epoch()).count() - 1;
  return seconds >= kFirst && seconds <= kLast;
}

}  // namespace

std::string FormatIso8601(TimePoint time) {
  // Floored, not cut toward zero: before 1970 too, the milliseconds count on
  // from the start of their second (never "00:00:00.-500Z").
  const auto whole_seconds = std::chrono::floor<std::chrono::seconds>(time.time_since_epoch());
  const auto millis =
      std::chrono::floor<std::chrono::milliseconds>(time.time_since_epoch() - whole_seconds);
  const std::time_t seconds = static_cast<std::time_t>(whole_seconds.count());
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<int>(millis.count()));
  return buffer;
}

std::string NowIso8601() { return FormatIso8601(std::chrono::system_clock::now()); }

IsoClock OrSystemClock(IsoClock clock) {
  if (clock) return clock;
  return [] { return NowIso8601(); };
}

int64_t UnixSeconds(TimePoint time) {
  return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

std::optional<ParsedDate> ParseIso8601(std::string_view text) {
  int year = 0, month = 0, day = 0;
  if (!ReadDigits(text, 0, 4, &year) || text.size() < 10 || text[4] != '-' ||
      !ReadDigits(text, 5, 2, &month) || text[7] != '-' || !ReadDigits(text, 8, 2, &day)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) return std::nullopt;
  int64_t seconds =
      DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400;
  if (text.size() == 10) {
    if (!FitsTimePoint(seconds)) return std::nullopt;
    return ParsedDate{TimePoint(std::chrono::seconds(seconds)), true};
  }

  int hour = 0, minute = 0, second = 0, millis = 0;
  size_t pos = 11;
  if (text[10] != 'T' || !ReadDigits(text, pos, 2, &hour) || pos + 2 >= text.size() ||
      text[pos + 2] != ':' || !ReadDigits(text, pos + 3, 2, &minute)) {
    return std::nullopt;
  }
  pos += 5;
  if (pos < text.size() && text[pos] == ':') {
    if (!ReadDigits(text, pos + 1, 2, &second)) return std::nullopt;
    pos += 3;
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      const size_t start = pos;
      int scale = 100;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
        millis += (text[pos] - '0') * scale;
        scale /= 10;
        ++pos;
      }
      if (pos == start || pos - start > 9) return std::nullopt;
    }
  }
  if (hour > 23 || minute > 59 || second > 59) return std::nullopt;

  int offset_seconds = 0;
  if (pos < text.size() && text[pos] == 'Z' && pos + 1 == text.size()) {
    offset_seconds = 0;
  } else if (pos + 6 == text.size() && (text[pos] == '+' || text[pos] == '-') &&
             text[pos + 3] == ':') {
    int offset_hours = 0, offset_minutes = 0;
    if (!ReadDigits(text, pos + 1, 2, &offset_hours) ||
        !ReadDigits(text, pos + 4, 2, &offset_minutes) || offset_hours > 23 ||
        offset_minutes > 59) {
      return std::nullopt;
    }
    offset_seconds = (offset_hours * 3600 + offset_minutes * 60) * (text[pos] == '+' ? 1 : -1);
  } else {
    return std::nullopt;
  }
  seconds += hour * 3600 + minute * 60 + second - offset_seconds;
  if (!FitsTimePoint(seconds)) return std::nullopt;
  return ParsedDate{TimePoint(std::chrono::seconds(seconds) + std::chrono::milliseconds(millis)),
                    false};
}

}  // namespace gofast
