#ifndef GOFAST_SHARED_TOOLS_TOOL_MAIN_H_
#define GOFAST_SHARED_TOOLS_TOOL_MAIN_H_

namespace gofast::tools {

// The gofast tool: `gofast COMMAND ...` when `command` is null; otherwise the
// program is that one command ("token" makes gofast-token).
int ToolMain(int argc, char** argv, const char* command);

}  // namespace gofast::tools

#endif  // GOFAST_SHARED_TOOLS_TOOL_MAIN_H_
