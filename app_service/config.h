#ifndef GOFAST_APP_SERVICE_CONFIG_H_
#define GOFAST_APP_SERVICE_CONFIG_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "app_service/domain/duplicate_rule.h"
#include "app_service/domain/staff_replica.h"
#include "shared/config/common_config.h"

namespace gofast::app {

struct AppConfig {
  config::CommonConfig common;
  std::string company_url;            // empty: no company service (the audit answers unavailable)
  int64_t company_timeout_ms = 2000;  // one call: connect, send and receive together
  size_t company_max_answer_bytes = size_t{1} << 20;
  size_t company_max_concurrent = 16;  // audits waiting on the company at once
  size_t run_cache_mb = 32;            // run answer text kept for the list (RunTextCache)
  std::string cors_origin;             // empty: no CORS headers at all
  DuplicateRule duplicates = DuplicateRule::kRefuse;
  std::string seed_path;  // merged at start (seed_file.h); empty: none
  StaffMode staff_mode = StaffMode::kReference;
  int64_t staff_sync_interval_ms = 1000;
};

// Options, then environment variables, then defaults (spec/conventions.md).
config::ParseOutcome ParseAppConfig(const std::vector<std::string>& args, AppConfig& config);

}  // namespace gofast::app

#endif  // GOFAST_APP_SERVICE_CONFIG_H_
