#include "shared/http/test_api.h"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <string_view>

#include "shared/auth/emulator_token.h"
#include "shared/core/time.h"
#include "shared/json/seed_document.h"
#include "shared/json/strict_json.h"

namespace gofast::http {
namespace {

Error FileError(const char* option, const std::string& path, const std::string& why) {
  return ValidationError(std::string(option) + " " + path + ": " + why);
}

Status ImportFile(TestData& data, const std::string& path) {
  std::ifstream file(path);
  if (!file) return FileError("--import", path, "cannot read the file");
  std::ostringstream text;
  text << file.rdbuf();
  const Result<nlohmann::json> document = json::ParseStrictJson(text.str(), "The file");
  if (!document) return FileError("--import", path, document.error().message);
  const Status imported = data.Import(document.value());
  if (!imported) return FileError("--import", path, imported.error().message);
  return Ok{};
}

// Written beside the target, then renamed over it: a reader never sees half a file.
Status ExportFile(TestData& data, const std::string& path) {
  const Result<nlohmann::json> document = data.Export();
  if (!document) return FileError("--export-on-exit", path, document.error().message);
  const std::filesystem::path target(path);
  std::error_code ignored;
  if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path(), ignored);
  const std::string partial = path + ".partial";
  {
    std::ofstream file(partial, std::ios::trunc);
    file << document->dump(2) << '\n';
    file.flush();
    if (!file) return FileError("--export-on-exit", path, std::strerror(errno));
  }
  if (std::rename(partial.c_str(), path.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    std::remove(partial.c_str());
    return FileError("--export-on-exit", path, why);
  }
  return Ok{};
}

void ReplaceAll(std::string& text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

// One request of Pact's provider-state change protocol.
struct StateChange {
  std::string state;
  nlohmann::json params = nlohmann::json::object();
  bool teardown = false;
};

// A member that is null counts as left out, as in seeds.
Result<StateChange> ReadStateChange(const nlohmann::json& body) {
  StateChange change;
  for (const auto& [key, value] : body.items()) {
    if (value.is_null()) continue;
    if (key == "state") {
      if (!value.is_string() || value.get_ref<const std::string&>().empty())
        return FieldValidationError(key, "state must be a non-empty string");
      change.state = value.get<std::string>();
    } else if (key == "params") {
      if (!value.is_object()) return FieldValidationError(key, "params must be an object");
      change.params = value;
    } else if (key == "action") {
      if (value != "setup" && value != "teardown")
        return FieldValidationError(key, "action must be \"setup\" or \"teardown\"");
      change.teardown = value == "teardown";
    } else if (key == "consumer") {
      if (!value.is_string()) return FieldValidationError(key, "consumer must be a string");
    } else {
      const std::string path = json::MemberPath("", key);
      return FieldValidationError(path, "unknown field " + path);
    }
  }
  if (change.state.empty()) return FieldValidationError("state", "state is required");
  return change;
}

// POST /_test/provider-states, and what the states set up made until their teardowns.
class ProviderStateRoute {
 public:
  ProviderStateRoute(ProviderStates& states, std::string project_id)
      : states_(states), project_id_(std::move(project_id)) {}

  void Handle(const Request& request, httplib::Response& res) {
    const Result<nlohmann::json> body = ParseJsonObject(request, /*allow_empty=*/false);
    if (!body) return WriteError(res, body.error());
    const Result<StateChange> change = ReadStateChange(body.value());
    if (!change) return WriteError(res, change.error());
    if (Status known = CheckKnown(change->state); !known) return WriteError(res, known.error());
    // One change at a time: a setup's look-ups and merge see no other setup half done.
    std::lock_guard<std::mutex> lock(mutex_);
    // Params as sent, with object members in one order: a teardown names its setup so.
    const std::string key = nlohmann::json::array({change->state, change->params}).dump();
    if (change->teardown) return TearDown(key, res);
    Result<StateSetup> setup = states_.SetUpState(change->state, change->params);
    if (!setup) return WriteError(res, setup.error());
    for (const auto& [table, ids] : setup->stored) {
      std::vector<std::string>& made = made_[key][table];
      made.insert(made.end(), ids.begin(), ids.end());
    }
    nlohmann::json values = std::move(setup->values);
    if (setup->token_for) values["token"] = Token(*setup->token_for);
    WriteJson(res, 200, values);
  }

  // After DELETE /_test/data: no row a setup made is left to delete.
  void ForgetAll() {
    std::lock_guard<std::mutex> lock(mutex_);
    made_.clear();
  }

 private:
  Status CheckKnown(const std::string& state) const {
    const std::vector<std::string> names = states_.StateNames();
    std::string listed;
    for (const std::string& name : names) {
      if (name == state) return Ok{};
      listed += (listed.empty() ? "" : ", ") + nlohmann::json(name).dump();
    }
    return FieldValidationError("state",
                                "state is not a provider state of this service; known: " + listed);
  }

  void TearDown(const std::string& key, httplib::Response& res) {
    const auto made = made_.find(key);
    if (made != made_.end()) {
      const Status deleted = states_.DeleteRows(made->second);
      if (!deleted) return WriteError(res, deleted.error());
      made_.erase(made);
    }
    WriteJson(res, 200, nlohmann::json::object());
  }

  std::string Token(const TokenSubject& subject) const {
    auth::MintOptions options;
    options.project_id = project_id_;
    options.uid = subject.uid;
    options.email = subject.email;
    options.email_verified = true;
    return auth::MintEmulatorToken(options, UnixSeconds(std::chrono::system_clock::now()));
  }

  ProviderStates& states_;
  const std::string project_id_;
  std::mutex mutex_;
  std::map<std::string, StoredRows> made_;
};

}  // namespace

Error ParamsError(const Error& seed_error, const std::string& row) {
  std::string message = seed_error.message;
  constexpr std::string_view kSeedPrefix = "seed: ";
  if (message.rfind(kSeedPrefix, 0) == 0) message.erase(0, kSeedPrefix.size());
  ReplaceAll(message, row + ".", "params.");
  ReplaceAll(message, row, "the state's row");
  Error error{seed_error.code, message, std::nullopt};
  const size_t field = message.find("params.");
  if (error.code == ErrorCode::kValidationFailed && field != std::string::npos)
    error.field = message.substr(field, message.find(' ', field) - field);
  return error;
}

Status AddTestApi(Server& server, const config::CommonConfig& config, TestData& data) {
  if (!config.import_path.empty()) {
    if (Status imported = ImportFile(data, config.import_path); !imported) return imported;
  }
  if (!config.export_on_exit_path.empty()) {
    server.OnCleanStop(
        [&data, path = config.export_on_exit_path] { return ExportFile(data, path); });
  }
  if (!config.test_api) return Ok{};

  const auto states = std::make_shared<ProviderStateRoute>(data, config.project_id);
  server.Route("DELETE", "/_test/data", [&data, states](const Request&, httplib::Response& res) {
    const Status cleared = data.Clear();
    if (!cleared) return WriteError(res, cleared.error());
    states->ForgetAll();
    res.status = 204;
  });
  server.Route("POST", "/_test/seed", [&data](const Request& request, httplib::Response& res) {
    const Result<nlohmann::json> body = ParseJsonObject(request, /*allow_empty=*/false);
    if (!body) return WriteError(res, body.error());
    const Result<MergeOutcome> seeded = data.Seed(body.value());
    if (!seeded) return WriteError(res, seeded.error());
    WriteJson(res, 200,
              {{"success", true}, {"stored", seeded->stored}, {"skipped", seeded->skipped}});
  });
  server.Route("GET", "/_test/export", [&data](const Request&, httplib::Response& res) {
    const Result<nlohmann::json> document = data.Export();
    if (!document) return WriteError(res, document.error());
    WriteJson(res, 200, document.value());
  });
  server.Route(
      "POST", "/_test/provider-states",
      [states](const Request& request, httplib::Response& res) { states->Handle(request, res); });
  return Ok{};
}

}  // namespace gofast::http
