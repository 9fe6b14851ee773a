#include "app_service/config.h"

#include <map>

#include "shared/core/text.h"

namespace gofast::app {

config::ParseOutcome ParseAppConfig(const std::vector<std::string>& args, AppConfig& config) {
  CLI::App app{
      "gofastapp-mvp service: city runs, run clubs and athletes in their own SQLite database",
      "app_service"};
  config::CommonOptions common(app, config.common, {"APP_", 4200, "data/app.db"});
  app.add_option("--company-url", config.company_url,
                 "Base URL of the company service, used by the audit (e.g. http://127.0.0.1:4100; "
                 "default: none, and an audit answers company_unavailable)")
      ->envname("COMPANY_SERVICE_URL");
  app.add_option("--company-timeout-ms", config.company_timeout_ms,
                 "Deadline of a whole call to the company service (connect, send, receive), "
                 "in milliseconds")
      ->envname("COMPANY_TIMEOUT_MS")
      ->check(config::NumberIn(int64_t{1}, int64_t{600000}))
      ->capture_default_str();
  app.add_option("--company-max-answer-bytes", config.company_max_answer_bytes,
                 "A larger answer from the company service is not read (company_unavailable)")
      ->envname("COMPANY_MAX_ANSWER_BYTES")
      ->check(config::NumberIn(size_t{1024}, size_t{1} << 30))
      ->capture_default_str();
  app.add_option("--company-max-concurrent", config.company_max_concurrent,
                 "Calls to the company service at once; an audit beyond them answers "
                 "company_unavailable at once")
      ->envname("COMPANY_MAX_CONCURRENT")
      ->check(config::NumberIn(size_t{1}, size_t{4096}))
      ->capture_default_str();
  app.add_option("--run-cache-mb", config.run_cache_mb,
                 "Megabytes of run answer text the list keeps, so its pages are written from "
                 "their index; 0 keeps none")
      ->envname("RUN_CACHE_MB")
      ->check(config::NumberIn(size_t{0}, size_t{1} << 20))
      ->capture_default_str();
  app.add_option("--cors-origin", config.cors_origin,
                 "The one browser origin allowed to call the API (e.g. http://localhost:3000; "
                 "default: none, no CORS)")
      ->envname("COMPANY_APP_ORIGIN");
  app.add_option("--duplicates", config.duplicates,
                 "refuse: a run repeating a stored one of its club (same title, same UTC day) "
                 "is 409 DUPLICATE_RUN, as in the real route; allow: it is stored")
      ->envname("APP_DUPLICATES")
      ->transform(CLI::CheckedTransformer(std::map<std::string, DuplicateRule>{
          {"refuse", DuplicateRule::kRefuse}, {"allow", DuplicateRule::kAllow}}))
      ->default_str("refuse");
  app.add_option("--staff-mode", config.staff_mode,
                 "reference: staffGeneratedId is an opaque string and the audit asks the company "
                 "(Option 1); replica: a staff table synced from the company's change feed, with "
                 "a foreign key from city_runs (Option 2; needs --company-url and "
                 "--internal-api-key)")
      ->envname("APP_STAFF_MODE")
      ->transform(CLI::CheckedTransformer(std::map<std::string, StaffMode>{
          {"reference", StaffMode::kReference}, {"replica", StaffMode::kReplica}}))
      ->default_str("reference");
  app.add_option("--staff-sync-interval-ms", config.staff_sync_interval_ms,
                 "In replica mode, how often the company's change feed is read, in milliseconds "
                 "(and at once when a new run names a staff id the replica does not know)")
      ->envname("APP_STAFF_SYNC_INTERVAL_MS")
      ->check(config::NumberIn(int64_t{10}, int64_t{3600000}))
      ->capture_default_str();
  app.add_option("--seed", config.seed_path,
                 "JSON seed {athletes, runClubs, runs} merged at start: identical rows are "
                 "skipped, conflicting ones refused (default: none)")
      ->envname("APP_SEED");
  return config::ParseCommandLine(app, args, [&] {
    common.Finish();
    if (!config.company_url.empty()) {
      if (!StartsWith(config.company_url, "http://") &&
          !StartsWith(config.company_url, "https://")) {
        throw CLI::ValidationError("--company-url", "must start with http:// or https://");
      }
      // Paths are appended to it: one form only.
      while (!config.company_url.empty() && config.company_url.back() == '/') {
        config.company_url.pop_back();
      }
    }
    if (config.staff_mode == StaffMode::kReplica &&
        (config.company_url.empty() || config.common.internal_api_key.empty())) {
      throw CLI::ValidationError("--staff-mode",
                                 "replica needs --company-url and --internal-api-key: the replica "
                                 "is synced from the company's change feed");
    }
    // Browsers send Origin without a trailing slash: drop one given here.
    while (!config.cors_origin.empty() && config.cors_origin.back() == '/') {
      config.cors_origin.pop_back();
    }
    if (!config.cors_origin.empty() && !StartsWith(config.cors_origin, "http://") &&
        !StartsWith(config.cors_origin, "https://")) {
      throw CLI::ValidationError("--cors-origin",
                                 "must be an origin such as http://localhost:3000");
    }
  });
}

}  // namespace gofast::app
