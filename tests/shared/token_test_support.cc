#include "tests/shared/token_test_support.h"

#include <stdexcept>

#include "shared/core/base64url.h"
#include "tests/support/test_keys.h"

namespace gofast::testing {

auth::MintOptions AliceOptions() {
  auth::MintOptions options;
  options.project_id = kProjectId;
  options.uid = "alice-uid";
  options.email = "alice@example.com";
  options.email_verified = true;
  options.name = "Alice Runner";
  options.extra_claims = {{"role", "admin"}};
  return options;
}

nlohmann::json RsHeader(const std::string& kid) {
  return {{"alg", "RS256"}, {"kid", kid}, {"typ", "JWT"}};
}

std::string SignJwt(const nlohmann::json& header, const nlohmann::json& payload,
                    const auth::PKey& key) {
  const std::string signed_part =
      Base64UrlEncode(header.dump()) + "." + Base64UrlEncode(payload.dump());
  return signed_part + "." + Base64UrlEncode(auth::SignRs256(key.get(), signed_part));
}

std::shared_ptr<auth::KeySource> TestKeySource() {
  Result<std::shared_ptr<auth::KeySource>> source =
      auth::MakeKeySource(TestKeys::Shared().certs_path());
  if (!source) throw std::runtime_error("test key source: " + source.error().message);
  return source.value();
}

auth::TokenVerifier MakeVerifier(auth::AuthMode mode, int64_t skew_seconds,
                                 std::shared_ptr<auth::KeySource> keys) {
  return auth::TokenVerifier(auth::VerifierOptions{kProjectId, mode, skew_seconds}, std::move(keys),
                             [] { return kNow; });
}

std::string CodeOf(const Result<auth::VerifiedToken>& result) {
  return result.ok() ? "OK" : WireCode(result.error().code);
}

std::string MessageOf(const Result<auth::VerifiedToken>& result) {
  return result.ok() ? "" : result.error().message;
}

}  // namespace gofast::testing
