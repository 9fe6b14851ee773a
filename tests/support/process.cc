#include "tests/support/process.h"

#include <stdlib.h>

#include <stdexcept>

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

}  // namespace gofast::testing
