#ifndef GOFAST_APP_SERVICE_DOMAIN_ATHLETE_H_
#define GOFAST_APP_SERVICE_DOMAIN_ATHLETE_H_

#include <optional>
#include <string>

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

}  // namespace gofast::app

#endif  // GOFAST_APP_SERVICE_DOMAIN_ATHLETE_H_
