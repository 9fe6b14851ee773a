#include "app_service/domain/duplicate_rule.h"

#include "shared/core/text.h"

namespace gofast::app {

std::optional<std::string> DuplicateKey(const Run& run) {
  if (!run.run_club_slug) return std::nullopt;
  // `date` is stored in UTC ("2026-01-28T12:00:00.000Z"): its first ten
  // characters are the UTC day. The slug's length goes first, so no slug and
  // title can run together into another pair's key.
  const std::string& club = *run.run_club_slug;
  return std::to_string(club.size()) + ':' + club + run.date.substr(0, 10) +
         ToLowerAscii(TrimWhitespace(run.title));
}

}  // namespace gofast::app
