#ifndef GOFAST_APP_SERVICE_GATEWAY_COMPANY_STAFF_FEED_H_
#define GOFAST_APP_SERVICE_GATEWAY_COMPANY_STAFF_FEED_H_

#include <chrono>
#include <string>

#include "app_service/domain/staff_replica.h"
#include "shared/client/json_client.h"

namespace gofast::app {

// The page a 200 answer of GET /api/staff/changes holds, read strictly: a
// field missing or of another type is kUnavailable naming it, never a
// guess, since a misread change would stay in the replica.
Result<FeedPage> FeedPageFromAnswer(const client::CallResult& answer);

// The company's change feed over its API, with the shared internal key
// (Authorization: Bearer <key>).
class CompanyStaffFeed : public StaffFeed {
 public:
  CompanyStaffFeed(const std::string& company_url, std::string internal_api_key,
                   std::chrono::milliseconds timeout);

  Result<FeedPage> ChangesAfter(int64_t cursor, size_t limit) override;

 private:
  client::JsonClient client_;
  const std::string internal_api_key_;
};

}  // namespace gofast::app

#endif  // GOFAST_APP_SERVICE_GATEWAY_COMPANY_STAFF_FEED_H_
