// Prints the one-screen summary of scripts/contract: each route of the
// contract with its documented statuses, which of them the tests received
// (from the coverage files TestClient writes), and the fixtures.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "shared/core/text.h"

namespace fs = std::filesystem;
using nlohmann::json;

int main(int argc, char* argv[]) {
  std::ifstream contract(fs::path(GOFAST_SOURCE_DIR) / "shared/contracts/openapi.json");
  const json document = json::parse(contract);
  std::map<std::string, std::set<std::string>> seen;  // route name -> statuses received
  if (argc > 1 && fs::is_directory(argv[1])) {
    for (const auto& entry : fs::directory_iterator(argv[1])) {
      std::ifstream in(entry.path());
      std::string line;
      while (std::getline(in, line)) {
        const size_t tab = line.rfind('\t');
        if (tab != std::string::npos) seen[line.substr(0, tab)].insert(line.substr(tab + 1));
      }
    }
  }
  size_t operations = 0, documented = 0, covered = 0;
  std::ostringstream table;
  for (const auto& [path, item] : document["paths"].items()) {
    for (const auto& [method, operation] : item.items()) {
      if (method == "servers" || method == "parameters") continue;
      const std::string upper = gofast::ToUpperAscii(method);
      for (const json& tag : operation["tags"]) {
        ++operations;
        const std::string route = tag.get<std::string>() + " " + upper + " " + path;
        const std::set<std::string>& received = seen[route];
        std::string statuses;
        for (const auto& [status, unused] : operation["responses"].items()) {
          ++documented;
          const bool hit = received.count(status) > 0;
          covered += hit ? 1 : 0;
          statuses += " " + status + (hit ? "*" : " ");
        }
        table << "  " << route << std::string(route.size() < 46 ? 46 - route.size() : 1, ' ')
              << statuses << "\n";
      }
    }
  }
  size_t unrouted = 0;
  for (const auto& [route, statuses] : seen) {
    if (route.find("(") != std::string::npos) unrouted += statuses.size();
  }
  size_t fixtures = 0;
  std::string fixture_names;
  for (const auto& entry :
       fs::directory_iterator(fs::path(GOFAST_SOURCE_DIR) / "shared/contracts/fixtures")) {
    if (entry.path().extension() != ".json") continue;
    ++fixtures;
    fixture_names += "  " + entry.path().filename().string() + "\n";
  }
  std::cout << "contract: shared/contracts/openapi.json (OpenAPI "
            << document["openapi"].get<std::string>() << ")\n"
            << "routes: " << operations
            << " (operations per service), statuses documented: " << documented
            << ", received by the tests: " << covered << " (* below)";
  if (seen.empty()) std::cout << " [no coverage recorded]";
  std::cout << "\n"
            << table.str() << "unrouted answers received (unknown path, other method): " << unrouted
            << " distinct\n"
            << "fixtures (January 2026 dialog): " << fixtures << "\n"
            << fixture_names;
  return 0;
}
