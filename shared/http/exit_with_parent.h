#ifndef GOFAST_SHARED_HTTP_EXIT_WITH_PARENT_H_
#define GOFAST_SHARED_HTTP_EXIT_WITH_PARENT_H_

#include <sys/types.h>

namespace gofast::http {

// --exit-with-parent: has the kernel send SIGTERM to this process when its
// parent exits, so that it stops as on any SIGTERM. `parent` is getppid()
// read first thing in main. False when the parent is already gone.
bool ExitWithParent(pid_t parent);

}  // namespace gofast::http

#endif  // GOFAST_SHARED_HTTP_EXIT_WITH_PARENT_H_
