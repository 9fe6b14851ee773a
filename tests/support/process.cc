#include "tests/support/process.h"

#include <stdlib.h>

#include <fstream>
#include <stdexcept>
#include <thread>

namespace gofast::testing {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "gofast-test-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

bool Ended(pid_t pid) {
  std::ifstream stat_file("/proc/" + std::to_string(pid) + "/stat");
  std::string stat;
  if (!std::getline(stat_file, stat)) return true;
  const size_t name_end = stat.rfind(')');
  return name_end == std::string::npos || stat.substr(name_end + 2, 1) == "Z";
}

std::string LogOnceItHolds(const ServiceProcess& service, const std::string& text,
                           std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::string log = service.Log();
  while (log.find(text) == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    log = service.Log();
  }
  return log;
}

}  // namespace gofast::testing
