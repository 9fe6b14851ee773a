// The shared command-line options, parsed from an argument vector with the
// environment fallbacks of spec/conventions.md.
#include <CLI/CLI.hpp>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "shared/config/common_config.h"
#include "tests/support/process.h"

namespace gofast::config {
namespace {

using Catch::Matchers::Contains;

// Every variable the shared options read: cleared for a test, restored after.
const char* const kVariables[] = {
    "COMPANY_HOST",         "COMPANY_PORT",       "COMPANY_DB",     "FIREBASE_PROJECT_ID",
    "GOOGLE_CLOUD_PROJECT", "GCLOUD_PROJECT",     "AUTH_MODE",      "FIREBASE_AUTH_EMULATOR_HOST",
    "FIREBASE_CERTS",       "CLOCK_SKEW_SECONDS", "MAX_BODY_BYTES", "ACCESS_LOG",
};

class ScopedEnvironment {
 public:
  ScopedEnvironment() {
    for (const char* name : kVariables) {
      if (const char* value = std::getenv(name)) saved_[name] = value;
      unsetenv(name);
    }
  }
  ~ScopedEnvironment() {
    for (const char* name : kVariables) {
      const auto it = saved_.find(name);
      if (it == saved_.end()) {
        unsetenv(name);
      } else {
        setenv(name, it->second.c_str(), 1);
      }
    }
  }
  ScopedEnvironment(const ScopedEnvironment&) = delete;
  ScopedEnvironment& operator=(const ScopedEnvironment&) = delete;

  void Set(const char* name, const std::string& value) { setenv(name, value.c_str(), 1); }

 private:
  std::map<std::string, std::string> saved_;
};

struct Parsed {
  ParseOutcome outcome;
  CommonConfig config;
};

Parsed Parse(const std::vector<std::string>& args) {
  CLI::App app{"test service", "company_service"};
  Parsed parsed;
  CommonOptions options(app, parsed.config, ServiceIdentity{"COMPANY_", 4100, "data/company.db"});
  parsed.outcome = ParseCommandLine(app, args, [&options] { options.Finish(); });
  return parsed;
}

bool IsOneLine(const std::string& text) {
  const std::string trimmed = text.substr(0, text.find_last_not_of('\n') + 1);
  return !trimmed.empty() && trimmed.find('\n') == std::string::npos;
}

}  // namespace

TEST_CASE("the shared options have the defaults of the conventions", "[unit][config]") {
  ScopedEnvironment env;
  const Parsed parsed = Parse({"--project-id", "demo-p"});
  REQUIRE(parsed.outcome.run);
  const CommonConfig& config = parsed.config;
  CHECK(config.host == "127.0.0.1");
  CHECK(config.port == 4100);
  CHECK(config.db_path == "data/company.db");
  CHECK(config.project_id == "demo-p");
  CHECK(config.auth_mode == auth::AuthMode::kProduction);
  CHECK(config.firebase_certs == auth::kGoogleCertsUrl);
  CHECK(config.clock_skew_seconds == 300);
  CHECK(config.max_body_bytes == 65536);
  CHECK(config.access_log);
}

TEST_CASE("every shared option is read from the command line", "[unit][config]") {
  ScopedEnvironment env;
  const Parsed parsed =
      Parse({"--host", "0.0.0.0", "--port", "0", "--db", "/tmp/x/y.db", "--project-id", "p",
             "--auth-mode", "emulator", "--firebase-certs", "certs.json", "--clock-skew", "5",
             "--max-body-bytes", "1024", "--access-log", "off"});
  REQUIRE(parsed.outcome.run);
  const CommonConfig& config = parsed.config;
  CHECK(config.host == "0.0.0.0");
  CHECK(config.port == 0);
  CHECK(config.db_path == "/tmp/x/y.db");
  CHECK(config.auth_mode == auth::AuthMode::kEmulator);
  CHECK(config.firebase_certs == "certs.json");
  CHECK(config.clock_skew_seconds == 5);
  CHECK(config.max_body_bytes == 1024);
  CHECK_FALSE(config.access_log);
}

TEST_CASE("every shared option is read from its environment variable", "[unit][config]") {
  ScopedEnvironment env;
  env.Set("COMPANY_HOST", "0.0.0.0");
  env.Set("COMPANY_PORT", "4999");
  env.Set("COMPANY_DB", "/tmp/env.db");
  env.Set("FIREBASE_PROJECT_ID", "env-project");
  env.Set("AUTH_MODE", "emulator");
  env.Set("FIREBASE_CERTS", "http://127.0.0.1:1/certs");
  env.Set("CLOCK_SKEW_SECONDS", "60");
  env.Set("MAX_BODY_BYTES", "2048");
  env.Set("ACCESS_LOG", "off");
  const Parsed parsed = Parse({});
  REQUIRE(parsed.outcome.run);
  const CommonConfig& config = parsed.config;
  CHECK(config.host == "0.0.0.0");
  CHECK(config.port == 4999);
  CHECK(config.db_path == "/tmp/env.db");
  CHECK(config.project_id == "env-project");
  CHECK(config.auth_mode == auth::AuthMode::kEmulator);
  CHECK(config.firebase_certs == "http://127.0.0.1:1/certs");
  CHECK(config.clock_skew_seconds == 60);
  CHECK(config.max_body_bytes == 2048);
  CHECK_FALSE(config.access_log);
}

TEST_CASE("an option beats its environment variable", "[unit][config]") {
  ScopedEnvironment env;
  env.Set("COMPANY_PORT", "4999");
  env.Set("FIREBASE_PROJECT_ID", "env-project");
  env.Set("CLOCK_SKEW_SECONDS", "60");
  env.Set("AUTH_MODE", "emulator");
  const Parsed parsed = Parse({"--port", "4321", "--project-id", "cli-project", "--clock-skew", "7",
                               "--auth-mode", "production"});
  REQUIRE(parsed.outcome.run);
  CHECK(parsed.config.port == 4321);
  CHECK(parsed.config.project_id == "cli-project");
  CHECK(parsed.config.clock_skew_seconds == 7);
  CHECK(parsed.config.auth_mode == auth::AuthMode::kProduction);
}

TEST_CASE("the project id comes from FIREBASE_PROJECT_ID before GOOGLE_CLOUD_PROJECT",
          "[unit][config]") {
  ScopedEnvironment env;
  env.Set("GOOGLE_CLOUD_PROJECT", "gcloud-project");
  env.Set("GCLOUD_PROJECT", "legacy-gcloud-project");
  SECTION("GOOGLE_CLOUD_PROJECT is the fallback, before GCLOUD_PROJECT") {
    const Parsed parsed = Parse({});
    REQUIRE(parsed.outcome.run);
    CHECK(parsed.config.project_id == "gcloud-project");
  }
  SECTION("FIREBASE_PROJECT_ID wins over it") {
    env.Set("FIREBASE_PROJECT_ID", "firebase-project");
    const Parsed parsed = Parse({});
    REQUIRE(parsed.outcome.run);
    CHECK(parsed.config.project_id == "firebase-project");
  }
  SECTION("an empty FIREBASE_PROJECT_ID counts as unset") {
    env.Set("FIREBASE_PROJECT_ID", "");
    const Parsed parsed = Parse({});
    REQUIRE(parsed.outcome.run);
    CHECK(parsed.config.project_id == "gcloud-project");
  }
  SECTION("--project-id wins over both") {
    env.Set("FIREBASE_PROJECT_ID", "firebase-project");
    const Parsed parsed = Parse({"--project-id", "cli-project"});
    REQUIRE(parsed.outcome.run);
    CHECK(parsed.config.project_id == "cli-project");
  }
}

TEST_CASE("GCLOUD_PROJECT, which firebase emulators:exec sets, is the last fallback",
          "[unit][config]") {
  ScopedEnvironment env;
  env.Set("GCLOUD_PROJECT", "demo-exec");
  SECTION("alone, it names the project") {
    const Parsed parsed = Parse({});
    REQUIRE(parsed.outcome.run);
    CHECK(parsed.config.project_id == "demo-exec");
  }
  SECTION("empty, it counts as unset") {
    env.Set("GCLOUD_PROJECT", "");
    CHECK_FALSE(Parse({}).outcome.run);
  }
  SECTION("each of the others wins over it") {
    env.Set("GOOGLE_CLOUD_PROJECT", "google-cloud");
    CHECK(Parse({}).config.project_id == "google-cloud");
    env.Set("FIREBASE_PROJECT_ID", "firebase");
    CHECK(Parse({}).config.project_id == "firebase");
    CHECK(Parse({"--project-id", "cli"}).config.project_id == "cli");
  }
}

TEST_CASE("a missing project id exits 2 with one line naming the option and the three variables",
          "[unit][config]") {
  ScopedEnvironment env;
  const Parsed parsed = Parse({});
  CHECK_FALSE(parsed.outcome.run);
  CHECK(parsed.outcome.exit_code == 2);
  CHECK(IsOneLine(parsed.outcome.message));
  for (const char* name :
       {"--project-id", "FIREBASE_PROJECT_ID", "GOOGLE_CLOUD_PROJECT", "GCLOUD_PROJECT"}) {
    CHECK_THAT(parsed.outcome.message, Contains(name));
  }
}

TEST_CASE("FIREBASE_AUTH_EMULATOR_HOST selects emulator mode unless --auth-mode is given",
          "[unit][config]") {
  ScopedEnvironment env;
  env.Set("FIREBASE_PROJECT_ID", "p");
  env.Set("FIREBASE_AUTH_EMULATOR_HOST", "127.0.0.1:9099");
  SECTION("the variable alone means emulator") {
    const Parsed parsed = Parse({});
    REQUIRE(parsed.outcome.run);
    CHECK(parsed.config.auth_mode == auth::AuthMode::kEmulator);
  }
  SECTION("--auth-mode production wins") {
    const Parsed parsed = Parse({"--auth-mode", "production"});
    REQUIRE(parsed.outcome.run);
    CHECK(parsed.config.auth_mode == auth::AuthMode::kProduction);
  }
  SECTION("an empty variable does not count") {
    env.Set("FIREBASE_AUTH_EMULATOR_HOST", "");
    const Parsed parsed = Parse({});
    REQUIRE(parsed.outcome.run);
    CHECK(parsed.config.auth_mode == auth::AuthMode::kProduction);
  }
}

TEST_CASE("a bad option value exits 2 with one line", "[unit][config]") {
  ScopedEnvironment env;
  const std::vector<std::vector<std::string>> bad = {
      {"--port", "70000"},       {"--port", "-1"},
      {"--port", "http"},        {"--auth-mode", "foo"},
      {"--clock-skew", "abc"},   {"--clock-skew", "-5"},
      {"--max-body-bytes", "0"}, {"--access-log", "maybe"},
      {"--no-such-option"},      {"--port"},
      {"stray-positional"},
  };
  for (std::vector<std::string> args : bad) {
    args.insert(args.begin(), {"--project-id", "p"});
    const Parsed parsed = Parse(args);
    INFO(args.at(2) << " -> " << parsed.outcome.message);
    CHECK_FALSE(parsed.outcome.run);
    CHECK(parsed.outcome.exit_code == 2);
    CHECK(IsOneLine(parsed.outcome.message));
  }
}

TEST_CASE("a bad environment value exits 2 with one line", "[unit][config]") {
  ScopedEnvironment env;
  env.Set("FIREBASE_PROJECT_ID", "p");
  env.Set("COMPANY_PORT", "70000");
  const Parsed parsed = Parse({});
  CHECK_FALSE(parsed.outcome.run);
  CHECK(parsed.outcome.exit_code == 2);
  CHECK(IsOneLine(parsed.outcome.message));
}

TEST_CASE("--help exits 0 and documents the options and their variables", "[unit][config]") {
  ScopedEnvironment env;  // no project id: --help still works
  const Parsed parsed = Parse({"--help"});
  CHECK_FALSE(parsed.outcome.run);
  CHECK(parsed.outcome.exit_code == 0);
  for (const char* text :
       {"--host", "--port", "--db", "--project-id", "--auth-mode", "--firebase-certs",
        "--clock-skew", "--max-body-bytes", "--access-log", "COMPANY_PORT", "FIREBASE_PROJECT_ID",
        "GOOGLE_CLOUD_PROJECT", "GCLOUD_PROJECT", "FIREBASE_AUTH_EMULATOR_HOST"}) {
    CHECK_THAT(parsed.outcome.message, Contains(text));
  }
}

TEST_CASE("--help shows the default of every option that has one", "[unit][config]") {
  ScopedEnvironment env;
  const std::string help = Parse({"--help"}).outcome.message;
  for (const char* shown :
       {"--host TEXT=127.0.0.1", "=4100", "--db TEXT=data/company.db", "=production",
        "=300 (Env:CLOCK_SKEW_SECONDS)", "=65536 (Env:MAX_BODY_BYTES)", "=512", "=10000",
        "=100 (Env:MAX_HEADERS)", "--access-log TEXT:{on,off}=on", auth::kGoogleCertsUrl}) {
    CHECK_THAT(help, Contains(shown));
  }
}

TEST_CASE("an unknown option is named with the nearest known one", "[unit][config]") {
  ScopedEnvironment env;
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"--dbb", "x.db"}, "company_service: unknown option --dbb; did you mean --db?"},
      {{"--prot", "1"}, "company_service: unknown option --prot; did you mean --port?"},
      {{"--projct-id=p"},
       "company_service: unknown option --projct-id; did you mean --project-id?"},
      {{"--clock-skw", "5"},
       "company_service: unknown option --clock-skw; did you mean --clock-skew?"},
      {{"--exit-with"},
       "company_service: unknown option --exit-with; did you mean --exit-with-parent?"},
      {{"--zebra"}, "company_service: unknown option --zebra"},
      {{"stray-positional"}, "company_service: unexpected argument stray-positional"},
  };
  for (const auto& [more, expected] : cases) {
    std::vector<std::string> args = {"--project-id", "p"};
    args.insert(args.end(), more.begin(), more.end());
    const Parsed parsed = Parse(args);
    INFO(more.front());
    CHECK_FALSE(parsed.outcome.run);
    CHECK(parsed.outcome.exit_code == 2);
    CHECK(parsed.outcome.message == expected);
  }
}

TEST_CASE("a number option given a word says it is not a number", "[unit][config]") {
  ScopedEnvironment env;
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"--port", "abc"}, "company_service: --port: abc is not a number"},
      {{"--port", "80.5"}, "company_service: --port: 80.5 is not a whole number"},
      {{"--port", "70000"}, "company_service: --port: 70000 is not in the range 0 to 65535"},
      {{"--port", "-1"}, "company_service: --port: -1 is not in the range 0 to 65535"},
      {{"--clock-skew", "soon"}, "company_service: --clock-skew: soon is not a number"},
      {{"--max-body-bytes", "big"}, "company_service: --max-body-bytes: big is not a number"},
      {{"--max-body-bytes", "-1"},
       "company_service: --max-body-bytes: -1 is not in the range 1 to 1073741824"},
  };
  for (const auto& [more, expected] : cases) {
    std::vector<std::string> args = {"--project-id", "p"};
    args.insert(args.end(), more.begin(), more.end());
    const Parsed parsed = Parse(args);
    INFO(more.back());
    CHECK(parsed.outcome.exit_code == 2);
    CHECK(parsed.outcome.message == expected);
  }
  SECTION("from the environment too") {
    env.Set("COMPANY_PORT", "abc");
    CHECK(Parse({"--project-id", "p"}).outcome.message ==
          "company_service: --port: abc is not a number");
  }
}

TEST_CASE("MakeTokenVerifier reads a key file at once and refuses an unreadable one",
          "[unit][config]") {
  testing::TempDir dir;
  CommonConfig config;
  config.project_id = "p";
  config.firebase_certs = dir.File("missing-certs.json");
  CHECK_FALSE(MakeTokenVerifier(config).ok());
}

TEST_CASE("MakeTokenVerifier does not fetch a key URL at start", "[unit][config]") {
  CommonConfig config;
  config.project_id = "p";
  config.auth_mode = auth::AuthMode::kEmulator;
  config.firebase_certs = "http://127.0.0.1:1/never-fetched";  // nothing listens on port 1
  const Result<std::shared_ptr<auth::TokenVerifier>> verifier = MakeTokenVerifier(config);
  REQUIRE(verifier.ok());
  CHECK(verifier.value()->options().project_id == "p");
  CHECK(verifier.value()->options().mode == auth::AuthMode::kEmulator);
}

TEST_CASE("an empty environment variable counts as unset", "[unit][config]") {
  ScopedEnvironment env;
  for (const char* name :
       {"COMPANY_HOST", "COMPANY_PORT", "COMPANY_DB", "AUTH_MODE", "FIREBASE_CERTS",
        "CLOCK_SKEW_SECONDS", "MAX_BODY_BYTES", "ACCESS_LOG"}) {
    setenv(name, "", 1);
  }
  const Parsed parsed = Parse({"--project-id", "p"});
  INFO(parsed.outcome.message);
  REQUIRE(parsed.outcome.run);
  CHECK(parsed.config.host == "127.0.0.1");
  CHECK(parsed.config.port == 4100);
  CHECK(parsed.config.db_path == "data/company.db");
  CHECK(parsed.config.auth_mode == auth::AuthMode::kProduction);
  CHECK(parsed.config.firebase_certs == auth::kGoogleCertsUrl);
  CHECK(parsed.config.clock_skew_seconds == 300);
  CHECK(parsed.config.max_body_bytes == 65536);
  CHECK(parsed.config.access_log);
}

}  // namespace gofast::config
