#ifndef GOFAST_APP_SERVICE_GATEWAY_COMPANY_STAFF_DIRECTORY_H_
#define GOFAST_APP_SERVICE_GATEWAY_COMPANY_STAFF_DIRECTORY_H_

#include <chrono>
#include <string>

#include "app_service/domain/staff_directory.h"
#include "shared/client/json_client.h"

namespace gofast::app {

// What the company's answer to GET /api/staff/{id} means for the audit: 200
// with a staff object is found (its firebaseId read, the object kept as
// sent), 404 not found, 401 and 403 denied, anything else (no answer, 5xx,
// a 200 without a staff object) unavailable.
StaffLookup StaffLookupFromAnswer(const client::CallResult& answer);

// The staff directory over the company API: GET {company}/api/staff/{id}
// with the caller's token and request id, within a timeout.
class CompanyStaffDirectory : public StaffDirectory {
 public:
  CompanyStaffDirectory(const std::string& company_url, std::chrono::milliseconds timeout)
      : client_(company_url, timeout) {}

  StaffLookup Lookup(const std::string& staff_id, const ForwardedCredentials& credentials) override;

 private:
  client::JsonClient client_;
};

}  // namespace gofast::app

#endif  // GOFAST_APP_SERVICE_GATEWAY_COMPANY_STAFF_DIRECTORY_H_
