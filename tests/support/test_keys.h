#ifndef GOFAST_TESTS_SUPPORT_TEST_KEYS_H_
#define GOFAST_TESTS_SUPPORT_TEST_KEYS_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "shared/devkit/token_minting.h"
#include "tests/support/process.h"

namespace gofast::testing {

// TEST-ONLY signing key: a fresh RSA key pair generated once per test binary,
// with its certs.json written to a temporary folder for --firebase-certs.
class TestKeys {
 public:
  static const TestKeys& Shared();

  const std::string& certs_path() const { return certs_path_; }
  const auth::SigningKey& key() const { return key_; }
  static constexpr char kKid[] = "test-only-kid";

  // RS256 token signed by this key, issued now.
  std::string Mint(const auth::MintOptions& options) const;
  // Unsigned emulator-form token, issued now.
  static std::string MintUnsigned(const auth::MintOptions& options);

 private:
  TestKeys();
  TempDir dir_;
  auth::SigningKey key_;
  std::string certs_path_;
};

int64_t NowSeconds();

// A service's arguments under test: port 0, the database `db_path`, the test
// project and the test-only keys, then `more`.
std::vector<std::string> ServiceArgs(const std::string& db_path,
                                     const std::vector<std::string>& more = {});
// The same in emulator mode, for tokens of `project_id` in the emulator's
// unsigned form: no keys.
std::vector<std::string> EmulatorServiceArgs(const std::string& db_path,
                                             const std::string& project_id,
                                             const std::vector<std::string>& more = {});

// The Firebase project every test service trusts.
inline constexpr char kTestProjectId[] = "test-project";

// RS256 token of the test project, signed by the test-only key. An empty
// email or name leaves that claim out.
std::string SignedToken(const std::string& uid, const std::string& email = "",
                        bool email_verified = true, const std::string& name = "");

// The claims of a token's payload, decoded but not verified; fails the test when the
// payload is not base64url.
nlohmann::json TokenPayload(const std::string& token);

}  // namespace gofast::testing

#endif  // GOFAST_TESTS_SUPPORT_TEST_KEYS_H_
