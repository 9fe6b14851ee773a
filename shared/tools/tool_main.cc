#include "shared/tools/tool_main.h"

#include <chrono>
#include <cstring>
#include <exception>
#include <iostream>
#include <map>

#include "shared/tools/commands.h"

namespace gofast::tools {
namespace {

struct Command {
  const char* name;
  Run (*declare)(CLI::App&);
};

constexpr Command kCommands[] = {
    {"up", DeclareUp},     {"exec", DeclareExec}, {"token", DeclareToken},
    {"demo", DeclareDemo}, {"load", DeclareLoad},
};

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

  try {
    cli.parse(argc, argv);
  } catch (const CLI::Success& e) {  // --help, --version
    return cli.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << cli.get_name() << ": " << e.what() << "\n";
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
