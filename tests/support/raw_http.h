#ifndef GOFAST_TESTS_SUPPORT_RAW_HTTP_H_
#define GOFAST_TESTS_SUPPORT_RAW_HTTP_H_

#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace gofast::testing {

// One answer split out of raw bytes.
struct RawAnswer {
  int status = -1;  // -1: no status line
  std::string head;
  std::string body;
  nlohmann::json json;  // null when the body is not JSON

  bool HasHeaderLine(const std::string& line) const;  // e.g. "Connection: close"
};

// A TCP connection to 127.0.0.1:port that sends exactly the bytes a test
// gives: for requests no HTTP client would send (odd framing, pipelining,
// slow or half-sent heads).
class RawConnection {
 public:
  explicit RawConnection(int port);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  // False when the peer no longer takes bytes (closed or reset).
  bool Send(const std::string& bytes);
  // Everything until the peer closes, or until `timeout` passes.
  std::string ReadUntilClosed(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // The first `count` answers, read as they arrive within `timeout` (fewer
  // when the peer closes or the time runs out); the connection stays usable.
  std::vector<RawAnswer> ReadAnswers(size_t count,
                                     std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // Whatever arrives within `timeout` (empty when nothing did).
  std::string ReadAvailable(std::chrono::milliseconds timeout);
  // Whether the peer has closed (end of stream or reset) within `timeout`.
  bool ClosedWithin(std::chrono::milliseconds timeout);
  int fd() const { return fd_; }

 private:
  // Reads until the peer closes, `timeout` passes, or `wanting` (asked with
  // everything read so far) answers false.
  std::string ReadWhile(std::chrono::milliseconds timeout,
                        const std::function<bool(const std::string&)>& wanting);

  int fd_ = -1;
};

// Sends `request` on a new connection and answers all the peer sent back
// before it closed (the request should end the connection: Connection: close).
std::string RawExchange(int port, const std::string& request);

// The complete answers in `bytes`, in order, each framed by its Content-Length.
std::vector<RawAnswer> SplitAnswers(const std::string& bytes);

}  // namespace gofast::testing

#endif  // GOFAST_TESTS_SUPPORT_RAW_HTTP_H_
