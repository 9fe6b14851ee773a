#ifndef GOFAST_SHARED_DEVKIT_SERVICE_PROCESS_H_
#define GOFAST_SHARED_DEVKIT_SERVICE_PROCESS_H_

#include <sys/types.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace gofast::process {

using Environment = std::map<std::string, std::string>;

// The process group a child joins: the caller's, where a terminal's Ctrl-C
// reaches it too, or a new one of its own, where only its owner stops it.
enum class Group { kCallers, kOwn };

// http://127.0.0.1:PORT, where the services listen.
inline std::string LoopbackUrl(int port) { return "http://127.0.0.1:" + std::to_string(port); }

// A service binary started as a child process and owned by this object: it
// waits for the "listening on http://HOST:PORT" line, sends standard error to
// `log_path` (a private temporary file when empty), and ends its own pid
// (SIGTERM, then SIGKILL) when destroyed, unless detached. The child sees
// only PATH, HOME, TMPDIR, the sanitizer options and `env`, so the caller's
// shell variables never change what it does. Throws std::runtime_error with
// the child's output when it does not start.
class ServiceProcess {
 public:
  ServiceProcess(const std::string& binary, const std::vector<std::string>& args,
                 const Environment& env = {}, const std::string& log_path = "",
                 Group group = Group::kCallers);
  ~ServiceProcess();
  ServiceProcess(const ServiceProcess&) = delete;
  ServiceProcess& operator=(const ServiceProcess&) = delete;

  int port() const { return port_; }
  std::string base_url() const { return LoopbackUrl(port_); }
  pid_t pid() const { return pid_; }
  const std::string& log_path() const { return log_path_; }

  // True once the child has exited (it is not reaped before Stop).
  bool Exited() const;
  // SIGTERM and wait: the exit status (or 128 + signal).
  int Stop();
  // Leaves the child running after this object is gone.
  void Detach();
  // Everything the service wrote to standard error so far.
  std::string Log() const;

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  int stdout_fd_ = -1;
  int exit_status_ = -1;
  bool detached_ = false;
  bool owns_log_ = false;
  std::string log_path_;
};

// A program started as the leader of its own process group, standard output
// and error both in `log_path`, run in `working_dir`, with the same clean
// environment. Ended with its whole group when destroyed: SIGTERM (so it can
// shut its own helpers down), then SIGKILL to whatever is left after
// `stop_timeout`. For tools that start children of their own (the Firebase CLI).
class ProcessGroup {
 public:
  ProcessGroup(const std::string& binary, const std::vector<std::string>& args,
               const Environment& env, const std::string& working_dir, const std::string& log_path,
               std::chrono::steady_clock::duration stop_timeout);
  ~ProcessGroup() { Stop(); }
  ProcessGroup(const ProcessGroup&) = delete;
  ProcessGroup& operator=(const ProcessGroup&) = delete;

  // True once the leader has exited (it is not reaped before Stop).
  bool Exited() const;
  void Stop();

 private:
  pid_t pid_ = -1;
  std::chrono::steady_clock::duration stop_timeout_;
  bool reaped_ = false;
};

struct CommandResult {
  int exit_code;
  std::string out;
  std::string err;
};

// A port on 127.0.0.1 free a moment ago: the kernel picks it for a socket
// that is then closed. For a program that cannot bind port 0 itself, or one
// whose address another must know before it starts. Throws when none is free.
int FreeLoopbackPort();

// Runs a binary to its end (at most 30 s) with the same clean environment.
CommandResult RunCommand(const std::string& binary, const std::vector<std::string>& args,
                         const Environment& env = {});

}  // namespace gofast::process

#endif  // GOFAST_SHARED_DEVKIT_SERVICE_PROCESS_H_
