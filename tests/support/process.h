#ifndef GOFAST_TESTS_SUPPORT_PROCESS_H_
#define GOFAST_TESTS_SUPPORT_PROCESS_H_

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>

#include "shared/devkit/service_process.h"

namespace gofast::testing {

// Tests start services the way the demo does.
using process::CommandResult;
using process::Environment;
using process::ProcessGroup;
using process::RunCommand;
using process::ServiceProcess;

// A temporary folder, removed with everything in it when this goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// Whether `pid` has ended: gone, or a zombie nobody reaped (its files are
// closed), as a child of another parent may stay here.
bool Ended(pid_t pid);

// The service's log (standard error) once it holds `text`, or as it is after
// `timeout`: a line written just after the "listening on" line, or just
// after an answer, may not be there yet when the test looks.
std::string LogOnceItHolds(const ServiceProcess& service, const std::string& text,
                           std::chrono::milliseconds timeout = std::chrono::seconds(5));

}  // namespace gofast::testing

#endif  // GOFAST_TESTS_SUPPORT_PROCESS_H_
