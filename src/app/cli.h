#pragma once
// The `hersys` command line. Every subcommand takes --data-dir and --database; scripts and
// operators rely on these names (README.md, docs/operations.md).

namespace hersys::app {

// Runs the command line; returns the process exit code (0 ok, 1 failure, 2 usage).
int run_cli(int argc, char** argv);

}  // namespace hersys::app
