#ifndef GOFAST_SHARED_CORE_LOG_H_
#define GOFAST_SHARED_CORE_LOG_H_

#include <chrono>
#include <string>
#include <string_view>

namespace gofast {

// How every line on standard error is written (--log-format): text for a
// person at a terminal, JSON lines for a log collector.
enum class LogFormat { kText, kJson };

// Set once at start, before the first line.
void SetLogFormat(LogFormat format);

// One line of named fields, written on standard error in one write (lines
// from many threads stay whole), led by the time:
//   text: "<ISO time> <fields in order>", each as its Add... method says;
//   JSON: {"time":"<ISO time>","level":...,"event":...,<fields in order>}.
// Values are escaped (EscapeForLog; in JSON also as JSON strings): text a
// request chose cannot end the line or forge another one.
class LogRecord {
 public:
  // `event` names the kind of line in JSON ("request", "outbound", "start").
  explicit LogRecord(std::string_view event, std::string_view level = "info");

  // Text shows the value alone.
  LogRecord& Add(std::string_view key, std::string_view value);
  // Text shows key=value, the value in double quotes when it is empty or holds a
  // space, '"', a backslash or '=' (logfmt).
  LogRecord& AddPair(std::string_view key, std::string_view value);
  // A JSON number; text shows the digits followed by `unit` ("0.213ms").
  LogRecord& AddNumber(std::string_view key, std::string_view digits, std::string_view unit = "");
  // Milliseconds with three decimals, a JSON number; text adds "ms" ("0.213ms").
  LogRecord& AddDuration(std::string_view key, std::chrono::steady_clock::duration elapsed);
  // Words only text shows ("listening on"); JSON has the event name instead.
  LogRecord& AddWords(std::string_view words);

  // The line as Write() writes it, without the line feed.
  std::string Line() const;
  void Write() const;

 private:
  void StartField(std::string_view key);

  bool json_;
  std::string line_;
};

// A line of free text: "<ISO time> <text>" (JSON: event "message").
void LogLine(std::string_view text);

// "<ISO time> error: <message>" (JSON: level and event "error").
void LogError(std::string_view message);

// `text` with every byte that could change how a log reads written as an
// escape: a backslash as "\\", ASCII and C1 control characters (CR, LF, ESC,
// NUL, DEL...) and each byte of ill-formed UTF-8 as "\xNN". Well-formed
// printable UTF-8 is kept as it is.
std::string EscapeForLog(std::string_view text);

// A request target (path and query) as a log may show it: the values of query
// parameters named token, access_token, id_token, key or auth... (any case),
// and every path segment or query value shaped like a JWT, become "[redacted]".
std::string RedactSecrets(std::string_view target);

}  // namespace gofast

#endif  // GOFAST_SHARED_CORE_LOG_H_
