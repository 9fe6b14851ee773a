#include "app_service/domain/city_slug.h"

#include "shared/core/text.h"

namespace gofast::app {

std::string Slugify(std::string_view text) {
  std::string slug;
  bool pending_dash = false;
  for (const char raw : text) {
    char c = raw;
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (pending_dash && !slug.empty()) slug.push_back('-');
      pending_dash = false;
      slug.push_back(c);
    } else {
      pending_dash = true;
    }
  }
  return slug;
}

std::string CityNameFromAddress(std::string_view address) {
  const size_t first_comma = address.find(',');
  if (first_comma == std::string_view::npos) return std::string(TrimWhitespace(address));
  std::string_view rest = address.substr(first_comma + 1);
  rest = rest.substr(0, rest.find(','));
  return std::string(TrimWhitespace(rest));
}

}  // namespace gofast::app
