#include "shared/http/api_document.h"

#include <algorithm>

namespace gofast::http {
namespace {

using nlohmann::ordered_json;

constexpr std::string_view kOperationKeys[] = {"get",     "put",  "post",  "delete",
                                               "options", "head", "patch", "trace"};

bool IsOperation(std::string_view key) {
  return std::find(std::begin(kOperationKeys), std::end(kOperationKeys), key) !=
         std::end(kOperationKeys);
}

bool HasTag(const ordered_json& operation, std::string_view tag) {
  const ordered_json tags = operation.value("tags", ordered_json::array());
  return std::find(tags.begin(), tags.end(), tag) != tags.end();
}

}  // namespace

ordered_json ServiceApiDocument(const ordered_json& contract, std::string_view service_tag,
                                OptionalRoutes optional) {
  ordered_json document = contract;
  ordered_json paths = ordered_json::object();
  for (const auto& [path, item] : contract.at("paths").items()) {
    ordered_json served = ordered_json::object();
    bool has_operation = false;
    for (const auto& [key, value] : item.items()) {
      if (key == "servers") continue;
      if (IsOperation(key)) {
        if (!HasTag(value, service_tag)) continue;
        if (!optional.test_api && value.value("x-gofast-test-api", false)) continue;
        if (!optional.console && value.value("x-gofast-console", false)) continue;
        if (!optional.staff_replica && value.value("x-gofast-staff-replica", false)) continue;
        // A CORS preflight is served for a path's other operations, never alone.
        if (key != "options") has_operation = true;
      }
      served[key] = value;
    }
    if (has_operation) paths[path] = std::move(served);
  }
  document["paths"] = std::move(paths);
  return document;
}

void AddApiDocument(Server& server, const config::CommonConfig& config,
                    const std::string& service_tag, OptionalRoutes optional) {
  optional.test_api = config.test_api;
  ordered_json document =
      ServiceApiDocument(ordered_json::parse(ContractDocumentText()), service_tag, optional);
  server.Route("GET", "/openapi.json",
               [document = std::move(document), host = config.host](const Request& request,
                                                                    httplib::Response& res) {
                 // The port is known once bound, after the routes are in place: the
                 // connection's own local port is that port.
                 ordered_json answer = document;
                 answer["servers"] = ordered_json::array(
                     {{{"url", "http://" + host + ":" + std::to_string(request.raw.local_port)}}});
                 WriteJsonText(res, 200, answer.dump());
               });
}

}  // namespace gofast::http
