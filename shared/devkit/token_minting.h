#ifndef GOFAST_SHARED_DEVKIT_TOKEN_MINTING_H_
#define GOFAST_SHARED_DEVKIT_TOKEN_MINTING_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "shared/auth/crypto.h"
#include "shared/core/result.h"

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

struct SigningKey {
  std::string kid;
  PKey private_key;
};

// header.payload.signature with base64url segments; no checks at all, so
// tests can also build tokens that break a rule on purpose.
std::string EncodeJwt(const nlohmann::json& header, const nlohmann::json& payload,
                      const std::string& signature);

// The project the demo and `gofast up` use unless told otherwise.
inline constexpr char kDemoProjectId[] = "demo-gofast";

// "Ada Admin" <ada@gofast.test>, uid ada-admin-uid, email verified: the admin
// the demo and `gofast up` sign in.
MintOptions DemoAdmin(const std::string& project_id);

nlohmann::json MintPayload(const MintOptions& options, int64_t now_seconds);

// RS256 signed with `key`, or, without a key, the unsigned form the Firebase
// Auth Emulator issues (alg "none", empty signature).
std::string MintToken(const MintOptions& options, const std::optional<SigningKey>& key,
                      int64_t now_seconds);

// Reads a PEM private key written by `gofast-token keygen`.
Result<SigningKey> LoadSigningKey(const std::string& key_path, const std::string& kid);

// A new key pair: the private key, a self-signed certificate, and the
// certs.json document ({kid: certificate}) that --firebase-certs reads.
struct GeneratedKeyPair {
  SigningKey signing_key;
  std::string private_key_pem;
  std::string certificate_pem;
  std::string certificates_json;
};
GeneratedKeyPair GenerateKeyPair(const std::string& kid);

}  // namespace gofast::auth

#endif  // GOFAST_SHARED_DEVKIT_TOKEN_MINTING_H_
