#include "app_service/domain/athlete.h"

#include "app_service/domain/text.h"

namespace gofast::app {

std::pair<std::optional<std::string>, std::optional<std::string>> SplitDisplayName(
    std::string_view name) {
  name = TrimWhitespace(name);
  if (name.empty()) return {std::nullopt, std::nullopt};
  const size_t end_of_first = name.find_first_of(" \t\r\n");
  if (end_of_first == std::string_view::npos) return {std::string(name), std::nullopt};
  const std::string_view rest = TrimWhitespace(name.substr(end_of_first));
  return {std::string(name.substr(0, end_of_first)),
          rest.empty() ? std::nullopt : std::optional<std::string>(rest)};
}

}  // namespace gofast::app
