#ifndef GOFAST_SHARED_HTTP_STOP_SIGNALS_H_
#define GOFAST_SHARED_HTTP_STOP_SIGNALS_H_

#include "shared/http/server.h"

namespace gofast::http {

// Blocks SIGTERM and SIGINT in the calling thread and every thread it starts
// later: call it first in main, before any thread exists.
void BlockStopSignals();

// Serves until SIGTERM or SIGINT arrives, then stops the server, which
// finishes the requests in flight before this returns. True when a signal
// stopped it; false when the server ended by itself (its listener failed).
bool ServeUntilStopSignal(Server& server);

}  // namespace gofast::http

#endif  // GOFAST_SHARED_HTTP_STOP_SIGNALS_H_
