#include "shared/devkit/service_process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace gofast::process {
namespace {

constexpr auto kStartTimeout = std::chrono::seconds(20);
constexpr auto kStopTimeout = std::chrono::seconds(10);

std::vector<std::string> ChildEnvironment(const Environment& extra) {
  Environment merged;
  for (const char* name :
       {"PATH", "HOME", "TMPDIR", "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"}) {
    if (const char* value = std::getenv(name)) merged[name] = value;
  }
  for (const auto& [name, value] : extra) merged[name] = value;
  std::vector<std::string> entries;
  for (const auto& [name, value] : merged) entries.push_back(name + "=" + value);
  return entries;
}

struct SpawnOptions {
  bool own_process_group = false;
  std::string working_dir;  // empty: the parent's
};

// fork + exec with stdout/stderr sent to the given descriptors.
pid_t Spawn(const std::string& binary, const std::vector<std::string>& args, const Environment& env,
            int stdout_fd, int stderr_fd, const SpawnOptions& options = {}) {
  std::vector<std::string> argv_storage{binary};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& arg : argv_storage) argv.push_back(arg.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_storage = ChildEnvironment(env);
  std::vector<char*> envp;
  for (std::string& entry : env_storage) envp.push_back(entry.data());
  envp.push_back(nullptr);

  // Everything the child needs is built before fork: only async-signal-safe calls after it.
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    if (options.own_process_group) setpgid(0, 0);
    const int null_fd = open("/dev/null", O_RDONLY);
    dup2(null_fd, STDIN_FILENO);
    dup2(stdout_fd, STDOUT_FILENO);
    dup2(stderr_fd, STDERR_FILENO);
    // The test runner may block signals; the child must see SIGTERM.
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    if (!options.working_dir.empty() && chdir(options.working_dir.c_str()) != 0) _exit(126);
    execve(binary.c_str(), argv.data(), envp.data());
    _exit(127);
  }
  // Also here, so a stop right after fork already reaches the group.
  if (options.own_process_group) setpgid(pid, pid);
  return pid;
}

std::string ReadFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream contents;
  contents << file.rdbuf();
  return contents.str();
}

// The port of a complete "listening on http://HOST:PORT" line, or 0.
int ListeningPort(const std::string& output) {
  constexpr std::string_view kPrefix = "listening on http://";
  const size_t start = output.find(kPrefix);
  const size_t end = start == std::string::npos ? start : output.find('\n', start);
  if (end == std::string::npos) return 0;
  const size_t colon = output.rfind(':', end);
  if (colon == std::string::npos || colon < start + kPrefix.size()) return 0;
  return std::atoi(output.substr(colon + 1, end - colon - 1).c_str());
}

// Without reaping it, so that its pid stays its own until Stop.
bool HasExited(pid_t pid) {
  siginfo_t info{};
  return waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
         info.si_pid == pid;
}

int DecodeStatus(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

// waitpid with a deadline; -1 when the child is still running.
int WaitFor(pid_t pid, std::chrono::steady_clock::duration timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    int status = 0;
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) return DecodeStatus(status);
    if (done < 0) return -1;
    if (std::chrono::steady_clock::now() > deadline) return -1;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

}  // namespace

ServiceProcess::ServiceProcess(const std::string& binary, const std::vector<std::string>& args,
                               const Environment& env, const std::string& log_path, Group group)
    : log_path_(log_path) {
  if (log_path_.empty()) {
    log_path_ = (std::filesystem::temp_directory_path() / "gofast-service-XXXXXX.log").string();
    const int fd = mkstemps(log_path_.data(), 4);
    if (fd < 0) throw std::runtime_error("mkstemps failed");
    close(fd);
    owns_log_ = true;
  }
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  const int log_fd = open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (log_fd < 0) throw std::runtime_error("cannot write " + log_path_);
  pid_ = Spawn(binary, args, env, pipe_fds[1], log_fd, SpawnOptions{group == Group::kOwn, ""});
  close(pipe_fds[1]);
  close(log_fd);
  stdout_fd_ = pipe_fds[0];

  std::string seen;
  const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd poll_fd{stdout_fd_, POLLIN, 0};
    if (poll(&poll_fd, 1, 50) > 0) {
      char buffer[512];
      const ssize_t count = read(stdout_fd_, buffer, sizeof buffer);
      if (count <= 0) break;  // the child closed stdout: it died
      seen.append(buffer, static_cast<size_t>(count));
      port_ = ListeningPort(seen);
      if (port_ > 0) return;
    }
  }
  const int status = Stop();
  const std::string message =
      binary + " did not start (exit " + std::to_string(status) + "): " + seen + Log();
  if (owns_log_) std::filesystem::remove(log_path_);  // no destructor runs after a throw
  throw std::runtime_error(message);
}

ServiceProcess::~ServiceProcess() {
  if (!detached_) Stop();
  if (owns_log_) std::filesystem::remove(log_path_);
}

bool ServiceProcess::Exited() const { return exit_status_ >= 0 || HasExited(pid_); }

void ServiceProcess::Detach() {
  detached_ = true;
  if (stdout_fd_ >= 0) close(stdout_fd_);
  stdout_fd_ = -1;
}

int ServiceProcess::Stop() {
  if (pid_ > 0 && exit_status_ < 0) {
    kill(pid_, SIGTERM);
    exit_status_ = WaitFor(pid_, kStopTimeout);
    if (exit_status_ < 0) {
      kill(pid_, SIGKILL);
      exit_status_ = WaitFor(pid_, kStopTimeout);
    }
  }
  if (stdout_fd_ >= 0) {
    close(stdout_fd_);
    stdout_fd_ = -1;
  }
  return exit_status_;
}

std::string ServiceProcess::Log() const { return ReadFile(log_path_); }

ProcessGroup::ProcessGroup(const std::string& binary, const std::vector<std::string>& args,
                           const Environment& env, const std::string& working_dir,
                           const std::string& log_path,
                           std::chrono::steady_clock::duration stop_timeout)
    : stop_timeout_(stop_timeout) {
  const int log_fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (log_fd < 0) throw std::runtime_error("cannot write " + log_path);
  try {
    pid_ = Spawn(binary, args, env, log_fd, log_fd, SpawnOptions{true, working_dir});
  } catch (...) {
    close(log_fd);
    throw;
  }
  close(log_fd);
}

bool ProcessGroup::Exited() const { return reaped_ || HasExited(pid_); }

void ProcessGroup::Stop() {
  if (reaped_) return;
  // The leader is reaped last, so its pid (the group's id) cannot be reused
  // while the group is signalled.
  kill(-pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + stop_timeout_;
  while (!Exited() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill(-pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  reaped_ = true;
}

CommandResult RunCommand(const std::string& binary, const std::vector<std::string>& args,
                         const Environment& env) {
  std::string out_path = (std::filesystem::temp_directory_path() / "gofast-out-XXXXXX").string();
  std::string err_path = (std::filesystem::temp_directory_path() / "gofast-err-XXXXXX").string();
  const int out_fd = mkostemp(out_path.data(), O_CLOEXEC);
  const int err_fd = mkostemp(err_path.data(), O_CLOEXEC);
  if (out_fd < 0 || err_fd < 0) throw std::runtime_error("mkostemp failed");
  const pid_t pid = Spawn(binary, args, env, out_fd, err_fd);
  close(out_fd);
  close(err_fd);
  int status = WaitFor(pid, std::chrono::seconds(30));
  if (status < 0) {
    kill(pid, SIGKILL);
    status = WaitFor(pid, kStopTimeout);
  }
  CommandResult result{status, ReadFile(out_path), ReadFile(err_path)};
  std::filesystem::remove(out_path);
  std::filesystem::remove(err_path);
  return result;
}

int FreeLoopbackPort() {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error("socket failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  const bool ok = bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
                  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0;
  close(fd);
  if (!ok) throw std::runtime_error("no free port on 127.0.0.1");
  return ntohs(address.sin_port);
}

}  // namespace gofast::process
