#ifndef GOFAST_SHARED_DEVKIT_TOKEN_MINTING_H_
#define GOFAST_SHARED_DEVKIT_TOKEN_MINTING_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "shared/auth/crypto.h"
#include "shared/auth/emulator_token.h"
#include "shared/core/result.h"

namespace gofast::auth {

struct SigningKey {
  std::string kid;
  PKey private_key;
};

// The project the demo and `gofast up` use unless told otherwise.
inline constexpr char kDemoProjectId[] = "demo-gofast";

// "Ada Admin" <ada@gofast.test>, uid ada-admin-uid, email verified: the admin
// the demo and `gofast up` sign in.
MintOptions DemoAdmin(const std::string& project_id);

// RS256 signed with `key`, or, without a key, MintEmulatorToken's unsigned form.
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
