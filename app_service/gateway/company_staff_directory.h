#ifndef GOFAST_APP_SERVICE_GATEWAY_COMPANY_STAFF_DIRECTORY_H_
#define GOFAST_APP_SERVICE_GATEWAY_COMPANY_STAFF_DIRECTORY_H_

#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <string>

#include "app_service/domain/staff_directory.h"
#include "shared/client/json_client.h"
#include "shared/core/metrics.h"

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
// never the rest of the service. Each call is logged (`log_calls`) as an
// "outbound" line with the caller's request id, and counted by outcome.
class CompanyStaffDirectory : public StaffDirectory {
 public:
  CompanyStaffDirectory(const std::string& company_url, const CompanyLimits& limits,
                        bool log_calls);

  StaffLookup Lookup(const std::string& staff_id, const ForwardedCredentials& credentials) override;

  // gofast_company_calls_total{outcome}.
  void WriteMetrics(metrics::Exposition& out) const;

 private:
  // What became of a call, as the metric's outcome label says it.
  enum Outcome { kFound, kNotFound, kDenied, kUnusableAnswer, kNoAnswer, kBusy, kOutcomeCount };

  client::JsonClient client_;
  const size_t max_concurrent_;
  const bool log_calls_;
  std::atomic<size_t> in_flight_{0};
  std::array<std::atomic<uint64_t>, kOutcomeCount> calls_{};
};

}  // namespace gofast::app

#endif  // GOFAST_APP_SERVICE_GATEWAY_COMPANY_STAFF_DIRECTORY_H_
