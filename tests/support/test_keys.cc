#include "tests/support/test_keys.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <optional>

#include "shared/core/base64url.h"

namespace gofast::testing {

int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

const TestKeys& TestKeys::Shared() {
  static const TestKeys keys;
  return keys;
}

TestKeys::TestKeys() {
  const auth::GeneratedKeyPair pair = auth::GenerateKeyPair(kKid);
  key_ = pair.signing_key;
  certs_path_ = dir_.File("certs.json");
  std::ofstream(certs_path_) << pair.certificates_json;
}

std::string TestKeys::Mint(const auth::MintOptions& options) const {
  return auth::MintToken(options, key_, NowSeconds());
}

std::string SignedToken(const std::string& uid, const std::string& email, bool email_verified,
                        const std::string& name) {
  auth::MintOptions options;
  options.project_id = kTestProjectId;
  options.uid = uid;
  if (!email.empty()) options.email = email;
  options.email_verified = email_verified;
  if (!name.empty()) options.name = name;
  return TestKeys::Shared().Mint(options);
}

std::vector<std::string> ServiceArgs(const std::string& db_path,
                                     const std::vector<std::string>& more) {
  std::vector<std::string> args = {"--port",
                                   "0",
                                   "--db",
                                   db_path,
                                   "--project-id",
                                   kTestProjectId,
                                   "--firebase-certs",
                                   TestKeys::Shared().certs_path()};
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

std::vector<std::string> EmulatorServiceArgs(const std::string& db_path,
                                             const std::string& project_id,
                                             const std::vector<std::string>& more) {
  std::vector<std::string> args = {"--port",       "0",        "--db",        db_path,
                                   "--project-id", project_id, "--auth-mode", "emulator"};
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

std::string TestKeys::MintUnsigned(const auth::MintOptions& options) {
  return auth::MintToken(options, std::nullopt, NowSeconds());
}

nlohmann::json TokenPayload(const std::string& token) {
  const size_t first = token.find('.');
  const std::optional<std::string> payload =
      Base64UrlDecode(token.substr(first + 1, token.find('.', first + 1) - first - 1));
  REQUIRE(payload);
  return nlohmann::json::parse(*payload);
}

}  // namespace gofast::testing
