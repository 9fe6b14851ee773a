#include "shared/config/common_config.h"

#include <algorithm>
#include <cstdlib>

namespace gofast::config {

std::optional<std::string> NonEmptyEnv(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

CommonOptions::CommonOptions(CLI::App& app, CommonConfig& config, const ServiceIdentity& identity)
    : config_(config) {
  config.service = app.get_name();
  config.port = identity.default_port;
  config.db_path = identity.default_db_path;
  const std::string& prefix = identity.env_prefix;

  app.add_option("--host", config.host, "Address to bind")
      ->envname(prefix + "HOST")
      ->capture_default_str();
  app.add_option("--port", config.port, "Port to bind; 0 picks a free port")
      ->envname(prefix + "PORT")
      ->check(NumberIn(0, 65535))
      ->capture_default_str();
  app.add_option("--db", config.db_path,
                 "SQLite database file (its folder is created), or for the company a PostgreSQL "
                 "URI, postgresql://USER@HOST:PORT/DATABASE (a password in it shows in ps: "
                 "prefer PGPASSWORD or ~/.pgpass)")
      ->envname(prefix + "DB")
      ->capture_default_str();
  app.add_option("--project-id", config.project_id,
                 "Firebase project id (env FIREBASE_PROJECT_ID, else GOOGLE_CLOUD_PROJECT, else "
                 "GCLOUD_PROJECT); required")
      ->envname("FIREBASE_PROJECT_ID");
  auth_mode_option_ = app.add_option("--auth-mode", auth_mode_text_,
                                     "production or emulator (env AUTH_MODE; "
                                     "FIREBASE_AUTH_EMULATOR_HOST set means emulator)")
                          ->envname("AUTH_MODE")
                          ->check(CLI::IsMember({"production", "emulator"}))
                          ->capture_default_str();
  app.add_option("--firebase-certs", config.firebase_certs,
                 "Token signing certificates: a certs.json file, or an http(s):// URL")
      ->envname("FIREBASE_CERTS")
      ->capture_default_str();
  app.add_option("--clock-skew", config.clock_skew_seconds,
                 "Seconds of clock skew allowed on exp and iat")
      ->envname("CLOCK_SKEW_SECONDS")
      ->check(NumberIn(int64_t{0}, int64_t{86400}))
      ->capture_default_str();
  app.add_option("--max-body-bytes", config.max_body_bytes, "Larger request bodies get 413")
      ->envname("MAX_BODY_BYTES")
      ->check(NumberIn(size_t{1}, size_t{1} << 30))
      ->capture_default_str();
  app.add_option("--max-connections", config.max_connections,
                 "Open connections served at once; one more is answered 503 SERVER_BUSY")
      ->envname("MAX_CONNECTIONS")
      ->check(NumberIn(size_t{1}, size_t{16384}))
      ->capture_default_str();
  app.add_option("--head-timeout-ms", config.head_timeout_ms,
                 "Milliseconds for a request's line and headers to arrive; then 408")
      ->envname("HEAD_TIMEOUT_MS")
      ->check(NumberIn(int64_t{1}, int64_t{3600000}))
      ->capture_default_str();
  app.add_option("--max-head-bytes", config.max_head_bytes,
                 "Larger request heads (request line and headers) get 431")
      ->envname("MAX_HEAD_BYTES")
      ->check(NumberIn(size_t{1024}, size_t{1} << 24))
      ->capture_default_str();
  app.add_option("--max-headers", config.max_headers, "Requests with more headers get 431")
      ->envname("MAX_HEADERS")
      ->check(NumberIn(size_t{1}, size_t{10000}))
      ->capture_default_str();
  app.add_option("--access-log", access_log_text_,
                 "One log line per request on standard error: on or off")
      ->envname("ACCESS_LOG")
      ->check(CLI::IsMember({"on", "off"}))
      ->capture_default_str();
  app.add_option("--log-format", log_format_text_,
                 "How log lines are written on standard error: text, or json (one object per "
                 "line)")
      ->envname("LOG_FORMAT")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  app.add_flag("--exit-with-parent", config.exit_with_parent,
               "Stop, as on SIGTERM, when the process that started this one exits (Linux)");
  app.set_version_flag("--version", app.get_name() + " " + GOFAST_VERSION,
                       "Print the version and exit");
  // Unprefixed, so one variable turns it on for both services; GOFAST_, because other teams'
  // test harnesses set it beside their own variables.
  app.add_flag("--test-api", config.test_api,
               "Serve DELETE /_test/data, POST /_test/seed and GET /_test/export "
               "(emulator auth mode only)")
      ->envname("GOFAST_TEST_API");
  // The real systems' machine lane: one key, given to both services, unprefixed for that.
  app.add_option("--internal-api-key", config.internal_api_key,
                 "The services' shared key: the company serves its staff change feed to callers "
                 "sending it; the app sends it (replica mode) (default: none, no feed)")
      ->envname("GOFAST_INTERNAL_API_KEY");
  app.add_option("--import", config.import_path,
                 "Empty the database, then load this seed file, at start (emulator auth mode "
                 "only; default: none)")
      ->envname(prefix + "IMPORT");
  app.add_option("--export-on-exit", config.export_on_exit_path,
                 "Write all data to this file, as a seed, when SIGTERM or SIGINT stops the service "
                 "(emulator auth mode only; default: none)")
      ->envname(prefix + "EXPORT_ON_EXIT");
}

void CommonOptions::Finish() {
  // FIREBASE_PROJECT_ID is the option's own variable; the Google Cloud names follow.
  for (const char* variable : {"GOOGLE_CLOUD_PROJECT", "GCLOUD_PROJECT"}) {
    if (config_.project_id.empty()) config_.project_id = NonEmptyEnv(variable).value_or("");
  }
  if (config_.project_id.empty()) {
    throw CLI::ValidationError("--project-id",
                               "a Firebase project id is required: give --project-id, or set "
                               "FIREBASE_PROJECT_ID, GOOGLE_CLOUD_PROJECT or GCLOUD_PROJECT");
  }
  if (auth_mode_option_->count() == 0 && NonEmptyEnv("FIREBASE_AUTH_EMULATOR_HOST")) {
    auth_mode_text_ = "emulator";
  }
  config_.auth_mode =
      auth_mode_text_ == "emulator" ? auth::AuthMode::kEmulator : auth::AuthMode::kProduction;
  config_.access_log = access_log_text_ == "on";
  config_.log_format = log_format_text_ == "json" ? LogFormat::kJson : LogFormat::kText;
  if (config_.auth_mode == auth::AuthMode::kProduction) {
    const std::pair<const char*, bool> test_options[] = {
        {"--test-api", config_.test_api},
        {"--import", !config_.import_path.empty()},
        {"--export-on-exit", !config_.export_on_exit_path.empty()}};
    for (const auto& [name, given] : test_options) {
      if (given) {
        throw CLI::ValidationError(
            name,
            "a test-suite option, refused in production auth mode (add --auth-mode emulator)");
      }
    }
  }
}

Result<std::shared_ptr<auth::TokenVerifier>> MakeTokenVerifier(const CommonConfig& config) {
  Result<std::shared_ptr<auth::KeySource>> keys = auth::MakeKeySource(config.firebase_certs);
  if (!keys) return keys.error();
  constexpr size_t kVerifiedTokensRemembered = 10000;
  return std::make_shared<auth::TokenVerifier>(
      auth::VerifierOptions{config.project_id, config.auth_mode, config.clock_skew_seconds,
                            kVerifiedTokensRemembered},
      std::move(keys).value());
}

ParseOutcome ParseCommandLine(CLI::App& app, const std::vector<std::string>& args,
                              const std::function<void()>& finish) {
  // CLI11 consumes its vector from the back.
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
    finish();
  } catch (const CLI::CallForHelp&) {
    return ParseOutcome{false, 0, app.help()};
  } catch (const CLI::CallForVersion& e) {
    return ParseOutcome{false, 0, e.what()};
  } catch (const CLI::ExtrasError&) {
    return ParseOutcome{false, 2, app.get_name() + ": " + DescribeUnexpected(app)};
  } catch (const CLI::ParseError& e) {
    return ParseOutcome{false, 2, app.get_name() + ": " + e.what()};
  }
  return ParseOutcome{};
}

}  // namespace gofast::config
