// Interoperability with the real Firebase Auth Emulator (npm firebase-tools,
// installed into node_modules/ by scripts/setup): an admin signed up through
// its REST API drives the dialog's flow through both services in emulator
// mode with the emulator's own ID token, and a token it issues for another
// project is refused by both; and both services, started with neither
// --project-id nor --auth-mode by a script that `firebase emulators:exec` runs,
// take both from the environment it gives and serve the same flow. Without
// Node.js or the package each test prints a "SKIPPED:" line, which CTest
// reports as skipped (never as passed).
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "shared/devkit/create_run_dialog.h"
#include "tests/support/both_services.h"
#include "tests/support/contract_client.h"
#include "tests/support/process.h"
#include "tests/support/test_database.h"
#include "tests/support/test_keys.h"

namespace {

using gofast::client::CallResult;
using gofast::client::CreateRunDialog;
using gofast::client::DialogResult;
using gofast::client::JsonClient;
using gofast::testing::BothServices;
using gofast::testing::BothServicesOptions;
using gofast::testing::DialogRunFields;
using gofast::testing::ExpectDocumented;
using gofast::testing::ProcessGroup;
using gofast::testing::Service;
using gofast::testing::TempDir;
using gofast::testing::TokenPayload;
using nlohmann::json;
namespace fs = std::filesystem;

constexpr char kProjectId[] = "demo-gofast";
constexpr char kOtherProjectId[] = "demo-other";
// The first start loads a large CLI on two shared cores: allow for a busy machine.
constexpr auto kReadyTimeout = std::chrono::seconds(60);
constexpr auto kStopTimeout = std::chrono::seconds(15);
constexpr int kMinNodeMajor = 18;  // what firebase-tools 13 accepts

struct EmulatorTools {
  std::string node;
  std::string firebase;
};

std::string FindOnPath(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path == nullptr ? "" : path);
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (dir.empty()) continue;
    const fs::path candidate = fs::path(dir) / name;
    if (access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  return "";
}

// The tools, or nullopt after printing why the test is skipped: the
// "SKIPPED:" prefix is what CTest's SKIP_REGULAR_EXPRESSION looks for.
std::optional<EmulatorTools> FindToolsOrSkip() {
  EmulatorTools tools;
  tools.firebase = (fs::path(GOFAST_SOURCE_DIR) / "node_modules" / ".bin" / "firebase").string();
  tools.node = FindOnPath("node");
  std::string why;
  if (tools.node.empty()) {
    why = "Node.js (node) is not on PATH";
  } else if (!fs::exists(tools.firebase)) {
    why = tools.firebase + " is missing (scripts/setup installs it when Node.js is present)";
  } else {
    // An older Node would make the CLI exit at once: that is a missing tool, not a failure.
    const gofast::testing::CommandResult version =
        gofast::testing::RunCommand(tools.node, {"--version"});
    const int major = version.out.size() > 1 ? std::atoi(version.out.c_str() + 1) : 0;
    if (version.exit_code != 0 || major < kMinNodeMajor) {
      why = "Node.js " + version.out.substr(0, version.out.find('\n')) + " is older than " +
            std::to_string(kMinNodeMajor);
    }
  }
  if (why.empty()) return tools;
  std::cout << "SKIPPED: the Firebase Auth Emulator test needs Node.js and firebase-tools: " << why
            << std::endl;
  return std::nullopt;
}

void WriteFile(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << text;
  if (!file) throw std::runtime_error("cannot write " + path.string());
}

std::string ReadFile(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream contents;
  contents << file.rdbuf();
  return contents.str();
}

// A new email/password account in the Auth Emulator at `base_url`, as a web
// app's createUserWithEmailAndPassword does: its idToken and localId.
json SignUpAt(const std::string& base_url, const std::string& email, const std::string& password,
              const std::string& name) {
  JsonClient client(base_url, std::chrono::seconds(10));
  const CallResult answer =
      client.Post("/identitytoolkit.googleapis.com/v1/accounts:signUp?key=any", "",
                  {{"email", email},
                   {"password", password},
                   {"displayName", name},
                   {"returnSecureToken", true}});
  if (answer.status != 200 || !answer.body.contains("idToken")) {
    throw std::runtime_error("emulator sign-up failed: " + answer.Summary() + " " +
                             answer.body.dump());
  }
  return answer.body;
}

// Makes `dir` a private Firebase folder for an Auth Emulator on `auth_port`:
// its firebase.json (free ports, no UI), its own HOME and TMPDIR. Answers the
// environment the CLI runs with there: offline, no prompts, no update check.
gofast::testing::Environment PrepareFolder(const fs::path& dir, int auth_port) {
  const fs::path home = dir / "home";
  // The emulator cannot bind port 0, and its hub and logging ports would
  // otherwise default to 4400 and 4500, shared by every run on the machine.
  const json config = {
      {"emulators",
       {{"auth", {{"host", "127.0.0.1"}, {"port", auth_port}}},
        {"hub", {{"host", "127.0.0.1"}, {"port", gofast::process::FreeLoopbackPort()}}},
        {"logging", {{"host", "127.0.0.1"}, {"port", gofast::process::FreeLoopbackPort()}}},
        {"ui", {{"enabled", false}}},
        {"singleProjectMode", true}}}};
  WriteFile(dir / "firebase.json", config.dump(2));
  // A message of the day fetched less than a day ago: the CLI then does not
  // fetch it from the internet at start.
  const auto now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  WriteFile(home / ".config" / "configstore" / "firebase-tools.json",
            json{{"motd", {{"fetched", now_ms}}}}.dump());
  return {
      {"HOME", home.string()},
      {"TMPDIR", dir.string()},  // the hub's locator file goes there
      {"CI", "true"},            // no prompts, no update check
      {"NO_UPDATE_NOTIFIER", "1"},
      {"METADATA_SERVER_DETECTION", "none"},  // never probe for a Google Cloud metadata server
  };
}

// `firebase emulators:start --only auth` for one project, on free ports, in a
// private folder with its own HOME and TMPDIR: nothing is read from or left
// in the user's Firebase settings, and runs side by side do not meet.
class AuthEmulator {
 public:
  AuthEmulator(const EmulatorTools& tools, const std::string& project_id)
      : port_(gofast::process::FreeLoopbackPort()), child_(Start(tools, project_id)) {
    WaitUntilReady();
  }

  std::string Log() const { return ReadFile(dir_.path() / "emulator.log"); }

  // POST to the emulator's REST API; the answer's JSON (null when not JSON).
  CallResult Post(const std::string& path, const json& body) const {
    JsonClient client("http://127.0.0.1:" + std::to_string(port_), std::chrono::seconds(10));
    return client.Post(path, "", body);
  }

  json SignUp(const std::string& email, const std::string& password,
              const std::string& name) const {
    return SignUpAt("http://127.0.0.1:" + std::to_string(port_), email, password, name);
  }

 private:
  ProcessGroup Start(const EmulatorTools& tools, const std::string& project_id) {
    // Its own process group: the CLI starts helpers, and none may outlive the test.
    return ProcessGroup(tools.node,
                        std::vector<std::string>{tools.firebase, "emulators:start", "--only",
                                                 "auth", "--project", project_id},
                        PrepareFolder(dir_.path(), port_), dir_.path().string(),
                        (dir_.path() / "emulator.log").string(), kStopTimeout);
  }

  // `GET /` answers JSON once the Auth Emulator is up: the CLI prints no line to wait for.
  void WaitUntilReady() {
    const auto deadline = std::chrono::steady_clock::now() + kReadyTimeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (child_.Exited()) throw std::runtime_error("the Auth Emulator exited:\n" + Log());
      JsonClient client("http://127.0.0.1:" + std::to_string(port_), std::chrono::seconds(2));
      const CallResult answer = client.Get("/", "");
      if (answer.status == 200 && answer.body.is_object() && answer.body.contains("authEmulator")) {
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    throw std::runtime_error("the Auth Emulator did not answer within 60 s:\n" + Log());
  }

  TempDir dir_;  // declared first: removed only after the child is gone
  int port_;
  ProcessGroup child_;
};

}  // namespace

TEST_CASE("an admin signed up in the Firebase Auth Emulator runs the flow through both services",
          "[e2e][emulator]") {
  const std::optional<EmulatorTools> tools = FindToolsOrSkip();
  if (!tools) return;
  AuthEmulator emulator(*tools, kProjectId);
  const json admin = emulator.SignUp("ada@gofast.test", "ada-password", "Ada Emulator");
  const std::string token = admin["idToken"];
  const std::string uid = admin["localId"];
  INFO("emulator token payload: " << TokenPayload(token).dump());
  // The emulator's own form: unsigned, for the project it was started with.
  CHECK(token.back() == '.');
  CHECK(TokenPayload(token)["aud"] == kProjectId);

  BothServices services(BothServicesOptions{kProjectId, true, {}, "", "", {}});
  CreateRunDialog dialog(services.company(), services.app());
  const DialogResult result =
      ExpectDocumented(dialog.Submit(token, DialogRunFields("Emulator run")));
  INFO("staff: " << result.staff_call.Summary() << ", run: " << result.run_call.Summary());
  REQUIRE(result.ok());
  CHECK(result.staff_call.status == 201);
  CHECK(result.staff_call.body["staff"]["firebaseId"] == uid);
  CHECK(result.staff_call.body["staff"]["email"] == "ada@gofast.test");
  CHECK(result.run["staffGeneratedId"] == result.staff_id);
  CHECK(result.run["createdByFirebaseId"] == uid);

  // The same token again finds the same staff row.
  const CallResult again =
      ExpectDocumented(Service::kCompany, "POST", "/api/staff/find-or-create",
                       services.company().Post("/api/staff/find-or-create", token, json::object()));
  CHECK(again.status == 200);
  CHECK(again.body["staff"]["id"] == result.staff_id);

  const std::string audit_path = "/api/runs/" + result.run["id"].get<std::string>() + "/creator";
  const CallResult audit =
      ExpectDocumented(Service::kApp, "GET", audit_path, services.app().Get(audit_path, token));
  REQUIRE(audit.status == 200);
  CHECK(audit.body["resolution"] == "found");
  CHECK(audit.body["staff"]["firebaseId"] == uid);
  CHECK(audit.body["staff"]["name"] == "Ada Emulator");
}

TEST_CASE(
    "a token the Firebase Auth Emulator issued for another project is refused by both services",
    "[e2e][emulator]") {
  const std::optional<EmulatorTools> tools = FindToolsOrSkip();
  if (!tools) return;
  // A real emulator token, only for another project: its REST sign-up always
  // uses the project the emulator was started with.
  AuthEmulator emulator(*tools, kOtherProjectId);
  const std::string token =
      emulator.SignUp("eve@other.test", "eve-password", "Eve Elsewhere")["idToken"];
  REQUIRE(TokenPayload(token)["aud"] == kOtherProjectId);
  REQUIRE(TokenPayload(token)["iss"] ==
          std::string("https://securetoken.google.com/") + kOtherProjectId);

  BothServices services(BothServicesOptions{kProjectId, true, {}, "", "", {}});
  const CallResult staff =
      ExpectDocumented(Service::kCompany, "POST", "/api/staff/find-or-create",
                       services.company().Post("/api/staff/find-or-create", token, json::object()));
  CHECK(staff.status == 401);
  CHECK(staff.body["code"] == "INVALID_TOKEN");
  CHECK(staff.body["error"].get<std::string>().find("audience") != std::string::npos);

  json run = DialogRunFields("Foreign run");
  run["staffGeneratedId"] = "00000000-0000-4000-8000-000000000001";
  const CallResult created = ExpectDocumented(Service::kApp, "POST", "/api/runs/create",
                                              services.app().Post("/api/runs/create", token, run));
  CHECK(created.status == 401);
  CHECK(created.body["code"] == "INVALID_TOKEN");
  const CallResult listed =
      ExpectDocumented(Service::kApp, "GET", "/api/runs", services.app().Get("/api/runs", token));
  CHECK(listed.status == 401);
  CHECK(listed.body["code"] == "INVALID_TOKEN");

  CHECK(gofast::testing::CountRows(services.company_db(), "company_staff") == 0);
  CHECK(gofast::testing::CountRows(services.app_db(), "city_runs") == 0);
}

// What `firebase emulators:exec` runs below: both services started as a user's
// script starts them, with no --project-id and no --auth-mode, so they take
// GCLOUD_PROJECT and FIREBASE_AUTH_EMULATOR_HOST from the environment exec
// gives its command; then the player (this binary's hidden test case) plays
// the dialog against them. Its status is left in player.status.
constexpr char kExecScript[] = R"sh(set -u
here=$(dirname "$0")
# The URL of the "listening on" line in file $1, once the service of pid $2 printed it.
url_of() {
  tries=0
  while [ $tries -lt 1200 ]; do
    url=$(sed -n 's/^listening on //p' "$1")
    if [ -n "$url" ]; then echo "$url"; return 0; fi
    kill -0 "$2" 2>/dev/null || return 1
    sleep 0.05
    tries=$((tries + 1))
  done
  return 1
}
app=
"$GOFAST_COMPANY_BIN" --port 0 --db "$here/company.db" >"$here/company.out" 2>"$here/company.err" &
company=$!
trap 'kill $company $app 2>/dev/null; wait' EXIT
company_url=$(url_of "$here/company.out" $company) || exit 90
"$GOFAST_APP_BIN" --port 0 --db "$here/app.db" --company-url "$company_url" \
  >"$here/app.out" 2>"$here/app.err" &
app=$!
app_url=$(url_of "$here/app.out" $app) || exit 91
GOFAST_COMPANY_URL=$company_url GOFAST_APP_URL=$app_url "$GOFAST_PLAYER" "[emulator-exec-player]"
status=$?
echo $status >"$here/player.status"
exit $status
)sh";

// Run only by the script above (hidden: CTest never lists it).
TEST_CASE("under emulators:exec, an emulator admin plays the dialog through both services",
          "[.][emulator-exec-player]") {
  const char* project = std::getenv("GCLOUD_PROJECT");
  const char* emulator_host = std::getenv("FIREBASE_AUTH_EMULATOR_HOST");
  const char* company_url = std::getenv("GOFAST_COMPANY_URL");
  const char* app_url = std::getenv("GOFAST_APP_URL");
  REQUIRE(project != nullptr);
  REQUIRE(emulator_host != nullptr);
  REQUIRE(company_url != nullptr);
  REQUIRE(app_url != nullptr);
  CHECK(std::string(project) == kProjectId);

  const json admin = SignUpAt(std::string("http://") + emulator_host, "ada@gofast.test",
                              "ada-password", "Ada Exec");
  const std::string token = admin["idToken"];
  const std::string uid = admin["localId"];
  JsonClient company(company_url, std::chrono::seconds(10));
  JsonClient app(app_url, std::chrono::seconds(10));
  gofast::testing::WatchRequests(company, Service::kCompany);
  gofast::testing::WatchRequests(app, Service::kApp);
  const DialogResult result =
      ExpectDocumented(CreateRunDialog(company, app).Submit(token, DialogRunFields("Exec run")));
  INFO("staff: " << result.staff_call.Summary() << ", run: " << result.run_call.Summary());
  REQUIRE(result.ok());
  CHECK(result.staff_call.status == 201);
  CHECK(result.staff_call.body["staff"]["firebaseId"] == uid);
  CHECK(result.run["createdByFirebaseId"] == uid);
  const std::string audit_path = "/api/runs/" + result.run["id"].get<std::string>() + "/creator";
  const CallResult audit =
      ExpectDocumented(Service::kApp, "GET", audit_path, app.Get(audit_path, token));
  CHECK(audit.status == 200);
  CHECK(audit.body["resolution"] == "found");
  CHECK(audit.body["staff"]["name"] == "Ada Exec");
}

TEST_CASE(
    "both services run unchanged under firebase emulators:exec, which names the project "
    "and the emulator",
    "[e2e][emulator]") {
  const std::optional<EmulatorTools> tools = FindToolsOrSkip();
  if (!tools) return;
  TempDir dir;
  gofast::testing::Environment env = PrepareFolder(dir.path(), gofast::process::FreeLoopbackPort());
  env["GOFAST_COMPANY_BIN"] = GOFAST_COMPANY_SERVICE_BIN;
  env["GOFAST_APP_BIN"] = GOFAST_APP_SERVICE_BIN;
  env["GOFAST_PLAYER"] = fs::read_symlink("/proc/self/exe").string();
  const fs::path script = dir.path() / "run.sh";
  WriteFile(script, kExecScript);
  const fs::path log = dir.path() / "exec.log";
  {
    ProcessGroup exec(tools->node,
                      {tools->firebase, "emulators:exec", "--only", "auth", "--project", kProjectId,
                       "sh '" + script.string() + "'"},
                      env, dir.path().string(), log.string(), kStopTimeout);
    const auto deadline = std::chrono::steady_clock::now() + 2 * kReadyTimeout;
    while (!exec.Exited() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  INFO("emulators:exec:\n"
       << ReadFile(log) << "company_service:\n"
       << ReadFile(dir.path() / "company.err") << "app_service:\n"
       << ReadFile(dir.path() / "app.err"));
  CHECK(ReadFile(dir.path() / "player.status") == "0\n");
  for (const char* service : {"company", "app"}) {
    CHECK(ReadFile(dir.path() / (std::string(service) + ".err"))
              .find(std::string(" auth=emulator project=") + kProjectId + " ") !=
          std::string::npos);
  }
  CHECK(ReadFile(log).find("Script exited successfully") != std::string::npos);
}
