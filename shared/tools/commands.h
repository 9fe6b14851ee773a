#ifndef GOFAST_SHARED_TOOLS_COMMANDS_H_
#define GOFAST_SHARED_TOOLS_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

namespace gofast::tools {

// What runs a command once its command line is parsed: the exit code.
using Run = std::function<int()>;

// Each declares its options and description on `cli` (the program itself, or
// its subcommand of gofast) and returns what runs it; `cli` outlives the run.
Run DeclareToken(CLI::App& cli);
Run DeclareDemo(CLI::App& cli);
Run DeclareDialog(CLI::App& cli);
Run DeclareLoad(CLI::App& cli);
Run DeclareUp(CLI::App& cli);
Run DeclareExec(CLI::App& cli);

// How messages name the command: "gofast-token", "gofast up".
std::string CommandName(const CLI::App& cli);

// The folder of the running binary, where the service binaries are built too.
std::filesystem::path ToolDirectory();

int64_t NowSeconds();

}  // namespace gofast::tools

#endif  // GOFAST_SHARED_TOOLS_COMMANDS_H_
