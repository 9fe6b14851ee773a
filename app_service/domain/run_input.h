#ifndef GOFAST_APP_SERVICE_DOMAIN_RUN_INPUT_H_
#define GOFAST_APP_SERVICE_DOMAIN_RUN_INPUT_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app_service/domain/run.h"
#include "shared/core/result.h"

namespace gofast::app {

// The `runClub` object after step 0 (http/body_readers.h).
struct RunClubInput {
  std::optional<std::string> slug;
  std::optional<std::string> name;
  std::optional<std::string> logo_url;
  std::optional<std::string> logo;
  std::optional<std::string> city;
};

// A create-run body after step 0: only the documented fields, each present
// and non-null, strings trimmed (an empty one is absent), numbers parsed.
struct RunInput {
  std::map<std::string, std::string, std::less<>> text;
  std::map<std::string, double, std::less<>> numbers;
  std::optional<bool> is_recurring;
  std::optional<RunClubInput> run_club;

  const std::string* Text(std::string_view field) const;
  bool Has(std::string_view field) const { return Text(field) != nullptr; }
};

// Steps 1-6: the required fields, in the real route's order. An error about
// one field names it as the error's field (details.field): "startDate" for
// step 3; steps 1 and 6, which name several, set none.
Status CheckRequiredFields(const RunInput& input);

// What steps 8 and 9 make of a valid input: the run (without id, creator
// and timestamps) and the club to save beside it.
struct RunDraft {
  Run run;
  std::optional<RunClubUpdate> club;
};

// Step 8 (the city slug) and step 9 (values), then the run's fields:
// dates in UTC with milliseconds (a date alone at 12:00 UTC), `date` and
// `startDate` each falling back to the other, runClubSlug from runClub.slug
// first. Every error names its field: citySlug for an invalid slug, the field
// the city name came from, the value's own field, endDate for the order.
Result<RunDraft> BuildRunDraft(const RunInput& input);

// The slug a create-run input yields (step 8 alone), for tests and tools.
Result<std::string> ResolveCitySlug(const RunInput& input);

// A weekday name in any case, in its stored form ("monday" -> "Monday").
std::optional<std::string> NormalizeDayOfWeek(std::string_view text);

// A time-zone name of the accepted shape: UTC, or Area/Location[/More].
bool IsTimeZoneName(std::string_view text);

}  // namespace gofast::app

#endif  // GOFAST_APP_SERVICE_DOMAIN_RUN_INPUT_H_
