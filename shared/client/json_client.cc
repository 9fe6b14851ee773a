#include "shared/client/json_client.h"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <map>
#include <thread>

#include "shared/core/text.h"
#include "shared/json/strict_json.h"

namespace gofast::client {

std::string CallResult::Summary() const {
  if (!answered()) return "no answer: " + transport_error;
  std::string summary = "HTTP " + std::to_string(status);
  if (body.is_object() && body.contains("code") && body["code"].is_string()) {
    summary += " " + body["code"].get<std::string>();
    if (body.contains("error") && body["error"].is_string())
      summary += ": " + body["error"].get<std::string>();
  }
  return summary;
}

// Stops the connection of any call still running at its deadline. The
// library's timeouts count each read and write alone, so a peer sending a
// byte now and then would hold a call for as long as it likes.
namespace {

// The library's error as a sentence: its own names ("Read") say little.
std::string TransportErrorText(httplib::Error error) {
  switch (error) {
    case httplib::Error::Read:
      return "the answer could not be read (the connection closed or was reset)";
    case httplib::Error::Write:
      return "the request could not be sent (the connection closed or was reset)";
    default:
      return httplib::to_string(error);
  }
}

// Why a connection to `base_url` ("http://host:port") fails now, asked of
// the system with a connect of its own: the library's connect is
// non-blocking and keeps the socket's error to itself. Bounded by `timeout`.
std::string WhyConnectFails(const std::string& base_url, std::chrono::milliseconds timeout) {
  const size_t host_start = base_url.find("://") + 3;
  const size_t colon = base_url.rfind(':');
  if (colon < host_start) return "could not connect";
  const std::string host = base_url.substr(host_start, colon - host_start);
  const std::string port = base_url.substr(colon + 1, base_url.find('/', colon) - colon - 1);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* addresses = nullptr;
  if (getaddrinfo(host.c_str(), port.c_str(), &hints, &addresses) != 0 || addresses == nullptr) {
    return "could not connect: cannot resolve " + host;
  }
  int error = 0;
  const int sock =
      ::socket(addresses->ai_family, addresses->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (sock < 0) {
    error = errno;
  } else {
    if (::connect(sock, addresses->ai_addr, addresses->ai_addrlen) != 0) error = errno;
    if (error == EINPROGRESS) {
      pollfd watched{sock, POLLOUT, 0};
      socklen_t length = sizeof error;
      if (::poll(&watched, 1, static_cast<int>(timeout.count())) == 1) {
        getsockopt(sock, SOL_SOCKET, SO_ERROR, &error, &length);
      } else {
        error = ETIMEDOUT;
      }
    }
    ::close(sock);
  }
  freeaddrinfo(addresses);
  return error == 0 ? "could not connect" : ToLowerAscii(std::strerror(error));
}

}  // namespace

class JsonClient::Deadlines {
 public:
  Deadlines() : thread_([this] { Run(); }) {}
  ~Deadlines() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_one();
    thread_.join();
  }

  uint64_t Watch(httplib::Client* client, std::chrono::steady_clock::time_point deadline) {
    std::lock_guard<std::mutex> lock(mutex_);
    const uint64_t ticket = next_ticket_++;
    watched_.emplace(ticket, Watched{client, deadline});
    if (deadline < waiting_until_) wake_.notify_one();  // else the thread wakes in time anyway
    return ticket;
  }

  // Whether the deadline passed (and the connection was stopped). Once this
  // returns, the client is no longer touched here.
  bool Unwatch(uint64_t ticket) {
    std::lock_guard<std::mutex> lock(mutex_);
    return watched_.erase(ticket) == 0;
  }

 private:
  struct Watched {
    httplib::Client* client;
    std::chrono::steady_clock::time_point deadline;
  };

  void Run() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stopping_) {
      auto next = std::chrono::steady_clock::time_point::max();
      const auto now = std::chrono::steady_clock::now();
      for (auto it = watched_.begin(); it != watched_.end();) {
        if (it->second.deadline <= now) {
          it->second.client->stop();  // thread-safe: shuts the socket down under the call
          it = watched_.erase(it);
        } else {
          next = std::min(next, it->second.deadline);
          ++it;
        }
      }
      waiting_until_ = next;
      if (watched_.empty()) {
        wake_.wait(lock);
      } else {
        wake_.wait_until(lock, next);
      }
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::map<uint64_t, Watched> watched_;
  uint64_t next_ticket_ = 0;
  std::chrono::steady_clock::time_point waiting_until_ =
      std::chrono::steady_clock::time_point::max();
  bool stopping_ = false;
  std::thread thread_;  // last: started once the rest exists
};

JsonClient::JsonClient(std::string base_url, std::chrono::milliseconds timeout)
    : base_url_(std::move(base_url)),
      timeout_(timeout),
      deadlines_(std::make_unique<Deadlines>()) {}

JsonClient::~JsonClient() = default;

std::unique_ptr<httplib::Client> JsonClient::Acquire() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!idle_.empty()) {
      std::unique_ptr<httplib::Client> client = std::move(idle_.back());
      idle_.pop_back();
      return client;
    }
  }
  auto client = std::make_unique<httplib::Client>(base_url_);
  client->set_keep_alive(true);
  client->set_tcp_nodelay(true);
  client->set_connection_timeout(timeout_);
  client->set_read_timeout(timeout_);
  client->set_write_timeout(timeout_);
  return client;
}

void JsonClient::Release(std::unique_ptr<httplib::Client> client) {
  std::lock_guard<std::mutex> lock(mutex_);
  idle_.push_back(std::move(client));
}

CallResult JsonClient::Get(const std::string& path, const std::string& token,
                           const std::string& request_id) {
  return Send("GET", path, token, nullptr, request_id);
}

CallResult JsonClient::Post(const std::string& path, const std::string& token,
                            const nlohmann::json& body, const std::string& request_id) {
  return Send("POST", path, token, &body, request_id);
}

CallResult JsonClient::Send(const std::string& method, const std::string& path,
                            const std::string& token, const nlohmann::json* body,
                            const std::string& request_id) {
  if (observer_) observer_(method, path, body ? *body : nlohmann::json());
  httplib::Request request;
  request.method = method;
  request.path = path;
  if (!token.empty()) request.set_header("Authorization", "Bearer " + token);
  if (!request_id.empty()) request.set_header("X-Request-Id", request_id);
  if (body) {
    request.body = body->dump();
    request.set_header("Content-Type", "application/json");
  }
  std::string answer_body;
  bool too_large = false;
  request.content_receiver = [&](const char* data, size_t length, uint64_t, uint64_t) {
    too_large = max_answer_bytes_ > 0 && answer_body.size() + length > max_answer_bytes_;
    if (!too_large) answer_body.append(data, length);
    return !too_large;
  };

  std::unique_ptr<httplib::Client> client = Acquire();
  httplib::Response answer;
  httplib::Error error = httplib::Error::Success;
  const uint64_t ticket =
      deadlines_->Watch(client.get(), std::chrono::steady_clock::now() + timeout_);
  const bool sent = client->send(request, answer, error);
  const bool timed_out = deadlines_->Unwatch(ticket);
  CallResult result;
  if (!sent || timed_out || too_large) {
    result.transport_error =
        too_large ? "the answer is larger than " + std::to_string(max_answer_bytes_) + " bytes"
        : timed_out
            ? "timed out after " + std::to_string(timeout_.count()) + " ms (no whole answer)"
        : error == httplib::Error::Connection ? WhyConnectFails(base_url_, timeout_)
                                              : TransportErrorText(error);
    return result;  // a failed connection is not put back
  }
  Release(std::move(client));
  result.status = answer.status;
  if (answer_body.empty()) return result;
  Result<nlohmann::json> parsed = json::ParseStrictJson(answer_body, "the body");
  if (parsed) {
    result.body = std::move(parsed).value();
  } else {
    result.unreadable_body = parsed.error().message;
  }
  return result;
}

}  // namespace gofast::client
