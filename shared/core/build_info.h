#ifndef GOFAST_SHARED_CORE_BUILD_INFO_H_
#define GOFAST_SHARED_CORE_BUILD_INFO_H_

#include <string_view>

namespace gofast {

// What the running binary was built from: GET /version and the start line
// name it. A library of its own (gofast_build_info), so that a new commit
// recompiles one file and relinks, nothing more.
struct BuildInfo {
  std::string_view version;  // project(VERSION) of the top CMakeLists.txt: "0.1.0"
  std::string_view commit;   // `git describe --always --dirty` at build time; "unknown" outside git
  std::string_view build_type;  // CMAKE_BUILD_TYPE (the configuration): "Release", "Debug"...
};

const BuildInfo& GetBuildInfo();

}  // namespace gofast

#endif  // GOFAST_SHARED_CORE_BUILD_INFO_H_
