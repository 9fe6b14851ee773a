#ifndef GOFAST_TESTS_APP_UNIT_LIST_PLAN_CASES_H_
#define GOFAST_TESTS_APP_UNIT_LIST_PLAN_CASES_H_

#include <string>
#include <vector>

#include "app_service/domain/run.h"

namespace gofast::app {

// One documented list filter (or none) and the index that must serve it,
// for the query-plan tests of both stores.
struct ListPlanCase {
  RunFilter filter;
  std::string index;
};

inline std::vector<ListPlanCase> ListPlanCases() {
  std::vector<ListPlanCase> cases(5);
  cases[0].index = "city_runs_created";
  cases[1].filter.staff_generated_id = "s";
  cases[1].index = "city_runs_staff";
  cases[2].filter.city_slug = "c";
  cases[2].index = "city_runs_city";
  cases[3].filter.run_club_slug = "r";
  cases[3].index = "city_runs_run_club";
  cases[4].filter.athlete_generated_id = "a";
  cases[4].index = "city_runs_athlete";
  return cases;
}

// A plan's lines as one text, a line each.
inline std::string JoinPlan(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  return text;
}

}  // namespace gofast::app

#endif  // GOFAST_TESTS_APP_UNIT_LIST_PLAN_CASES_H_
