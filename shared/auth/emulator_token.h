#ifndef GOFAST_SHARED_AUTH_EMULATOR_TOKEN_H_
#define GOFAST_SHARED_AUTH_EMULATOR_TOKEN_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace gofast::auth {

// What a minted token says; the claims mirror a Firebase ID token.
struct MintOptions {
  std::string project_id;
  std::string uid;
  std::optional<std::string> email;
  bool email_verified = false;
  std::optional<std::string> name;
  int64_t lifetime_seconds = 3600;  // negative mints an already expired token
  int64_t issued_at_offset = 0;     // seconds added to now for iat
  nlohmann::json extra_claims = nlohmann::json::object();  // merged at the top level, last
};

// header.payload.signature with base64url segments; no checks at all, so
// tests can also build tokens that break a rule on purpose.
std::string EncodeJwt(const nlohmann::json& header, const nlohmann::json& payload,
                      const std::string& signature);

nlohmann::json MintPayload(const MintOptions& options, int64_t now_seconds);

// The unsigned form the Firebase Auth Emulator issues: alg "none", an empty
// signature. Services in emulator auth mode accept it (the test API answers
// such tokens); signed tokens are the development kit's (MintToken).
std::string MintEmulatorToken(const MintOptions& options, int64_t now_seconds);

}  // namespace gofast::auth

#endif  // GOFAST_SHARED_AUTH_EMULATOR_TOKEN_H_
