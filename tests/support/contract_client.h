#ifndef GOFAST_TESTS_SUPPORT_CONTRACT_CLIENT_H_
#define GOFAST_TESTS_SUPPORT_CONTRACT_CLIENT_H_

#include <string>

#include "shared/client/json_client.h"
#include "shared/devkit/create_run_dialog.h"
#include "tests/support/contract.h"

namespace gofast::testing {

// Consumer verification of the dialog's client (shared/client): each request
// body is checked against the operation's request schema before it is sent.
inline void WatchRequests(client::JsonClient& client, Service service) {
  client.set_request_observer(
      [service](const std::string& method, const std::string& path, const nlohmann::json& body) {
        ReportViolations(Contract::Shared().CheckRequest(service, method, path, body));
      });
}

// The answer a JsonClient read is a documented one (not checked when there was no answer).
inline const client::CallResult& ExpectDocumented(Service service, const std::string& method,
                                                  const std::string& path,
                                                  const client::CallResult& answer) {
  if (answer.answered()) {
    RecordCoverage(Contract::Shared().RouteName(service, method, path), answer.status);
    ReportViolations(
        Contract::Shared().CheckResponseJson(service, method, path, answer.status, answer.body));
  }
  return answer;
}

// Both answers the dialog read.
inline const client::DialogResult& ExpectDocumented(const client::DialogResult& result) {
  ExpectDocumented(Service::kCompany, "POST", client::kFindOrCreateStaffPath, result.staff_call);
  ExpectDocumented(Service::kApp, "POST", client::kCreateRunPath, result.run_call);
  return result;
}

}  // namespace gofast::testing

#endif  // GOFAST_TESTS_SUPPORT_CONTRACT_CLIENT_H_
