#ifndef GOFAST_TESTS_SUPPORT_PROCESS_H_
#define GOFAST_TESTS_SUPPORT_PROCESS_H_

#include <sys/types.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace gofast::testing {

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

using Environment = std::map<std::string, std::string>;

// A service binary started as a child process, owned by this object: it
// waits for the "listening on http://HOST:PORT" line, sends standard error
// to a file, and ends its own pid (SIGTERM, then SIGKILL) when destroyed.
// The child sees only PATH, the sanitizer options and `env`, so the caller's
// shell variables never change a test.
class ServiceProcess {
 public:
  ServiceProcess(const std::string& binary, const std::vector<std::string>& args,
                 const Environment& env = {});
  ~ServiceProcess();
  ServiceProcess(const ServiceProcess&) = delete;
  ServiceProcess& operator=(const ServiceProcess&) = delete;

  int port() const { return port_; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  pid_t pid() const { return pid_; }

  // SIGTERM and wait: the exit status (or 128 + signal).
  int Stop();
  // Everything the service wrote to standard error so far.
  std::string Log() const;

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  int stdout_fd_ = -1;
  int exit_status_ = -1;
  TempDir log_dir_;
};

struct CommandResult {
  int exit_code;
  std::string out;
  std::string err;
};

// Runs a binary to its end (at most 30 s) with the same clean environment.
CommandResult RunCommand(const std::string& binary, const std::vector<std::string>& args,
                         const Environment& env = {});

}  // namespace gofast::testing

#endif  // GOFAST_TESTS_SUPPORT_PROCESS_H_
