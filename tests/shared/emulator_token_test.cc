// The unsigned emulator-form token of shared/auth (MintEmulatorToken), which the services'
// test API answers and the development kit's MintToken makes without a key.
#include "shared/auth/emulator_token.h"

#include <catch2/catch.hpp>
#include <string>

#include "shared/auth/firebase_token.h"
#include "shared/core/base64url.h"
#include "shared/devkit/token_minting.h"
#include "tests/shared/token_test_support.h"

namespace gofast::testing {
namespace {

using auth::AuthMode;
using auth::VerifiedToken;
using nlohmann::json;

// The three segments, the first two decoded.
struct Parts {
  json header;
  json payload;
  std::string signature;
};

Parts Split(const std::string& token) {
  const size_t first = token.find('.');
  const size_t second = token.find('.', first + 1);
  REQUIRE(second != std::string::npos);
  REQUIRE(token.find('.', second + 1) == std::string::npos);
  const auto header = Base64UrlDecode(token.substr(0, first));
  const auto payload = Base64UrlDecode(token.substr(first + 1, second - first - 1));
  REQUIRE(header);
  REQUIRE(payload);
  return {json::parse(*header), json::parse(*payload), token.substr(second + 1)};
}

auth::MintOptions Ada() {
  auth::MintOptions options;
  options.project_id = kProjectId;
  options.uid = "ada-uid";
  options.email = "ada@gofast.test";
  options.email_verified = true;
  return options;
}

}  // namespace

TEST_CASE("an emulator token is alg none with an empty signature and the Firebase claims",
          "[unit][token]") {
  const Parts parts = Split(auth::MintEmulatorToken(Ada(), kNow));
  CHECK(parts.header == json{{"alg", "none"}, {"typ", "JWT"}});
  CHECK(parts.signature.empty());
  const json& claims = parts.payload;
  CHECK(claims["iss"] == std::string("https://securetoken.google.com/") + kProjectId);
  CHECK(claims["aud"] == kProjectId);
  CHECK(claims["sub"] == "ada-uid");
  CHECK(claims["user_id"] == "ada-uid");
  CHECK(claims["iat"] == kNow);
  CHECK(claims["auth_time"] == kNow);
  CHECK(claims["exp"] == kNow + 3600);
  CHECK(claims["email"] == "ada@gofast.test");
  CHECK(claims["email_verified"] == true);
  CHECK(claims["firebase"]["identities"]["email"] == json::array({"ada@gofast.test"}));
  CHECK(claims["firebase"]["sign_in_provider"] == "password");
}

TEST_CASE("an emulator token without an email has no email claims", "[unit][token]") {
  auth::MintOptions options = Ada();
  options.email.reset();
  const json claims = Split(auth::MintEmulatorToken(options, kNow)).payload;
  CHECK_FALSE(claims.contains("email"));
  CHECK_FALSE(claims.contains("email_verified"));
  CHECK(claims["firebase"]["identities"] == json::object());
  CHECK(claims["firebase"]["sign_in_provider"] == "custom");
}

TEST_CASE("an emulator token is accepted in emulator mode and refused in production mode",
          "[unit][token]") {
  const std::string token = auth::MintEmulatorToken(Ada(), kNow);
  const Result<VerifiedToken> emulator = MakeVerifier(AuthMode::kEmulator).Verify(token);
  REQUIRE(CodeOf(emulator) == "OK");
  CHECK(emulator->uid == "ada-uid");
  CHECK(emulator->email == std::optional<std::string>("ada@gofast.test"));
  CHECK(emulator->email_verified);
  CHECK(CodeOf(MakeVerifier(AuthMode::kProduction).Verify(token)) == "INVALID_TOKEN");
}

TEST_CASE("an emulator token of another project is refused", "[unit][token]") {
  auth::MintOptions options = Ada();
  options.project_id = "another-project";
  CHECK(CodeOf(MakeVerifier(AuthMode::kEmulator).Verify(auth::MintEmulatorToken(options, kNow))) ==
        "INVALID_TOKEN");
}

TEST_CASE("the development kit's keyless MintToken is the emulator token", "[unit][token]") {
  CHECK(auth::MintToken(Ada(), std::nullopt, kNow) == auth::MintEmulatorToken(Ada(), kNow));
}

}  // namespace gofast::testing
