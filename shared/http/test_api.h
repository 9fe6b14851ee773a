#ifndef GOFAST_SHARED_HTTP_TEST_API_H_
#define GOFAST_SHARED_HTTP_TEST_API_H_

#include <nlohmann/json.hpp>

#include "shared/config/common_config.h"
#include "shared/core/merge_outcome.h"
#include "shared/core/result.h"
#include "shared/http/server.h"

namespace gofast::http {

// A service's whole data as one JSON document in the format of its seed files, for other
// teams' test suites. Each service implements it over its own stores; AddTestApi serves it.
class TestData {
 public:
  virtual ~TestData() = default;

  // Empties the service's tables; a row every start creates is back at its start value.
  virtual Status Clear() = 0;
  // Loads `document` in one transaction, merging: a row identical to a stored one is
  // skipped. VALIDATION_FAILED when it does not fit (an unknown member named by its path,
  // such as staff[2].nickname); CONFLICT naming the row that differs from a stored one
  // holding its id or another unique value. On failure nothing is written.
  virtual Result<MergeOutcome> Seed(const nlohmann::json& document) = 0;
  // Clear, then Seed; a document that does not fit changes nothing.
  virtual Status Import(const nlohmann::json& document) = 0;
  // Everything stored, as a document Seed reads: Clear, then Seed(Export()), restores it.
  virtual Result<nlohmann::json> Export() = 0;
};

// Wires what the options ask for (CommonConfig's test_api, import_path and
// export_on_exit_path): imports the file at once, adds the routes
//   DELETE /_test/data   Clear: 204, no body
//   POST /_test/seed     Seed: 200 {success, stored, skipped}
//   GET /_test/export    Export: 200, the document alone (a seed file, so no envelope)
// and has the server write the export file after a clean stop (Server::OnCleanStop).
// `data` must outlive the server. Fails, naming the file, when the import fails.
Status AddTestApi(Server& server, const config::CommonConfig& config, TestData& data);

}  // namespace gofast::http

#endif  // GOFAST_SHARED_HTTP_TEST_API_H_
