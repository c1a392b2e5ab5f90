// The command line: the window by default, and the subcommands render, tour, analyze, bench,
// export and check-lessons. Every error is one line naming the problem and what is allowed,
// with a non-zero exit code (2 for usage errors, 1 for failures while running).
#pragma once

#include <string>
#include <vector>

namespace linscape::cli {

int run(int argc, char** argv);

// Shared helpers for the subcommands (exposed for tests).
bool parseSize(const std::string& text, int& width, int& height, std::string* error);
// Checks that `path` can be written (a .png in an existing, writable folder) before any work.
bool checkOutputPath(const std::string& path, const std::string& extension, std::string* error);

} // namespace linscape::cli
