#include "shared/devkit/token_minting.h"

#include <fstream>
#include <sstream>

#include "shared/core/base64url.h"

namespace gofast::auth {

MintOptions DemoAdmin(const std::string& project_id) {
  MintOptions admin;
  admin.project_id = project_id;
  admin.uid = "ada-admin-uid";
  admin.email = "ada@gofast.test";
  admin.email_verified = true;
  admin.name = "Ada Admin";
  return admin;
}

std::string MintToken(const MintOptions& options, const std::optional<SigningKey>& key,
                      int64_t now_seconds) {
  if (!key) return MintEmulatorToken(options, now_seconds);
  const nlohmann::json payload = MintPayload(options, now_seconds);
  const nlohmann::json header = {{"alg", "RS256"}, {"kid", key->kid}, {"typ", "JWT"}};
  const std::string signed_part =
      Base64UrlEncode(header.dump()) + "." + Base64UrlEncode(payload.dump());
  return signed_part + "." + Base64UrlEncode(SignRs256(key->private_key.get(), signed_part));
}

Result<SigningKey> LoadSigningKey(const std::string& key_path, const std::string& kid) {
  std::ifstream file(key_path, std::ios::binary);
  if (!file) return MakeError(ErrorCode::kInternal, "cannot read key file " + key_path);
  std::stringstream pem;
  pem << file.rdbuf();
  PKey key = PrivateKeyFromPem(pem.str());
  if (!key) return MakeError(ErrorCode::kInternal, key_path + " is not a PEM private key");
  return SigningKey{kid, std::move(key)};
}

GeneratedKeyPair GenerateKeyPair(const std::string& kid) {
  constexpr int kRsaBits = 2048;
  GeneratedKeyPair pair;
  pair.signing_key = SigningKey{kid, GenerateRsaKey(kRsaBits)};
  pair.private_key_pem = PrivateKeyToPem(pair.signing_key.private_key.get());
  pair.certificate_pem =
      SelfSignedCertificatePem(pair.signing_key.private_key.get(), "gofast-token " + kid);
  pair.certificates_json = nlohmann::json{{kid, pair.certificate_pem}}.dump(2) + "\n";
  return pair;
}

}  // namespace gofast::auth
