#ifndef GOFAST_TESTS_APP_JSON_EDITS_H_
#define GOFAST_TESTS_APP_JSON_EDITS_H_

#include <nlohmann/json.hpp>
#include <string>

namespace gofast::testing {

// A copy of `body` with one field set: one validation case per line.
inline nlohmann::json With(nlohmann::json body, const std::string& field,
                           const nlohmann::json& value) {
  body[field] = value;
  return body;
}

// A copy of `body` without one field.
inline nlohmann::json Without(nlohmann::json body, const std::string& field) {
  body.erase(field);
  return body;
}

}  // namespace gofast::testing

#endif  // GOFAST_TESTS_APP_JSON_EDITS_H_
