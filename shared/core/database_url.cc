#include "shared/core/database_url.h"

#include <algorithm>

#include "shared/core/text.h"

namespace gofast {

bool IsPostgresUrl(std::string_view location) {
  return StartsWith(location, "postgresql://") || StartsWith(location, "postgres://");
}

std::string RedactPassword(std::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return std::string(url);
  const size_t authority = scheme + 3;
  // user:password@ ends at the authority's last '@' (a password may hold one).
  const size_t end = std::min(url.find_first_of("/?#", authority), url.size());
  const size_t at = url.rfind('@', end);
  if (at == std::string_view::npos || at < authority) return std::string(url);
  const size_t colon = url.find(':', authority);
  if (colon == std::string_view::npos || colon > at) return std::string(url);
  return std::string(url.substr(0, colon + 1)) + "***" + std::string(url.substr(at));
}

}  // namespace gofast
