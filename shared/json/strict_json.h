#ifndef GOFAST_SHARED_JSON_STRICT_JSON_H_
#define GOFAST_SHARED_JSON_STRICT_JSON_H_

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string_view>

#include "shared/core/result.h"

namespace gofast::json {

// Deeper than any document of the contract; deep enough for any a client means.
inline constexpr size_t kMaxJsonDepth = 64;

// Reads `text` as exactly one JSON value, refusing what a lenient parser
// would guess at: bytes after the value (a NUL included, which nlohmann takes
// for the end of input), a key given twice in one object (nlohmann keeps the
// last), and nesting deeper than `max_depth` objects and arrays (so nothing
// built from it is ever walked recursively to a depth the sender chose).
// The error (BAD_JSON) is a sentence about `what` ("The request body")
// saying which rule failed; it never quotes the text.
Result<nlohmann::json> ParseStrictJson(std::string_view text, std::string_view what,
                                       size_t max_depth = kMaxJsonDepth);

}  // namespace gofast::json

#endif  // GOFAST_SHARED_JSON_STRICT_JSON_H_
