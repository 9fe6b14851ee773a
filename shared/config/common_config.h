#ifndef GOFAST_SHARED_CONFIG_COMMON_CONFIG_H_
#define GOFAST_SHARED_CONFIG_COMMON_CONFIG_H_

#include <CLI/CLI.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "shared/auth/firebase_token.h"
#include "shared/config/command_line.h"
#include "shared/core/log.h"

namespace gofast::config {

// The options both services share (spec/conventions.md).
struct CommonConfig {
  // The program's name, "company_service" or "app_service": set by CommonOptions.
  std::string service;
  std::string host = "127.0.0.1";
  int port = 0;
  std::string db_path;
  std::string project_id;
  auth::AuthMode auth_mode = auth::AuthMode::kProduction;
  std::string firebase_certs = auth::kGoogleCertsUrl;
  int64_t clock_skew_seconds = 300;
  size_t max_body_bytes = 65536;
  bool access_log = true;
  LogFormat log_format = LogFormat::kText;  // of every line on standard error
  bool exit_with_parent = false;            // stop when the process that started this one exits
  // The HTTP connection loop's limits (shared/http/connection_loop.h).
  size_t max_connections = 512;
  int64_t head_timeout_ms = 10000;
  size_t max_head_bytes = 65536;
  size_t max_headers = 100;
  // The shared key of the services' machine lane (GET /api/staff/changes); empty: none.
  std::string internal_api_key;
  // For other teams' test suites (shared/http/test_api.h); refused in production auth mode,
  // where an import would empty a real database.
  bool test_api = false;            // the /_test/ routes
  std::string import_path;          // emptied, then loaded from this file at start
  std::string export_on_exit_path;  // written at a stop by SIGTERM or SIGINT
};

// What differs between the two services: the prefix of the variables that
// locate one service, and its defaults.
struct ServiceIdentity {
  std::string env_prefix;  // "COMPANY_" or "APP_"
  int default_port;
  std::string default_db_path;
};

// Declares the shared options on `app`. Keep `app` alive until FinishCommon runs.
class CommonOptions {
 public:
  CommonOptions(CLI::App& app, CommonConfig& config, const ServiceIdentity& identity);

  // The fallbacks CLI11 cannot express (a chain of variables, a variable
  // that implies a mode), run after parsing. Throws CLI::ValidationError.
  // The project id: --project-id, else FIREBASE_PROJECT_ID, GOOGLE_CLOUD_PROJECT,
  // GCLOUD_PROJECT (what `firebase emulators:exec` sets), the first non-empty.
  void Finish();

 private:
  CLI::Option* auth_mode_option_;
  CommonConfig& config_;
  std::string auth_mode_text_ = "production";
  std::string access_log_text_ = "on";
  std::string log_format_text_ = "text";
};

// What to do after parsing a command line: run, or exit with a code and text.
struct ParseOutcome {
  bool run = true;
  int exit_code = 0;
  std::string message;  // help (exit 0, standard output) or one error line (exit 2, standard error)
};

// Parses args (without the program name) and runs `finish` afterwards;
// turns --help into exit 0 and any CLI::ParseError into exit 2. An unknown
// option is named with the nearest known one ("unknown option --dbb; did you
// mean --db?").
ParseOutcome ParseCommandLine(CLI::App& app, const std::vector<std::string>& args,
                              const std::function<void()>& finish);

// The token verifier the options describe; fails when --firebase-certs is a
// file that cannot be read (a URL is only fetched at the first verification).
Result<std::shared_ptr<auth::TokenVerifier>> MakeTokenVerifier(const CommonConfig& config);

// Reads a variable; empty counts as unset.
std::optional<std::string> NonEmptyEnv(const char* name);

}  // namespace gofast::config

#endif  // GOFAST_SHARED_CONFIG_COMMON_CONFIG_H_
