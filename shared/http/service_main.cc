#include "shared/http/service_main.h"

#include <malloc.h>

#include <string_view>

#include "shared/core/build_info.h"
#include "shared/core/log.h"

namespace gofast::http {
namespace {

// glibc hands freed memory above 128 KB at the top of a thread's heap back to
// the kernel at once; every list answer (tens of KB, several per thread) then
// cost an madvise, 6% of a list request. Up to this much is kept for reuse.
constexpr int kMallocTrimThresholdBytes = 16 << 20;

// A value of the start line as logfmt writes one: bare when it is one word,
// else quoted.
std::string StartLineValue(std::string_view value) {
  if (!value.empty() && value.find_first_of(" \"\\=") == std::string_view::npos) {
    return std::string(value);
  }
  std::string quoted = "\"";
  for (const char c : value) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

}  // namespace

std::string StartLine(const config::CommonConfig& config, int bound_port) {
  const BuildInfo& build = GetBuildInfo();
  std::string line = config.service;
  line.append(" ").append(build.version);
  line += " listening on http://" + config.host + ":" + std::to_string(bound_port);
  line += " auth=";
  line += config.auth_mode == auth::AuthMode::kEmulator ? "emulator" : "production";
  line += " project=" + StartLineValue(config.project_id);
  line += " db=" + StartLineValue(config.db_path);
  line += config.test_api ? " test-api=on" : " test-api=off";
  line += " commit=" + StartLineValue(build.commit);
  return line;
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
  LogLine(StartLine(config, bound.value()));
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
