#ifndef GOFAST_SHARED_HTTP_SERVICE_MAIN_H_
#define GOFAST_SHARED_HTTP_SERVICE_MAIN_H_

#include <unistd.h>

#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "shared/config/common_config.h"
#include "shared/core/log.h"
#include "shared/core/result.h"
#include "shared/http/exit_with_parent.h"
#include "shared/http/server.h"
#include "shared/http/stop_signals.h"

namespace gofast::http {

// The server options the shared command line gives (limits, access log),
// with the service's readiness check.
ServerOptions ServerOptionsFor(const config::CommonConfig& config,
                               std::function<Status()> readiness);

// The line a service logs once it listens, for whoever reads its log:
//   app_service 0.1.0 listening on http://127.0.0.1:4200 auth=emulator
//   project=demo-gofast db=data/app.db testApi=off commit=e519610
// (one line, after the time; LogRecord says how values are quoted and how the
// JSON form looks).
LogRecord StartLine(const config::CommonConfig& config, int bound_port);

// Binds, prints the one "listening on" line on standard output, logs the
// start line (StartLine), serves until SIGTERM/SIGINT, then runs the server's
// clean-stop hook. Exit 1 when the port cannot be bound or the hook fails, 0
// after a clean stop.
int Serve(const char* name, Server& server, const config::CommonConfig& config);

// The whole life of a service process, the same for both services:
// options (exit 2 on a bad one), composition (exit 2 when the app cannot be
// built: database, keys, seed), then Serve. `Config` has a `common` member;
// `App` has `server()`.
template <typename Config, typename App>
int ServiceMain(int argc, char** argv, const char* name,
                config::ParseOutcome (*parse)(const std::vector<std::string>&, Config&),
                Result<std::unique_ptr<App>> (*create)(const Config&)) {
  const pid_t parent = getppid();  // before the parent has time to exit: see ExitWithParent
  BlockStopSignals();
  Config config;
  const config::ParseOutcome outcome =
      parse(std::vector<std::string>(argv + 1, argv + argc), config);
  if (!outcome.run) {
    std::fprintf(outcome.exit_code == 0 ? stdout : stderr, "%s\n", outcome.message.c_str());
    return outcome.exit_code;
  }
  SetLogFormat(config.common.log_format);
  if (config.common.exit_with_parent && !ExitWithParent(parent)) {
    std::fprintf(stderr, "%s: --exit-with-parent: the parent process has already exited\n", name);
    return 1;
  }
  Result<std::unique_ptr<App>> app = create(config);
  if (!app) {
    std::fprintf(stderr, "%s: %s\n", name, app.error().message.c_str());
    return 2;
  }
  return Serve(name, app.value()->server(), config.common);
}

}  // namespace gofast::http

#endif  // GOFAST_SHARED_HTTP_SERVICE_MAIN_H_
