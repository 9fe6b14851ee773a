#include "shared/auth/firebase_token.h"

#include <httplib.h>

#include <cctype>
#include <chrono>
#include <fstream>
#include <sstream>

#include "shared/core/base64url.h"
#include "shared/core/text.h"
#include "shared/json/strict_json.h"

namespace gofast::auth {
namespace {

Error Invalid(std::string message) {
  return MakeError(ErrorCode::kInvalidToken, std::move(message));
}

int64_t SystemNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

class StaticKeySource : public KeySource {
 public:
  explicit StaticKeySource(KeySet keys) : keys_(std::make_shared<const KeySet>(std::move(keys))) {}
  Result<std::shared_ptr<const KeySet>> Keys() override { return keys_; }

 private:
  std::shared_ptr<const KeySet> keys_;
};

// Seconds of `max-age` in a Cache-Control value, or 0.
int64_t MaxAgeSeconds(const std::string& cache_control_header) {
  const std::string cache_control = ToLowerAscii(cache_control_header);
  for (size_t at = cache_control.find("max-age"); at != std::string::npos;
       at = cache_control.find("max-age", at + 1)) {
    if (at > 0 && cache_control[at - 1] != ' ' && cache_control[at - 1] != ',') continue;
    size_t pos = cache_control.find_first_not_of(' ', at + 7);
    if (pos == std::string::npos || cache_control[pos] != '=') continue;
    pos = cache_control.find_first_not_of(' ', pos + 1);
    int64_t seconds = 0;
    size_t digits = 0;
    for (; pos < cache_control.size() &&
           std::isdigit(static_cast<unsigned char>(cache_control[pos])) && digits < 9;
         ++pos, ++digits) {
      seconds = seconds * 10 + (cache_control[pos] - '0');
    }
    if (digits > 0) return seconds;
  }
  return 0;
}

// "https://host:port/path" -> {"https://host:port", "/path"}; nullopt for anything but http(s).
std::optional<std::pair<std::string, std::string>> SplitUrl(const std::string& source) {
  const std::string lower = ToLowerAscii(source.substr(0, 8));
  const size_t scheme_length = lower.rfind("https://", 0) == 0  ? 8
                               : lower.rfind("http://", 0) == 0 ? 7
                                                                : 0;
  if (scheme_length == 0 || source.size() == scheme_length) return std::nullopt;
  const size_t path_start = source.find('/', scheme_length);
  if (path_start == std::string::npos) return std::make_pair(source, std::string("/"));
  return std::make_pair(source.substr(0, path_start), source.substr(path_start));
}

class HttpKeySource : public KeySource {
 public:
  HttpKeySource(std::string origin, std::string path)
      : origin_(std::move(origin)), path_(std::move(path)) {}

  Result<std::shared_ptr<const KeySet>> Keys() override {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto now = std::chrono::steady_clock::now();
    if (cached_ && now < cached_until_) return cached_;

    httplib::Client client(origin_);
    client.set_connection_timeout(5);
    client.set_read_timeout(5);
    const httplib::Result answer = client.Get(path_);
    if (!answer || answer->status != 200) {
      return MakeError(ErrorCode::kAuthKeysUnavailable,
                       "The token signing keys could not be fetched");
    }
    Result<KeySet> parsed = ParseCertificateSet(answer->body);
    if (!parsed) {
      return MakeError(ErrorCode::kAuthKeysUnavailable, "The token signing keys could not be read");
    }
    auto keys = std::make_shared<const KeySet>(std::move(parsed).value());
    const int64_t max_age = MaxAgeSeconds(answer->get_header_value("Cache-Control"));
    if (max_age > 0) {
      cached_ = keys;
      cached_until_ = now + std::chrono::seconds(max_age);
    } else {
      cached_.reset();
    }
    return keys;
  }

 private:
  const std::string origin_;
  const std::string path_;
  std::mutex mutex_;
  std::shared_ptr<const KeySet> cached_;
  std::chrono::steady_clock::time_point cached_until_;
};

// A JSON number that is a whole count of seconds (fractions are cut, as the SDKs do).
std::optional<int64_t> NumericSeconds(const nlohmann::json& payload, const char* name) {
  const auto it = payload.find(name);
  if (it == payload.end() || !it->is_number()) return std::nullopt;
  const double value = it->get<double>();
  if (!(value > -9e15 && value < 9e15)) return std::nullopt;
  return static_cast<int64_t>(value);
}

std::optional<std::string> OptionalString(const nlohmann::json& payload, const char* name) {
  const auto it = payload.find(name);
  if (it == payload.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

// A header or payload segment as a JSON object, read strictly: a key given
// twice is refused rather than guessed at (RFC 7515 allows either).
Result<nlohmann::json> DecodeJsonObject(std::string_view segment, const std::string& what) {
  const std::optional<std::string> bytes = Base64UrlDecode(segment);
  if (!bytes) return Invalid(what + " is not base64url");
  Result<nlohmann::json> value = json::ParseStrictJson(*bytes, what);
  if (!value) return Invalid(value.error().message);
  if (!value->is_object()) return Invalid(what + " is not a JSON object");
  return value;
}

}  // namespace

Result<KeySet> ParseCertificateSet(std::string_view json_text) {
  const nlohmann::json document = nlohmann::json::parse(json_text, nullptr, false);
  if (!document.is_object() || document.empty()) {
    return MakeError(ErrorCode::kInternal,
                     "key set must be a non-empty JSON object of PEM certificates");
  }
  KeySet keys;
  for (const auto& [kid, pem] : document.items()) {
    PKey key = pem.is_string() ? PublicKeyFromCertificatePem(pem.get<std::string>()) : nullptr;
    if (!key)
      return MakeError(ErrorCode::kInternal,
                       "key set entry '" + kid + "' is not a PEM certificate");
    keys.emplace(kid, std::move(key));
  }
  return keys;
}

Result<std::shared_ptr<KeySource>> MakeKeySource(const std::string& source) {
  if (const auto url = SplitUrl(source)) {
    return std::shared_ptr<KeySource>(std::make_shared<HttpKeySource>(url->first, url->second));
  }
  std::ifstream file(source, std::ios::binary);
  if (!file) return MakeError(ErrorCode::kInternal, "cannot read key file " + source);
  std::stringstream contents;
  contents << file.rdbuf();
  Result<KeySet> keys = ParseCertificateSet(contents.str());
  if (!keys) return MakeError(ErrorCode::kInternal, source + ": " + keys.error().message);
  return std::shared_ptr<KeySource>(std::make_shared<StaticKeySource>(std::move(keys).value()));
}

TokenVerifier::TokenVerifier(VerifierOptions options, std::shared_ptr<KeySource> keys, Clock clock)
    : options_(std::move(options)),
      expected_issuer_("https://securetoken.google.com/" + options_.project_id),
      keys_(std::move(keys)),
      clock_(clock ? std::move(clock) : Clock(&SystemNow)) {}

Result<VerifiedToken> TokenVerifier::Verify(std::string_view token) const {
  const int64_t now = clock_();
  if (options_.verified_cache_capacity == 0) {
    ++cache_misses_;
    return VerifyUncached(token, now);
  }
  const std::string key(token);
  {
    std::lock_guard<std::mutex> lock(cache_mutex_);
    const auto cached = verified_.find(key);
    if (cached != verified_.end()) {
      // Passed every rule before; only time can make it fail now.
      if (now <= cached->second.expires_at + options_.clock_skew_seconds) {
        ++cache_hits_;
        return cached->second;
      }
      verified_.erase(cached);
    }
  }
  ++cache_misses_;
  Result<VerifiedToken> verified = VerifyUncached(token, now);
  if (verified) {
    std::lock_guard<std::mutex> lock(cache_mutex_);
    if (verified_.size() >= options_.verified_cache_capacity) verified_.clear();  // bounded, simply
    verified_.emplace(key, verified.value());
  }
  return verified;
}

void TokenVerifier::WriteMetrics(metrics::Exposition& out) const {
  out.Family("gofast_token_cache_hits_total", metrics::Type::kCounter,
             "ID tokens found verified in the cache.");
  out.Sample("gofast_token_cache_hits_total", {}, static_cast<double>(cache_hits_.load()));
  out.Family("gofast_token_cache_misses_total", metrics::Type::kCounter,
             "ID tokens verified rule by rule (not in the cache), valid or not.");
  out.Sample("gofast_token_cache_misses_total", {}, static_cast<double>(cache_misses_.load()));
}

Result<VerifiedToken> TokenVerifier::VerifyUncached(std::string_view token, int64_t now) const {
  const bool production = options_.mode == AuthMode::kProduction;

  // Rule 1: three segments whose first two are JSON objects.
  const size_t first_dot = token.find('.');
  const size_t second_dot =
      first_dot == std::string_view::npos ? first_dot : token.find('.', first_dot + 1);
  if (second_dot == std::string_view::npos ||
      token.find('.', second_dot + 1) != std::string_view::npos) {
    return Invalid("The token must have exactly three segments");
  }
  const std::string_view header_segment = token.substr(0, first_dot);
  const std::string_view payload_segment = token.substr(first_dot + 1, second_dot - first_dot - 1);
  const std::string_view signature_segment = token.substr(second_dot + 1);
  const Result<nlohmann::json> decoded_header =
      DecodeJsonObject(header_segment, "The token header");
  if (!decoded_header) return decoded_header.error();
  const Result<nlohmann::json> decoded_payload =
      DecodeJsonObject(payload_segment, "The token payload");
  if (!decoded_payload) return decoded_payload.error();
  const nlohmann::json* header = &decoded_header.value();
  const nlohmann::json* payload = &decoded_payload.value();
  // No extension is understood, so any critical one is refused (RFC 7515, 4.1.11).
  if (header->contains("crit")) {
    return Invalid("The token header names critical extensions (crit) that are not understood");
  }

  // Rules 2 and 3: key id and algorithm (emulator tokens are unsigned).
  const std::optional<std::string> alg = OptionalString(*header, "alg");
  const std::optional<std::string> kid = OptionalString(*header, "kid");
  if (production) {
    // What the Firebase Auth Emulator issues, sent to a service that expects Google's tokens:
    // say how to accept it rather than which field it lacks.
    if (alg == "none") {
      return Invalid(
          "The token is unsigned (alg none), as the Firebase Auth Emulator issues them; this "
          "service is in production mode and needs RS256 tokens: start it with --auth-mode "
          "emulator, or set FIREBASE_AUTH_EMULATOR_HOST, to accept emulator tokens");
    }
    if (!kid || kid->empty()) return Invalid("The token has no key id (kid)");
    if (alg != "RS256") return Invalid("The token algorithm must be RS256");
  } else if (alg != "none" || !signature_segment.empty()) {
    return Invalid("A signed token is refused in emulator mode: the algorithm must be none");
  }

  // Rule 4: audience and issuer.
  const auto aud = payload->find("aud");
  if (aud == payload->end() || !aud->is_string() ||
      aud->get_ref<const std::string&>() != options_.project_id) {
    return Invalid("The token has the wrong audience (aud)");
  }
  const auto iss = payload->find("iss");
  if (iss == payload->end() || !iss->is_string() ||
      iss->get_ref<const std::string&>() != expected_issuer_) {
    return Invalid("The token has the wrong issuer (iss)");
  }

  // Rule 5: subject.
  const std::optional<std::string> sub = OptionalString(*payload, "sub");
  if (!sub || sub->empty()) return Invalid("The token subject (sub) must be a non-empty string");
  if (sub->size() > 128) return Invalid("The token subject (sub) must be at most 128 characters");
  if (HasAsciiControl(*sub)) {
    return Invalid("The token subject (sub) must not hold control characters");
  }

  // Rule 6: time, with the configured skew on both ends.
  const std::optional<int64_t> exp = NumericSeconds(*payload, "exp");
  const std::optional<int64_t> iat = NumericSeconds(*payload, "iat");
  if (!exp) return Invalid("The token expiry (exp) must be a number");
  if (!iat) return Invalid("The token issue time (iat) must be a number");
  if (now > *exp + options_.clock_skew_seconds) {
    Error expired = MakeError(ErrorCode::kTokenExpired, "The token has expired; get a fresh one");
    return expired;
  }
  if (*iat > now + options_.clock_skew_seconds)
    return Invalid("The token was issued in the future (iat)");

  // Rule 7: signature.
  if (production) {
    const std::optional<std::string> signature = Base64UrlDecode(signature_segment);
    if (!signature || signature->empty()) return Invalid("The token signature is not base64url");
    Result<std::shared_ptr<const KeySet>> keys = keys_->Keys();
    if (!keys) return keys.error();
    const auto key = keys.value()->find(*kid);
    if (key == keys.value()->end()) return Invalid("The token was signed with an unknown key id");
    const std::string_view signed_part = token.substr(0, second_dot);
    if (!VerifyRs256(key->second.get(), signed_part, *signature)) {
      return Invalid("The token signature is invalid");
    }
  }

  VerifiedToken verified;
  verified.uid = *sub;
  verified.email = OptionalString(*payload, "email");
  const auto email_verified = payload->find("email_verified");
  verified.email_verified = email_verified != payload->end() && email_verified->is_boolean() &&
                            email_verified->get<bool>();
  verified.name = OptionalString(*payload, "name");
  verified.picture = OptionalString(*payload, "picture");
  verified.expires_at = *exp;
  verified.claims = std::make_shared<const nlohmann::json>(std::move(*payload));
  return verified;
}

}  // namespace gofast::auth
