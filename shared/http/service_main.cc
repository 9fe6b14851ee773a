#include "shared/http/service_main.h"

#include <malloc.h>

#include "shared/core/build_info.h"
#include "shared/core/database_url.h"
#include "shared/core/log.h"

namespace gofast::http {
namespace {

// glibc hands freed memory above 128 KB at the top of a thread's heap back to
// the kernel at once; every list answer (tens of KB, several per thread) then
// cost an madvise, 6% of a list request. Up to this much is kept for reuse.
constexpr int kMallocTrimThresholdBytes = 16 << 20;

}  // namespace

LogRecord StartLine(const config::CommonConfig& config, int bound_port) {
  const BuildInfo& build = GetBuildInfo();
  LogRecord record("start");
  record.Add("service", config.service).Add("version", build.version).AddWords("listening on");
  record.Add("url", "http://" + config.host + ":" + std::to_string(bound_port));
  record.AddPair("auth", config.auth_mode == auth::AuthMode::kEmulator ? "emulator" : "production");
  record.AddPair("project", config.project_id).AddPair("db", RedactPassword(config.db_path));
  record.AddPair("testApi", config.test_api ? "on" : "off").AddPair("commit", build.commit);
  return record;
}

ServerOptions ServerOptionsFor(const config::CommonConfig& config,
                               std::function<Status()> readiness) {
  ServerOptions options;
  options.service = config.service;
  options.readiness = std::move(readiness);
  options.access_log = config.access_log;
  options.limits.max_body_bytes = config.max_body_bytes;
  options.limits.max_connections = config.max_connections;
  options.limits.head_timeout = std::chrono::milliseconds(config.head_timeout_ms);
  options.limits.max_head_bytes = config.max_head_bytes;
  options.limits.max_headers = config.max_headers;
  return options;
}

int Serve(const char* name, Server& server, const config::CommonConfig& config) {
  mallopt(M_TRIM_THRESHOLD, kMallocTrimThresholdBytes);
  const Result<int> bound = server.Bind(config.host, config.port);
  if (!bound) {
    std::fprintf(stderr, "%s: %s\n", name, bound.error().message.c_str());
    return 1;
  }
  // Tests and tools read the port from this line: keep its form.
  std::printf("listening on http://%s:%d\n", config.host.c_str(), bound.value());
  std::fflush(stdout);
  StartLine(config, bound.value()).Write();
  if (ServeUntilStopSignal(server)) {
    const Status finished = server.RunCleanStop();
    if (!finished) {
      std::fprintf(stderr, "%s: %s\n", name, finished.error().message.c_str());
      return 1;
    }
  }
  return 0;
}

}  // namespace gofast::http
