#ifndef GOFAST_APP_SERVICE_DOMAIN_ATHLETE_H_
#define GOFAST_APP_SERVICE_DOMAIN_ATHLETE_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace gofast::app {

// One row of athletes: the account of a Firebase uid in this database.
struct Athlete {
  std::string id;  // cuid-style
  std::string firebase_id;
  std::optional<std::string> email;
  std::optional<std::string> first_name;
  std::optional<std::string> last_name;
  std::string created_at;
  std::string updated_at;
};

// Splits a display name as the real sign-in page did: first word, then the
// rest. "Ada King Lovelace" -> {"Ada", "King Lovelace"}; an empty part is nullopt.
std::pair<std::optional<std::string>, std::optional<std::string>> SplitDisplayName(
    std::string_view name);

}  // namespace gofast::app

#endif  // GOFAST_APP_SERVICE_DOMAIN_ATHLETE_H_
