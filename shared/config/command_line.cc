#include "shared/config/command_line.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <optional>

#include "shared/core/text.h"

namespace gofast::config {
namespace {

// The command, among `app` and the subcommands it parsed, that holds the
// arguments nothing took: the deepest one first.
const CLI::App* HolderOfExtras(const CLI::App& app) {
  for (const CLI::App* sub : app.get_subcommands()) {
    if (const CLI::App* holder = HolderOfExtras(*sub)) return holder;
  }
  return app.remaining(false).empty() ? nullptr : &app;
}

}  // namespace

std::string NumberProblem(const std::string& text, bool converted, bool whole, bool in_range,
                          const std::string& range) {
  if (converted && in_range) return "";
  if (!converted) {
    // strtold reads what the option's type could not: a number at all?
    char* end = nullptr;
    errno = 0;
    const long double number = std::strtold(text.c_str(), &end);
    const bool numeric = !text.empty() && end == text.c_str() + text.size() &&
                         text.find_first_of("0123456789") != std::string::npos &&
                         !std::isnan(number);
    if (!numeric) return text + " is not a number";
    if (whole && std::isfinite(number) && number != std::floor(number)) {
      return text + " is not a whole number";
    }
  }
  return range.empty() ? text + " is out of range" : text + " is not in the range " + range;
}

std::vector<std::string> OptionNames(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::Option* option : app.get_options()) {
    for (const std::string& name : option->get_lnames()) names.push_back("--" + name);
  }
  return names;
}

std::string DescribeUnexpected(const CLI::App& app) {
  const CLI::App* holder = HolderOfExtras(app);
  if (holder == nullptr) return "unexpected arguments";
  const std::string first = holder->remaining(false).front();
  if (first.size() < 2 || first[0] != '-') return "unexpected argument " + first;
  // "--dbb=x" names the option "--dbb"; "-dbb" is compared as "--dbb".
  const std::string given = first.substr(0, first.find('='));
  const size_t name_start = given.find_first_not_of('-');
  const std::string word = name_start == std::string::npos ? "" : given.substr(name_start);
  std::vector<std::string> names;
  for (const std::string& name : OptionNames(*holder)) names.push_back(name.substr(2));
  const std::optional<std::string> nearest = NearestName(word, names);
  std::string sentence = "unknown option " + given;
  if (nearest) sentence += "; did you mean --" + *nearest + "?";
  return sentence;
}

}  // namespace gofast::config
