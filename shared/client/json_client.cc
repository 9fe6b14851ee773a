#include "shared/client/json_client.h"

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

JsonClient::JsonClient(std::string base_url, std::chrono::milliseconds timeout)
    : base_url_(std::move(base_url)), timeout_(timeout) {}

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
  httplib::Headers headers;
  if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
  if (!request_id.empty()) headers.emplace("X-Request-Id", request_id);

  std::unique_ptr<httplib::Client> client = Acquire();
  const httplib::Result answer =
      body ? client->Post(path.c_str(), headers, body->dump(), "application/json")
           : client->Get(path.c_str(), headers);
  CallResult result;
  if (!answer) {
    result.transport_error = httplib::to_string(answer.error());
    return result;  // a failed connection is not put back
  }
  Release(std::move(client));
  result.status = answer->status;
  result.body = nlohmann::json::parse(answer->body, nullptr, false);
  if (result.body.is_discarded()) result.body = nullptr;
  return result;
}

}  // namespace gofast::client
