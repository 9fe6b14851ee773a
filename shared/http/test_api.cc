#include "shared/http/test_api.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

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

}  // namespace

Status AddTestApi(Server& server, const config::CommonConfig& config, TestData& data) {
  if (!config.import_path.empty()) {
    if (Status imported = ImportFile(data, config.import_path); !imported) return imported;
  }
  if (!config.export_on_exit_path.empty()) {
    server.OnCleanStop(
        [&data, path = config.export_on_exit_path] { return ExportFile(data, path); });
  }
  if (!config.test_api) return Ok{};

  server.Route("DELETE", "/_test/data", [&data](const Request&, httplib::Response& res) {
    const Status cleared = data.Clear();
    if (!cleared) return WriteError(res, cleared.error());
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
  return Ok{};
}

}  // namespace gofast::http
