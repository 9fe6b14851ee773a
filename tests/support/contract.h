#ifndef GOFAST_TESTS_SUPPORT_CONTRACT_H_
#define GOFAST_TESTS_SUPPORT_CONTRACT_H_

#include <httplib.h>

#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace gofast::testing {

// Which service answered: the contract routes each path by service (tags).
enum class Service { kCompany, kApp };
const char* ServiceName(Service service);  // "company" / "app"

// shared/contracts/openapi.json, compiled with valijson: finds the operation
// for (service, method, path) as the services' router does, and validates
// request and response bodies against its schemas.
class Contract {
 public:
  // The document in the source tree, loaded once per test binary.
  static const Contract& Shared();
  static nlohmann::json LoadDocument();

  // Any document of the same shape: tests edit one in memory to prove that
  // a change to the contract is caught.
  explicit Contract(nlohmann::json document);
  ~Contract();
  Contract(const Contract&) = delete;
  Contract& operator=(const Contract&) = delete;

  // Empty when the answer is documented: its status is listed for the route
  // (or for the unrouted answers), its JSON body fits that status's schema,
  // and its required headers are there. Else one line per problem, naming
  // the route, the status and the schema error. `headers` may be null.
  std::vector<std::string> CheckResponse(Service service, const std::string& method,
                                         const std::string& path, int status,
                                         const std::string& body,
                                         const httplib::Headers* headers) const;
  // The same for an answer already parsed (null when it was not JSON).
  std::vector<std::string> CheckResponseJson(Service service, const std::string& method,
                                             const std::string& path, int status,
                                             const nlohmann::json& body) const;
  // A request body against the operation's requestBody schema.
  std::vector<std::string> CheckRequest(Service service, const std::string& method,
                                        const std::string& path, const nlohmann::json& body) const;
  // A body against a named schema of components/schemas.
  std::vector<std::string> CheckSchema(const std::string& schema_name,
                                       const nlohmann::json& body) const;
  // A body against the schema at a JSON pointer of the document, such as a
  // media type's ".../content/application~1json/schema".
  std::vector<std::string> CheckSchemaAt(const std::string& schema_pointer,
                                         const nlohmann::json& body) const;

  const nlohmann::json& document() const { return document_; }

  // "company GET /api/staff/{id}", or "company GET (unrouted)" when no route matches.
  std::string RouteName(Service service, const std::string& method, const std::string& path) const;

 private:
  struct Route;
  Route FindRoute(Service service, const std::string& method, const std::string& path) const;
  // Errors of `body` against the schema at JSON pointer `pointer`.
  std::vector<std::string> Validate(const std::string& pointer, const nlohmann::json& body) const;
  nlohmann::json Resolve(const nlohmann::json& maybe_ref) const;

  nlohmann::json document_;
  struct Compiled;
  mutable std::mutex mutex_;
  mutable std::map<std::string, std::shared_ptr<const Compiled>> compiled_;
};

// Contract violations reach Catch2 only from the thread running the test
// (Catch2 v2 assertions are not thread-safe): on that thread they fail the
// current test at once; from other threads they wait until the test thread
// next reports or flushes.
void ReportViolations(const std::vector<std::string>& violations);
void FlushViolations();
// Left over when the binary ends (catch_main fails the run with them).
std::vector<std::string> TakePendingViolations();

// Records one answer the tests received (route as RouteName names it), in
// $GOFAST_CONTRACT_COVERAGE_DIR when set: scripts/contract sums them up.
void RecordCoverage(const std::string& route, int status);

}  // namespace gofast::testing

#endif  // GOFAST_TESTS_SUPPORT_CONTRACT_H_
