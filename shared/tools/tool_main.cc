#include "shared/tools/tool_main.h"

#include <chrono>
#include <cstring>
#include <exception>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "shared/config/command_line.h"
#include "shared/core/text.h"
#include "shared/tools/commands.h"

namespace gofast::tools {
namespace {

struct Command {
  const char* name;
  Run (*declare)(CLI::App&);
};

constexpr Command kCommands[] = {
    {"up", DeclareUp},     {"exec", DeclareExec},     {"token", DeclareToken},
    {"demo", DeclareDemo}, {"dialog", DeclareDialog}, {"load", DeclareLoad},
};

// "gofast: unknown command upp; did you mean up?" when a word where a command
// must come (the first argument of gofast, of gofast token...) names none;
// empty when the words name commands, or an option comes first. CLI11 would
// only say "A subcommand is required".
std::string UnknownCommand(const CLI::App& cli, int argc, char** argv) {
  const CLI::App* at = &cli;
  for (int i = 1; i < argc; ++i) {
    const std::string word = argv[i];
    if (word.empty() || word[0] == '-' || at->get_require_subcommand_min() == 0) return "";
    std::vector<std::string> names;
    const CLI::App* next = nullptr;
    for (const CLI::App* sub : at->get_subcommands([](const CLI::App*) { return true; })) {
      names.push_back(sub->get_name());
      if (sub->check_name(word)) next = sub;
    }
    if (next == nullptr) {
      std::string sentence = CommandName(*at) + ": unknown command " + word;
      if (const std::optional<std::string> nearest = NearestName(word, names)) {
        return sentence + "; did you mean " + *nearest + "?";
      }
      sentence += "; the commands are";
      for (size_t n = 0; n < names.size(); ++n) sentence += (n == 0 ? " " : ", ") + names[n];
      return sentence;
    }
    at = next;
  }
  return "";
}

// The command a parse reached: "gofast up" for `gofast up --bad`.
const CLI::App& DeepestCommand(const CLI::App& cli) {
  const std::vector<CLI::App*> parsed = cli.get_subcommands();
  return parsed.empty() ? cli : DeepestCommand(*parsed.front());
}

}  // namespace

std::string CommandName(const CLI::App& cli) {
  const CLI::App* parent = cli.get_parent();
  return parent == nullptr ? cli.get_name() : CommandName(*parent) + " " + cli.get_name();
}

std::filesystem::path ToolDirectory() {
  return std::filesystem::read_symlink("/proc/self/exe").parent_path();
}

int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

int ToolMain(int argc, char** argv, const char* command) {
  CLI::App cli;
  std::map<const CLI::App*, Run> runs;
  if (command != nullptr) {
    cli.name(std::string("gofast-") + command);
    for (const Command& known : kCommands) {
      if (std::strcmp(known.name, command) == 0) runs[&cli] = known.declare(cli);
    }
  } else {
    cli.name("gofast");
    cli.description("GoFast's two services on this machine, and the tools around them.");
    cli.require_subcommand(1);
    for (const Command& known : kCommands) {
      CLI::App* subcommand = cli.add_subcommand(known.name);
      runs[subcommand] = known.declare(*subcommand);
    }
  }
  cli.set_version_flag("--version", cli.get_name() + " " + GOFAST_VERSION,
                       "Print the version and exit");

  if (const std::string unknown = UnknownCommand(cli, argc, argv); !unknown.empty()) {
    std::cerr << unknown << "\n";
    return 2;
  }
  try {
    cli.parse(argc, argv);
  } catch (const CLI::Success& e) {  // --help, --version
    return cli.exit(e);
  } catch (const CLI::ExtrasError&) {
    std::cerr << CommandName(DeepestCommand(cli)) << ": " << config::DescribeUnexpected(cli)
              << "\n";
    return 2;
  } catch (const CLI::ParseError& e) {
    std::cerr << CommandName(DeepestCommand(cli)) << ": " << e.what() << "\n";
    return 2;
  }
  const CLI::App* chosen = command != nullptr ? &cli : cli.get_subcommands().at(0);
  try {
    return runs.at(chosen)();
  } catch (const std::exception& e) {
    std::cout << std::flush;
    std::cerr << CommandName(*chosen) << ": " << e.what() << "\n";
    return 1;
  }
}

}  // namespace gofast::tools
