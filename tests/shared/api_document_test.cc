// The contract compiled into the services, and the part of it each one serves.
#include "shared/http/api_document.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

namespace gofast::testing {
namespace {

using nlohmann::ordered_json;

ordered_json CompiledContract() { return ordered_json::parse(http::ContractDocumentText()); }

std::set<std::string> Paths(const ordered_json& document) {
  std::set<std::string> paths;
  for (const auto& [path, unused] : document.at("paths").items()) paths.insert(path);
  return paths;
}

}  // namespace

TEST_CASE("the contract compiled into the services is shared/contracts/openapi.json as built",
          "[unit][contract]") {
  std::ifstream file(std::string(GOFAST_SOURCE_DIR) + "/shared/contracts/openapi.json");
  std::ostringstream text;
  text << file.rdbuf();
  CHECK(http::ContractDocumentText() == text.str());
}

TEST_CASE(
    "a service's API document holds its own paths, and the test API's, the console's and the staff "
    "replica's only when on",
    "[unit][contract]") {
  const ordered_json contract = CompiledContract();
  const ordered_json company = http::ServiceApiDocument(contract, "company", {});
  const ordered_json app = http::ServiceApiDocument(contract, "app", {});
  const std::set<std::string> company_paths = Paths(company);
  const std::set<std::string> app_paths = Paths(app);
  CHECK(company_paths.count("/api/staff/find-or-create") == 1);
  CHECK(company_paths.count("/api/runs/create") == 0);
  CHECK(app_paths.count("/api/runs/create") == 1);
  CHECK(app_paths.count("/api/staff/{id}") == 0);
  for (const char* both : {"/healthz", "/readyz", "/version", "/openapi.json"}) {
    CHECK(company_paths.count(both) == 1);
    CHECK(app_paths.count(both) == 1);
  }
  CHECK(company_paths.count("/_test/seed") == 0);
  CHECK(Paths(http::ServiceApiDocument(contract, "company", {true, false})).count("/_test/seed") ==
        1);
  CHECK(company_paths.count("/") == 0);
  const std::set<std::string> with_console =
      Paths(http::ServiceApiDocument(contract, "company", {false, true}));
  CHECK(with_console.count("/") == 1);
  CHECK(with_console.count("/console.js") == 1);
  CHECK(Paths(http::ServiceApiDocument(contract, "app", {true, true})).count("/") == 0);
  CHECK(app_paths.count("/api/staff-replica") == 0);  // reference mode
  const std::set<std::string> replica =
      Paths(http::ServiceApiDocument(contract, "app", {false, false, true}));
  CHECK(replica.count("/api/staff-replica") == 1);
  CHECK(replica.count("/api/staff-replica/staff") == 1);
  CHECK(replica.count("/api/staff-replica/dangling-runs") == 1);

  for (const auto& [path, item] : company.at("paths").items()) {
    INFO(path);
    CHECK_FALSE(item.contains("servers"));  // the document's own servers apply
  }
  CHECK(company.at("components") == contract.at("components"));
}

}  // namespace gofast::testing
