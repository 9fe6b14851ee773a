#ifndef GOFAST_SHARED_CORE_CALLER_H_
#define GOFAST_SHARED_CORE_CALLER_H_

#include <optional>
#include <string>

namespace gofast {

// Who is calling, as a verified Firebase ID token says: the one identity both
// services' rules take. Built by the HTTP layer; never read from a body.
struct Caller {
  std::string uid;
  std::optional<std::string> email;
  std::optional<std::string> name;
  bool email_verified = false;
  std::optional<std::string> picture;
};

}  // namespace gofast

#endif  // GOFAST_SHARED_CORE_CALLER_H_
