// The gofast-token tool, run as a child process (GOFAST_TOKEN_BIN).
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "shared/auth/firebase_token.h"
#include "shared/devkit/token_minting.h"
#include "tests/shared/token_test_support.h"
#include "tests/support/process.h"
#include "tests/support/test_keys.h"

namespace gofast::testing {
namespace {

using auth::AuthMode;
using auth::VerifiedToken;
using Catch::Matchers::Contains;

std::string Trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

// A real-clock verifier of kProjectId (the tool mints with the real clock).
auth::TokenVerifier RealClockVerifier(AuthMode mode, const std::string& certs, int64_t skew = 300) {
  Result<std::shared_ptr<auth::KeySource>> keys = auth::MakeKeySource(certs);
  REQUIRE(keys.ok());
  return auth::TokenVerifier(auth::VerifierOptions{kProjectId, mode, skew}, keys.value());
}

// keygen into a fresh folder: the folder's path.
struct KeyFolder {
  KeyFolder() {
    const CommandResult result =
        RunCommand(GOFAST_TOKEN_BIN, {"keygen", "--kid", "test-only-cli", "--out", out.string()});
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
  }
  TempDir dir;
  std::filesystem::path out = dir.path() / "keys" / "nested";
  std::string certs() const { return (out / "certs.json").string(); }
  std::string key() const { return (out / "test-only-cli.key").string(); }
};

CommandResult Mint(const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"mint", "--project-id", kProjectId, "--uid", "cli-user"};
  args.insert(args.end(), extra.begin(), extra.end());
  return RunCommand(GOFAST_TOKEN_BIN, args);
}

}  // namespace

TEST_CASE("gofast-token keygen writes the key, the certificate and a certs.json the verifier reads",
          "[unit][gofast-token]") {
  KeyFolder keys;
  CHECK(std::filesystem::is_regular_file(keys.out / "test-only-cli.key"));
  CHECK(std::filesystem::is_regular_file(keys.out / "test-only-cli.crt"));
  REQUIRE(std::filesystem::is_regular_file(keys.certs()));

  Result<std::shared_ptr<auth::KeySource>> source = auth::MakeKeySource(keys.certs());
  REQUIRE(source.ok());
  const Result<std::shared_ptr<const auth::KeySet>> set = source.value()->Keys();
  REQUIRE(set.ok());
  CHECK(set.value()->count("test-only-cli") == 1);

  CHECK(auth::LoadSigningKey(keys.key(), "test-only-cli").ok());
  const auto permissions = std::filesystem::status(keys.key()).permissions();
  CHECK((permissions & (std::filesystem::perms::group_all | std::filesystem::perms::others_all)) ==
        std::filesystem::perms::none);
}

TEST_CASE("gofast-token mint with a key prints an RS256 token accepted in production mode",
          "[unit][gofast-token]") {
  KeyFolder keys;
  const CommandResult result = Mint({"--email", "cli@example.com", "--email-verified", "--name",
                                     "Cli User", "--key", keys.key(), "--kid", "test-only-cli"});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  const std::string token = Trimmed(result.out);
  CHECK(token.find('\n') == std::string::npos);
  const Result<VerifiedToken> verified =
      RealClockVerifier(AuthMode::kProduction, keys.certs()).Verify(token);
  REQUIRE(CodeOf(verified) == "OK");
  CHECK(verified->uid == "cli-user");
  CHECK(verified->email == std::optional<std::string>("cli@example.com"));
  CHECK(verified->email_verified);
  CHECK(verified->name == std::optional<std::string>("Cli User"));
  // The same token is a signed token: emulator mode refuses it.
  CHECK(CodeOf(RealClockVerifier(AuthMode::kEmulator, keys.certs()).Verify(token)) ==
        "INVALID_TOKEN");
}

TEST_CASE("gofast-token mint without a key prints an emulator token", "[unit][gofast-token]") {
  KeyFolder keys;
  const CommandResult result = Mint({"--email", "cli@example.com"});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  const std::string token = Trimmed(result.out);
  CHECK(token.back() == '.');  // empty signature segment
  const Result<VerifiedToken> verified =
      RealClockVerifier(AuthMode::kEmulator, keys.certs()).Verify(token);
  REQUIRE(CodeOf(verified) == "OK");
  CHECK(verified->uid == "cli-user");
  CHECK(verified->email == std::optional<std::string>("cli@example.com"));
  CHECK_FALSE(verified->email_verified);
  CHECK(CodeOf(RealClockVerifier(AuthMode::kProduction, keys.certs()).Verify(token)) ==
        "INVALID_TOKEN");
}

TEST_CASE("gofast-token mint with a negative lifetime prints an expired token",
          "[unit][gofast-token]") {
  KeyFolder keys;
  const CommandResult result =
      Mint({"--lifetime", "-100", "--key", keys.key(), "--kid", "test-only-cli"});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  const std::string token = Trimmed(result.out);
  const nlohmann::json payload = TokenPayload(token);
  CHECK(payload.at("exp").get<int64_t>() - payload.at("iat").get<int64_t>() == -100);
  CHECK(CodeOf(RealClockVerifier(AuthMode::kProduction, keys.certs(), 0).Verify(token)) ==
        "TOKEN_EXPIRED");
}

TEST_CASE("gofast-token mint with an issued-at offset moves iat", "[unit][gofast-token]") {
  KeyFolder keys;
  const CommandResult result =
      Mint({"--issued-at-offset", "1000", "--key", keys.key(), "--kid", "test-only-cli"});
  REQUIRE(result.exit_code == 0);
  const Result<VerifiedToken> verified =
      RealClockVerifier(AuthMode::kProduction, keys.certs()).Verify(Trimmed(result.out));
  CHECK(CodeOf(verified) == "INVALID_TOKEN");
  CHECK_THAT(verified.ok() ? "" : verified.error().message, Contains("iat"));
}

TEST_CASE("gofast-token mint puts extra claims at the top level", "[unit][gofast-token]") {
  KeyFolder keys;
  const CommandResult result = Mint(
      {"--claims", R"({"role":"admin","tier":3})", "--key", keys.key(), "--kid", "test-only-cli"});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  const Result<VerifiedToken> verified =
      RealClockVerifier(AuthMode::kProduction, keys.certs()).Verify(Trimmed(result.out));
  REQUIRE(CodeOf(verified) == "OK");
  CHECK(verified->claims->at("role") == "admin");
  CHECK(verified->claims->at("tier") == 3);
}

TEST_CASE("gofast-token mint refuses claims that are not a JSON object", "[unit][gofast-token]") {
  for (const char* claims : {"[1]", "not json", "\"role\"", "null"}) {
    const CommandResult result = Mint({"--claims", claims});
    INFO("--claims " << claims);
    CHECK(result.exit_code == 2);
    CHECK(result.out.empty());
    CHECK_THAT(result.err, Contains("--claims"));
  }
}

TEST_CASE("gofast-token mint refuses a key without a kid and a missing uid",
          "[unit][gofast-token]") {
  KeyFolder keys;
  CHECK(Mint({"--key", keys.key()}).exit_code == 2);
  CHECK(RunCommand(GOFAST_TOKEN_BIN, {"mint", "--project-id", kProjectId}).exit_code == 2);
  CHECK(RunCommand(GOFAST_TOKEN_BIN, {}).exit_code == 2);
}

TEST_CASE("gofast-token mint refuses an unreadable key file", "[unit][gofast-token]") {
  TempDir dir;
  const CommandResult result = Mint({"--key", dir.File("missing.key"), "--kid", "k"});
  CHECK(result.exit_code == 2);
  CHECK(result.out.empty());
}

}  // namespace gofast::testing
