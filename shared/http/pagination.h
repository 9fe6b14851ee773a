#ifndef GOFAST_SHARED_HTTP_PAGINATION_H_
#define GOFAST_SHARED_HTTP_PAGINATION_H_

#include <httplib.h>

#include <cstddef>
#include <optional>
#include <string>

#include "shared/core/result.h"

namespace gofast::http {

// Lists are ordered by (sort key, id); a cursor names the last row served.
struct CursorPosition {
  std::string sort_key;  // e.g. createdAt or updatedAt
  std::string id;
};

struct PageRequest {
  size_t limit;
  std::optional<CursorPosition> after;
};

inline constexpr size_t kMaxPageLimit = 500;

// `limit` from the query string: 1..500, `default_limit` when absent;
// VALIDATION_FAILED for anything else.
Result<size_t> ParseLimit(const httplib::Request& request, size_t default_limit);

// `limit` (1..500, else `default_limit`) and `cursor` from the query string.
// A bad value of either is VALIDATION_FAILED, never clamped.
Result<PageRequest> ParsePageRequest(const httplib::Request& request, size_t default_limit);

// Opaque base64url text for the answer's `nextCursor`.
std::string EncodeCursor(const CursorPosition& position);

}  // namespace gofast::http

#endif  // GOFAST_SHARED_HTTP_PAGINATION_H_
