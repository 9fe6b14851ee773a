#ifndef GOFAST_APP_SERVICE_DOMAIN_STAFF_DIRECTORY_H_
#define GOFAST_APP_SERVICE_DOMAIN_STAFF_DIRECTORY_H_

#include <optional>
#include <string>

namespace gofast::app {

// The caller's credentials, passed on to the company service as they came.
struct ForwardedCredentials {
  std::string bearer_token;
  std::string request_id;
};

// A staff member as the company described one.
struct StaffRecord {
  std::optional<std::string> firebase_id;  // nullopt when the company's answer had none
  std::string as_sent;  // the company's staff object as JSON text, for the answer
};

// What the company service said about one staff id.
struct StaffLookup {
  enum class Outcome { kFound, kNotFound, kDenied, kUnavailable };
  Outcome outcome = Outcome::kUnavailable;
  std::optional<int> company_status;  // none when it did not answer
  std::optional<StaffRecord> staff;   // when found
  std::optional<std::string> reason;  // when unavailable and the cause is known
};

// The company's staff, seen from the app: the only way this database learns
// who a staffGeneratedId is. Implemented by a client of the company API
// (gateway/).
class StaffDirectory {
 public:
  virtual ~StaffDirectory() = default;
  virtual StaffLookup Lookup(const std::string& staff_id,
                             const ForwardedCredentials& credentials) = 0;
};

}  // namespace gofast::app

#endif  // GOFAST_APP_SERVICE_DOMAIN_STAFF_DIRECTORY_H_
