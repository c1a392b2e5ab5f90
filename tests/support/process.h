// Runs a child process with a time limit and captures its output: the render harness and the
// command-line tests drive the real `linscape` binary exactly as a user would.
#pragma once

#include <string>
#include <vector>

namespace linscape::testing {

struct ProcessResult {
    int exitCode = -1; // -1 when killed or not started
    bool timedOut = false;
    std::string out, err;
};

ProcessResult runProcess(const std::vector<std::string>& argv, double timeoutSeconds = 60,
                         const std::string& stdinText = {});

} // namespace linscape::testing
