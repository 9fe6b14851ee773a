#include "shared/http/exit_with_parent.h"

#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

namespace gofast::http {

bool ExitWithParent(pid_t parent) {
  if (prctl(PR_SET_PDEATHSIG, SIGTERM) != 0) return false;
  // A parent that exited before prctl sends nothing: this process was then
  // already handed to another parent (init or a subreaper).
  return getppid() == parent;
}

}  // namespace gofast::http
