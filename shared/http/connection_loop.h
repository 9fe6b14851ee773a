#ifndef GOFAST_SHARED_HTTP_CONNECTION_LOOP_H_
#define GOFAST_SHARED_HTTP_CONNECTION_LOOP_H_

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/result.h"

namespace gofast::http {

// What one connection and one request head may hold before the loop answers
// for the library.
struct ConnectionLimits {
  size_t max_connections = 512;                   // one worker each; beyond it 503 SERVER_BUSY
  std::chrono::milliseconds head_timeout{10000};  // request line and headers, together
  size_t max_head_bytes = 65536;
  size_t max_headers = 100;
  size_t max_body_bytes = 65536;  // a declared Content-Length above it is 413 before the body
  // A keep-alive connection without a request for this long is closed quietly.
  std::chrono::milliseconds idle_timeout{5000};
  // Each wait for body bytes and each write.
  std::chrono::milliseconds io_timeout{5000};
};

// The longest request line the library reads (its CPPHTTPLIB_REQUEST_URI_MAX_LENGTH,
// the line's CRLF included); a longer one is 414.
inline constexpr size_t kMaxRequestLineBytes = CPPHTTPLIB_REQUEST_URI_MAX_LENGTH;
// The longest header line the library reads (CPPHTTPLIB_HEADER_MAX_LENGTH); a longer one is 431.
inline constexpr size_t kMaxHeaderLineBytes = CPPHTTPLIB_HEADER_MAX_LENGTH;

// What CheckHead read of a request head.
struct HeadCheck {
  // As far as they could be read, for the access log ("-" when not).
  std::string method = "-";
  std::string target = "-";
  std::string request_id;  // the X-Request-Id header as sent, unchecked
  std::string origin;      // the Origin header, for CORS on a refusal
  bool keep_alive = true;  // false: HTTP/1.0 without keep-alive, or "Connection: close"
  // Names of headers sent with an empty value, which the library drops.
  std::vector<std::string> empty_headers;
  std::optional<Error> refusal;  // set: answered by the loop, then the connection is closed
};

// Checks a whole request head (request line, header lines, the blank line)
// before the library parses it: the framing is refused, never guessed
// (Content-Length with Transfer-Encoding, two Content-Lengths, a length that
// is not decimal, a body on a method without one), and lines, headers,
// methods and versions the library would misread get their own status.
HeadCheck CheckHead(std::string_view head, const ConnectionLimits& limits);

// A request the loop answers itself; the connection closes after the answer.
struct Refusal {
  std::string method;
  std::string target;
  std::string request_id;  // as sent, unchecked; empty when unknown
  std::string origin;      // empty when unknown
  Error error;
  std::chrono::steady_clock::time_point started;
};

// cpp-httplib's server with the per-connection loop run here instead of in
// the library: one buffered stream per connection that keeps bytes between
// requests (pipelined requests are answered in order), a deadline and caps on
// each request's head, a cap on open connections, and a close after any
// framing error. The library still parses each head, reads bodies, routes and
// writes answers.
class ConnectionLoop : public httplib::Server {
 public:
  // Fills the answer to a refused request (the body, headers, the access log).
  using RefusalWriter = std::function<void(const Refusal&, httplib::Response&)>;

  ConnectionLoop(ConnectionLimits limits, RefusalWriter write_refusal);

  // From a handler, on the connection's own thread: the answer being written
  // is the connection's last (its framing can no longer be trusted).
  static void CloseAfterAnswer();
  // Whether the answer being written is the connection's last.
  static bool ClosesAfterAnswer();
  // From a handler: whether the request sent header `name` with an empty
  // value (the library's parsed request has no such header at all).
  static bool SentEmptyHeader(std::string_view name);

 private:
  class Connection;

  bool process_and_close_socket(socket_t sock) override;
  void Serve(Connection& connection);
  void Refuse(Connection& connection, const Refusal& refusal);
  bool Stopping() const { return svr_sock_ == INVALID_SOCKET; }

  ConnectionLimits limits_;
  RefusalWriter write_refusal_;
  std::atomic<size_t> open_connections_{0};
};

}  // namespace gofast::http

#endif  // GOFAST_SHARED_HTTP_CONNECTION_LOOP_H_
