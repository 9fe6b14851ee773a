#include "shared/core/log.h"

#include <cstdio>
#include <string>

#include "shared/core/time.h"

namespace gofast {

void LogLine(std::string_view text) {
  std::string line = NowIso8601();
  line.reserve(line.size() + text.size() + 2);
  line += ' ';
  line += text;
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), stderr);
}

void LogError(std::string_view message) { LogLine(std::string("error: ").append(message)); }

}  // namespace gofast
