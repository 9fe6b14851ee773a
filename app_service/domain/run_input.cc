#include "app_service/domain/run_input.h"

#include <array>
#include <cctype>
#include <cmath>

#include "app_service/domain/city_slug.h"
#include "app_service/domain/overloaded.h"
#include "shared/core/text.h"
#include "shared/core/time.h"

namespace gofast::app {
namespace {

constexpr std::array<std::string_view, 7> kWeekdays = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

// ISO UTC with milliseconds; a date alone is anchored at 12:00 UTC so the
// weekday is the same in every US time zone.
struct NormalizedDate {
  std::string iso;
  TimePoint time;
  bool date_only;
};

Result<NormalizedDate> NormalizeDate(std::string_view field, const std::string& text) {
  const std::optional<ParsedDate> parsed = ParseIso8601(text);
  if (!parsed) return FieldValidationError(std::string(field), "Invalid date");
  const TimePoint time = parsed->date_only ? parsed->time + std::chrono::hours(12) : parsed->time;
  return NormalizedDate{FormatIso8601(time), time, parsed->date_only};
}

bool InRange(double value, double low, double high) { return value >= low && value <= high; }

bool IsWholeInRange(double value, double low, double high) {
  return InRange(value, low, high) && std::floor(value) == value;
}

}  // namespace

const std::string* RunInput::Text(std::string_view field) const {
  const auto it = text.find(field);
  return it == text.end() ? nullptr : &it->second;
}

Status CheckRequiredFields(const RunInput& input) {
  if (!input.Has("citySlug") && !input.Has("cityName") && !input.Has("meetUpCity") &&
      !input.Has("meetUpAddress")) {
    return ValidationError(
        "citySlug, cityName, meetUpCity, or meetUpAddress is required to determine city");
  }
  if (!input.Has("title")) return FieldValidationError("title", "title is required");
  if (!input.Has("startDate") && !input.Has("date")) {
    // date is the deprecated alias: the form shows startDate.
    return FieldValidationError("startDate", "startDate or date is required");
  }
  if (input.is_recurring.value_or(false) && !input.Has("dayOfWeek")) {
    return FieldValidationError("dayOfWeek", "dayOfWeek is required for recurring runs");
  }
  if (!input.Has("meetUpPoint")) {
    return FieldValidationError("meetUpPoint", "meetUpPoint is required");
  }
  if (!input.Has("staffGeneratedId") && !input.Has("athleteGeneratedId")) {
    return ValidationError("Either staffGeneratedId or athleteGeneratedId is required");
  }
  return Ok{};
}

Result<std::string> ResolveCitySlug(const RunInput& input) {
  if (const std::string* city_slug = input.Text("citySlug")) {
    std::string slug = Slugify(*city_slug);
    if (slug.empty()) return FieldValidationError("citySlug", "Invalid city slug");
    return slug;
  }
  std::string name;
  const char* source = nullptr;  // the field the name was taken from
  if (const std::string* city_name = input.Text("cityName")) {
    name = *city_name;
    source = "cityName";
  } else if (const std::string* meet_up_city = input.Text("meetUpCity")) {
    name = *meet_up_city;
    source = "meetUpCity";
  } else if (const std::string* address = input.Text("meetUpAddress")) {
    name = CityNameFromAddress(*address);
    source = "meetUpAddress";
  }
  std::string slug = Slugify(name);
  if (slug.empty()) {
    constexpr char kMessage[] = "Could not determine city from provided data";
    // No source at all (step 1 prevents it in the route) names no one field.
    return source != nullptr ? FieldValidationError(source, kMessage) : ValidationError(kMessage);
  }
  return slug;
}

std::optional<std::string> NormalizeDayOfWeek(std::string_view text) {
  for (const std::string_view day : kWeekdays) {
    if (EqualsIgnoreAsciiCase(text, day)) return std::string(day);
  }
  return std::nullopt;
}

bool IsTimeZoneName(std::string_view text) {
  if (text == "UTC") return true;
  size_t segments = 0;
  while (true) {
    const size_t slash = text.find('/');
    const std::string_view segment = text.substr(0, slash);
    if (segment.empty()) return false;
    for (const char c : segment) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '+' && c != '-') {
        return false;
      }
    }
    ++segments;
    if (slash == std::string_view::npos) break;
    text.remove_prefix(slash + 1);
  }
  return segments >= 2;
}

namespace {

// The four date fields, normalized; startDate falls back to date.
struct RunDates {
  NormalizedDate start;
  NormalizedDate date;
  std::optional<NormalizedDate> end;
  std::optional<NormalizedDate> recurrence_ends_on;
};

std::optional<double> Number(const RunInput& input, std::string_view field) {
  const auto it = input.numbers.find(field);
  return it == input.numbers.end() ? std::nullopt : std::optional<double>(it->second);
}

// Step 9 for the dates: each parses, and the end is not before the start.
Result<RunDates> NormalizeDates(const RunInput& input) {
  std::map<std::string_view, NormalizedDate> dates;
  for (const std::string_view field : {"startDate", "date", "endDate", "recurrenceEndsOn"}) {
    if (const std::string* text = input.Text(field)) {
      Result<NormalizedDate> date = NormalizeDate(field, *text);
      if (!date) return date.error();
      dates.emplace(field, std::move(date).value());
    }
  }
  const auto find = [&](std::string_view field) -> std::optional<NormalizedDate> {
    const auto it = dates.find(field);
    return it == dates.end() ? std::nullopt : std::optional<NormalizedDate>(it->second);
  };
  // Step 3 guarantees one of startDate and date.
  const NormalizedDate start =
      dates.count("startDate") != 0 ? dates.at("startDate") : dates.at("date");
  RunDates result{start, find("date").value_or(start), find("endDate"), find("recurrenceEndsOn")};
  if (result.end) {
    // A date alone names a day: compare days then, instants otherwise.
    const bool by_day = start.date_only || result.end->date_only;
    const bool before = by_day ? result.end->iso.substr(0, 10) < start.iso.substr(0, 10)
                               : result.end->time < start.time;
    if (before) return FieldValidationError("endDate", "endDate must not be before startDate");
  }
  return result;
}

// Step 9 for the other values, in the order of the spec's table.
Status CheckValueRules(const RunInput& input) {
  if (const auto hour = Number(input, "startTimeHour"); hour && !IsWholeInRange(*hour, 1, 12)) {
    return FieldValidationError("startTimeHour", "startTimeHour must be between 1 and 12");
  }
  if (const auto minute = Number(input, "startTimeMinute");
      minute && !IsWholeInRange(*minute, 0, 59)) {
    return FieldValidationError("startTimeMinute", "startTimeMinute must be between 0 and 59");
  }
  if (const std::string* period = input.Text("startTimePeriod");
      period != nullptr && !EqualsIgnoreAsciiCase(*period, "AM") &&
      !EqualsIgnoreAsciiCase(*period, "PM")) {
    return FieldValidationError("startTimePeriod", "startTimePeriod must be AM or PM");
  }
  if (const std::string* day = input.Text("dayOfWeek");
      day != nullptr && !NormalizeDayOfWeek(*day)) {
    return FieldValidationError("dayOfWeek", "dayOfWeek must be a day of the week");
  }
  if (const auto lat = Number(input, "meetUpLat"); lat && !InRange(*lat, -90, 90)) {
    return FieldValidationError("meetUpLat", "meetUpLat must be between -90 and 90");
  }
  if (const auto lng = Number(input, "meetUpLng"); lng && !InRange(*lng, -180, 180)) {
    return FieldValidationError("meetUpLng", "meetUpLng must be between -180 and 180");
  }
  if (const auto miles = Number(input, "totalMiles");
      miles && !(std::isfinite(*miles) && *miles >= 0)) {
    return FieldValidationError("totalMiles", "totalMiles must not be negative");
  }
  if (const std::string* timezone = input.Text("timezone");
      timezone != nullptr && !IsTimeZoneName(*timezone)) {
    return FieldValidationError("timezone", "timezone must be an IANA time zone name");
  }
  return Ok{};
}

// Every column the client may write, copied by name from a valid input.
Run CopyInputColumns(const RunInput& input) {
  Run run;
  for (const RunColumn& column : RunColumns()) {
    const std::string* text = input.Text(column.name);
    const std::optional<double> value = Number(input, column.name);
    std::visit(Overloaded{
                   [&](std::string Run::*field) {
                     if (text != nullptr) run.*field = *text;
                   },
                   [&](std::optional<std::string> Run::*field) {
                     if (text != nullptr) run.*field = *text;
                   },
                   [&](std::optional<int64_t> Run::*field) {
                     if (value) run.*field = static_cast<int64_t>(*value);
                   },
                   [&](std::optional<double> Run::*field) { run.*field = value; },
                   [&](bool Run::*field) { run.*field = input.is_recurring.value_or(false); },
               },
               column.field);
  }
  return run;
}

}  // namespace

Result<RunDraft> BuildRunDraft(const RunInput& input) {
  Result<std::string> city_slug = ResolveCitySlug(input);  // step 8
  if (!city_slug) return city_slug.error();
  const Result<RunDates> dates = NormalizeDates(input);  // step 9
  if (!dates) return dates.error();
  if (const Status values = CheckValueRules(input); !values) return values.error();

  RunDraft draft{CopyInputColumns(input), std::nullopt};
  Run& run = draft.run;
  run.city_slug = std::move(city_slug).value();
  run.start_date = dates->start.iso;
  run.date = dates->date.iso;
  if (dates->end) run.end_date = dates->end->iso;
  if (dates->recurrence_ends_on) run.recurrence_ends_on = dates->recurrence_ends_on->iso;
  if (const std::string* period = input.Text("startTimePeriod")) {
    run.start_time_period = EqualsIgnoreAsciiCase(*period, "AM") ? "AM" : "PM";
  }
  if (const std::string* day = input.Text("dayOfWeek")) run.day_of_week = NormalizeDayOfWeek(*day);

  if (input.run_club && input.run_club->slug) {
    const RunClubInput& club = *input.run_club;
    run.run_club_slug = club.slug;
    if (club.name) {
      draft.club = RunClubUpdate{*club.slug, *club.name, club.logo_url ? club.logo_url : club.logo,
                                 club.city};
    }
  }
  return draft;
}

}  // namespace gofast::app
