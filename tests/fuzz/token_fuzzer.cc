// TokenVerifier::Verify (shared/auth/firebase_token.h) with the input as the
// token, in both modes. Emulator mode takes unsigned tokens, so inputs reach
// every payload rule. Production mode holds one key generated here, so a
// token naming its kid reaches the signature check, which no input may pass.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "shared/auth/firebase_token.h"
#include "tests/fuzz/fuzz_check.h"

namespace gofast {
namespace {

constexpr char kProjectId[] = "demo-gofast-fuzz";
constexpr int64_t kNow = 1800000000;  // a fixed clock: the same input, the same answer

class GeneratedKeySource : public auth::KeySource {
 public:
  GeneratedKeySource()
      : keys_(std::make_shared<const auth::KeySet>(
            auth::KeySet{{"fuzz-kid", auth::GenerateRsaKey(2048)}})) {}
  Result<std::shared_ptr<const auth::KeySet>> Keys() override { return keys_; }

 private:
  std::shared_ptr<const auth::KeySet> keys_;
};

auth::TokenVerifier MakeVerifier(auth::AuthMode mode) {
  return auth::TokenVerifier(auth::VerifierOptions{kProjectId, mode},
                             std::make_shared<GeneratedKeySource>(), [] { return kNow; });
}

bool IsTokenRefusal(const Error& error) {
  return error.code == ErrorCode::kInvalidToken || error.code == ErrorCode::kTokenExpired;
}

}  // namespace
}  // namespace gofast

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gofast;
  static const auth::TokenVerifier emulator = MakeVerifier(auth::AuthMode::kEmulator);
  static const auth::TokenVerifier production = MakeVerifier(auth::AuthMode::kProduction);
  const std::string_view token(reinterpret_cast<const char*>(data), size);

  const Result<auth::VerifiedToken> unsigned_token = emulator.Verify(token);
  if (unsigned_token) {
    const auth::VerifiedToken& verified = unsigned_token.value();
    fuzz::Check(!verified.uid.empty() && verified.uid.size() <= 128,
                "a verified token has a subject of 1 to 128 bytes");
    fuzz::Check(verified.claims->value("aud", "") == kProjectId,
                "a verified token is for the verifier's project");
    fuzz::Check(kNow <= verified.expires_at + emulator.options().clock_skew_seconds,
                "a verified token has not expired");
  } else {
    fuzz::Check(IsTokenRefusal(unsigned_token.error()),
                "emulator mode refuses a token as invalid or expired");
  }

  const Result<auth::VerifiedToken> signed_token = production.Verify(token);
  fuzz::Check(!signed_token, "production mode accepts no token without the key's signature");
  fuzz::Check(IsTokenRefusal(signed_token.error()),
              "production mode refuses a token as invalid or expired");
  return 0;
}
