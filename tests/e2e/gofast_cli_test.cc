// The gofast tool run as a developer runs it: `gofast up` and `gofast exec`
// with both real services, --version, --help on every command.
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <pqxx/pqxx>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "shared/core/database_url.h"
#include "shared/devkit/create_run_dialog.h"
#include "tests/support/contract_client.h"
#include "tests/support/http_client.h"
#include "tests/support/process.h"
#include "tests/support/test_database.h"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using gofast::RedactPassword;
using gofast::testing::CountRows;
using gofast::testing::Ended;
using gofast::testing::PostgresClusterUrl;
using gofast::testing::RunCommand;
using gofast::testing::Service;
using gofast::testing::TempDir;
using gofast::testing::TestClient;
using nlohmann::json;

constexpr auto kTimeout = std::chrono::seconds(20);

std::string ReadFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream contents;
  contents << file.rdbuf();
  return contents.str();
}

// Polls `done` every 10 ms until it holds or `timeout` has passed.
template <typename Condition>
bool Eventually(Condition done, Clock::duration timeout = kTimeout) {
  const auto deadline = Clock::now() + timeout;
  while (!done()) {
    if (Clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

// gofast started by the test with the test's environment, its standard
// output and error in files of `dir`. Stopped with SIGTERM, so that it
// removes its temporary folder, when the test ends before it does, or when
// the test process dies.
class Gofast {
 public:
  Gofast(const std::vector<std::string>& args, const TempDir& dir)
      : out_path_(dir.File("gofast.out")), err_path_(dir.File("gofast.err")) {
    std::vector<std::string> storage{GOFAST_CLI_BIN};
    storage.insert(storage.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& arg : storage) argv.push_back(arg.data());
    argv.push_back(nullptr);
    const int out_fd = open(out_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    const int err_fd = open(err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    REQUIRE(out_fd >= 0);
    REQUIRE(err_fd >= 0);
    pid_ = fork();
    if (pid_ == 0) {
      prctl(PR_SET_PDEATHSIG, SIGTERM);
      dup2(out_fd, STDOUT_FILENO);
      dup2(err_fd, STDERR_FILENO);
      sigset_t none;
      sigemptyset(&none);
      sigprocmask(SIG_SETMASK, &none, nullptr);
      execve(argv[0], argv.data(), environ);
      _exit(127);
    }
    close(out_fd);
    close(err_fd);
    REQUIRE(pid_ > 0);
  }
  ~Gofast() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    if (Wait() < 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }
  Gofast(const Gofast&) = delete;
  Gofast& operator=(const Gofast&) = delete;

  pid_t pid() const { return pid_; }
  std::string Out() const { return ReadFile(out_path_); }
  std::string Err() const { return ReadFile(err_path_); }

  // The first line of standard output, parsed ("up --json" prints it once
  // both services answer); null when none came in time.
  json FirstLine() const {
    std::string out;
    Eventually([&] {
      out = Out();
      return out.find('\n') != std::string::npos || Exited();
    });
    const size_t end = out.find('\n');
    return end == std::string::npos ? json() : json::parse(out.substr(0, end), nullptr, false);
  }

  // Its exit status (128 + signal when a signal ended it), or -1 when it is
  // still running after `timeout`.
  int Wait(Clock::duration timeout = kTimeout) {
    int status = 0;
    if (!Eventually([&] { return waitpid(pid_, &status, WNOHANG) == pid_; }, timeout)) return -1;
    pid_ = -1;
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
  }

 private:
  bool Exited() const {
    siginfo_t info{};
    return waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
           info.si_pid == pid_;
  }

  std::string out_path_;
  std::string err_path_;
  pid_t pid_ = -1;
};

// What `gofast up --json` printed, read back.
struct Up {
  explicit Up(const json& line) {
    REQUIRE(line.is_object());
    company_url = line.at("companyUrl").get<std::string>();
    app_url = line.at("appUrl").get<std::string>();
    console_url = line.at("consoleUrl").get<std::string>();
    project_id = line.at("projectId").get<std::string>();
    admin_token = line.at("adminToken").is_null() ? "" : line.at("adminToken").get<std::string>();
    data_dir = line.at("dataDir").get<std::string>();
    company_db = line.at("databases").at("company").get<std::string>();
    app_db = line.at("databases").at("app").get<std::string>();
    company_pid = line.at("pids").at("company").get<pid_t>();
    app_pid = line.at("pids").at("app").get<pid_t>();
  }
  std::string company_url, app_url, console_url, project_id, admin_token, data_dir, company_db,
      app_db;
  pid_t company_pid, app_pid;
};

// The arguments a running process was started with.
std::vector<std::string> CommandLine(pid_t pid) {
  const std::string text = ReadFile("/proc/" + std::to_string(pid) + "/cmdline");
  std::vector<std::string> args;
  std::istringstream parts(text);
  for (std::string arg; std::getline(parts, arg, '\0');) args.push_back(arg);
  return args;
}

bool Gone(pid_t pid) { return kill(pid, 0) != 0 && errno == ESRCH; }

// The Create-run dialog played as the admin on the pair `up` started, and the
// audit of its run: both services work on the databases they were given.
void PlayDialogAndAudit(const Up& up) {
  gofast::client::JsonClient company_client(up.company_url, std::chrono::seconds(5));
  gofast::client::JsonClient app_client(up.app_url, std::chrono::seconds(5));
  gofast::client::CreateRunDialog dialog(company_client, app_client);
  const gofast::client::DialogResult created = gofast::testing::ExpectDocumented(
      dialog.Submit(up.admin_token, gofast::client::SampleRunForm("Database run")));
  REQUIRE(created.ok());
  TestClient app(Service::kApp, up.app_url);
  CHECK(app.Get("/api/runs/" + created.run["id"].get<std::string>() + "/creator", up.admin_token)
            .json["resolution"] == "found");
}

// True, having said so, when no fixture cluster runs: a [postgres] case run by hand.
bool SkippedWithoutCluster() {
  if (PostgresClusterUrl()) return false;
  std::cout << "SKIPPED: no PostgreSQL cluster (ctest -L postgres starts one)" << std::endl;
  return true;
}

// The fixture cluster's URL, postgresql://postgres:PASSWORD@HOST:PORT/postgres,
// naming `database` instead.
std::string OnCluster(const std::string& database) {
  const std::string cluster = *PostgresClusterUrl();
  return cluster.substr(0, cluster.rfind('/') + 1) + database;
}

// The cluster's password, which nothing gofast shows may hold.
std::string ClusterPassword() {
  const std::string cluster = *PostgresClusterUrl();
  const size_t colon = cluster.find(':', cluster.find("://") + 3);
  return cluster.substr(colon + 1, cluster.find('@') - colon - 1);
}

// The databases a command under test makes on the cluster under fixed names:
// dropped first (a killed run may have left them) and when the test ends.
class MadeOnCluster {
 public:
  explicit MadeOnCluster(std::vector<std::string> names) : names_(std::move(names)) { Drop(); }
  ~MadeOnCluster() {
    try {
      Drop();
    } catch (const std::exception& e) {
      std::cerr << "could not drop the databases made: " << e.what() << "\n";
    }
  }
  MadeOnCluster(const MadeOnCluster&) = delete;
  MadeOnCluster& operator=(const MadeOnCluster&) = delete;

  int64_t Existing() const {
    pqxx::connection admin(*PostgresClusterUrl());
    int64_t count = 0;
    for (const std::string& name : names_) {
      count += pqxx::nontransaction(admin)
                   .exec_params1("SELECT count(*) FROM pg_database WHERE datname = $1", name)[0]
                   .as<int64_t>();
    }
    return count;
  }

 private:
  void Drop() {
    pqxx::connection admin(*PostgresClusterUrl());
    for (const std::string& name : names_) {
      pqxx::nontransaction(admin).exec0("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }

  std::vector<std::string> names_;
};

}  // namespace

TEST_CASE(
    "gofast up --json prints both URLs, the project, a token and the pids, and SIGTERM stops both",
    "[e2e][gofast]") {
  TempDir dir;
  Gofast gofast({"up", "--json"}, dir);
  const json line = gofast.FirstLine();
  INFO(gofast.Out() << gofast.Err());
  const Up up(line);
  CHECK(gofast.Out() == line.dump() + "\n");  // one line, nothing else
  CHECK(up.project_id == "demo-gofast");
  CHECK(up.company_url.rfind("http://127.0.0.1:", 0) == 0);
  CHECK(up.app_url.rfind("http://127.0.0.1:", 0) == 0);
  CHECK(fs::is_directory(up.data_dir));
  TestClient company(Service::kCompany, up.company_url);
  TestClient app(Service::kApp, up.app_url);
  CHECK(company.Get("/healthz").status == 200);
  CHECK(app.Get("/healthz").status == 200);
  // The company serves the console, which posts runs to this app.
  CHECK(up.console_url == up.company_url + "/");
  CHECK(company.Get("/").body.find("data-app-url=\"" + up.app_url + "\"") != std::string::npos);

  // Ada's token is good in both, and the app asks this company and allows its origin.
  gofast::client::JsonClient company_client(up.company_url, std::chrono::seconds(5));
  gofast::client::JsonClient app_client(up.app_url, std::chrono::seconds(5));
  gofast::client::CreateRunDialog dialog(company_client, app_client);
  const gofast::client::DialogResult created = gofast::testing::ExpectDocumented(
      dialog.Submit(up.admin_token, gofast::client::SampleRunForm("Up run")));
  REQUIRE(created.ok());
  CHECK(created.staff_call.body["staff"]["email"] == "ada@gofast.test");
  const gofast::testing::Reply audit =
      app.Get("/api/runs/" + created.run["id"].get<std::string>() + "/creator", up.admin_token,
              {{"Origin", up.company_url}});
  CHECK(audit.json["resolution"] == "found");
  CHECK(audit.Header("Access-Control-Allow-Origin") == up.company_url);

  REQUIRE(kill(gofast.pid(), SIGTERM) == 0);
  CHECK(gofast.Wait() == 0);
  CHECK(Gone(up.company_pid));
  CHECK(Gone(up.app_pid));
  CHECK_FALSE(fs::exists(up.data_dir));
}

TEST_CASE("gofast up passes --test-api and --exit-with-parent to both services in emulator mode",
          "[e2e][gofast]") {
  TempDir dir;
  Gofast gofast({"up", "--json"}, dir);
  const Up up(gofast.FirstLine());
  for (const pid_t pid : {up.company_pid, up.app_pid}) {
    const std::vector<std::string> args = CommandLine(pid);
    INFO(pid);
    CHECK(std::count(args.begin(), args.end(), "--test-api") == 1);
    CHECK(std::count(args.begin(), args.end(), "--exit-with-parent") == 1);
  }
}

TEST_CASE("gofast up --auth-mode production starts both services and gives no admin token",
          "[e2e][gofast]") {
  TempDir dir;
  Gofast gofast({"up", "--json", "--auth-mode", "production"}, dir);
  const json line = gofast.FirstLine();
  INFO(gofast.Err());
  const Up up(line);
  CHECK(line["adminToken"].is_null());
  TestClient app(Service::kApp, up.app_url);
  CHECK(app.Get("/healthz").status == 200);
  // The services refuse their test API in production mode.
  for (const pid_t pid : {up.company_pid, up.app_pid}) {
    const std::vector<std::string> args = CommandLine(pid);
    CHECK(std::count(args.begin(), args.end(), "--test-api") == 0);
    CHECK(std::count(args.begin(), args.end(), "production") == 1);
  }
}

TEST_CASE("gofast up --data keeps both databases and logs in the folder given", "[e2e][gofast]") {
  TempDir dir;
  const std::string data = dir.File("kept");
  Gofast gofast({"up", "--json", "--data", data}, dir);
  const Up up(gofast.FirstLine());
  CHECK(up.data_dir == data);
  CHECK(up.company_db == data + "/company.db");
  CHECK(up.app_db == data + "/app.db");
  REQUIRE(kill(gofast.pid(), SIGTERM) == 0);
  CHECK(gofast.Wait() == 0);
  for (const char* file : {"company.db", "app.db", "company_service.log", "app_service.log"}) {
    CHECK(fs::exists(data + "/" + file));
  }
}

TEST_CASE("gofast up binds the ports given and passes the company's seed", "[e2e][gofast]") {
  TempDir dir;
  const int company_port = gofast::process::FreeLoopbackPort();
  const int app_port = gofast::process::FreeLoopbackPort();
  Gofast gofast({"up", "--json", "--company-port", std::to_string(company_port), "--app-port",
                 std::to_string(app_port), "--company-seed",
                 GOFAST_SOURCE_DIR "/company_service/sample_seed.json"},
                dir);
  const Up up(gofast.FirstLine());
  CHECK(up.company_url == "http://127.0.0.1:" + std::to_string(company_port));
  CHECK(up.app_url == "http://127.0.0.1:" + std::to_string(app_port));
  TestClient company(Service::kCompany, up.company_url);
  // Ada joins the seeded company, then reads its seeded founder.
  REQUIRE(company.Post("/api/staff/find-or-create", up.admin_token, "{}").status == 201);
  const gofast::testing::Reply founder =
      company.Get("/api/staff/8d4c2a6e-1f3b-4c7d-9e2a-5b6c7d8e9f01", up.admin_token);
  REQUIRE(founder.status == 200);
  CHECK(founder.json["staff"]["email"] == "founder@gofast.test");
}

TEST_CASE("the services of gofast up exit when gofast is killed with SIGKILL", "[e2e][gofast]") {
  TempDir dir;
  Gofast gofast({"up", "--json"}, dir);
  const Up up(gofast.FirstLine());
  REQUIRE(kill(gofast.pid(), SIGKILL) == 0);
  CHECK(gofast.Wait() == 128 + SIGKILL);
  const bool both_ended = Eventually([&] { return Ended(up.company_pid) && Ended(up.app_pid); },
                                     std::chrono::seconds(5));
  if (!both_ended) {  // never leave them behind
    kill(up.company_pid, SIGKILL);
    kill(up.app_pid, SIGKILL);
  }
  CHECK(both_ended);
  std::error_code ignored;
  fs::remove_all(up.data_dir, ignored);  // nobody was left to remove it
}

TEST_CASE("gofast up stops the app and exits 1 when the company service dies", "[e2e][gofast]") {
  TempDir dir;
  Gofast gofast({"up", "--json"}, dir);
  const Up up(gofast.FirstLine());
  REQUIRE(kill(up.company_pid, SIGKILL) == 0);
  CHECK(gofast.Wait() == 1);
  CHECK(Gone(up.app_pid));
  CHECK(gofast.Err().find("company_service exited by itself (137)") != std::string::npos);
}

TEST_CASE("gofast up, exec and demo want --company-db and --app-db together, and --postgres alone",
          "[e2e][gofast]") {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"up", "--company-db", "company.db"}, "gofast up: --company-db requires --app-db\n"},
      {{"exec", "--app-db", "app.db", "--", "true"},
       "gofast exec: --app-db requires --company-db\n"},
      {{"demo", "--postgres", "postgresql://u:s3cret@127.0.0.1:1/postgres", "--company-db",
        "company.db", "--app-db", "app.db"},
       "gofast demo: --postgres excludes --company-db\n"},
      {{"up", "--postgres", "u:s3cret@127.0.0.1/postgres"},
       "gofast up: --postgres: must start with postgresql:// or postgres://\n"},
  };
  for (const auto& [args, expected] : cases) {
    const auto result = RunCommand(GOFAST_CLI_BIN, args);
    INFO(args.at(1));
    CHECK(result.exit_code == 2);
    CHECK(result.err == expected);
    CHECK(result.out.empty());
  }
}

TEST_CASE("gofast up --company-db and --app-db keep the data in the SQLite files given",
          "[e2e][gofast][sqlite]") {
  TempDir dir;
  const std::string company_db = dir.File("company/staff.db");
  const std::string app_db = dir.File("app/runs.db");
  Gofast gofast({"up", "--json", "--company-db", company_db, "--app-db", app_db}, dir);
  const Up up(gofast.FirstLine());
  CHECK(up.company_db == company_db);
  CHECK(up.app_db == app_db);
  PlayDialogAndAudit(up);
  CHECK(CountRows(company_db, "company_staff") == 1);
  CHECK(CountRows(app_db, "city_runs") == 1);
}

TEST_CASE(
    "gofast up --postgres makes both databases on the server, and both services keep their "
    "data there",
    "[e2e][gofast][postgres]") {
  if (SkippedWithoutCluster()) return;
  const MadeOnCluster made({"gofast_company", "gofast_app"});
  const std::string company_db = OnCluster("gofast_company");
  const std::string app_db = OnCluster("gofast_app");
  TempDir dir;
  {
    Gofast gofast({"up", "--json", "--postgres", *PostgresClusterUrl()}, dir);
    const json line = gofast.FirstLine();
    INFO(gofast.Out() << gofast.Err());
    const Up up(line);
    CHECK(made.Existing() == 2);
    CHECK(up.company_db == RedactPassword(company_db));
    CHECK(up.app_db == RedactPassword(app_db));
    PlayDialogAndAudit(up);
    CHECK(CountRows(company_db, "company_staff") == 1);
    CHECK(CountRows(app_db, "city_runs") == 1);
    // The services get their URL in their environment: ps shows no password.
    std::string shown = gofast.Out() + gofast.Err();
    for (const pid_t pid : {up.company_pid, up.app_pid}) {
      for (const std::string& arg : CommandLine(pid)) shown += arg + "\n";
    }
    for (const char* log : {"/company_service.log", "/app_service.log"}) {
      shown += ReadFile(up.data_dir + log);
    }
    CHECK(shown.find(ClusterPassword()) == std::string::npos);
    REQUIRE(kill(gofast.pid(), SIGTERM) == 0);
    CHECK(gofast.Wait() == 0);
  }
  // Made only when absent: a second start keeps what the first stored.
  const auto again =
      RunCommand(GOFAST_CLI_BIN, {"exec", "--postgres", *PostgresClusterUrl(), "--", "true"});
  INFO(again.out << again.err);
  CHECK(again.exit_code == 0);
  CHECK(CountRows(company_db, "company_staff") == 1);
  CHECK(CountRows(app_db, "city_runs") == 1);
}

TEST_CASE(
    "gofast up --company-db and --app-db use each database as it is: the company on "
    "PostgreSQL, the app in a SQLite file",
    "[e2e][gofast][postgres]") {
  if (SkippedWithoutCluster()) return;
  TempDir dir;
  const gofast::testing::TestDatabase company_db(dir, "company.db");
  const std::string app_db = dir.File("app.db");
  Gofast gofast({"up", "--json", "--company-db", company_db.url(), "--app-db", app_db}, dir);
  const json line = gofast.FirstLine();
  INFO(gofast.Out() << gofast.Err());
  const Up up(line);
  CHECK(up.company_db == RedactPassword(company_db.url()));
  CHECK(up.app_db == app_db);
  PlayDialogAndAudit(up);
  CHECK(CountRows(company_db.url(), "company_staff") == 1);
  CHECK(CountRows(app_db, "city_runs") == 1);
  CHECK(gofast.Out().find(ClusterPassword()) == std::string::npos);
}

TEST_CASE(
    "gofast up, exec and demo exit 2 on a wrong password or no server, naming the server "
    "without any password",
    "[e2e][gofast][postgres]") {
  if (SkippedWithoutCluster()) return;
  TempDir dir;
  const std::string cluster = *PostgresClusterUrl();
  std::string wrong_password = cluster;
  wrong_password.replace(wrong_password.find(ClusterPassword()), ClusterPassword().size(),
                         "not-the-password");
  const struct {
    std::string url;
    const char* says;
  } refused[] = {
      {wrong_password, "password authentication failed"},
      {"postgresql://postgres:" + ClusterPassword() + "@127.0.0.1:1/postgres", "127.0.0.1"},
  };
  for (const auto& bad : refused) {
    for (const std::vector<std::string>& command :
         {std::vector<std::string>{"up", "--postgres", bad.url},
          std::vector<std::string>{"exec", "--postgres", bad.url, "--", "true"},
          std::vector<std::string>{"demo", "--postgres", bad.url, "--data", dir.File("demo")}}) {
      const auto result = RunCommand(GOFAST_CLI_BIN, command);
      INFO(command.front() << " " << bad.says << ": " << result.out << result.err);
      CHECK(result.exit_code == 2);
      CHECK(result.err.rfind("gofast " + command.front() + ": cannot use PostgreSQL at " +
                                 RedactPassword(bad.url) + ": ",
                             0) == 0);
      CHECK(result.err.find(bad.says) != std::string::npos);
      for (const std::string& password : {ClusterPassword(), std::string("not-the-password")}) {
        CHECK((result.out + result.err).find(password) == std::string::npos);
      }
    }
  }
}

TEST_CASE(
    "gofast demo --postgres replaces its two databases on each run and reads the rows back "
    "from PostgreSQL",
    "[e2e][gofast][postgres]") {
  if (SkippedWithoutCluster()) return;
  const MadeOnCluster made({"gofast_demo_company", "gofast_demo_app"});
  TempDir dir;
  for (int run = 1; run <= 2; ++run) {
    const auto result = RunCommand(
        GOFAST_CLI_BIN, {"demo", "--postgres", *PostgresClusterUrl(), "--data", dir.File("demo")});
    INFO("run " << run << ": " << result.out << result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(result.out.find("each with its own fresh PostgreSQL database") != std::string::npos);
    CHECK(result.out.find("gofast_demo_company > company_staff (read from PostgreSQL)") !=
          std::string::npos);
    CHECK(result.out.find("storedAs=text") != std::string::npos);
    CHECK(result.out.find("no staff table") != std::string::npos);
    CHECK(result.out.find("city_runs foreign keys: athleteGeneratedId -> athletes") !=
          std::string::npos);
    CHECK(result.out.find("resolution: found") != std::string::npos);
    CHECK((result.out + result.err).find(ClusterPassword()) == std::string::npos);
    // Fresh each run: the second run's run is the only one.
    CHECK(CountRows(OnCluster("gofast_demo_company"), "company_staff") == 1);
    CHECK(CountRows(OnCluster("gofast_demo_app"), "city_runs") == 1);
  }
}

TEST_CASE("gofast exec gives CMD the five variables and the caller's environment, and exits 0",
          "[e2e][gofast]") {
  TempDir dir;
  const std::string seen = dir.File("seen");
  const auto result = RunCommand(
      GOFAST_CLI_BIN,
      {"exec", "--project-id", "demo-exec", "--", "sh", "-c",
       "printf '%s\\n' \"$GOFAST_COMPANY_URL\" \"$GOFAST_APP_URL\" \"$GOFAST_PROJECT_ID\" "
       "\"$GOFAST_ADMIN_TOKEN\" \"$CALLER_MARK\" \"$GOFAST_CONSOLE_URL\" > " +
           seen},
      {{"CALLER_MARK", "from the caller"}});
  INFO(result.out << result.err);
  CHECK(result.exit_code == 0);
  std::istringstream lines(ReadFile(seen));
  std::string company_url, app_url, project_id, token, mark, console_url;
  std::getline(lines, company_url);
  std::getline(lines, app_url);
  std::getline(lines, project_id);
  std::getline(lines, token);
  std::getline(lines, mark);
  std::getline(lines, console_url);
  CHECK(company_url.rfind("http://127.0.0.1:", 0) == 0);
  CHECK(app_url.rfind("http://127.0.0.1:", 0) == 0);
  CHECK(company_url != app_url);
  CHECK(project_id == "demo-exec");
  CHECK(std::count(token.begin(), token.end(), '.') == 2);
  CHECK(mark == "from the caller");
  CHECK(console_url == company_url + "/");
}

TEST_CASE(
    "gofast exec --staff-mode replica --internal-api-key starts the app on a staff replica "
    "synced from the company's feed",
    "[e2e][gofast]") {
  TempDir dir;
  const std::string seen = dir.File("seen");
  // The admin signs up, then the app's replica is read with the same token.
  const auto result = RunCommand(
      GOFAST_CLI_BIN,
      {"exec", "--staff-mode", "replica", "--internal-api-key", "exec-key", "--", "sh", "-c",
       "curl -sf -X POST -H \"Authorization: Bearer $GOFAST_ADMIN_TOKEN\" "
       "\"$GOFAST_COMPANY_URL/api/staff/find-or-create\" >/dev/null && "
       "curl -sf -H \"Authorization: Bearer $GOFAST_ADMIN_TOKEN\" "
       "\"$GOFAST_COMPANY_URL/api/staff/changes\" -o /dev/null -w '%{http_code} ' > " +
           seen + "; curl -s -H \"Authorization: Bearer exec-key\" " +
           "\"$GOFAST_COMPANY_URL/api/staff/changes\" >> " + seen +
           " && curl -sf -H \"Authorization: Bearer $GOFAST_ADMIN_TOKEN\" "
           "\"$GOFAST_APP_URL/api/staff-replica\" >/dev/null"});
  INFO(result.out << result.err << ReadFile(seen));
  CHECK(result.exit_code == 0);  // the app answers GET /api/staff-replica: replica mode
  const std::string feed = ReadFile(seen);
  CHECK(feed.rfind("401 ", 0) == 0);  // an admin's token is not the key
  CHECK(feed.find("\"kind\":\"created\"") != std::string::npos);
}

TEST_CASE("gofast exec runs CMD while both services answer, then stops them and exits 7",
          "[e2e][gofast]") {
  TempDir dir;
  const std::string urls = dir.File("urls");
  const std::string go = dir.File("go");
  // CMD writes the URLs, waits for the test's go, and exits 7.
  Gofast gofast({"exec", "--", "sh", "-c",
                 "echo \"$GOFAST_COMPANY_URL $GOFAST_APP_URL\" > " + urls + ".part && mv " + urls +
                     ".part " + urls + "; while [ ! -e " + go + " ]; do sleep 0.05; done; exit 7"},
                dir);
  REQUIRE(Eventually([&] { return fs::exists(urls); }));
  std::istringstream written(ReadFile(urls));
  std::string company_url, app_url;
  written >> company_url >> app_url;
  TestClient company(Service::kCompany, company_url);
  TestClient app(Service::kApp, app_url);
  CHECK(company.Get("/healthz").status == 200);
  CHECK(app.Get("/healthz").status == 200);
  std::ofstream(go).close();
  CHECK(gofast.Wait() == 7);
  CHECK(company.Get("/healthz").status == 0);
  CHECK(app.Get("/healthz").status == 0);
}

TEST_CASE("gofast exec passes a SIGTERM sent to it on to CMD and exits with CMD's status",
          "[e2e][gofast]") {
  TempDir dir;
  const std::string started = dir.File("started");
  Gofast gofast({"exec", "--", "sh", "-c", "touch " + started + " && exec sleep 60"}, dir);
  REQUIRE(Eventually([&] { return fs::exists(started); }));
  REQUIRE(kill(gofast.pid(), SIGTERM) == 0);
  CHECK(gofast.Wait() == 128 + SIGTERM);
}

TEST_CASE("gofast exec exits 128 + the signal that ended CMD, 127 when CMD cannot run",
          "[e2e][gofast]") {
  CHECK(RunCommand(GOFAST_CLI_BIN, {"exec", "--", "sh", "-c", "kill -9 $$"}).exit_code ==
        128 + SIGKILL);
  const auto missing = RunCommand(GOFAST_CLI_BIN, {"exec", "--", "/nonexistent/cmd"});
  CHECK(missing.exit_code == 127);
  CHECK(missing.err.find("gofast exec: cannot run /nonexistent/cmd") != std::string::npos);
}

TEST_CASE("gofast dialog plays the dialog and the page after it, one JSON line per step",
          "[e2e][gofast]") {
  // Under gofast exec, so the pair and its URLs are the ones another team would get.
  const auto result =
      RunCommand(GOFAST_CLI_BIN, {"exec", "--", "sh", "-c",
                                  std::string(GOFAST_CLI_BIN) +
                                      " dialog --company-url \"$GOFAST_COMPANY_URL\" --app-url "
                                      "\"$GOFAST_APP_URL\" --title 'Dialog played'"});
  INFO(result.out << result.err);
  REQUIRE(result.exit_code == 0);
  std::istringstream lines(result.out);
  std::vector<std::pair<std::string, int>> steps;
  nlohmann::json last;
  for (std::string line; std::getline(lines, line);) {
    last = nlohmann::json::parse(line);
    steps.emplace_back(last["step"], last["status"]);
  }
  CHECK(steps == std::vector<std::pair<std::string, int>>{{"find-or-create staff", 201},
                                                          {"create run", 200},
                                                          {"list runs by staff id", 200},
                                                          {"read run", 200},
                                                          {"audit", 200}});
  CHECK(last["body"]["resolution"] == "found");
  CHECK(last["body"]["run"]["title"] == "Dialog played");
}

TEST_CASE("gofast dialog exits 1 at the first step that fails, and says why", "[e2e][gofast]") {
  // Nothing listens on port 1 of 127.0.0.1: the company step gets no answer.
  const auto result = RunCommand(GOFAST_CLI_BIN, {"dialog", "--company-url", "http://127.0.0.1:1",
                                                  "--app-url", "http://127.0.0.1:1"});
  INFO(result.out << result.err);
  CHECK(result.exit_code == 1);
  const nlohmann::json step = nlohmann::json::parse(result.out);
  CHECK(step["step"] == "find-or-create staff");
  CHECK(step["status"] == 0);
  CHECK(step["error"] == "connection refused");
}

TEST_CASE(
    "gofast-ceiling answers each route with its file's bytes, calls --next first when "
    "given, and exits 2 on an --answer it cannot read",
    "[e2e][gofast]") {
  TempDir dir;
  const std::string staff = dir.File("staff.json");
  const std::string audit = dir.File("audit.json");
  std::ofstream(staff) << R"({"success":true,"staff":{"id":"s-1"}})";
  std::ofstream(audit) << R"({"success":true,"resolution":"found"})";
  const std::vector<std::string> common = {"--port",       "0",           "--project-id",
                                           "ceiling-test", "--auth-mode", "emulator"};
  std::vector<std::string> company_args = common;
  company_args.insert(company_args.end(), {"--answer", "GET /api/staff/:id=" + staff});
  const gofast::testing::ServiceProcess company(GOFAST_CEILING_BIN, company_args);
  std::vector<std::string> chain_args = common;
  chain_args.insert(chain_args.end(), {"--next", company.base_url(), "--answer",
                                       "GET /api/runs/:id/creator=" + audit});
  const gofast::testing::ServiceProcess chain(GOFAST_CEILING_BIN, chain_args);
  httplib::Client client(chain.base_url());
  const auto answered = client.Get("/api/runs/r-1/creator", {{"X-Request-Id", "ceiling-hop"}});
  REQUIRE(answered);
  CHECK(answered->status == 200);
  CHECK(answered->body == R"({"success":true,"resolution":"found"})");
  // The second hop was asked for the staff id in the run's place, with the request id.
  CHECK(gofast::testing::LogOnceItHolds(company, "ceiling-hop").find("GET /api/staff/r-1 200") !=
        std::string::npos);
  CHECK(client.Get("/api/runs")->status == 404);  // only the routes given

  std::vector<std::string> missing = common;
  missing.insert(missing.end(), {"--answer", "GET /x=" + dir.File("missing.json")});
  const auto refused = RunCommand(GOFAST_CEILING_BIN, missing);
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("cannot be read") != std::string::npos);
}

TEST_CASE("gofast, company_service and app_service print the project version", "[e2e][gofast]") {
  for (const auto& [binary, name] : {std::pair{GOFAST_CLI_BIN, "gofast"},
                                     std::pair{GOFAST_COMPANY_SERVICE_BIN, "company_service"},
                                     std::pair{GOFAST_APP_SERVICE_BIN, "app_service"}}) {
    const auto result = RunCommand(binary, {"--version"});
    CHECK(result.exit_code == 0);
    CHECK(result.out == std::string(name) + " " + GOFAST_VERSION + "\n");
  }
}

TEST_CASE("--help on every gofast command and on the aliases exits 0 and describes it",
          "[e2e][gofast]") {
  for (const char* command : {"up", "exec", "token", "demo", "dialog", "load"}) {
    const auto result = RunCommand(GOFAST_CLI_BIN, {command, "--help"});
    INFO(command << ": " << result.out << result.err);
    CHECK(result.exit_code == 0);
    CHECK(result.out.find(std::string("Usage: gofast ") + command + " ") != std::string::npos);
  }
  for (const char* alias : {GOFAST_TOKEN_BIN, GOFAST_DEMO_BIN, GOFAST_LOAD_BIN}) {
    const auto result = RunCommand(alias, {"--help"});
    INFO(alias << ": " << result.out << result.err);
    CHECK(result.exit_code == 0);
    CHECK(result.out.find("Usage: " + fs::path(alias).filename().string() + " ") !=
          std::string::npos);
  }
}

TEST_CASE("an unknown gofast command is named as unknown, with the nearest one, exit 2",
          "[e2e][gofast]") {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"upp"}, "gofast: unknown command upp; did you mean up?\n"},
      {{"exce", "--", "true"}, "gofast: unknown command exce; did you mean exec?\n"},
      {{"upp", "--help"}, "gofast: unknown command upp; did you mean up?\n"},
      {{"token", "mnt", "--uid", "u"}, "gofast token: unknown command mnt; did you mean mint?\n"},
      {{"load", "flwo"}, "gofast load: unknown command flwo; did you mean flow?\n"},
      {{"frobnicate"},
       "gofast: unknown command frobnicate; the commands are up, exec, token, demo, dialog, "
       "load\n"},
  };
  for (const auto& [args, expected] : cases) {
    const auto result = RunCommand(GOFAST_CLI_BIN, args);
    INFO(args.front());
    CHECK(result.exit_code == 2);
    CHECK(result.err == expected);
    CHECK(result.out.empty());
  }
  const auto alias = RunCommand(GOFAST_TOKEN_BIN, {"mnt"});
  CHECK(alias.exit_code == 2);
  CHECK(alias.err == "gofast-token: unknown command mnt; did you mean mint?\n");
}

TEST_CASE("a gofast command names an unknown option's nearest one, and a word for a number",
          "[e2e][gofast]") {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"up", "--projct-id", "p"},
       "gofast up: unknown option --projct-id; did you mean --project-id?\n"},
      {{"exec", "--app-prot", "1", "--", "true"},
       "gofast exec: unknown option --app-prot; did you mean --app-port?\n"},
      {{"token", "mint", "--uid", "u", "--project-id", "p", "--lifetim", "5"},
       "gofast token mint: unknown option --lifetim; did you mean --lifetime?\n"},
      {{"up", "--company-port", "abc"}, "gofast up: --company-port: abc is not a number\n"},
      {{"token", "mint", "--uid", "u", "--project-id", "p", "--lifetime", "soon"},
       "gofast token mint: --lifetime: soon is not a number\n"},
      {{"load", "flow", "--admins", "many"}, "gofast load flow: --admins: many is not a number\n"},
  };
  for (const auto& [args, expected] : cases) {
    const auto result = RunCommand(GOFAST_CLI_BIN, args);
    INFO(args.at(1));
    CHECK(result.exit_code == 2);
    CHECK(result.err == expected);
  }
}

// One option of a --help text: its names, type and default ("--port INT:INT in
// [0 - 65535]=4200 (Env:APP_PORT)"), and its description. CLI11 pads the first
// to 30 columns, or puts the description on the next line when it is longer.
struct HelpEntry {
  std::string option;
  std::string description;
};

std::vector<HelpEntry> HelpEntries(const std::string& help) {
  std::vector<std::string> lines;
  std::istringstream in(help);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  std::vector<HelpEntry> entries;
  const std::string indent(30, ' ');
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].rfind("  -", 0) != 0) continue;
    if (i + 1 < lines.size() && lines[i + 1].rfind(indent, 0) == 0) {
      entries.push_back({lines[i], lines[i + 1].substr(indent.size())});
    } else {
      entries.push_back({lines[i].substr(0, indent.size()),
                         lines[i].size() > indent.size() ? lines[i].substr(indent.size()) : ""});
    }
  }
  return entries;
}

TEST_CASE("every gofast command and both services show every option's default in --help",
          "[e2e][gofast]") {
  // An option that takes a value (a type such as TEXT or INT after its name) shows
  // "=DEFAULT", is REQUIRED, or says in its description what happens without it.
  const std::vector<std::pair<std::string, std::vector<std::string>>> commands = {
      {GOFAST_CLI_BIN, {"up", "--help"}},
      {GOFAST_CLI_BIN, {"exec", "--help"}},
      {GOFAST_CLI_BIN, {"demo", "--help"}},
      {GOFAST_CLI_BIN, {"dialog", "--help"}},
      {GOFAST_CLI_BIN, {"token", "keygen", "--help"}},
      {GOFAST_CLI_BIN, {"token", "mint", "--help"}},
      {GOFAST_CLI_BIN, {"load", "flow", "--help"}},
      {GOFAST_CLI_BIN, {"load", "startup", "--help"}},
      {GOFAST_COMPANY_SERVICE_BIN, {"--help"}},
      {GOFAST_APP_SERVICE_BIN, {"--help"}},
  };
  for (const auto& [binary, args] : commands) {
    const auto result = RunCommand(binary, args);
    REQUIRE(result.exit_code == 0);
    const std::vector<HelpEntry> entries = HelpEntries(result.out);
    CHECK(entries.size() > 2);
    for (const HelpEntry& entry : entries) {
      INFO(fs::path(binary).filename().string()
           << " " << args.front() << ": " << entry.option << " | " << entry.description);
      const size_t type_at = entry.option.find_first_not_of(' ', entry.option.find(' ', 4));
      const bool takes_value = type_at != std::string::npos && entry.option[type_at] >= 'A' &&
                               entry.option[type_at] <= 'Z';
      if (!takes_value) continue;  // a flag: off unless given
      CHECK((entry.option.find('=') != std::string::npos ||
             entry.option.find("REQUIRED") != std::string::npos ||
             entry.description.find("default") != std::string::npos ||
             entry.description.find("required") != std::string::npos));
    }
  }
  // The values themselves, where a default was missing before.
  const std::vector<std::pair<std::vector<std::string>, std::vector<std::string>>> shown = {
      {{"load", "flow", "--help"},
       {"--admins INT:INT in [1 - 1024]=16", "=10", "=2", "=5000", "=load-admin-"}},
      {{"load", "startup", "--help"}, {"--runs INT:INT in [1 - 100]=5"}},
      {{"up", "--help"}, {"=demo-gofast", "=emulator", "--company-port INT:INT in [0 - 65535]=0"}},
      {{"demo", "--help"}, {"--data TEXT=demo-data"}},
      {{"token", "mint", "--help"}, {"--lifetime INT=3600", "--issued-at-offset INT=0"}},
  };
  for (const auto& [args, texts] : shown) {
    const std::string help = RunCommand(GOFAST_CLI_BIN, args).out;
    for (const std::string& text : texts) {
      INFO(args.at(0) << " " << args.at(1) << ": " << text);
      CHECK(help.find(text) != std::string::npos);
    }
  }
}

TEST_CASE("gofast token mint prints a token as gofast-token does", "[e2e][gofast]") {
  const std::vector<std::string> args = {"mint", "--project-id", "p", "--uid", "u"};
  std::vector<std::string> via_gofast = {"token"};
  via_gofast.insert(via_gofast.end(), args.begin(), args.end());
  const auto token = RunCommand(GOFAST_CLI_BIN, via_gofast);
  const auto alias = RunCommand(GOFAST_TOKEN_BIN, args);
  CHECK(token.exit_code == 0);
  CHECK(std::count(token.out.begin(), token.out.end(), '.') == 2);
  CHECK(token.out.substr(0, token.out.find('.')) == alias.out.substr(0, alias.out.find('.')));
}
