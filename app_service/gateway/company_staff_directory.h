#ifndef GOFAST_APP_SERVICE_GATEWAY_COMPANY_STAFF_DIRECTORY_H_
#define GOFAST_APP_SERVICE_GATEWAY_COMPANY_STAFF_DIRECTORY_H_

#include <atomic>
#include <chrono>
#include <cstddef>
#include <string>

#include "app_service/domain/staff_directory.h"
#include "shared/client/json_client.h"

namespace gofast::app {

// What the company's answer to GET /api/staff/{id} means for the audit: 200
// with a staff object is found (its firebaseId read, the object kept as
// sent), 404 not found, 401 and 403 denied, anything else (no answer, 5xx,
// an unreadable answer, a 200 without a staff object) unavailable, with the
// reason.
StaffLookup StaffLookupFromAnswer(const client::CallResult& answer);

struct CompanyLimits {
  std::chrono::milliseconds timeout;  // the whole call
  size_t max_answer_bytes;
  size_t max_concurrent;  // calls at once; beyond them a lookup answers unavailable at once
};

// The staff directory over the company API: GET {company}/api/staff/{id}
// with the caller's token and request id, within the limits: a slow or
// hostile company costs at most `max_concurrent` waiting requests, and
// never the rest of the service.
class CompanyStaffDirectory : public StaffDirectory {
 public:
  CompanyStaffDirectory(const std::string& company_url, const CompanyLimits& limits);

  StaffLookup Lookup(const std::string& staff_id, const ForwardedCredentials& credentials) override;

 private:
  client::JsonClient client_;
  const size_t max_concurrent_;
  std::atomic<size_t> in_flight_{0};
};

}  // namespace gofast::app

#endif  // GOFAST_APP_SERVICE_GATEWAY_COMPANY_STAFF_DIRECTORY_H_
