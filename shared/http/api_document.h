#ifndef GOFAST_SHARED_HTTP_API_DOCUMENT_H_
#define GOFAST_SHARED_HTTP_API_DOCUMENT_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "shared/config/common_config.h"
#include "shared/http/server.h"

namespace gofast::http {

// shared/contracts/openapi.json as it was at build time: compiled in, so a
// service never depends on finding the file where it runs.
std::string_view ContractDocumentText();

// The routes a service serves only when an option turns them on.
struct OptionalRoutes {
  bool test_api = false;       // --test-api: operations marked x-gofast-test-api
  bool console = false;        // --console: operations marked x-gofast-console
  bool staff_replica = false;  // --staff-mode replica: operations marked x-gofast-staff-replica
};

// The part of `contract` that one service serves: the paths having an
// operation tagged `service_tag` ("company", "app"), with only those
// operations; the optional ones only when `optional` turns them on, since
// without it those paths answer 404. Paths lose their own servers; the
// top-level servers are left for the caller to set to the URL the service
// listens on.
nlohmann::ordered_json ServiceApiDocument(const nlohmann::ordered_json& contract,
                                          std::string_view service_tag, OptionalRoutes optional);

// GET /openapi.json, no token: ServiceApiDocument of the compiled-in contract,
// filtered once here, with servers set to the one URL the service printed on
// its "listening on" line. The test API follows `config`, whatever `optional` says.
void AddApiDocument(Server& server, const config::CommonConfig& config,
                    const std::string& service_tag, OptionalRoutes optional = {});

}  // namespace gofast::http

#endif  // GOFAST_SHARED_HTTP_API_DOCUMENT_H_
