// gofast, and (built with GOFAST_TOOL_COMMAND) its one-command aliases
// gofast-token, gofast-demo and gofast-load.
#include "shared/tools/tool_main.h"

int main(int argc, char** argv) {
#ifdef GOFAST_TOOL_COMMAND
  return gofast::tools::ToolMain(argc, argv, GOFAST_TOOL_COMMAND);
#else
  return gofast::tools::ToolMain(argc, argv, nullptr);
#endif
}
