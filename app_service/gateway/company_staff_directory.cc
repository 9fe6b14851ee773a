#include "app_service/gateway/company_staff_directory.h"

#include <cctype>

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

StaffLookup CompanyStaffDirectory::Lookup(const std::string& staff_id, const ForwardedCredentials& credentials) {
  // The id is opaque text from a request body: encode it so it stays one path segment.
  const client::CallResult answer = client_.Get(
      "/api/staff/" + EncodePathSegment(staff_id), credentials.bearer_token, credentials.request_id);
  StaffLookup lookup;
  if (!answer.answered()) return lookup;  // refused or timed out
  lookup.company_status = answer.status;
  if (answer.status == 200 && answer.body.is_object() && answer.body.contains("staff") &&
      answer.body["staff"].is_object()) {
    lookup.outcome = StaffLookup::Outcome::kFound;
    lookup.staff = answer.body["staff"];
  } else if (answer.status == 404) {
    lookup.outcome = StaffLookup::Outcome::kNotFound;
  } else if (answer.status == 401 || answer.status == 403) {
    lookup.outcome = StaffLookup::Outcome::kDenied;
  }
  return lookup;
}

}  // namespace gofast::app
