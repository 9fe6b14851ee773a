#ifndef GOFAST_SHARED_HTTP_SERVER_H_
#define GOFAST_SHARED_HTTP_SERVER_H_

#include <httplib.h>

#include <atomic>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "shared/auth/firebase_token.h"
#include "shared/core/caller.h"
#include "shared/core/metrics.h"
#include "shared/core/result.h"
#include "shared/http/connection_loop.h"

namespace gofast::http {

struct ServerOptions {
  // The service's name, in the answers of GET /healthz and GET /version.
  std::string service;
  ConnectionLimits limits;  // the body limit among them
  bool access_log = true;
  // The one browser origin allowed to call the API; empty: no CORS at all,
  // and OPTIONS is an ordinary method (405).
  std::string cors_origin;
  // What GET /readyz asks: Ok when the service can serve; else its error's
  // message is the reason of a 503 NOT_READY. Unset: always ready.
  std::function<Status()> readiness;
};

// What a route handler sees: the raw request, its body (read with the size
// limit applied), the values of the pattern's :params, and the request id.
struct Request {
  const httplib::Request& raw;
  std::string_view body;
  std::vector<std::string> params;
  std::string request_id;
};

using Handler = std::function<void(const Request&, httplib::Response&)>;

// cpp-httplib, with our own connection loop (connection_loop.h), and the
// contract's plumbing: routing with 404/405, JSON error envelope, body
// limits, request ids, access log, CORS, TCP_NODELAY, GET /healthz
// (liveness), GET /readyz (readiness), GET /version (what was built) and
// GET /metrics (Prometheus text: its own request metrics and its collectors').
class Server {
 public:
  explicit Server(ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // `pattern` is a path whose segments are literals or ":name" (one
  // non-empty segment). Where a literal and a parameter both match, the
  // literal wins: GET /api/runs/create is a 405, not a run id.
  void Route(const std::string& method, const std::string& pattern, Handler handler);

  // Adds families to GET /metrics: the service's other parts (token cache,
  // database, outbound calls) write theirs here. Before Run().
  void AddMetrics(metrics::Collector collector);

  // Binds host:port (0 picks a free port); answers the bound port.
  Result<int> Bind(const std::string& host, int port);
  // Serves until Stop(); requests in flight are finished first.
  void Run();
  // Stops a running server; before Run() has started serving it does nothing.
  void Stop();
  // Whether Run() is serving, so that Stop() would end it.
  bool Running() const;

  // What to do once a stop signal has stopped the server and its requests in flight are
  // done, before the service's objects go away (Serve runs it; a failure makes the exit 1).
  void OnCleanStop(std::function<Status()> hook) { clean_stop_ = std::move(hook); }
  Status RunCleanStop() const { return clean_stop_ ? clean_stop_() : Status(Ok{}); }

 private:
  struct RouteEntry;
  struct Match;
  Match FindRoute(const std::string& method, const std::string& path) const;
  // Notes the route that `match` found for FinishRequest's metrics.
  static void TraceRoute(const Match& match);
  void Dispatch(const Match& match, const httplib::Request& raw, std::string_view body,
                httplib::Response& res) const;
  httplib::Server::HandlerResponse PreRoute(const httplib::Request& raw, httplib::Response& res);
  // CORS preflight, 404 and 405; false when `match` has a handler to run.
  bool AnswerWithoutRoute(const httplib::Request& raw, const Match& match,
                          httplib::Response& res) const;
  void HandleWithBody(const httplib::Request& raw, httplib::Response& res,
                      const httplib::ContentReader* reader);
  void AddResponseHeaders(const httplib::Request& raw, httplib::Response& res) const;
  void AddCorsHeaders(const std::string& origin, httplib::Response& res) const;
  // Counts a finished request and writes its access log line.
  void FinishRequest(const httplib::Request& raw, const httplib::Response& res);
  void WriteMetrics(metrics::Exposition& out) const;
  // The answer to a request the connection loop refused before routing.
  void AnswerRefusal(const Refusal& refusal, httplib::Response& res);

  ServerOptions options_;
  int listen_socket_ = -1;
  std::vector<RouteEntry> routes_;
  // Latency by route label ("/api/runs/{id}", "unmatched"): filled by Route(),
  // read-only while serving.
  std::map<std::string, std::unique_ptr<metrics::Histogram>, std::less<>> latency_;
  metrics::Histogram* unmatched_latency_;  // latency_["unmatched"]
  metrics::CounterFamily requests_;        // route, method, status
  std::atomic<int64_t> in_flight_{0};
  std::vector<metrics::Collector> collectors_;
  ConnectionLoop server_;
  std::function<Status()> clean_stop_;
};

// The segments of a path as the router matches them against its patterns:
// "/api/runs/" is {"api", "runs", ""}.
std::vector<std::string> SplitPath(std::string_view path);

// --- helpers for route handlers -------------------------------------------

int HttpStatus(ErrorCode code);

void WriteJson(httplib::Response& res, int status, const nlohmann::json& body);
// An answer whose JSON text is written already (by a JsonWriter).
void WriteJsonText(httplib::Response& res, int status, std::string text);
// The contract's error envelope: {success:false, error, code[, details][, shouldRefresh]}.
void WriteError(httplib::Response& res, const Error& error);

// The token of an "Authorization: Bearer <token>" header; empty when there is none.
std::string_view BearerToken(const Request& request);

// The caller named by the "Authorization: Bearer <token>" header's verified
// token. NO_TOKEN without a header, with another scheme, or with an empty token.
Result<Caller> Authenticate(const auth::TokenVerifier& verifier, const Request& request);

// Whether the "Authorization: Bearer <key>" header carries `key`, the shared
// key of the services' machine lane (--internal-api-key), compared in
// constant time; INVALID_TOKEN without it or with another key.
Status AuthenticateService(const Request& request, const std::string& key);

// The body as a JSON object: 415 for a non-empty body that is not declared
// JSON, 400 BAD_JSON for bytes that do not parse or are not an object. An
// empty body is {} where `allow_empty`, else BAD_JSON.
Result<nlohmann::json> ParseJsonObject(const Request& request, bool allow_empty);

// A valid client-sent X-Request-Id: 1-128 characters of [A-Za-z0-9._-].
bool IsValidRequestId(std::string_view id);

}  // namespace gofast::http

#endif  // GOFAST_SHARED_HTTP_SERVER_H_
