#ifndef GOFAST_SHARED_AUTH_FIREBASE_TOKEN_H_
#define GOFAST_SHARED_AUTH_FIREBASE_TOKEN_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "shared/auth/crypto.h"
#include "shared/core/metrics.h"
#include "shared/core/result.h"

namespace gofast::auth {

enum class AuthMode { kProduction, kEmulator };

inline constexpr char kGoogleCertsUrl[] =
    "https://www.googleapis.com/robot/v1/metadata/x509/securetoken@system.gserviceaccount.com";

// The identity a verified token carries.
struct VerifiedToken {
  std::string uid;
  std::optional<std::string> email;
  bool email_verified = false;
  std::optional<std::string> name;
  std::optional<std::string> picture;
  int64_t expires_at = 0;
  // The whole payload, custom claims included; shared, so a cached token's
  // copy for each request is a pointer, not a tree.
  std::shared_ptr<const nlohmann::json> claims;
};

// kid -> public key of its certificate.
using KeySet = std::map<std::string, PKey, std::less<>>;

// Parses Google's certificate document: {"kid": "<PEM certificate>", ...}.
Result<KeySet> ParseCertificateSet(std::string_view json_text);

// Where the verifier gets its keys: a file read at start, or a URL fetched lazily.
class KeySource {
 public:
  virtual ~KeySource() = default;
  // kUnavailable when the key set cannot be had right now.
  virtual Result<std::shared_ptr<const KeySet>> Keys() = 0;
};

// `source` is a file path (read now: an unreadable or malformed file is an
// error) or an http(s):// URL (fetched at the first Keys() call, then cached
// for the max-age of its Cache-Control answer).
Result<std::shared_ptr<KeySource>> MakeKeySource(const std::string& source);

struct VerifierOptions {
  std::string project_id;
  AuthMode mode = AuthMode::kProduction;
  int64_t clock_skew_seconds = 300;
  // How many verified tokens to remember until their exp (a client sends the
  // same token with every request; its RSA check is most of the cost of
  // authenticating). 0 verifies every time.
  size_t verified_cache_capacity = 0;
};

// verifyIdToken of the Firebase Admin SDKs, rule by rule (spec/firebase-id-tokens.md).
// Errors: kInvalidToken (message names the rule), kTokenExpired,
// kAuthKeysUnavailable.
class TokenVerifier {
 public:
  using Clock = std::function<int64_t()>;  // unix seconds

  TokenVerifier(VerifierOptions options, std::shared_ptr<KeySource> keys, Clock clock = {});

  Result<VerifiedToken> Verify(std::string_view token) const;

  // gofast_token_cache_hits_total and _misses_total (a miss: the token was
  // checked rule by rule, whatever the outcome).
  void WriteMetrics(metrics::Exposition& out) const;

  const VerifierOptions& options() const { return options_; }

 private:
  Result<VerifiedToken> VerifyUncached(std::string_view token, int64_t now) const;

  VerifierOptions options_;
  std::string expected_issuer_;
  std::shared_ptr<KeySource> keys_;
  Clock clock_;
  mutable std::mutex cache_mutex_;
  mutable std::unordered_map<std::string, VerifiedToken> verified_;
  mutable std::atomic<uint64_t> cache_hits_{0};
  mutable std::atomic<uint64_t> cache_misses_{0};
};

}  // namespace gofast::auth

#endif  // GOFAST_SHARED_AUTH_FIREBASE_TOKEN_H_
