#ifndef GOFAST_SHARED_CLIENT_JSON_CLIENT_H_
#define GOFAST_SHARED_CLIENT_JSON_CLIENT_H_

#include <httplib.h>

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace gofast::client {

// One exchange with a service, as the caller needs to judge it.
struct CallResult {
  int status = 0;               // 0: no answer (refused, timed out, reset, too large)
  nlohmann::json body;          // the parsed answer, null when it was not JSON
  std::string transport_error;  // why there was no answer
  // Why a non-empty body is null: not JSON, a key twice, nested too deeply.
  std::string unreadable_body;

  bool answered() const { return status != 0; }
  bool succeeded() const { return status >= 200 && status < 300; }
  // "201 created", "403 NOT_COMPANY_STAFF: This account is not company staff", "no answer:
  // Connection"
  std::string Summary() const;
};

// Seen before each request is sent: contract tests check requests against
// the schema here.
using RequestObserver = std::function<void(const std::string& method, const std::string& path,
                                           const nlohmann::json& body)>;

// JSON over HTTP to one base URL, with keep-alive connections that are
// reused across calls and threads (a connection serves one call at a time).
// Each call has one deadline, `timeout`, for connecting, sending and
// receiving together: a peer trickling its answer is cut off there.
// Answers are read strictly (shared/json/strict_json.h).
class JsonClient {
 public:
  JsonClient(std::string base_url, std::chrono::milliseconds timeout);
  ~JsonClient();
  JsonClient(const JsonClient&) = delete;
  JsonClient& operator=(const JsonClient&) = delete;

  // Answers larger than this are not read: no answer, and the connection is
  // dropped. 0 (the default): any size.
  void set_max_answer_bytes(size_t bytes) { max_answer_bytes_ = bytes; }

  CallResult Get(const std::string& path, const std::string& token,
                 const std::string& request_id = "");
  CallResult Post(const std::string& path, const std::string& token, const nlohmann::json& body,
                  const std::string& request_id = "");

  void set_request_observer(RequestObserver observer) { observer_ = std::move(observer); }
  const std::string& base_url() const { return base_url_; }

 private:
  std::unique_ptr<httplib::Client> Acquire();
  void Release(std::unique_ptr<httplib::Client> client);
  CallResult Send(const std::string& method, const std::string& path, const std::string& token,
                  const nlohmann::json* body, const std::string& request_id);

  class Deadlines;

  const std::string base_url_;
  const std::chrono::milliseconds timeout_;
  size_t max_answer_bytes_ = 0;
  std::unique_ptr<Deadlines> deadlines_;
  RequestObserver observer_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<httplib::Client>> idle_;
};

}  // namespace gofast::client

#endif  // GOFAST_SHARED_CLIENT_JSON_CLIENT_H_
