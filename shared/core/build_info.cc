#include "shared/core/build_info.h"

// Written at every build by write_commit_header.cmake, and only when the
// commit changed, so a build of the same commit recompiles nothing.
#include "gofast_commit.h"

namespace gofast {

const BuildInfo& GetBuildInfo() {
  // GOFAST_BUILD_TYPE is $<CONFIG>: empty when CMAKE_BUILD_TYPE is.
  static constexpr std::string_view kBuildType = GOFAST_BUILD_TYPE;
  static const BuildInfo info{GOFAST_VERSION, GOFAST_COMMIT,
                              kBuildType.empty() ? std::string_view("unknown") : kBuildType};
  return info;
}

}  // namespace gofast
