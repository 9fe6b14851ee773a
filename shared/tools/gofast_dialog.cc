// gofast dialog: the company admin's "Create run" dialog against services
// already running, and what its page shows next: the admin's staff row
// (find-or-create), the run created with its id, the runs listed by that id,
// the run read back, and who created it (the audit). Every request is the
// project's own client's, so a Pact mock server in front of either service
// records exactly what the dialog sends (tests/pact/).
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "shared/config/command_line.h"
#include "shared/devkit/create_run_dialog.h"
#include "shared/devkit/token_minting.h"
#include "shared/tools/commands.h"

namespace gofast::tools {
namespace {

using client::CallResult;
using client::JsonClient;
using nlohmann::json;

struct DialogOptions {
  std::string company_url;
  std::string app_url;
  std::string token;
  std::string project_id = auth::kDemoProjectId;
  std::string title = "Saturday long run";
  int timeout_ms = 5000;
};

// One line of JSON per step, for the script that drives the dialog.
bool Report(const std::string& step, const CallResult& call) {
  json line = {{"step", step}, {"status", call.status}, {"body", call.body}};
  if (!call.answered()) line["error"] = call.transport_error;
  std::cout << line.dump() << "\n";
  return call.succeeded();
}

int RunDialog(const DialogOptions& options) {
  const std::string token =
      !options.token.empty()
          ? options.token
          : auth::MintToken(auth::DemoAdmin(options.project_id), std::nullopt, NowSeconds());
  const std::chrono::milliseconds timeout(options.timeout_ms);
  JsonClient company(options.company_url, timeout);
  JsonClient app(options.app_url, timeout);

  const client::DialogResult submitted =
      client::CreateRunDialog(company, app).Submit(token, client::SampleRunForm(options.title));
  if (!Report(client::kStaffStep, submitted.staff_call)) return 1;
  if (!Report(client::kRunStep, submitted.run_call) || !submitted.ok()) return 1;
  const std::string run_path = "/api/runs/" + submitted.run["id"].get<std::string>();
  // The page after the dialog: the admin's runs, the new one, and its creator.
  return Report("list runs by staff id",
                app.Get("/api/runs?staffGeneratedId=" + submitted.staff_id, token)) &&
                 Report("read run", app.Get(run_path, token)) &&
                 Report("audit", app.Get(run_path + "/creator", token))
             ? 0
             : 1;
}

}  // namespace

Run DeclareDialog(CLI::App& cli) {
  cli.description(
      "Plays the Create-run dialog against running services: find-or-create the admin's staff "
      "row, create a run, list the runs by staff id, read the run, and audit it. Prints one "
      "JSON line per step; exits 1 at the first step that is not a 2xx.");
  auto options = std::make_shared<DialogOptions>();
  cli.add_option("--company-url", options->company_url, "The company service, http://HOST:PORT")
      ->required();
  cli.add_option("--app-url", options->app_url, "The app service, http://HOST:PORT")->required();
  cli.add_option("--token", options->token,
                 "The admin's ID token (default: an emulator-form token of the demo admin, "
                 "Ada Admin, for --project-id)");
  cli.add_option("--project-id", options->project_id, "Project of the default token")
      ->capture_default_str();
  cli.add_option("--title", options->title, "The run's title")->capture_default_str();
  cli.add_option("--timeout-ms", options->timeout_ms, "Milliseconds for each call")
      ->check(config::NumberIn(1, 600000))
      ->capture_default_str();
  return [options] { return RunDialog(*options); };
}

}  // namespace gofast::tools
