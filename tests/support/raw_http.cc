#include "tests/support/raw_http.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "shared/core/text.h"

namespace gofast::testing {

RawConnection::RawConnection(int port) {
  fd_ = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd_ >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
}

RawConnection::~RawConnection() { close(fd_); }

bool RawConnection::Send(const std::string& bytes) {
  size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<size_t>(n);
  }
  return true;
}

std::string RawConnection::ReadWhile(std::chrono::milliseconds timeout,
                                     const std::function<bool(const std::string&)>& wanting) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::string bytes;
  char buffer[4096];
  while (wanting(bytes)) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd entry{fd_, POLLIN, 0};
    if (left.count() <= 0 || poll(&entry, 1, static_cast<int>(left.count())) <= 0) break;
    const ssize_t n = recv(fd_, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    bytes.append(buffer, static_cast<size_t>(n));
  }
  return bytes;
}

std::string RawConnection::ReadUntilClosed(std::chrono::milliseconds timeout) {
  return ReadWhile(timeout, [](const std::string&) { return true; });
}

std::vector<RawAnswer> RawConnection::ReadAnswers(size_t count, std::chrono::milliseconds timeout) {
  return SplitAnswers(ReadWhile(
      timeout, [count](const std::string& bytes) { return SplitAnswers(bytes).size() < count; }));
}

std::string RawConnection::ReadAvailable(std::chrono::milliseconds timeout) {
  std::string answer;
  char buffer[4096];
  pollfd entry{fd_, POLLIN, 0};
  int wait = static_cast<int>(timeout.count());
  while (poll(&entry, 1, wait) > 0) {
    const ssize_t n = recv(fd_, buffer, sizeof buffer, MSG_DONTWAIT);
    if (n <= 0) break;
    answer.append(buffer, static_cast<size_t>(n));
    wait = 50;  // the rest of an answer already on its way
  }
  return answer;
}

bool RawConnection::ClosedWithin(std::chrono::milliseconds timeout) {
  pollfd entry{fd_, POLLIN, 0};
  if (poll(&entry, 1, static_cast<int>(timeout.count())) <= 0) return false;
  char byte;
  return recv(fd_, &byte, 1, MSG_PEEK | MSG_DONTWAIT) <= 0;
}

std::string RawExchange(int port, const std::string& request) {
  RawConnection connection(port);
  connection.Send(request);
  return connection.ReadUntilClosed();
}

bool RawAnswer::HasHeaderLine(const std::string& line) const {
  size_t at = head.find("\r\n");
  while (at != std::string::npos && at + 2 < head.size()) {
    const size_t end = head.find("\r\n", at + 2);
    if (EqualsIgnoreAsciiCase(head.substr(at + 2, end - at - 2), line)) return true;
    at = end;
  }
  return false;
}

std::vector<RawAnswer> SplitAnswers(const std::string& bytes) {
  std::vector<RawAnswer> answers;
  size_t at = 0;
  while (at < bytes.size()) {
    const size_t head_end = bytes.find("\r\n\r\n", at);
    if (head_end == std::string::npos || bytes.compare(at, 5, "HTTP/") != 0) break;
    RawAnswer answer;
    answer.head = bytes.substr(at, head_end + 2 - at);
    answer.status = std::stoi(answer.head.substr(9, 3));
    size_t length = 0;
    const std::string lower = ToLowerAscii(answer.head);
    const size_t header = lower.find("\r\ncontent-length:");
    if (header != std::string::npos) length = std::stoul(lower.substr(header + 17));
    if (head_end + 4 + length > bytes.size()) break;  // the body is still on its way
    answer.body = bytes.substr(head_end + 4, length);
    answer.json = nlohmann::json::parse(answer.body, nullptr, false);
    if (answer.json.is_discarded()) answer.json = nullptr;
    answers.push_back(std::move(answer));
    at = head_end + 4 + length;
  }
  return answers;
}

}  // namespace gofast::testing
