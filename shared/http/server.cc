#include "shared/http/server.h"

#include <openssl/crypto.h>
#include <openssl/sha.h>
#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <limits>
#include <utility>

#include "shared/core/build_info.h"
#include "shared/core/ids.h"
#include "shared/core/log.h"
#include "shared/core/text.h"
#include "shared/json/strict_json.h"

namespace gofast::http {
namespace {

constexpr char kJsonContentType[] = "application/json; charset=utf-8";
constexpr char kRequestIdHeader[] = "X-Request-Id";

// The route label of a request that matched no route's path.
constexpr std::string_view kUnmatchedRoute = "unmatched";
// The longest request target the access log writes whole (a 414's is longer).
constexpr size_t kMaxLoggedTarget = 2048;

// Seconds: requests take tens of microseconds to a few milliseconds here, a
// slow database or peer up to seconds.
const std::vector<double> kLatencyBounds = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                            0.01,   0.025,   0.05,   0.1,   0.25,   0.5,
                                            1,      2.5,     5,      10};

// Set when a request enters routing, read when it is finished, on the same worker thread.
struct RequestTrace {
  std::chrono::steady_clock::time_point start;
  bool started = false;
  std::string_view route = kUnmatchedRoute;  // the label of the route whose path matched
  metrics::Histogram* latency = nullptr;     // its latency; none: "unmatched"'s
};
thread_local RequestTrace t_trace;

// "/api/runs/:id" as a metric label: "/api/runs/{id}", as the contract writes paths.
std::string RouteLabel(const std::string& pattern) {
  std::string label;
  for (const std::string& segment : SplitPath(pattern)) {
    label += '/';
    label += !segment.empty() && segment[0] == ':' ? "{" + segment.substr(1) + "}" : segment;
  }
  return label;
}

// A method as a metric label: any other than HTTP's own is "other", so a
// client cannot grow the label set.
std::string MethodLabel(const std::string& method) {
  static const char* const kMethods[] = {"GET",    "HEAD",    "POST",    "PUT",  "PATCH",
                                         "DELETE", "OPTIONS", "CONNECT", "TRACE"};
  for (const char* known : kMethods) {
    if (method == known) return method;
  }
  return "other";
}

// The `code` of an error answer's JSON envelope; empty for any other answer.
std::string ErrorCodeOf(const httplib::Response& res) {
  if (res.status < 400) return {};
  const nlohmann::json body = nlohmann::json::parse(res.body, nullptr, false);
  const auto code = body.is_object() ? body.find("code") : body.end();
  return code != body.end() && code->is_string() ? code->get<std::string>() : std::string();
}

// Whether a request carries a body; the connection loop has checked its framing.
bool HasBody(const httplib::Request& raw) {
  return raw.has_header("Transfer-Encoding") ||
         raw.get_header_value("Content-Length").find_first_not_of('0') != std::string::npos;
}

// Status of an answer httplib wrote itself (no handler ran), as an error.
Error ErrorForBareStatus(int status) {
  switch (status) {
    case 400:
      return MakeError(ErrorCode::kBadRequest, "The request could not be read");
    case 404:
      return MakeError(ErrorCode::kNotFound, "Not found");
    case 405:
      return MakeError(ErrorCode::kMethodNotAllowed, "Method not allowed");
    case 413:
      return MakeError(ErrorCode::kPayloadTooLarge, "The request body is too large");
    case 415:
      return MakeError(ErrorCode::kUnsupportedMediaType, "The request body must be JSON");
    default:
      return MakeError(ErrorCode::kInternal, "Internal error");
  }
}

}  // namespace

struct Server::RouteEntry {
  std::string method;
  std::string_view label;       // the pattern as metrics and the contract name it (a latency_ key)
  metrics::Histogram* latency;  // of every route with this label
  std::vector<std::string> segments;  // ":name" marks a parameter
  size_t parameter_count;
  Handler handler;
};

struct Server::Match {
  const RouteEntry* route = nullptr;  // set when path and method match
  std::vector<std::string> params;
  std::string allowed_methods;             // when the path is known but the method is not
  const RouteEntry* path_route = nullptr;  // the first whose path matches, for the metrics
};

Server::Server(ServerOptions options)
    : options_(std::move(options)),
      server_(options_.limits, [this](const Refusal& refusal, httplib::Response& res) {
        AnswerRefusal(refusal, res);
      }) {
  server_.set_tcp_nodelay(true);
  // The library's default adds SO_REUSEPORT, which lets a second service bind
  // a port already in use instead of failing: keep only SO_REUSEADDR.
  server_.set_socket_options([this](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    listen_socket_ = sock;
  });
  server_.set_payload_max_length(options_.limits.max_body_bytes);

  server_.set_pre_routing_handler(
      [this](const httplib::Request& raw, httplib::Response& res) { return PreRoute(raw, res); });
  const auto with_reader = [this](const httplib::Request& raw, httplib::Response& res,
                                  const httplib::ContentReader& reader) {
    HandleWithBody(raw, res, &reader);
  };
  const auto without_reader = [this](const httplib::Request& raw, httplib::Response& res) {
    HandleWithBody(raw, res, nullptr);
  };
  server_.Get(".*", without_reader);
  server_.Options(".*", without_reader);
  server_.Post(".*", with_reader);
  server_.Put(".*", with_reader);
  server_.Patch(".*", with_reader);
  server_.Delete(".*", with_reader);

  server_.set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
        // Runs for every status >= 400, handler-written ones too: keep their
        // bodies. A status the library chose itself means it could not read
        // the request: what follows on the connection cannot be trusted.
        if (res.body.empty()) {
          WriteError(res, ErrorForBareStatus(res.status));
          ConnectionLoop::CloseAfterAnswer();
        }
        return httplib::Server::HandlerResponse::Handled;
      }));
  server_.set_exception_handler(
      [](const httplib::Request& raw, httplib::Response& res, std::exception_ptr error) {
        std::string what = "unknown exception";
        try {
          std::rethrow_exception(error);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        LogError("unhandled exception on " + raw.method + " " + raw.path + ": " + what);
        WriteError(res, MakeError(ErrorCode::kInternal, "Internal error"));
      });
  server_.set_post_routing_handler([this](const httplib::Request& raw, httplib::Response& res) {
    AddResponseHeaders(raw, res);
  });
  Route("GET", "/healthz", [this](const Request&, httplib::Response& res) {
    WriteJson(res, 200, {{"success", true}, {"status", "ok"}, {"service", options_.service}});
  });
  Route("GET", "/version", [this](const Request&, httplib::Response& res) {
    const BuildInfo& build = GetBuildInfo();
    WriteJson(res, 200,
              {{"success", true},
               {"service", options_.service},
               {"version", std::string(build.version)},
               {"commit", std::string(build.commit)},
               {"buildType", std::string(build.build_type)}});
  });
  Route("GET", "/readyz", [this](const Request&, httplib::Response& res) {
    const Status ready = options_.readiness ? options_.readiness() : Status(Ok{});
    if (!ready) {
      return WriteError(res,
                        MakeError(ErrorCode::kNotReady, "Not ready: " + ready.error().message));
    }
    WriteJson(res, 200, {{"success", true}, {"status", "ready"}});
  });
  Route("GET", "/metrics", [this](const Request&, httplib::Response& res) {
    metrics::Exposition out;
    WriteMetrics(out);
    res.status = 200;
    res.set_content(out.text(), metrics::kContentType);
  });
  unmatched_latency_ =
      latency_.emplace(kUnmatchedRoute, std::make_unique<metrics::Histogram>(kLatencyBounds))
          .first->second.get();
  server_.set_logger([this](const httplib::Request& raw, const httplib::Response& res) {
    FinishRequest(raw, res);
  });
}

Server::~Server() { Stop(); }

void Server::Route(const std::string& method, const std::string& pattern, Handler handler) {
  const auto [latency, added] = latency_.try_emplace(RouteLabel(pattern));
  if (added) latency->second = std::make_unique<metrics::Histogram>(kLatencyBounds);
  RouteEntry entry{method, latency->first,    latency->second.get(), SplitPath(pattern),
                   0,      std::move(handler)};
  entry.parameter_count = static_cast<size_t>(std::count_if(
      entry.segments.begin(), entry.segments.end(),
      [](const std::string& segment) { return !segment.empty() && segment[0] == ':'; }));
  routes_.push_back(std::move(entry));
}

void Server::TraceRoute(const Match& match) {
  if (match.path_route == nullptr) return;
  t_trace.route = match.path_route->label;
  t_trace.latency = match.path_route->latency;
}

Server::Match Server::FindRoute(const std::string& method, const std::string& path) const {
  const std::vector<std::string> segments = SplitPath(path);
  Match best;
  size_t best_parameters = std::numeric_limits<size_t>::max();
  for (const RouteEntry& route : routes_) {
    if (route.segments.size() != segments.size() || route.parameter_count > best_parameters)
      continue;
    std::vector<std::string> params;
    bool matches = true;
    for (size_t i = 0; i < segments.size() && matches; ++i) {
      const std::string& expected = route.segments[i];
      if (!expected.empty() && expected[0] == ':') {
        matches = !segments[i].empty();
        params.push_back(segments[i]);
      } else {
        matches = expected == segments[i];
      }
    }
    if (!matches) continue;
    if (route.parameter_count < best_parameters) {  // a more literal pattern: start over
      best = Match{};
      best_parameters = route.parameter_count;
      best.path_route = &route;
    }
    const bool method_matches =
        route.method == method || (method == "HEAD" && route.method == "GET");
    if (method_matches && !best.route) {
      best.route = &route;
      best.params = std::move(params);
    }
    if (!best.allowed_methods.empty()) best.allowed_methods += ", ";
    best.allowed_methods += route.method;
  }
  return best;
}

httplib::Server::HandlerResponse Server::PreRoute(const httplib::Request& raw,
                                                  httplib::Response& res) {
  t_trace = RequestTrace{std::chrono::steady_clock::now(), true};
  ++in_flight_;
  const std::string client_id = raw.get_header_value(kRequestIdHeader);
  res.set_header(kRequestIdHeader, IsValidRequestId(client_id) ? client_id : NewUuidV4());

  // A body is read before anything is answered: 413 wins over routing, and
  // an answer that left the body unread would garble the next request on a
  // keep-alive connection (the library does not close it).
  if (HasBody(raw)) return httplib::Server::HandlerResponse::Unhandled;
  // Without a body the library would refuse a POST lacking Content-Length
  // (400): answer here, before it reads anything.
  const Match match = FindRoute(raw.method, raw.path);
  TraceRoute(match);
  if (!AnswerWithoutRoute(raw, match, res)) Dispatch(match, raw, std::string_view(), res);
  return httplib::Server::HandlerResponse::Handled;
}

bool Server::AnswerWithoutRoute(const httplib::Request& raw, const Match& match,
                                httplib::Response& res) const {
  if (!options_.cors_origin.empty() && raw.method == "OPTIONS" && raw.path.rfind("/api/", 0) == 0) {
    res.status = 204;
    res.set_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
    res.set_header("Access-Control-Allow-Headers",
                   "Content-Type, Authorization, Idempotency-Key, X-Request-Id");
    res.set_header("Access-Control-Max-Age", "86400");
    return true;
  }
  if (match.route) return false;
  if (match.allowed_methods.empty()) {
    WriteError(res, MakeError(ErrorCode::kNotFound, "Not found"));
  } else {
    res.set_header("Allow", match.allowed_methods);
    WriteError(res, MakeError(ErrorCode::kMethodNotAllowed,
                              "Method " + raw.method +
                                  " is not allowed here; allowed: " + match.allowed_methods));
  }
  return true;
}

void Server::HandleWithBody(const httplib::Request& raw, httplib::Response& res,
                            const httplib::ContentReader* reader) {
  std::string body;
  if (reader != nullptr) {
    // The library does not apply its payload limit to chunked bodies: count
    // here, and stop reading at the limit (the connection closes after the
    // answer, so the unread rest is never taken for a request).
    bool too_large = false;
    const size_t limit = options_.limits.max_body_bytes;
    const bool complete = (*reader)([&](const char* data, size_t length) {
      too_large = body.size() + length > limit;
      if (!too_large) body.append(data, length);
      return !too_large;
    });
    if (too_large) {
      ConnectionLoop::CloseAfterAnswer();
      return WriteError(
          res, MakeError(ErrorCode::kPayloadTooLarge,
                         "The request body is larger than " + std::to_string(limit) + " bytes"));
    }
    if (!complete) {  // cut short or malformed chunks: never hand a partial body to a handler
      ConnectionLoop::CloseAfterAnswer();
      return WriteError(res,
                        MakeError(ErrorCode::kBadRequest, "The request body could not be read"));
    }
  }
  const Match match = FindRoute(raw.method, raw.path);
  TraceRoute(match);
  if (AnswerWithoutRoute(raw, match, res)) return;
  Dispatch(match, raw, reader != nullptr ? std::string_view(body) : std::string_view(raw.body),
           res);
}

void Server::Dispatch(const Match& match, const httplib::Request& raw, std::string_view body,
                      httplib::Response& res) const {
  const Request request{raw, body, match.params, res.get_header_value(kRequestIdHeader)};
  match.route->handler(request, res);
}

void Server::AddResponseHeaders(const httplib::Request& raw, httplib::Response& res) const {
  if (!res.has_header(kRequestIdHeader)) res.set_header(kRequestIdHeader, NewUuidV4());
  // The library's Keep-Alive header states its own loop's limits, not ours.
  res.headers.erase("Keep-Alive");
  if (ConnectionLoop::ClosesAfterAnswer()) {
    res.headers.erase("Connection");
    res.set_header("Connection", "close");
  }
  AddCorsHeaders(raw.get_header_value("Origin"), res);
}

void Server::AddCorsHeaders(const std::string& origin, httplib::Response& res) const {
  if (options_.cors_origin.empty() || origin != options_.cors_origin) return;
  res.set_header("Access-Control-Allow-Origin", options_.cors_origin);
  res.set_header("Vary", "Origin");
  // Idempotent-Replayed: the app's answer to a create replayed for its key.
  res.set_header("Access-Control-Expose-Headers", "X-Request-Id, Idempotent-Replayed");
}

void Server::AddMetrics(metrics::Collector collector) {
  collectors_.push_back(std::move(collector));
}

void Server::FinishRequest(const httplib::Request& raw, const httplib::Response& res) {
  const RequestTrace trace = std::exchange(t_trace, RequestTrace{});
  std::chrono::steady_clock::duration elapsed{};
  if (trace.started) {
    elapsed = std::chrono::steady_clock::now() - trace.start;
    --in_flight_;
  }
  (trace.latency ? *trace.latency : *unmatched_latency_)
      .Observe(std::chrono::duration<double>(elapsed).count());
  const std::string status = std::to_string(res.status);
  requests_.Increment({std::string(trace.route), MethodLabel(raw.method), status});
  if (!options_.access_log) return;

  std::string target = RedactSecrets(raw.target.empty() ? raw.path : raw.target);
  if (target.size() > kMaxLoggedTarget) {
    target =
        target.substr(0, kMaxLoggedTarget) + "...(" + std::to_string(target.size()) + " bytes)";
  }
  LogRecord record("request");
  record.Add("requestId", res.get_header_value(kRequestIdHeader));
  record.Add("method", raw.method).Add("target", target).AddNumber("status", status);
  const std::string code = ErrorCodeOf(res);
  if (!code.empty()) record.Add("code", code);
  record.AddDuration("durationMs", elapsed);
  record.AddNumber("bytes", std::to_string(res.body.size()), "B");
  record.Write();
}

void Server::WriteMetrics(metrics::Exposition& out) const {
  out.Family("gofast_http_requests_total", metrics::Type::kCounter,
             "Requests answered, by route template, method and status.");
  for (const auto& [labels, count] : requests_.Read()) {
    out.Sample("gofast_http_requests_total",
               {{"route", labels[0]}, {"method", labels[1]}, {"status", labels[2]}},
               static_cast<double>(count));
  }
  out.Family("gofast_http_request_duration_seconds", metrics::Type::kHistogram,
             "Time from reading a request's head to having written its answer, by route.");
  for (const auto& [route, histogram] : latency_) {
    out.HistogramSamples("gofast_http_request_duration_seconds", {{"route", route}}, *histogram);
  }
  out.Family("gofast_http_requests_in_flight", metrics::Type::kGauge,
             "Requests being read, handled or answered now.");
  out.Sample("gofast_http_requests_in_flight", {}, static_cast<double>(in_flight_.load()));
  const BuildInfo& build = GetBuildInfo();
  out.Family("gofast_build_info", metrics::Type::kGauge,
             "Always 1; the labels say which service and build answer.");
  out.Sample("gofast_build_info",
             {{"service", options_.service}, {"version", build.version}, {"commit", build.commit}},
             1);
  for (const metrics::Collector& collect : collectors_) collect(out);
}

void Server::AnswerRefusal(const Refusal& refusal, httplib::Response& res) {
  WriteError(res, refusal.error);
  res.set_header(kRequestIdHeader,
                 IsValidRequestId(refusal.request_id) ? refusal.request_id : NewUuidV4());
  AddCorsHeaders(refusal.origin, res);
  httplib::Request raw;
  raw.method = refusal.method;
  raw.target = refusal.target;
  t_trace = RequestTrace{refusal.started, true};
  ++in_flight_;
  FinishRequest(raw, res);
}

Result<int> Server::Bind(const std::string& host, int port) {
  const int bound =
      port == 0 ? server_.bind_to_any_port(host) : (server_.bind_to_port(host, port) ? port : -1);
  if (bound < 0) {
    return MakeError(ErrorCode::kUnavailable, "cannot bind " + host + ":" + std::to_string(port));
  }
  // The library listens with a backlog of 5, so a burst of new connections
  // (a test suite starting 50 clients at once) overflows the accept queue and
  // some are reset. Listening again on Linux only raises the backlog.
  if (listen_socket_ >= 0) ::listen(listen_socket_, SOMAXCONN);
  return bound;
}

void Server::Run() { server_.listen_after_bind(); }

void Server::Stop() {
  if (server_.is_running()) server_.stop();
}

bool Server::Running() const { return server_.is_running(); }

// --- helpers ----------------------------------------------------------------

std::vector<std::string> SplitPath(std::string_view path) {
  std::vector<std::string> segments;
  size_t start = 1;
  while (start <= path.size()) {
    const size_t end = std::min(path.find('/', start), path.size());
    segments.emplace_back(path.substr(start, end - start));
    start = end + 1;
  }
  return segments;
}

int HttpStatus(ErrorCode code) {
  switch (code) {
    case ErrorCode::kBadRequest:
    case ErrorCode::kBadJson:
    case ErrorCode::kValidationFailed:
      return 400;
    case ErrorCode::kNoToken:
    case ErrorCode::kTokenExpired:
    case ErrorCode::kInvalidToken:
      return 401;
    case ErrorCode::kForbidden:
    case ErrorCode::kNotCompanyStaff:
    case ErrorCode::kEmailNotVerified:
    case ErrorCode::kEmailRequired:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kMethodNotAllowed:
      return 405;
    case ErrorCode::kRequestTimeout:
      return 408;
    case ErrorCode::kConflict:
    case ErrorCode::kDuplicateRun:
      return 409;
    case ErrorCode::kPayloadTooLarge:
      return 413;
    case ErrorCode::kUriTooLong:
      return 414;
    case ErrorCode::kUnsupportedMediaType:
      return 415;
    case ErrorCode::kIdempotencyKeyReused:
    case ErrorCode::kUnknownStaff:
    case ErrorCode::kStaffRemoved:
      return 422;
    case ErrorCode::kHeadersTooLarge:
      return 431;
    case ErrorCode::kInternal:
      return 500;
    case ErrorCode::kNotImplemented:
      return 501;
    case ErrorCode::kHttpVersionNotSupported:
      return 505;
    case ErrorCode::kServerBusy:
    case ErrorCode::kDatabaseUnavailable:
    case ErrorCode::kNotReady:
    case ErrorCode::kAuthKeysUnavailable:
    case ErrorCode::kUnavailable:
    case ErrorCode::kStaffSyncUnavailable:
      return 503;
  }
  return 500;
}

void WriteJson(httplib::Response& res, int status, const nlohmann::json& body) {
  // Replace rather than throw on invalid UTF-8: an answer must always be writable.
  WriteJsonText(res, status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void WriteJsonText(httplib::Response& res, int status, std::string text) {
  res.status = status;
  // What Response::set_content does, but moving the text: this library's
  // set_content copies, and list answers run to tens of kilobytes.
  res.body = std::move(text);
  res.headers.erase("Content-Type");
  res.set_header("Content-Type", kJsonContentType);
}

void WriteError(httplib::Response& res, const Error& error) {
  nlohmann::json body = {
      {"success", false}, {"error", error.message}, {"code", WireCode(error.code)}};
  if (error.field) body["details"] = {{"field", *error.field}};
  if (error.code == ErrorCode::kTokenExpired) body["shouldRefresh"] = true;
  WriteJson(res, HttpStatus(error.code), body);
}

std::string_view BearerToken(const Request& request) {
  const auto header = request.raw.headers.find("Authorization");
  if (header == request.raw.headers.end()) return {};
  const std::string_view value = header->second;
  constexpr std::string_view kScheme = "Bearer";
  if (value.size() <= kScheme.size() ||
      !EqualsIgnoreAsciiCase(value.substr(0, kScheme.size()), kScheme) ||
      value[kScheme.size()] != ' ') {
    return {};
  }
  const size_t start = value.find_first_not_of(' ', kScheme.size());
  if (start == std::string_view::npos) return {};
  return value.substr(start, value.find_last_not_of(' ') - start + 1);
}

Result<Caller> Authenticate(const auth::TokenVerifier& verifier, const Request& request) {
  const std::string_view token = BearerToken(request);
  if (token.empty()) {
    return MakeError(
        ErrorCode::kNoToken,
        "Sign in first: an Authorization: Bearer <Firebase ID token> header is required");
  }
  Result<auth::VerifiedToken> verified = verifier.Verify(token);
  if (!verified) return verified.error();
  return Caller{verified->uid, verified->email, verified->name, verified->email_verified,
                verified->picture};
}

Status AuthenticateService(const Request& request, const std::string& key) {
  // Digests of equal length, compared without an early exit: the time taken
  // tells nothing of the key, not even its length.
  const std::string_view sent = BearerToken(request);
  unsigned char sent_digest[SHA256_DIGEST_LENGTH];
  unsigned char key_digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(sent.data()), sent.size(), sent_digest);
  SHA256(reinterpret_cast<const unsigned char*>(key.data()), key.size(), key_digest);
  if (sent.empty() || CRYPTO_memcmp(sent_digest, key_digest, SHA256_DIGEST_LENGTH) != 0) {
    return MakeError(ErrorCode::kInvalidToken,
                     "This route is for services: an Authorization: Bearer <internal API key> "
                     "header with the key both services were given is required");
  }
  return Ok{};
}

Result<nlohmann::json> ParseJsonObject(const Request& request, bool allow_empty) {
  if (request.body.empty()) {
    if (allow_empty) return nlohmann::json::object();
    return MakeError(ErrorCode::kBadJson, "The request body must be a JSON object");
  }
  const std::string content_type = request.raw.get_header_value("Content-Type");
  const std::string_view media_type =
      std::string_view(content_type).substr(0, content_type.find(';'));
  const bool is_json = EqualsIgnoreAsciiCase(media_type, "application/json") ||
                       (media_type.size() > 5 &&
                        EqualsIgnoreAsciiCase(media_type.substr(media_type.size() - 5), "+json"));
  if (!is_json) {
    return MakeError(ErrorCode::kUnsupportedMediaType,
                     "The request body must be JSON (Content-Type: application/json)");
  }
  Result<nlohmann::json> body = json::ParseStrictJson(request.body, "The request body");
  if (!body) return body.error();
  if (!body->is_object())
    return MakeError(ErrorCode::kBadJson, "The request body must be a JSON object");
  return body;
}

bool IsValidRequestId(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
  });
}

}  // namespace gofast::http
