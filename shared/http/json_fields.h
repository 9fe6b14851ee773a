#ifndef GOFAST_SHARED_HTTP_JSON_FIELDS_H_
#define GOFAST_SHARED_HTTP_JSON_FIELDS_H_

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "shared/core/result.h"

namespace gofast::http {

// An optional value of an answer: the value, or JSON null when absent.
template <typename T>
nlohmann::json OrNull(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

// A text field of a request body as both services read one: it must be a
// string; it is trimmed as JavaScript trims, and a blank one is nullopt; it
// must hold no NUL and at most `max_characters` characters (code points).
// Errors are VALIDATION_FAILED naming the field, in the message and as the
// error's field (details.field); `name` is the JSON name, dotted when nested.
Result<std::optional<std::string>> ReadTextField(const std::string& name,
                                                 const nlohmann::json& value,
                                                 size_t max_characters);

}  // namespace gofast::http

#endif  // GOFAST_SHARED_HTTP_JSON_FIELDS_H_
