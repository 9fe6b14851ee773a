#ifndef GOFAST_TESTS_SUPPORT_PROVIDER_STATES_H_
#define GOFAST_TESTS_SUPPORT_PROVIDER_STATES_H_

#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "tests/support/http_client.h"

namespace gofast::testing {

// POST /_test/provider-states (shared/http/test_api.h) as Pact's verifier sends it. The
// contract document does not describe the route yet, so its answers go unchecked.
inline Reply ChangeState(int port, const nlohmann::json& body) {
  return PostUnchecked(port, "/_test/provider-states", body.dump());
}
inline Reply SetUpState(int port, const std::string& state,
                        const nlohmann::json& params = nlohmann::json::object()) {
  return ChangeState(port, {{"state", state}, {"params", params}, {"action", "setup"}});
}
inline Reply TearDownState(int port, const std::string& state,
                           const nlohmann::json& params = nlohmann::json::object()) {
  return ChangeState(port, {{"state", state}, {"params", params}, {"action", "teardown"}});
}

// The member names of an answer, to compare with the ones a state lists.
inline std::set<std::string> Keys(const nlohmann::json& object) {
  std::set<std::string> keys;
  for (const auto& [key, value] : object.items()) keys.insert(key);
  return keys;
}

}  // namespace gofast::testing

#endif  // GOFAST_TESTS_SUPPORT_PROVIDER_STATES_H_
