#ifndef GOFAST_SHARED_JSON_JSON_PATH_H_
#define GOFAST_SHARED_JSON_JSON_PATH_H_

#include <string>

namespace gofast::json {

// `where` and one member's key as a path for an error message:
// staff[2].nickname. A key that is not a plain name is written as an escaped
// JSON string (runs[0]["n\u00e4me"]), so no byte of a document is echoed as it came.
std::string MemberPath(const std::string& where, const std::string& key);

}  // namespace gofast::json

#endif  // GOFAST_SHARED_JSON_JSON_PATH_H_
