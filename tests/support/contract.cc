#include "tests/support/contract.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "shared/core/text.h"
#include "shared/http/server.h"

namespace gofast::testing {
namespace {

using nlohmann::json;

constexpr size_t kMaxErrorsPerViolation = 6;
constexpr size_t kBodyExcerpt = 400;
const char* const kMethods[] = {"get",     "put",  "post",  "delete",
                                "options", "head", "patch", "trace"};

// Static initialisation runs on the thread that then runs the tests.
const std::thread::id kTestThread = std::this_thread::get_id();

std::mutex g_pending_mutex;
std::vector<std::string> g_pending;

// The path as the services' router sees it: no query, percent-decoded.
std::string RoutedPath(const std::string& target) {
  const std::string path = target.substr(0, target.find('?'));
  std::string decoded;
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '%' && i + 2 < path.size() &&
        std::isxdigit(static_cast<unsigned char>(path[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(path[i + 2]))) {
      decoded.push_back(static_cast<char>(std::stoi(path.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else {
      decoded.push_back(path[i]);
    }
  }
  return decoded;
}

// JSON pointer escaping of one reference token (RFC 6901).
std::string Escape(const std::string& token) {
  std::string escaped;
  for (const char c : token) {
    if (c == '~') {
      escaped += "~0";
    } else if (c == '/') {
      escaped += "~1";
    } else {
      escaped.push_back(c);
    }
  }
  return escaped;
}

std::string Excerpt(const std::string& body) {
  return body.size() <= kBodyExcerpt ? body : body.substr(0, kBodyExcerpt) + "...";
}

// One message for one body: its schema errors, innermost first, then the body.
std::string Explain(const std::vector<std::string>& errors, const std::string& body) {
  std::string text = "the body does not fit its schema:";
  for (const std::string& error : errors) text += "\n  at " + error;
  return text + "\n  body: " + Excerpt(body);
}

}  // namespace

const char* ServiceName(Service service) {
  return service == Service::kCompany ? "company" : "app";
}

struct Contract::Compiled {
  valijson::Schema schema;
};

// What the router would run for a request: the operation (when one matches)
// and the response sets whose statuses may answer it, in order.
struct Contract::Route {
  std::string name;
  std::string operation;  // JSON pointer, empty when no operation matches
  std::vector<std::string> response_sets;
};

json Contract::LoadDocument() {
  const std::string path = std::string(GOFAST_SOURCE_DIR) + "/shared/contracts/openapi.json";
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read the contract " + path);
  return json::parse(in);
}

const Contract& Contract::Shared() {
  static const Contract* const contract =
      new Contract(LoadDocument());  // never destroyed: used until exit
  return *contract;
}

Contract::Contract(json document) : document_(std::move(document)) {}
Contract::~Contract() = default;

Contract::Route Contract::FindRoute(Service service, const std::string& raw_method,
                                    const std::string& target) const {
  // HEAD is served by the GET route (without a body).
  const std::string method = raw_method == "HEAD" ? "get" : ToLowerAscii(raw_method);
  const std::string path = RoutedPath(target);
  const std::vector<std::string> segments = http::SplitPath(path);
  const std::string service_name = ServiceName(service);
  const json& unrouted = document_.at("x-gofast-unrouted");

  // The most literal matching template wins, as in shared/http/server.cc.
  std::string best;
  size_t best_parameters = SIZE_MAX;
  for (const auto& [template_path, item] : document_.at("paths").items()) {
    bool ours = false;
    for (const char* m : kMethods) {
      if (!item.contains(m)) continue;
      for (const json& tag : item[m].value("tags", json::array()))
        ours = ours || tag == service_name;
    }
    const std::vector<std::string> expected = http::SplitPath(template_path);
    if (!ours || expected.size() != segments.size()) continue;
    size_t parameters = 0;
    bool matches = true;
    for (size_t i = 0; i < segments.size() && matches; ++i) {
      if (!expected[i].empty() && expected[i].front() == '{') {
        ++parameters;
        matches = !segments[i].empty();
      } else {
        matches = expected[i] == segments[i];
      }
    }
    if (matches && parameters < best_parameters) {
      best = template_path;
      best_parameters = parameters;
    }
  }

  Route route;
  const json& preflight = unrouted.at("corsPreflight");
  const bool preflight_applies =
      method == ToLowerAscii(preflight.value("method", "")) &&
      path.rfind(preflight.value("pathPrefix", "/"), 0) == 0 &&
      std::find(preflight["services"].begin(), preflight["services"].end(), service_name) !=
          preflight["services"].end();
  if (best.empty()) {
    route.name = service_name + " " + raw_method + " (unknown path)";
    route.response_sets.push_back("/x-gofast-unrouted/unknownPath/responses");
  } else {
    const std::string item = "/paths/" + Escape(best);
    if (document_.at(json::json_pointer(item)).contains(method)) {
      route.name = service_name + " " + raw_method + " " + best;
      route.operation = item + "/" + method;
      route.response_sets.push_back(route.operation + "/responses");
    } else {
      route.name = service_name + " " + raw_method + " " + best + " (no such operation)";
      route.response_sets.push_back("/x-gofast-unrouted/knownPathOtherMethod/responses");
    }
  }
  if (preflight_applies)
    route.response_sets.push_back("/x-gofast-unrouted/corsPreflight/responses");
  // The connection loop answers these on any route, before routing.
  route.response_sets.push_back("/x-gofast-unrouted/connectionLoop/responses");
  return route;
}

std::string Contract::RouteName(Service service, const std::string& method,
                                const std::string& path) const {
  return FindRoute(service, method, path).name;
}

// Follows local "$ref"s: the pointer of the object that holds the content.
json Contract::Resolve(const json& maybe_ref) const {
  json current = maybe_ref;
  for (int depth = 0; depth < 16 && current.is_object() && current.contains("$ref"); ++depth) {
    const std::string ref = current["$ref"].get<std::string>();
    if (ref.rfind("#/", 0) != 0) throw std::runtime_error("only local $refs are supported: " + ref);
    current = document_.at(json::json_pointer(ref.substr(1)));
  }
  return current;
}

std::vector<std::string> Contract::Validate(const std::string& key,
                                            const json& schema_and_body) const {
  // `key` names the schema for the cache; schema_and_body = [schema, body].
  std::shared_ptr<const Compiled> compiled;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto& slot = compiled_[key];
    if (!slot) {
      // The schema keeps its "#/components/..." references: give it the
      // document's components as its own root, so they resolve in place.
      const json root = {{"components", document_.at("components")},
                         {"allOf", json::array({schema_and_body[0]})}};
      auto fresh = std::make_shared<Compiled>();
      valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
      valijson::adapters::NlohmannJsonAdapter root_adapter(root);
      parser.populateSchema(root_adapter, fresh->schema);
      slot = std::move(fresh);
    }
    compiled = slot;
  }
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(schema_and_body[1]);
  if (validator.validate(compiled->schema, target, &results)) return {};
  std::vector<std::string> errors;
  std::set<std::string> seen;
  valijson::ValidationResults::Error error;
  while (results.popError(error)) {
    std::string where;
    for (size_t i = 1; i < error.context.size(); ++i) {  // context[0] is "<root>"
      std::string part = error.context[i];
      if (part.size() >= 2 && part.front() == '[' && part.back() == ']')
        part = part.substr(1, part.size() - 2);
      if (!part.empty() && part.front() == '"' && part.back() == '"')
        part = part.substr(1, part.size() - 2);
      where += "/" + part;
    }
    const std::string line = (where.empty() ? "/" : where) + ": " + error.description;
    if (seen.insert(line).second) errors.push_back(line);
  }
  // valijson reports the innermost failure first, then each enclosing
  // schema (allOf, properties) that failed because of it.
  if (errors.size() > kMaxErrorsPerViolation) errors.resize(kMaxErrorsPerViolation);
  return errors;
}

std::vector<std::string> Contract::CheckSchema(const std::string& schema_name,
                                               const json& body) const {
  const json schema = {{"$ref", "#/components/schemas/" + schema_name}};
  const std::vector<std::string> errors =
      Validate("schema " + schema_name, json::array({schema, body}));
  if (errors.empty()) return {};
  return {"contract: schema " + schema_name + ": " + Explain(errors, body.dump())};
}

std::vector<std::string> Contract::CheckSchemaAt(const std::string& schema_pointer,
                                                 const json& body) const {
  const json& schema = document_.at(json::json_pointer(schema_pointer));
  const std::vector<std::string> errors =
      Validate("at " + schema_pointer, json::array({schema, body}));
  if (errors.empty()) return {};
  return {"contract: " + schema_pointer + ": " + Explain(errors, body.dump())};
}

std::vector<std::string> Contract::CheckResponse(Service service, const std::string& method,
                                                 const std::string& path, int status,
                                                 const std::string& body,
                                                 const httplib::Headers* headers) const {
  const Route route = FindRoute(service, method, path);
  const std::string prefix =
      "contract: " + route.name + " [" + path + "] answered " + std::to_string(status) + ": ";
  std::string set_pointer;
  for (const std::string& set : route.response_sets) {
    if (document_.at(json::json_pointer(set)).contains(std::to_string(status))) {
      set_pointer = set;
      break;
    }
  }
  if (set_pointer.empty()) {
    std::string listed;
    for (const std::string& set : route.response_sets) {
      for (const auto& [code, unused] : document_.at(json::json_pointer(set)).items())
        listed += " " + code;
    }
    return {prefix + "this status is not documented (documented:" + listed +
            "); body: " + Excerpt(body)};
  }
  const std::string response_key = set_pointer + "/" + std::to_string(status);
  const json response = Resolve(document_.at(json::json_pointer(response_key)));
  std::vector<std::string> violations;

  if (headers != nullptr) {
    const json documented_headers = response.value("headers", json::object());
    for (const auto& [name, header_ref] : documented_headers.items()) {
      const json header = Resolve(header_ref);
      const auto found = headers->find(name);
      if (found == headers->end()) {
        if (header.value("required", false))
          violations.push_back(prefix + "required header " + name + " is missing");
        continue;
      }
      if (header.contains("schema")) {
        for (const std::string& error : Validate(response_key + " header " + name,
                                                 json::array({header["schema"], found->second}))) {
          violations.push_back(prefix + "header " + name + " \"" + found->second + "\" " + error);
        }
      }
    }
  }

  const auto content = response.find("content");
  if (content == response.end()) {
    if (!body.empty())
      violations.push_back(prefix + "a body is sent where none is documented: " + Excerpt(body));
    return violations;
  }
  if (method == "HEAD") return violations;  // the GET route's headers, without its body
  if (!content->contains("application/json")) {
    // A text answer (the console's files, metrics): its type is checked, its text is not.
    if (headers != nullptr) {
      const auto type = headers->find("Content-Type");
      const std::string media_type =
          type == headers->end() ? "" : type->second.substr(0, type->second.find(';'));
      if (!content->contains(media_type)) {
        violations.push_back(prefix + "Content-Type \"" + media_type + "\" is not documented");
      }
    }
    return violations;
  }
  const json parsed = json::parse(body, nullptr, false);
  if (parsed.is_discarded()) {
    violations.push_back(prefix + "the body is not JSON: " + Excerpt(body));
    return violations;
  }
  const json& schema = content->at("application/json").at("schema");
  const std::vector<std::string> errors = Validate(response_key, json::array({schema, parsed}));
  if (!errors.empty()) violations.push_back(prefix + Explain(errors, body));
  return violations;
}

std::vector<std::string> Contract::CheckResponseJson(Service service, const std::string& method,
                                                     const std::string& path, int status,
                                                     const json& body) const {
  return CheckResponse(service, method, path, status, body.is_null() ? std::string() : body.dump(),
                       nullptr);
}

std::vector<std::string> Contract::CheckRequest(Service service, const std::string& method,
                                                const std::string& path, const json& body) const {
  const Route route = FindRoute(service, method, path);
  const std::string prefix = "contract: request " + route.name + ": ";
  if (route.operation.empty()) return {prefix + "no documented operation"};
  const json operation = document_.at(json::json_pointer(route.operation));
  if (!operation.contains("requestBody")) {
    if (body.is_null()) return {};
    return {prefix + "sends a body where none is documented: " + Excerpt(body.dump())};
  }
  const json request_body = Resolve(operation["requestBody"]);
  if (body.is_null()) {
    if (request_body.value("required", false)) return {prefix + "the documented body is required"};
    return {};
  }
  const std::vector<std::string> errors =
      Validate(route.operation + " request",
               json::array({request_body.at("content").at("application/json").at("schema"), body}));
  if (errors.empty()) return {};
  return {prefix + Explain(errors, body.dump())};
}

void FlushViolations() {
  if (std::this_thread::get_id() != kTestThread) return;
  for (const std::string& violation : TakePendingViolations()) FAIL_CHECK(violation);
}

void ReportViolations(const std::vector<std::string>& violations) {
  if (std::this_thread::get_id() != kTestThread) {
    std::lock_guard<std::mutex> lock(g_pending_mutex);
    g_pending.insert(g_pending.end(), violations.begin(), violations.end());
    return;
  }
  FlushViolations();
  for (const std::string& violation : violations) FAIL_CHECK(violation);
}

std::vector<std::string> TakePendingViolations() {
  std::lock_guard<std::mutex> lock(g_pending_mutex);
  std::vector<std::string> taken;
  taken.swap(g_pending);
  return taken;
}

void RecordCoverage(const std::string& route, int status) {
  static const char* const dir = std::getenv("GOFAST_CONTRACT_COVERAGE_DIR");
  if (dir == nullptr || *dir == '\0') return;
  static std::mutex mutex;
  std::lock_guard<std::mutex> lock(mutex);
  // One file per process: test binaries run in parallel under ctest -j.
  std::ofstream out(std::string(dir) + "/coverage-" + std::to_string(getpid()) + ".tsv",
                    std::ios::app);
  out << route << '\t' << status << '\n';
}

}  // namespace gofast::testing
