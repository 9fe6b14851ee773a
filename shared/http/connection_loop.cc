#include "shared/http/connection_loop.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "shared/core/text.h"

namespace gofast::http {
namespace {

using Clock = std::chrono::steady_clock;

// Workers beyond max_connections, so a connection over the cap is answered
// 503 at once instead of waiting for a busy worker.
constexpr size_t kRefusalWorkers = 16;
// How often a connection waiting for a request checks whether the server stops.
constexpr std::chrono::milliseconds kStopCheckInterval{50};
// After a refusal: how long and how much of the rest of the request is read
// and dropped before closing, so the client reads the answer instead of a
// reset (closing with unread bytes sends RST).
constexpr std::chrono::milliseconds kLingerTime{1000};
constexpr size_t kLingerBytes = size_t{1} << 20;
// An answer's bytes kept before sending; a larger answer goes out in pieces.
constexpr size_t kMaxUnsentBytes = size_t{256} << 10;

thread_local bool t_close_after_answer = false;
thread_local std::vector<std::string> t_empty_headers;  // of the request being answered

bool IsTokenChar(char c) {
  static constexpr std::string_view kSymbols = "!#$%&'*+-.^_`|~";
  return std::isalnum(static_cast<unsigned char>(c)) || kSymbols.find(c) != std::string_view::npos;
}

bool IsToken(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), IsTokenChar);
}

bool IsDecimal(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

// "HTTP/2", "HTTP/2.0", "HTTP/3": a version, just not one spoken here.
bool IsHttpVersion(std::string_view version) {
  constexpr std::string_view kPrefix = "HTTP/";
  if (version.substr(0, kPrefix.size()) != kPrefix) return false;
  const std::string_view number = version.substr(kPrefix.size());
  const size_t dot = number.find('.');
  if (dot == std::string_view::npos) return IsDecimal(number);
  return IsDecimal(number.substr(0, dot)) && IsDecimal(number.substr(dot + 1));
}

bool IsKnownMethod(std::string_view method) {
  static constexpr std::array<std::string_view, 9> kMethods = {
      "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"};
  return std::find(kMethods.begin(), kMethods.end(), method) != kMethods.end();
}

bool MethodHasNoBody(std::string_view method) {
  return method == "GET" || method == "HEAD" || method == "DELETE" || method == "OPTIONS" ||
         method == "TRACE" || method == "CONNECT";
}

std::string_view TrimSpacesAndTabs(std::string_view text) {
  const size_t start = text.find_first_not_of(" \t");
  if (start == std::string_view::npos) return {};
  return text.substr(start, text.find_last_not_of(" \t") - start + 1);
}

// Whether a comma-separated header value lists `token` (any case).
bool ListsToken(std::string_view value, std::string_view token) {
  while (!value.empty()) {
    const size_t comma = std::min(value.find(','), value.size());
    if (EqualsIgnoreAsciiCase(TrimSpacesAndTabs(value.substr(0, comma)), token)) return true;
    value.remove_prefix(std::min(comma + 1, value.size()));
  }
  return false;
}

// Where the head ends (after its blank line), or npos. A blank line of bare
// LFs ends it too, so such a head is refused at once rather than waited on.
// The first `scanned` bytes were searched before: a head sent a byte at a
// time costs linear work, not quadratic.
size_t FindHeadEnd(std::string_view bytes, size_t scanned) {
  const size_t crlf = bytes.find("\r\n\r\n", scanned < 3 ? 0 : scanned - 3);
  const size_t lf = bytes.find("\n\n", scanned < 1 ? 0 : scanned - 1);
  const size_t crlf_end = crlf == std::string_view::npos ? crlf : crlf + 4;
  const size_t lf_end = lf == std::string_view::npos ? lf : lf + 2;
  return std::min(crlf_end, lf_end);
}

const char* ReasonPhrase(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 408:
      return "Request Timeout";
    case 413:
      return "Payload Too Large";
    case 414:
      return "URI Too Long";
    case 431:
      return "Request Header Fields Too Large";
    case 501:
      return "Not Implemented";
    case 503:
      return "Service Unavailable";
    case 505:
      return "HTTP Version Not Supported";
    default:
      return "Error";
  }
}

// Runs each connection on a worker of its own; workers are made when every
// existing one is busy, up to `max_workers`, and then kept, idle, for the
// next connections.
class ConnectionWorkers final : public httplib::TaskQueue {
 public:
  explicit ConnectionWorkers(size_t max_workers) : max_workers_(max_workers) {}
  ~ConnectionWorkers() override { shutdown(); }

  void enqueue(std::function<void()> job) override {
    std::lock_guard<std::mutex> lock(mutex_);
    jobs_.push_back(std::move(job));
    if (idle_ < jobs_.size() && workers_.size() < max_workers_) {
      workers_.emplace_back([this] { Work(); });
    }
    wake_.notify_one();
  }

  // Runs the jobs already queued, then joins every worker.
  void shutdown() override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (stopping_) return;
      stopping_ = true;
    }
    wake_.notify_all();
    for (std::thread& worker : workers_) worker.join();
  }

 private:
  void Work() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (true) {
      ++idle_;
      wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      --idle_;
      if (jobs_.empty()) return;  // stopping, nothing left
      std::function<void()> job = std::move(jobs_.front());
      jobs_.pop_front();
      lock.unlock();
      job();
      lock.lock();
    }
  }

  const size_t max_workers_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  std::vector<std::thread> workers_;
  size_t idle_ = 0;
  bool stopping_ = false;
};

}  // namespace

HeadCheck CheckHead(std::string_view head, const ConnectionLimits& limits) {
  HeadCheck check;
  const auto refuse = [&check](ErrorCode code, std::string message) {
    check.refusal = MakeError(code, std::move(message));
    return check;
  };
  for (size_t at = head.find('\n'); at != std::string_view::npos; at = head.find('\n', at + 1)) {
    if (at == 0 || head[at - 1] != '\r') {
      return refuse(ErrorCode::kBadRequest, "Every line of a request head must end with CRLF");
    }
  }

  // The request line: METHOD SP TARGET SP VERSION.
  const size_t line_end = head.find("\r\n");
  const std::string_view line = head.substr(0, line_end);
  if (line.size() + 2 > kMaxRequestLineBytes) {
    return refuse(ErrorCode::kUriTooLong, "The request line is longer than " +
                                              std::to_string(kMaxRequestLineBytes) + " bytes");
  }
  if (head.size() > limits.max_head_bytes) {
    return refuse(
        ErrorCode::kHeadersTooLarge,
        "The request head is larger than " + std::to_string(limits.max_head_bytes) + " bytes");
  }
  const size_t first_space = line.find(' ');
  const size_t second_space =
      first_space == std::string_view::npos ? first_space : line.find(' ', first_space + 1);
  if (second_space == std::string_view::npos ||
      line.find(' ', second_space + 1) != std::string_view::npos) {
    return refuse(ErrorCode::kBadRequest,
                  "The request line must be METHOD TARGET HTTP/1.1, one space apart");
  }
  const std::string_view method = line.substr(0, first_space);
  const std::string_view target = line.substr(first_space + 1, second_space - first_space - 1);
  const std::string_view version = line.substr(second_space + 1);
  check.method = std::string(method);
  check.target = std::string(target);
  if (version != "HTTP/1.1" && version != "HTTP/1.0") {
    if (IsHttpVersion(version)) {
      return refuse(ErrorCode::kHttpVersionNotSupported,
                    "Only HTTP/1.1 and HTTP/1.0 are served here (HTTP/2 needs TLS or a proxy)");
    }
    return refuse(ErrorCode::kBadRequest, "The request line does not end with an HTTP version");
  }
  if (!IsToken(method)) return refuse(ErrorCode::kBadRequest, "The method is not a token");
  if (!IsKnownMethod(method)) {
    return refuse(ErrorCode::kNotImplemented, "The method is not one this server implements");
  }
  if (target.empty() || HasAsciiControl(target)) {
    return refuse(ErrorCode::kBadRequest, "The request target holds control characters");
  }
  bool keep_alive = version == "HTTP/1.1";

  // Header lines, up to the blank line.
  size_t headers = 0;
  std::optional<std::string_view> content_length;
  std::optional<std::string_view> transfer_encoding;
  size_t at = line_end + 2;
  while (true) {
    const size_t end = head.find("\r\n", at);
    if (end == std::string_view::npos || end == at) break;  // the blank line
    const std::string_view header = head.substr(at, end - at);
    at = end + 2;
    if (++headers > limits.max_headers) {
      return refuse(ErrorCode::kHeadersTooLarge,
                    "The request has more than " + std::to_string(limits.max_headers) + " headers");
    }
    if (header.size() + 2 > kMaxHeaderLineBytes) {
      return refuse(
          ErrorCode::kHeadersTooLarge,
          "A header line is longer than " + std::to_string(kMaxHeaderLineBytes) + " bytes");
    }
    const size_t colon = header.find(':');
    const std::string_view name = header.substr(0, colon);
    if (colon == std::string_view::npos || !IsToken(name)) {
      // Also a folded line (leading space) and a space before the colon:
      // readers disagree on both, which is how requests get smuggled.
      return refuse(ErrorCode::kBadRequest, "A header line is not NAME: VALUE");
    }
    const std::string_view value = TrimSpacesAndTabs(header.substr(colon + 1));
    if (value.empty()) check.empty_headers.emplace_back(name);
    if (std::any_of(value.begin(), value.end(),
                    [](char c) { return IsAsciiControl(c) && c != '\t'; })) {
      return refuse(ErrorCode::kBadRequest, "A header value holds control characters");
    }
    if (EqualsIgnoreAsciiCase(name, "Content-Length")) {
      if (content_length) return refuse(ErrorCode::kBadRequest, "Content-Length is given twice");
      content_length = value;
    } else if (EqualsIgnoreAsciiCase(name, "Transfer-Encoding")) {
      if (transfer_encoding) {
        return refuse(ErrorCode::kBadRequest, "Transfer-Encoding is given twice");
      }
      transfer_encoding = value;
    } else if (EqualsIgnoreAsciiCase(name, "Origin")) {
      check.origin = std::string(value);
    } else if (EqualsIgnoreAsciiCase(name, "X-Request-Id")) {
      check.request_id = std::string(value);
    } else if (EqualsIgnoreAsciiCase(name, "Connection")) {
      if (ListsToken(value, "close")) keep_alive = false;
      if (ListsToken(value, "keep-alive")) keep_alive = keep_alive || version == "HTTP/1.0";
    }
  }
  check.keep_alive = keep_alive;

  // The framing: refused, never guessed.
  if (content_length && transfer_encoding) {
    return refuse(ErrorCode::kBadRequest,
                  "A request cannot have both Content-Length and Transfer-Encoding");
  }
  uint64_t body_bytes = 0;
  if (content_length) {
    if (!IsDecimal(*content_length)) {
      return refuse(ErrorCode::kBadRequest, "Content-Length must be a decimal number of bytes");
    }
    const std::string_view digits = content_length->substr(
        std::min(content_length->find_first_not_of('0'), content_length->size()));
    // More than 18 digits would overflow; any such length is over the limit anyway.
    if (digits.size() <= 18) body_bytes = digits.empty() ? 0 : std::stoull(std::string(digits));
    if (digits.size() > 18 || body_bytes > limits.max_body_bytes) {
      return refuse(
          ErrorCode::kPayloadTooLarge,
          "The request body is larger than " + std::to_string(limits.max_body_bytes) + " bytes");
    }
  }
  if (transfer_encoding) {
    if (!EqualsIgnoreAsciiCase(*transfer_encoding, "chunked")) {
      return refuse(ErrorCode::kNotImplemented, "The only Transfer-Encoding served is chunked");
    }
    if (version == "HTTP/1.0") {
      return refuse(ErrorCode::kBadRequest, "HTTP/1.0 has no chunked Transfer-Encoding");
    }
  }
  if ((body_bytes > 0 || transfer_encoding) && MethodHasNoBody(method)) {
    return refuse(ErrorCode::kBadRequest, "A " + check.method + " request cannot have a body");
  }
  return check;
}

// One accepted socket as the library's Stream, with a buffer kept between
// requests: bytes read past one request are the start of the next.
class ConnectionLoop::Connection final : public httplib::Stream {
 public:
  enum class Wait { kData, kClosed, kTimedOut, kStopping };

  Connection(socket_t sock, std::chrono::milliseconds io_timeout)
      : sock_(sock), io_timeout_(io_timeout) {}
  ~Connection() override { ::close(sock_); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  std::string_view Buffered() const { return std::string_view(buffer_).substr(read_from_); }
  void Consume(size_t bytes) {
    read_from_ += bytes;
    if (read_from_ == buffer_.size()) {
      buffer_.clear();
      read_from_ = 0;
    }
  }

  // Reads what the socket has into the buffer, waiting until `deadline` at
  // most; with `stopping` also until it answers true.
  Wait Fill(Clock::time_point deadline, const std::function<bool()>& stopping = nullptr) {
    if (!Flush()) return Wait::kClosed;
    while (true) {
      if (stopping && stopping()) return Wait::kStopping;
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) return Wait::kTimedOut;
      const auto slice = stopping ? std::min(left, kStopCheckInterval) : left;
      const int ready = PollFor(POLLIN, slice);
      if (ready < 0) return Wait::kClosed;
      if (ready == 0) continue;
      return Receive() > 0 ? Wait::kData : Wait::kClosed;
    }
  }

  bool WriteAll(std::string_view bytes) {
    unsent_.append(bytes);
    return Flush();
  }

  // Sends what the library wrote since the last flush. An answer's head and
  // body go out in one send rather than one each, and a send is tried before
  // waiting: the wait (poll) is for a client that reads slowly.
  bool Flush() {
    size_t sent_bytes = 0;
    while (sent_bytes < unsent_.size()) {
      const ssize_t sent = ::send(sock_, unsent_.data() + sent_bytes, unsent_.size() - sent_bytes,
                                  MSG_NOSIGNAL | MSG_DONTWAIT);
      if (sent > 0) {
        sent_bytes += static_cast<size_t>(sent);
      } else if (sent < 0 && errno == EINTR) {
        continue;
      } else if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) &&
                 PollFor(POLLOUT, io_timeout_) > 0) {
        continue;
      } else {
        unsent_.clear();
        return false;
      }
    }
    unsent_.clear();
    return true;
  }

  // Stops writing, then reads and drops what the client still sends for a
  // moment, so that closing does not reset the answer away.
  void LingeringClose() {
    ::shutdown(sock_, SHUT_WR);
    const Clock::time_point deadline = Clock::now() + kLingerTime;
    size_t dropped = 0;
    char sink[4096];
    while (dropped < kLingerBytes) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0 || PollFor(POLLIN, left) <= 0) break;
      const ssize_t got = ::recv(sock_, sink, sizeof sink, 0);
      if (got <= 0) break;
      dropped += static_cast<size_t>(got);
    }
  }

  // --- httplib::Stream ---
  bool is_readable() const override {
    return !Buffered().empty() || PollFor(POLLIN, io_timeout_) > 0;
  }
  bool is_writable() const override { return PollFor(POLLOUT, io_timeout_) > 0; }

  ssize_t read(char* ptr, size_t size) override {
    if (Buffered().empty()) {
      // What was written goes out before waiting for the client (a "100
      // Continue" the client waits for, say).
      if (!Flush() || PollFor(POLLIN, io_timeout_) <= 0) return -1;
      const ssize_t got = Receive();
      if (got <= 0) return got;
    }
    const size_t copied = std::min(size, Buffered().size());
    std::copy_n(Buffered().data(), copied, ptr);
    Consume(copied);
    return static_cast<ssize_t>(copied);
  }

  // Kept until the answer is complete (Serve flushes it), or sent at once
  // past kMaxUnsentBytes.
  ssize_t write(const char* ptr, size_t size) override {
    unsent_.append(ptr, size);
    if (unsent_.size() >= kMaxUnsentBytes && !Flush()) return -1;
    return static_cast<ssize_t>(size);
  }

  // The addresses are asked of the kernel once per connection, not per request.
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    if (!remote_) remote_ = Address(::getpeername);
    ip = remote_->ip;
    port = remote_->port;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    if (!local_) local_ = Address(::getsockname);
    ip = local_->ip;
    port = local_->port;
  }
  socket_t socket() const override { return sock_; }

 private:
  // poll() on the socket alone: >0 ready, 0 timed out, <0 failed.
  int PollFor(short events, std::chrono::milliseconds timeout) const {
    pollfd entry{sock_, events, 0};
    int ready;
    do {
      ready = ::poll(&entry, 1, static_cast<int>(timeout.count()));
    } while (ready < 0 && errno == EINTR);
    return ready;
  }

  ssize_t Receive() {
    constexpr size_t kChunk = 16384;
    const size_t old_size = buffer_.size();
    buffer_.resize(old_size + kChunk);
    ssize_t got;
    do {
      got = ::recv(sock_, buffer_.data() + old_size, kChunk, 0);
    } while (got < 0 && errno == EINTR);
    buffer_.resize(old_size + static_cast<size_t>(std::max<ssize_t>(got, 0)));
    return got;
  }

  struct IpAndPort {
    std::string ip;
    int port = 0;
  };

  IpAndPort Address(int (*ask)(int, sockaddr*, socklen_t*)) const {
    IpAndPort out;
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (ask(sock_, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
      Describe(address, out.ip, out.port);
    }
    return out;
  }

  static void Describe(const sockaddr_storage& address, std::string& ip, int& port) {
    char text[INET6_ADDRSTRLEN] = {};
    if (address.ss_family == AF_INET) {
      const auto& v4 = reinterpret_cast<const sockaddr_in&>(address);
      inet_ntop(AF_INET, &v4.sin_addr, text, sizeof text);
      port = ntohs(v4.sin_port);
    } else if (address.ss_family == AF_INET6) {
      const auto& v6 = reinterpret_cast<const sockaddr_in6&>(address);
      inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof text);
      port = ntohs(v6.sin6_port);
    }
    ip = text;
  }

  socket_t sock_;
  std::chrono::milliseconds io_timeout_;
  std::string buffer_;
  size_t read_from_ = 0;
  std::string unsent_;
  mutable std::optional<IpAndPort> remote_;
  mutable std::optional<IpAndPort> local_;
};

ConnectionLoop::ConnectionLoop(ConnectionLimits limits, RefusalWriter write_refusal)
    : limits_(limits), write_refusal_(std::move(write_refusal)) {
  const size_t workers = limits_.max_connections + kRefusalWorkers;
  new_task_queue = [workers] { return new ConnectionWorkers(workers); };
}

void ConnectionLoop::CloseAfterAnswer() { t_close_after_answer = true; }

bool ConnectionLoop::ClosesAfterAnswer() { return t_close_after_answer; }

bool ConnectionLoop::SentEmptyHeader(std::string_view name) {
  return std::any_of(t_empty_headers.begin(), t_empty_headers.end(),
                     [&](const std::string& sent) { return EqualsIgnoreAsciiCase(sent, name); });
}

bool ConnectionLoop::process_and_close_socket(socket_t sock) {
  // Counted from accept to close, refused ones included, so the count never
  // lags behind the sockets actually open.
  const size_t open = ++open_connections_;
  {
    Connection connection(sock, limits_.io_timeout);
    if (open > limits_.max_connections) {
      Refuse(connection,
             Refusal{"-", "-", "", "",
                     MakeError(ErrorCode::kServerBusy,
                               "The server has " + std::to_string(limits_.max_connections) +
                                   " connections open, its limit; try again shortly"),
                     Clock::now()});
    } else {
      Serve(connection);
    }
  }
  --open_connections_;
  return true;
}

void ConnectionLoop::Serve(Connection& connection) {
  const auto stopping = [this] { return Stopping(); };
  while (true) {
    t_close_after_answer = false;
    if (connection.Buffered().empty() &&
        connection.Fill(Clock::now() + limits_.idle_timeout, stopping) != Connection::Wait::kData) {
      return;  // idle, closed by the client, or the server stops: nothing to answer
    }
    // Empty lines before a request line are ignored (RFC 9112, section 2.2).
    std::string_view bytes = connection.Buffered();
    const size_t request_start = std::min(bytes.find_first_not_of("\r\n"), bytes.size());
    connection.Consume(request_start);
    if (connection.Buffered().empty()) continue;

    const Clock::time_point started = Clock::now();
    const Clock::time_point deadline = started + limits_.head_timeout;
    size_t head_end;
    size_t scanned = 0;
    size_t first_line_end = std::string_view::npos;
    // A head refused before it is whole: the log gets its method, if one arrived.
    const auto refuse_head = [&](ErrorCode code, const std::string& message) {
      const std::string_view line = connection.Buffered().substr(0, first_line_end);
      Refuse(connection, Refusal{std::string(line.substr(0, std::min(line.find(' '), size_t{32}))),
                                 "-", "", "", MakeError(code, message), started});
    };
    while ((head_end = FindHeadEnd(connection.Buffered(), scanned)) == std::string_view::npos) {
      bytes = connection.Buffered();
      if (first_line_end == std::string_view::npos) first_line_end = bytes.find('\n', scanned);
      scanned = bytes.size();
      if (first_line_end == std::string_view::npos && bytes.size() >= kMaxRequestLineBytes) {
        return refuse_head(
            ErrorCode::kUriTooLong,
            "The request line is longer than " + std::to_string(kMaxRequestLineBytes) + " bytes");
      }
      if (bytes.size() >= limits_.max_head_bytes) {
        return refuse_head(
            ErrorCode::kHeadersTooLarge,
            "The request head is larger than " + std::to_string(limits_.max_head_bytes) + " bytes");
      }
      const Connection::Wait wait = connection.Fill(deadline, stopping);
      if (wait == Connection::Wait::kTimedOut) {
        return refuse_head(ErrorCode::kRequestTimeout,
                           "The request head did not arrive within " +
                               std::to_string(limits_.head_timeout.count()) + " ms");
      }
      if (wait != Connection::Wait::kData) return;  // the client went away, or the server stops
    }
    HeadCheck check = CheckHead(connection.Buffered().substr(0, head_end), limits_);
    if (check.refusal) {
      return Refuse(connection, Refusal{std::move(check.method), std::move(check.target),
                                        std::move(check.request_id), std::move(check.origin),
                                        std::move(*check.refusal), started});
    }
    // The library reads the head again, from the buffer, then the body.
    t_empty_headers = std::move(check.empty_headers);
    const bool last = !check.keep_alive || Stopping();
    bool closed_by_request = false;
    const bool answered = process_request(connection, last, closed_by_request, nullptr);
    if (!connection.Flush() || !answered) return;
    if (t_close_after_answer) return connection.LingeringClose();
    if (last || closed_by_request) return;
  }
}

void ConnectionLoop::Refuse(Connection& connection, const Refusal& refusal) {
  httplib::Response res;
  write_refusal_(refusal, res);
  std::string answer =
      "HTTP/1.1 " + std::to_string(res.status) + " " + ReasonPhrase(res.status) + "\r\n";
  for (const auto& [name, value] : res.headers) answer += name + ": " + value + "\r\n";
  answer += "Content-Length: " + std::to_string(res.body.size()) + "\r\nConnection: close\r\n\r\n";
  answer += res.body;
  connection.WriteAll(answer);
  connection.LingeringClose();
}

}  // namespace gofast::http
