#ifndef GOFAST_TESTS_SUPPORT_HTTP_CLIENT_H_
#define GOFAST_TESTS_SUPPORT_HTTP_CLIENT_H_

#include <string>

#include <httplib.h>
#include <nlohmann/json.hpp>

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

// A keep-alive client for a service under test.
class TestClient {
 public:
  explicit TestClient(int port);

  // `token` empty: no Authorization header. `body` is sent as
  // application/json unless `content_type` says otherwise.
  Reply Post(const std::string& path, const std::string& token, const std::string& body,
             const std::string& content_type = "application/json",
             const httplib::Headers& extra = {});
  Reply PostJson(const std::string& path, const std::string& token, const nlohmann::json& body) {
    return Post(path, token, body.dump());
  }
  Reply Get(const std::string& path, const std::string& token = "", const httplib::Headers& extra = {});
  Reply Send(const std::string& method, const std::string& path, const httplib::Headers& headers,
             const std::string& body = "");

 private:
  httplib::Client client_;
};

}  // namespace gofast::testing

#endif  // GOFAST_TESTS_SUPPORT_HTTP_CLIENT_H_
