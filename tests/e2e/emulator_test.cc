// Interoperability with the real Firebase Auth Emulator (npm firebase-tools,
// installed into node_modules/ by scripts/setup): an admin signed up through
// its REST API drives the dialog's flow through both services in emulator
// mode with the emulator's own ID token, and a token it issues for another
// project is refused by both. Without Node.js or the package each test prints
// a "SKIPPED:" line, which CTest reports as skipped (never as passed).
#include <netinet/in.h>
#include <sys/socket.h>
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

#include "shared/core/base64url.h"
#include "shared/devkit/create_run_dialog.h"
#include "tests/support/both_services.h"
#include "tests/support/contract_client.h"
#include "tests/support/db_inspect.h"
#include "tests/support/process.h"
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

// The emulator cannot bind port 0: ask the kernel for a free port, then let it go.
int FreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error("socket failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  const bool ok = bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
                  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0;
  close(fd);
  if (!ok) throw std::runtime_error("no free port");
  return ntohs(address.sin_port);
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

// `firebase emulators:start --only auth` for one project, on free ports, in a
// private folder with its own HOME and TMPDIR: nothing is read from or left
// in the user's Firebase settings, and runs side by side do not meet.
class AuthEmulator {
 public:
  AuthEmulator(const EmulatorTools& tools, const std::string& project_id)
      : port_(FreePort()), child_(Start(tools, project_id)) {
    WaitUntilReady();
  }

  std::string Log() const { return ReadFile(dir_.path() / "emulator.log"); }

  // POST to the emulator's REST API; the answer's JSON (null when not JSON).
  CallResult Post(const std::string& path, const json& body) const {
    JsonClient client("http://127.0.0.1:" + std::to_string(port_), std::chrono::seconds(10));
    return client.Post(path, "", body);
  }

  // A new email/password account, as a web app's createUserWithEmailAndPassword does.
  json SignUp(const std::string& email, const std::string& password,
              const std::string& name) const {
    const CallResult answer = Post("/identitytoolkit.googleapis.com/v1/accounts:signUp?key=any",
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

 private:
  ProcessGroup Start(const EmulatorTools& tools, const std::string& project_id) {
    const fs::path home = dir_.path() / "home";
    // The emulator cannot bind port 0, and its hub and logging ports would
    // otherwise default to 4400 and 4500, shared by every run on the machine.
    const json config = {{"emulators",
                          {{"auth", {{"host", "127.0.0.1"}, {"port", port_}}},
                           {"hub", {{"host", "127.0.0.1"}, {"port", FreePort()}}},
                           {"logging", {{"host", "127.0.0.1"}, {"port", FreePort()}}},
                           {"ui", {{"enabled", false}}},
                           {"singleProjectMode", true}}}};
    WriteFile(dir_.path() / "firebase.json", config.dump(2));
    // A message of the day fetched less than a day ago: the CLI then does not
    // fetch it from the internet at start.
    const auto now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
    WriteFile(home / ".config" / "configstore" / "firebase-tools.json",
              json{{"motd", {{"fetched", now_ms}}}}.dump());

    const gofast::testing::Environment env = {
        {"HOME", home.string()},
        {"TMPDIR", dir_.path().string()},  // the hub's locator file goes there
        {"CI", "true"},                    // no prompts, no update check
        {"NO_UPDATE_NOTIFIER", "1"},
        {"METADATA_SERVER_DETECTION", "none"},  // never probe for a Google Cloud metadata server
    };
    // Its own process group: the CLI starts helpers, and none may outlive the test.
    return ProcessGroup(tools.node,
                        std::vector<std::string>{tools.firebase, "emulators:start", "--only",
                                                 "auth", "--project", project_id},
                        env, dir_.path().string(), (dir_.path() / "emulator.log").string(),
                        kStopTimeout);
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

json TokenPayload(const std::string& token) {
  const size_t first = token.find('.');
  const size_t second = token.find('.', first + 1);
  const std::optional<std::string> payload =
      gofast::Base64UrlDecode(std::string_view(token).substr(first + 1, second - first - 1));
  return payload ? json::parse(*payload, nullptr, false) : json();
}

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

  BothServices services(BothServicesOptions{kProjectId, true, {}, "", ""});
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

  BothServices services(BothServicesOptions{kProjectId, true, {}, "", ""});
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
