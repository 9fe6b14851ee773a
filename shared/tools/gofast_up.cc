// gofast up and gofast exec: both services on this machine, the app wired to
// the company, for as long as gofast runs (up) or a command runs (exec).
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "shared/config/command_line.h"
#include "shared/core/database_url.h"
#include "shared/devkit/service_process.h"
#include "shared/devkit/token_minting.h"
#include "shared/tools/commands.h"
#include "shared/tools/databases.h"

extern char** environ;

namespace gofast::tools {
namespace {

namespace fs = std::filesystem;
using process::ServiceProcess;

constexpr ServerDatabases kServerDatabases = {"gofast_company", "gofast_app", false};

struct UpOptions {
  std::string project_id = auth::kDemoProjectId;
  std::string auth_mode = "emulator";
  std::string firebase_certs;  // empty: the services' default
  int company_port = 0;
  int app_port = 0;
  std::string data_dir;  // empty: a temporary folder
  std::string company_seed;
  std::string app_seed;
  std::string internal_api_key;  // empty: none, and the company's change feed is off
  std::string staff_mode = "reference";
  DatabaseOptions databases;
};

void DeclareUpOptions(CLI::App& cli, UpOptions& options) {
  cli.add_option("--project-id", options.project_id, "Firebase project id both services trust")
      ->capture_default_str();
  cli.add_option("--auth-mode", options.auth_mode,
                 "emulator: unsigned tokens as the Firebase Auth Emulator issues, the admin "
                 "token given, the services' test API on; production: signed tokens only")
      ->check(CLI::IsMember({"emulator", "production"}))
      ->capture_default_str();
  cli.add_option("--firebase-certs", options.firebase_certs,
                 "Both services' --firebase-certs (production mode: a certs.json from gofast "
                 "token keygen, or a URL; default: the services' own)");
  cli.add_option("--company-port", options.company_port, "company_service's port; 0 picks one")
      ->check(config::NumberIn(0, 65535))
      ->capture_default_str();
  cli.add_option("--app-port", options.app_port, "app_service's port; 0 picks one")
      ->check(config::NumberIn(0, 65535))
      ->capture_default_str();
  cli.add_option("--data", options.data_dir,
                 "Folder for both logs and the SQLite databases, created or reused, and kept "
                 "(default: a temporary folder, removed at the end)");
  DeclareDatabaseOptions(cli, options.databases, kServerDatabases);
  cli.add_option("--company-seed", options.company_seed,
                 "company_service's --seed file (default: none)")
      ->check(CLI::ExistingFile);
  cli.add_option("--app-seed", options.app_seed, "app_service's --seed file (default: none)")
      ->check(CLI::ExistingFile);
  cli.add_option("--internal-api-key", options.internal_api_key,
                 "Both services' --internal-api-key: the key of the company's staff change feed "
                 "(default: none, and the feed answers 404)");
  cli.add_option("--staff-mode", options.staff_mode,
                 "app_service's --staff-mode: reference (Option 1) or replica (Option 2, a staff "
                 "table synced from the company; needs --internal-api-key)")
      ->check(CLI::IsMember({"reference", "replica"}))
      ->capture_default_str();
}

// The folder given, kept; or a new temporary one, removed with this object.
class DataFolder {
 public:
  explicit DataFolder(const std::string& given) : temporary_(given.empty()) {
    if (!temporary_) {
      path_ = fs::absolute(given);
      fs::create_directories(path_);
      return;
    }
    std::string pattern = (fs::temp_directory_path() / "gofast-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create " + pattern);
    path_ = pattern;
  }
  ~DataFolder() {
    std::error_code ignored;
    if (temporary_) fs::remove_all(path_, ignored);
  }
  DataFolder(const DataFolder&) = delete;
  DataFolder& operator=(const DataFolder&) = delete;

  const fs::path& path() const { return path_; }
  bool temporary() const { return temporary_; }

 private:
  bool temporary_;
  fs::path path_;
};

// The last `count` lines of `text`, which ends with a newline.
std::string LastLines(const std::string& text, int count) {
  size_t start = text.size();
  for (int line = 0; line <= count; ++line) {
    if (start == 0) return text;
    start = text.rfind('\n', start - 1);
    if (start == std::string::npos) return text;
  }
  return text.substr(start + 1);
}

struct Service {
  const char* name = nullptr;
  std::unique_ptr<ServiceProcess> process;
};

// Both services, started in their own process groups so that only this
// object stops them (a terminal's Ctrl-C reaches gofast and exec's command).
// Destroyed: app first (it calls the company), then company; the data folder,
// made before, goes after.
class Services {
 public:
  Services(const UpOptions& options, const DataFolder& data, const Databases& databases,
           const std::string& tool_name)
      : data_(data), databases_(databases), tool_name_(tool_name) {
    const fs::path bin = ToolDirectory();
    // The console's page calls the app, and the app calls the company: the
    // app's port is chosen first (unless given) so the company can name it.
    const int app_port = options.app_port != 0 ? options.app_port : process::FreeLoopbackPort();
    std::vector<std::string> company_args =
        ServiceArgs(options, options.company_port, options.company_seed);
    company_args.insert(company_args.end(),
                        {"--console", "--console-app-url", process::LoopbackUrl(app_port)});
    company_ = Start("company_service", bin, company_args,
                     DatabaseEnvironment("COMPANY_DB", databases.company));
    std::vector<std::string> app_args = ServiceArgs(options, app_port, options.app_seed);
    app_args.insert(app_args.end(), {"--company-url", company_url(), "--cors-origin", company_url(),
                                     "--staff-mode", options.staff_mode});
    app_ = Start("app_service", bin, app_args, DatabaseEnvironment("APP_DB", databases.app));
    if (options.auth_mode == "emulator") {
      admin_token_ =
          auth::MintToken(auth::DemoAdmin(options.project_id), std::nullopt, NowSeconds());
    }
  }
  Services(const Services&) = delete;
  Services& operator=(const Services&) = delete;

  std::string company_url() const { return company_.process->base_url(); }
  std::string console_url() const { return company_url() + "/"; }
  std::string app_url() const { return app_.process->base_url(); }
  pid_t company_pid() const { return company_.process->pid(); }
  pid_t app_pid() const { return app_.process->pid(); }
  const std::string& admin_token() const { return admin_token_; }  // empty in production mode
  const DataFolder& data() const { return data_; }
  const Databases& databases() const { return databases_; }

  // After a SIGCHLD: when a service has exited by itself, says so with the
  // end of its log (the folder may be removed) and answers true.
  bool OneEnded() {
    for (Service* service : {&company_, &app_}) {
      if (!service->process->Exited()) continue;
      const int status = service->process->Stop();
      std::cerr << tool_name_ << ": " << service->name << " exited by itself (" << status
                << "); the end of its log:\n"
                << LastLines(service->process->Log(), 20);
      return true;
    }
    return false;
  }

  // SIGTERM to each, and wait: 0 when both stopped cleanly.
  int Stop() {
    int result = 0;
    for (Service* service : {&app_, &company_}) {
      const int status = service->process->Stop();
      if (status != 0) {
        std::cerr << tool_name_ << ": " << service->name << " ended with " << status << "\n";
        result = 1;
      }
    }
    return result;
  }

 private:
  std::vector<std::string> ServiceArgs(const UpOptions& options, int port,
                                       const std::string& seed) const {
    std::vector<std::string> args = {
        "--port",      std::to_string(port), "--project-id",      options.project_id,
        "--auth-mode", options.auth_mode,    "--exit-with-parent"};
    if (!options.firebase_certs.empty()) {
      args.insert(args.end(), {"--firebase-certs", options.firebase_certs});
    }
    // The services refuse their test API in production mode.
    if (options.auth_mode == "emulator") args.push_back("--test-api");
    if (!seed.empty()) args.insert(args.end(), {"--seed", fs::absolute(seed).string()});
    if (!options.internal_api_key.empty()) {
      args.insert(args.end(), {"--internal-api-key", options.internal_api_key});
    }
    return args;
  }

  // Started by this, the main and only thread of gofast: --exit-with-parent
  // (PR_SET_PDEATHSIG) fires when the thread that forked the service exits.
  Service Start(const char* name, const fs::path& bin, const std::vector<std::string>& args,
                const process::Environment& env) {
    return Service{
        name, std::make_unique<ServiceProcess>(
                  (bin / name).string(), args, env,
                  (data_.path() / (std::string(name) + ".log")).string(), process::Group::kOwn)};
  }

  const DataFolder& data_;
  Databases databases_;
  Service company_;
  Service app_;
  std::string admin_token_;
  std::string tool_name_;
};

// Both databases made ready; nullopt, the error said (exit 2), when one
// cannot be. Called before the signals are blocked, so that Ctrl-C still ends
// a connection attempt to a server that does not answer.
std::optional<Databases> PrepareOrSay(const UpOptions& options, const DataFolder& data,
                                      const std::string& name) {
  Result<Databases> databases = PrepareDatabases(options.databases, kServerDatabases, data.path());
  if (databases) return std::move(databases).value();
  std::cerr << name << ": " << databases.error().message << "\n";
  return std::nullopt;
}

// Stop requests and children's ends, blocked from the start and taken with
// sigwaitinfo, so that they wait while the services start.
sigset_t WatchedSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  for (int signal : {SIGINT, SIGTERM, SIGHUP, SIGCHLD}) sigaddset(&signals, signal);
  return signals;
}

siginfo_t NextSignal(const sigset_t& signals) {
  siginfo_t info{};
  while (sigwaitinfo(&signals, &info) < 0) {
    // EINTR (after a SIGSTOP and SIGCONT): wait again.
  }
  return info;
}

void PrintUp(const Services& services, const std::string& project_id, bool as_json) {
  const std::string data = services.data().path().string();
  if (as_json) {
    const nlohmann::json token = services.admin_token().empty()
                                     ? nlohmann::json(nullptr)
                                     : nlohmann::json(services.admin_token());
    std::cout << nlohmann::json{{"companyUrl", services.company_url()},
                                {"appUrl", services.app_url()},
                                {"consoleUrl", services.console_url()},
                                {"projectId", project_id},
                                {"adminToken", token},
                                {"dataDir", data},
                                {"databases",
                                 {{"company", RedactPassword(services.databases().company)},
                                  {"app", RedactPassword(services.databases().app)}}},
                                {"pids",
                                 {{"company", services.company_pid()},
                                  {"app", services.app_pid()}}}}
                     .dump()
              << std::endl;
    return;
  }
  const auth::MintOptions admin = auth::DemoAdmin(project_id);
  std::cout << "company_service  " << services.company_url() << "  (pid " << services.company_pid()
            << ")\n"
            << "app_service      " << services.app_url() << "  (pid " << services.app_pid() << ")\n"
            << "console          " << services.console_url()
            << "  (the \"Create run\" dialog, in a browser)\n"
            << "project id       " << project_id << "\n";
  if (!services.admin_token().empty()) {
    std::cout << "admin token      " << services.admin_token() << "\n"
              << "                 " << *admin.name << " <" << *admin.email << ">, uid "
              << admin.uid << "; emulator form, valid 1 hour\n";
  }
  std::cout << "company database " << RedactPassword(services.databases().company) << "\n"
            << "app database     " << RedactPassword(services.databases().app) << "\n"
            << "data             " << data
            << (services.data().temporary() ? "  (removed at the end)" : "") << "\n"
            << "Ctrl-C stops both services." << std::endl;
}

int Up(const UpOptions& options, bool as_json, const std::string& name) {
  const DataFolder data(options.data_dir);
  const std::optional<Databases> databases = PrepareOrSay(options, data, name);
  if (!databases) return 2;
  const sigset_t watched = WatchedSignals();
  sigprocmask(SIG_BLOCK, &watched, nullptr);
  Services services(options, data, *databases, name);
  PrintUp(services, options.project_id, as_json);
  while (true) {
    const siginfo_t info = NextSignal(watched);
    if (info.si_signo != SIGCHLD) return services.Stop();
    if (services.OneEnded()) return 1;
  }
}

// The caller's environment with the services' four variables set.
std::vector<std::string> CommandEnvironment(const Services& services,
                                            const std::string& project_id) {
  std::vector<std::pair<std::string, std::string>> ours = {
      {"GOFAST_COMPANY_URL", services.company_url()},
      {"GOFAST_APP_URL", services.app_url()},
      {"GOFAST_CONSOLE_URL", services.console_url()},
      {"GOFAST_PROJECT_ID", project_id},
      {"GOFAST_ADMIN_TOKEN", services.admin_token()}};
  std::vector<std::string> entries;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string text = *entry;
    bool replaced = false;
    for (const auto& [variable, value] : ours) replaced |= text.rfind(variable + "=", 0) == 0;
    if (!replaced) entries.push_back(text);
  }
  for (const auto& [variable, value] : ours) {
    if (!value.empty()) entries.push_back(variable + "=" + value);
  }
  return entries;
}

int DecodeStatus(int status) {
  return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

int Exec(const UpOptions& options, std::vector<std::string> command, const std::string& name) {
  const DataFolder data(options.data_dir);
  const std::optional<Databases> databases = PrepareOrSay(options, data, name);
  if (!databases) return 2;
  const sigset_t watched = WatchedSignals();
  sigset_t callers_mask;
  sigprocmask(SIG_BLOCK, &watched, &callers_mask);
  Services services(options, data, *databases, name);

  std::vector<std::string> env_storage = CommandEnvironment(services, options.project_id);
  std::vector<char*> envp;
  for (std::string& entry : env_storage) envp.push_back(entry.data());
  envp.push_back(nullptr);
  std::vector<char*> argv;
  for (std::string& arg : command) argv.push_back(arg.data());
  argv.push_back(nullptr);

  // gofast has no other thread, so the child may still allocate after fork.
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    sigprocmask(SIG_SETMASK, &callers_mask, nullptr);
    execvpe(argv[0], argv.data(), envp.data());
    const int exec_error = errno;
    const std::string message =
        name + ": cannot run " + command[0] + ": " + std::strerror(exec_error) + "\n";
    [[maybe_unused]] const ssize_t written = write(STDERR_FILENO, message.data(), message.size());
    _exit(exec_error == ENOENT ? 127 : 126);
  }

  int status = 0;
  while (waitpid(pid, &status, WNOHANG) != pid) {
    const siginfo_t info = NextSignal(watched);
    // A stop sent to gofast alone goes on to the command; one from the
    // terminal (si_code > 0: the kernel) has reached the command already.
    if (info.si_signo != SIGCHLD && info.si_code <= 0) kill(pid, info.si_signo);
  }
  services.Stop();
  return DecodeStatus(status);
}

}  // namespace

Run DeclareUp(CLI::App& cli) {
  cli.description(
      "Starts both services wired together on 127.0.0.1, the company serving the admin console, "
      "and prints their URLs, the console's, the project id and an admin token; Ctrl-C or SIGTERM "
      "stops both.");
  auto options = std::make_shared<UpOptions>();
  auto as_json = std::make_shared<bool>(false);
  DeclareUpOptions(cli, *options);
  cli.add_flag(
      "--json", *as_json,
      "Print one JSON line instead: companyUrl, appUrl, consoleUrl, projectId, adminToken, "
      "dataDir, databases {company, app} (a URL without its password), pids {company, app}");
  return [options, as_json, &cli] { return Up(*options, *as_json, CommandName(cli)); };
}

Run DeclareExec(CLI::App& cli) {
  cli.description(
      "Starts both services as up does, runs CMD with GOFAST_COMPANY_URL, GOFAST_APP_URL, "
      "GOFAST_CONSOLE_URL, GOFAST_PROJECT_ID and GOFAST_ADMIN_TOKEN set, stops both, and exits "
      "with CMD's status.");
  auto options = std::make_shared<UpOptions>();
  auto command = std::make_shared<std::vector<std::string>>();
  DeclareUpOptions(cli, *options);
  cli.add_option("command", *command, "-- CMD ARGS...: the command to run")->required();
  return [options, command, &cli] { return Exec(*options, *command, CommandName(cli)); };
}

}  // namespace gofast::tools
