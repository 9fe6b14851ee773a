#include "shared/http/json_fields.h"

#include "shared/core/text.h"

namespace gofast::http {

Result<std::optional<std::string>> ReadTextField(const std::string& name,
                                                 const nlohmann::json& value,
                                                 size_t max_characters) {
  if (!value.is_string()) return FieldValidationError(name, name + " must be a string");
  const std::string_view trimmed = TrimWhitespace(value.get_ref<const std::string&>());
  if (trimmed.empty()) return std::optional<std::string>();
  if (trimmed.find('\0') != std::string_view::npos) {
    return FieldValidationError(name, name + " must not contain NUL");
  }
  if (CountCharacters(trimmed) > max_characters) {
    return FieldValidationError(
        name, name + " must be at most " + std::to_string(max_characters) + " characters");
  }
  return std::optional<std::string>(std::string(trimmed));
}

}  // namespace gofast::http
