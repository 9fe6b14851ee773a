#include "shared/http/service_main.h"

#include <malloc.h>

namespace gofast::http {
namespace {

// glibc hands freed memory above 128 KB at the top of a thread's heap back to
// the kernel at once; every list answer (tens of KB, several per thread) then
// cost an madvise, 6% of a list request. Up to this much is kept for reuse.
constexpr int kMallocTrimThresholdBytes = 16 << 20;

}  // namespace

ServerOptions ServerOptionsFor(const config::CommonConfig& config,
                               std::function<Status()> readiness) {
  ServerOptions options;
  options.readiness = std::move(readiness);
  options.access_log = config.access_log;
  options.limits.max_body_bytes = config.max_body_bytes;
  options.limits.max_connections = config.max_connections;
  options.limits.head_timeout = std::chrono::milliseconds(config.head_timeout_ms);
  options.limits.max_head_bytes = config.max_head_bytes;
  options.limits.max_headers = config.max_headers;
  return options;
}

int Serve(const char* name, Server& server, const std::string& host, int port) {
  mallopt(M_TRIM_THRESHOLD, kMallocTrimThresholdBytes);
  const Result<int> bound = server.Bind(host, port);
  if (!bound) {
    std::fprintf(stderr, "%s: %s\n", name, bound.error().message.c_str());
    return 1;
  }
  std::printf("listening on http://%s:%d\n", host.c_str(), bound.value());
  std::fflush(stdout);
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
