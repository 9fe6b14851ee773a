#ifndef GOFAST_SHARED_CONFIG_COMMAND_LINE_H_
#define GOFAST_SHARED_CONFIG_COMMAND_LINE_H_

#include <CLI/CLI.hpp>
#include <sstream>
#include <string>
#include <type_traits>

namespace gofast::config {

// What is wrong with `text` as a value of a number option: "abc is not a
// number", "1.5 is not a whole number", "70000 is not in the range 0 to
// 65535"; empty when `converted` (it read as the option's type) and in range.
std::string NumberProblem(const std::string& text, bool converted, bool whole, bool in_range,
                          const std::string& range);

// CLI::Range, but saying "not a number" rather than "not in range" for
// `--port abc` (CLI11 says the second for both). The help shows the same
// "INT in [0 - 65535]".
template <typename T>
CLI::Validator NumberIn(T min, T max) {
  std::ostringstream range;
  range << min << " to " << max;
  std::ostringstream description;
  description << CLI::detail::type_name<T>() << " in [" << min << " - " << max << "]";
  return CLI::Validator(
      [min, max, range = range.str()](std::string& text) {
        T value{};
        const bool converted = CLI::detail::lexical_cast(text, value);
        return NumberProblem(text, converted, std::is_integral_v<T>,
                             converted && !(value < min) && !(max < value), range);
      },
      description.str());
}

// NumberIn without bounds: any value of T.
template <typename T>
CLI::Validator AnyNumber() {
  return CLI::Validator(
      [](std::string& text) {
        T value{};
        const bool converted = CLI::detail::lexical_cast(text, value);
        return NumberProblem(text, converted, std::is_integral_v<T>, converted, "");
      },
      "");
}

// The sentence for a CLI::ExtrasError of `app` (or of a subcommand it
// parsed): its first argument nothing took, "unknown option --dbb; did you
// mean --db?" (the nearest of that command's option names, when one is
// near), or "unexpected argument stray".
std::string DescribeUnexpected(const CLI::App& app);

// The long option names of `app`, with their dashes: "--db", "--help"...
std::vector<std::string> OptionNames(const CLI::App& app);

}  // namespace gofast::config

#endif  // GOFAST_SHARED_CONFIG_COMMAND_LINE_H_
