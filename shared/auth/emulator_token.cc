#include "shared/auth/emulator_token.h"

#include "shared/core/base64url.h"

namespace gofast::auth {

std::string EncodeJwt(const nlohmann::json& header, const nlohmann::json& payload,
                      const std::string& signature) {
  return Base64UrlEncode(header.dump()) + "." + Base64UrlEncode(payload.dump()) + "." +
         Base64UrlEncode(signature);
}

nlohmann::json MintPayload(const MintOptions& options, int64_t now_seconds) {
  const int64_t issued_at = now_seconds + options.issued_at_offset;
  nlohmann::json payload = {
      {"iss", "https://securetoken.google.com/" + options.project_id},
      {"aud", options.project_id},
      {"auth_time", issued_at},
      {"user_id", options.uid},
      {"sub", options.uid},
      {"iat", issued_at},
      {"exp", issued_at + options.lifetime_seconds},
  };
  nlohmann::json identities = nlohmann::json::object();
  if (options.email) {
    payload["email"] = *options.email;
    payload["email_verified"] = options.email_verified;
    identities["email"] = nlohmann::json::array({*options.email});
  }
  if (options.name) payload["name"] = *options.name;
  payload["firebase"] = {{"identities", identities},
                         {"sign_in_provider", options.email ? "password" : "custom"}};
  for (const auto& [claim, value] : options.extra_claims.items()) payload[claim] = value;
  return payload;
}

std::string MintEmulatorToken(const MintOptions& options, int64_t now_seconds) {
  return EncodeJwt({{"alg", "none"}, {"typ", "JWT"}}, MintPayload(options, now_seconds), "");
}

}  // namespace gofast::auth
