#ifndef GOFAST_SHARED_HTTP_TEST_API_H_
#define GOFAST_SHARED_HTTP_TEST_API_H_

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "shared/config/common_config.h"
#include "shared/core/merge_outcome.h"
#include "shared/core/result.h"
#include "shared/http/server.h"

namespace gofast::http {

// Whom a provider state's token is for.
struct TokenSubject {
  std::string uid;
  std::optional<std::string> email;
};

// The ids of rows a provider state stored, by table ("staff", "runs", ...): what its
// teardown deletes.
using StoredRows = std::map<std::string, std::vector<std::string>>;

// What a provider state's setup did.
struct StateSetup {
  nlohmann::json values = nlohmann::json::object();  // the answer's members; `token` is added
  std::optional<TokenSubject> token_for;
  StoredRows stored;  // rows it made, not the stored ones it found as they were
};

// A service's Pact provider states, which POST /_test/provider-states brings about.
class ProviderStates {
 public:
  virtual ~ProviderStates() = default;

  // Every state SetUpState knows, for the error that names an unknown one.
  virtual std::vector<std::string> StateNames() const = 0;
  // Brings about `state`, one of StateNames, with `params`, an object whose members are all
  // optional. Rows go through the seed's merge: VALIDATION_FAILED naming the parameter that
  // does not fit (ParamsError), CONFLICT for a stored row that differs.
  virtual Result<StateSetup> SetUpState(const std::string& state, const nlohmann::json& params) = 0;
  // Deletes these rows; ids no longer stored are skipped.
  virtual Status DeleteRows(const StoredRows& rows) = 0;
};

// A seed's refusal of the one row a state made of its params, told in the params' terms:
// "seed: staff[0].role is not a known role" becomes "params.role is not a known role" with
// details.field params.role; `row` is the row's path in the seed ("staff[0]").
Error ParamsError(const Error& seed_error, const std::string& row);

// A service's whole data as one JSON document in the format of its seed files, for other
// teams' test suites, and its provider states. Each service implements it over its own
// stores; AddTestApi serves it.
class TestData : public ProviderStates {
 public:
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
//   DELETE /_test/data   Clear: 204, no body; forgets the provider states set up
//   POST /_test/seed     Seed: 200 {success, stored, skipped}
//   GET /_test/export    Export: 200, the document alone (a seed file, so no envelope)
//   POST /_test/provider-states   Pact's state change: {state, params?, action?, consumer?};
//       a setup answers its values and an emulator-form `token` of the project, flat (Pact
//       injects them), and is remembered by state and params until its teardown deletes
//       the rows it made; a teardown answers {}
// and has the server write the export file after a clean stop (Server::OnCleanStop).
// `data` must outlive the server. Fails, naming the file, when the import fails.
Status AddTestApi(Server& server, const config::CommonConfig& config, TestData& data);

}  // namespace gofast::http

#endif  // GOFAST_SHARED_HTTP_TEST_API_H_
