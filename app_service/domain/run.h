#ifndef GOFAST_APP_SERVICE_DOMAIN_RUN_H_
#define GOFAST_APP_SERVICE_DOMAIN_RUN_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace gofast::app {

// One row of city_runs (spec/app-service.md); member names follow the
// columns. Dates are ISO 8601 UTC with milliseconds.
struct Run {
  std::string id;  // cuid-style
  std::string city_slug;
  std::optional<std::string> run_club_slug;
  // Opaque: a company_staff id from another database, never checked.
  std::optional<std::string> staff_generated_id;
  std::optional<std::string> athlete_generated_id;  // a real relation: athletes.id
  std::string created_by_firebase_id;
  std::string title;
  bool is_recurring = false;
  std::optional<std::string> day_of_week;
  std::string start_date;
  std::optional<std::string> end_date;
  std::string date;
  std::optional<int64_t> start_time_hour;
  std::optional<int64_t> start_time_minute;
  std::optional<std::string> start_time_period;
  std::optional<std::string> timezone;
  std::string meet_up_point;
  std::optional<std::string> meet_up_address;
  std::optional<std::string> meet_up_street_address;
  std::optional<std::string> meet_up_city;
  std::optional<std::string> meet_up_state;
  std::optional<std::string> meet_up_zip;
  std::optional<std::string> meet_up_place_id;
  std::optional<double> meet_up_lat;
  std::optional<double> meet_up_lng;
  std::optional<std::string> end_point;
  std::optional<std::string> end_street_address;
  std::optional<std::string> end_city;
  std::optional<std::string> end_state;
  std::optional<std::string> recurrence_rule;
  std::optional<std::string> recurrence_ends_on;
  std::optional<std::string> recurrence_note;
  std::optional<double> total_miles;
  std::optional<std::string> pace;
  std::optional<std::string> strava_map_url;
  std::optional<std::string> description;
  std::string created_at;
  std::string updated_at;
};

// A column of city_runs bound to its member. One table drives the insert,
// the select, the JSON answer and the copying of input fields, so no column
// can be stored but not answered, or sent but not stored.
using RunField =
    std::variant<std::string Run::*, std::optional<std::string> Run::*,
                 std::optional<int64_t> Run::*, std::optional<double> Run::*, bool Run::*>;

struct RunColumn {
  std::string_view name;  // the column's (and the JSON field's) name
  RunField field;
};

// Every column, in the table's order.
const std::vector<RunColumn>& RunColumns();

// What the client sent in `runClub` when it names a club to save.
struct RunClubUpdate {
  std::string slug;
  std::string name;
  std::optional<std::string> logo_url;
  std::optional<std::string> city;
};

// One row of run_clubs.
struct RunClub {
  std::string slug;
  std::string name;
  std::optional<std::string> logo_url;
  std::optional<std::string> city;
  std::optional<std::string> synced_at;
  std::string created_at;
  std::string updated_at;
};

// Filters of GET /api/runs; each present one must match exactly.
struct RunFilter {
  std::optional<std::string> staff_generated_id;
  std::optional<std::string> city_slug;
  std::optional<std::string> run_club_slug;
  std::optional<std::string> athlete_generated_id;
};

// The last run a page served; the next page starts after it.
struct RunCursor {
  std::string created_at;
  std::string id;
};

// A page of runs as their keys, in list order.
struct RunKeyPage {
  std::vector<RunCursor> keys;
  bool has_more = false;
  // The run generation (a count every deletion of runs raises) the keys
  // were read at; 0 when there are none.
  int64_t generation = 0;
};

}  // namespace gofast::app

#endif  // GOFAST_APP_SERVICE_DOMAIN_RUN_H_
