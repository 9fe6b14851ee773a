#include "shared/http/pagination.h"

#include <nlohmann/json.hpp>

#include "shared/core/base64url.h"
#include "shared/json/strict_json.h"

namespace gofast::http {

Result<size_t> ParseLimit(const httplib::Request& request, size_t default_limit) {
  if (!request.has_param("limit")) return default_limit;
  const std::string text = request.get_param_value("limit");
  size_t limit = 0;
  const bool digits_only = !text.empty() && text.size() <= 4 &&
                           text.find_first_not_of("0123456789") == std::string::npos;
  if (digits_only) limit = std::stoul(text);
  if (!digits_only || limit < 1 || limit > kMaxPageLimit) {
    return FieldValidationError(
        "limit", "limit must be a whole number from 1 to " + std::to_string(kMaxPageLimit));
  }
  return limit;
}

Result<PageRequest> ParsePageRequest(const httplib::Request& request, size_t default_limit) {
  const Result<size_t> limit = ParseLimit(request, default_limit);
  if (!limit) return limit.error();
  PageRequest page{limit.value(), std::nullopt};
  if (request.has_param("cursor")) {
    const std::optional<std::string> decoded = Base64UrlDecode(request.get_param_value("cursor"));
    const Result<nlohmann::json> parsed =
        decoded ? json::ParseStrictJson(*decoded, "The cursor") : Result<nlohmann::json>(nullptr);
    const nlohmann::json position = parsed ? parsed.value() : nlohmann::json();
    if (!position.is_array() || position.size() != 2 || !position[0].is_string() ||
        !position[1].is_string()) {
      return FieldValidationError("cursor",
                                  "cursor is not valid: pass the nextCursor of the previous page");
    }
    page.after = CursorPosition{position[0].get<std::string>(), position[1].get<std::string>()};
  }
  return page;
}

std::string EncodeCursor(const CursorPosition& position) {
  return Base64UrlEncode(nlohmann::json::array({position.sort_key, position.id}).dump());
}

}  // namespace gofast::http
