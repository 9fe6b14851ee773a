#ifndef GOFAST_SHARED_CORE_LOG_H_
#define GOFAST_SHARED_CORE_LOG_H_

#include <string>
#include <string_view>

namespace gofast {

// Writes "<ISO time> <text>" as one line on standard error, where operators
// read a service's log. One write per line, so lines from many threads stay
// whole. The text is escaped first (EscapeForLog): paths, ids and values a
// request chose cannot end the line or forge another one.
void LogLine(std::string_view text);

// "<ISO time> error: <message>".
void LogError(std::string_view message);

// `text` with every byte that could change how a log reads written as an
// escape: a backslash as "\\", ASCII and C1 control characters (CR, LF, ESC,
// NUL, DEL...) and each byte of ill-formed UTF-8 as "\xNN". Well-formed
// printable UTF-8 is kept as it is.
std::string EscapeForLog(std::string_view text);

}  // namespace gofast

#endif  // GOFAST_SHARED_CORE_LOG_H_
