#include "tests/support/http_client.h"

#include <catch2/catch.hpp>

namespace gofast::testing {
namespace {

Reply ToReply(const httplib::Result& result) {
  Reply reply;
  if (!result) {
    reply.error = httplib::to_string(result.error());
    return reply;
  }
  reply.status = result->status;
  reply.body = result->body;
  reply.headers = result->headers;
  reply.json = nlohmann::json::parse(result->body, nullptr, false);
  if (reply.json.is_discarded()) reply.json = nullptr;
  return reply;
}

httplib::Headers WithToken(const std::string& token, httplib::Headers headers) {
  if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
  return headers;
}

}  // namespace

std::string Reply::Header(const std::string& name) const {
  const auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

Reply PostUnchecked(int port, const std::string& path, const std::string& body,
                    const std::string& content_type) {
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(30);
  return ToReply(client.Post(path.c_str(), body, content_type.c_str()));
}

TestClient::TestClient(Service service, int port)
    : TestClient(service, "http://127.0.0.1:" + std::to_string(port)) {}

TestClient::TestClient(Service service, const std::string& base_url)
    : service_(service), client_(base_url) {
  client_.set_keep_alive(true);
  client_.set_read_timeout(30);
  // The library writes a request's head and body apart: with Nagle's
  // algorithm the body waited for the head's delayed ACK, 40 ms a POST.
  client_.set_tcp_nodelay(true);
}

// Violations seen on other threads are reported once the test thread gets here.
TestClient::~TestClient() { FlushViolations(); }

Reply TestClient::Checked(const std::string& method, const std::string& path,
                          const httplib::Result& result) const {
  Reply reply = ToReply(result);
  if (reply.status != 0) {
    RecordCoverage(Contract::Shared().RouteName(service_, method, path), reply.status);
    ReportViolations(Contract::Shared().CheckResponse(service_, method, path, reply.status,
                                                      reply.body, &reply.headers));
  }
  return reply;
}

Reply TestClient::Post(const std::string& path, const std::string& token, const std::string& body,
                       const std::string& content_type, const httplib::Headers& extra) {
  return Checked("POST", path,
                 client_.Post(path.c_str(), WithToken(token, extra), body, content_type.c_str()));
}

Reply TestClient::Get(const std::string& path, const std::string& token,
                      const httplib::Headers& extra) {
  return Checked("GET", path, client_.Get(path.c_str(), WithToken(token, extra)));
}

Reply TestClient::Send(const std::string& method, const std::string& path,
                       const httplib::Headers& headers, const std::string& body) {
  httplib::Request request;
  request.method = method;
  request.path = path;
  request.headers = headers;
  request.body = body;
  return Checked(method, path, client_.send(request));
}

void CheckError(const Reply& reply, int status, const std::string& code,
                const std::string& message) {
  INFO("answer: " << reply.status << " " << reply.body);
  CHECK(reply.status == status);
  REQUIRE(reply.json.is_object());
  CHECK(reply.json.value("success", true) == false);
  CHECK(reply.json.value("code", "") == code);
  if (!message.empty()) CHECK(reply.json.value("error", "") == message);
}

}  // namespace gofast::testing
