#include "app_service/gateway/company_staff_directory.h"

#include <cctype>

#include "shared/core/log.h"

namespace gofast::app {
namespace {

// Percent-encodes all but RFC 3986's unreserved characters.
std::string EncodePathSegment(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string encoded;
  for (const unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      encoded.push_back(static_cast<char>(c));
    } else {
      encoded += {'%', kHex[c >> 4], kHex[c & 0x0f]};
    }
  }
  return encoded;
}

}  // namespace

StaffLookup StaffLookupFromAnswer(const client::CallResult& answer) {
  StaffLookup lookup;
  if (!answer.answered()) {  // refused, timed out, too large
    lookup.reason = "the company service did not answer: " + answer.transport_error;
    return lookup;
  }
  lookup.company_status = answer.status;
  const nlohmann::json& body = answer.body;
  if (answer.status == 200 && body.is_object() && body.contains("staff") &&
      body["staff"].is_object()) {
    const nlohmann::json& staff = body["staff"];
    StaffRecord record;
    const auto firebase_id = staff.find("firebaseId");
    if (firebase_id != staff.end() && firebase_id->is_string())
      record.firebase_id = firebase_id->get<std::string>();
    record.as_sent = staff.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    lookup.outcome = StaffLookup::Outcome::kFound;
    lookup.staff = std::move(record);
  } else if (answer.status == 404) {
    lookup.outcome = StaffLookup::Outcome::kNotFound;
  } else if (answer.status == 401 || answer.status == 403) {
    lookup.outcome = StaffLookup::Outcome::kDenied;
  } else if (!answer.unreadable_body.empty()) {
    lookup.reason = "the company's answer could not be read: " + answer.unreadable_body;
  } else if (answer.status == 200) {
    lookup.reason = "the company's answer has no staff object";
  } else {
    lookup.reason = "the company service answered " + std::to_string(answer.status);
  }
  return lookup;
}

CompanyStaffDirectory::CompanyStaffDirectory(const std::string& company_url,
                                             const CompanyLimits& limits, bool log_calls)
    : client_(company_url, limits.timeout),
      max_concurrent_(limits.max_concurrent),
      log_calls_(log_calls) {
  client_.set_max_answer_bytes(limits.max_answer_bytes);
}

StaffLookup CompanyStaffDirectory::Lookup(const std::string& staff_id,
                                          const ForwardedCredentials& credentials) {
  // Counted on entry, so a burst never lets more than the cap through.
  if (++in_flight_ > max_concurrent_) {
    --in_flight_;
    ++calls_[kBusy];
    StaffLookup busy;
    busy.reason = std::to_string(max_concurrent_) +
                  " calls to the company service are already waiting (--company-max-concurrent)";
    return busy;
  }
  struct Release {
    std::atomic<size_t>& count;
    ~Release() { --count; }
  } release{in_flight_};
  // The id is opaque text from a request body: encode it so it stays one path segment.
  const std::string path = "/api/staff/" + EncodePathSegment(staff_id);
  const auto start = std::chrono::steady_clock::now();
  const client::CallResult answer =
      client_.Get(path, credentials.bearer_token, credentials.request_id);
  if (log_calls_) {
    LogRecord record("outbound");
    record.Add("requestId", credentials.request_id).AddWords("outbound").Add("method", "GET");
    record.Add("url", RedactSecrets(client_.base_url() + path));
    if (answer.answered()) {
      record.AddNumber("status", std::to_string(answer.status));
    } else {
      record.AddPair("error", answer.transport_error);
    }
    record.AddDuration("durationMs", std::chrono::steady_clock::now() - start).Write();
  }
  StaffLookup lookup = StaffLookupFromAnswer(answer);
  switch (lookup.outcome) {
    case StaffLookup::Outcome::kFound:
      ++calls_[kFound];
      break;
    case StaffLookup::Outcome::kNotFound:
      ++calls_[kNotFound];
      break;
    case StaffLookup::Outcome::kDenied:
      ++calls_[kDenied];
      break;
    case StaffLookup::Outcome::kUnavailable:
      ++calls_[answer.answered() ? kUnusableAnswer : kNoAnswer];
      break;
  }
  return lookup;
}

void CompanyStaffDirectory::WriteMetrics(metrics::Exposition& out) const {
  static constexpr std::string_view kOutcomeLabels[kOutcomeCount] = {
      "found", "not_found", "denied", "unusable_answer", "no_answer", "busy"};
  out.Family("gofast_company_calls_total", metrics::Type::kCounter,
             "The audit's calls to the company service (GET /api/staff/{id}) by outcome; busy: "
             "not sent, --company-max-concurrent calls were already waiting.");
  for (size_t i = 0; i < kOutcomeCount; ++i) {
    out.Sample("gofast_company_calls_total", {{"outcome", kOutcomeLabels[i]}},
               static_cast<double>(calls_[i].load()));
  }
}

}  // namespace gofast::app
