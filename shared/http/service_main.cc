#include "shared/http/service_main.h"

namespace gofast::http {

int Serve(const char* name, Server& server, const std::string& host, int port) {
  const Result<int> bound = server.Bind(host, port);
  if (!bound) {
    std::fprintf(stderr, "%s: %s\n", name, bound.error().message.c_str());
    return 1;
  }
  std::printf("listening on http://%s:%d\n", host.c_str(), bound.value());
  std::fflush(stdout);
  ServeUntilStopSignal(server);
  return 0;
}

}  // namespace gofast::http
