#ifndef GOFAST_TESTS_SUPPORT_HTTP_CLIENT_H_
#define GOFAST_TESTS_SUPPORT_HTTP_CLIENT_H_

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/contract.h"

namespace gofast::testing {

// One answer, with its body parsed when it is JSON (else null).
struct Reply {
  int status = 0;     // 0: no answer at all
  std::string error;  // why there was no answer
  nlohmann::json json;
  std::string body;
  httplib::Headers headers;

  std::string Header(const std::string& name) const;
  bool HasHeader(const std::string& name) const { return headers.find(name) != headers.end(); }
};

// Checks that `reply` is the contract's error envelope with this status and
// code, and this message (`error`) when one is given.
void CheckError(const Reply& reply, int status, const std::string& code,
                const std::string& message = "");

// A POST by a plain client whose answer is not checked against the contract: for a route
// the contract document does not describe.
Reply PostUnchecked(int port, const std::string& path, const std::string& body,
                    const std::string& content_type = "application/json");

// A keep-alive client for a service under test. Every answer it receives is
// checked against the contract (shared/contracts/openapi.json) for its
// service, route and status; a mismatch fails the test that sent the request.
class TestClient {
 public:
  TestClient(Service service, int port);
  // A service elsewhere, e.g. "http://127.0.0.1:4200" (another team's build).
  TestClient(Service service, const std::string& base_url);
  ~TestClient();
  TestClient(const TestClient&) = delete;
  TestClient& operator=(const TestClient&) = delete;

  // `token` empty: no Authorization header. `body` is sent as
  // application/json unless `content_type` says otherwise.
  Reply Post(const std::string& path, const std::string& token, const std::string& body,
             const std::string& content_type = "application/json",
             const httplib::Headers& extra = {});
  Reply PostJson(const std::string& path, const std::string& token, const nlohmann::json& body) {
    return Post(path, token, body.dump());
  }
  Reply Get(const std::string& path, const std::string& token = "",
            const httplib::Headers& extra = {});
  Reply Send(const std::string& method, const std::string& path, const httplib::Headers& headers,
             const std::string& body = "");

 private:
  Reply Checked(const std::string& method, const std::string& path,
                const httplib::Result& result) const;

  Service service_;
  httplib::Client client_;
};

}  // namespace gofast::testing

#endif  // GOFAST_TESTS_SUPPORT_HTTP_CLIENT_H_
