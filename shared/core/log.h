#ifndef GOFAST_SHARED_CORE_LOG_H_
#define GOFAST_SHARED_CORE_LOG_H_

#include <string_view>

namespace gofast {

// Writes "<ISO time> <text>" as one line on standard error, where operators
// read a service's log. One write per line, so lines from many threads stay whole.
void LogLine(std::string_view text);

// "<ISO time> error: <message>".
void LogError(std::string_view message);

}  // namespace gofast

#endif  // GOFAST_SHARED_CORE_LOG_H_
