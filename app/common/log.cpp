// The log: a mutex-guarded ring of recent messages and a list of sinks.
#include "common/log.h"

#include <cstdio>
#include <deque>
#include <map>
#include <mutex>

namespace linscape::common {
namespace {

struct LogState {
    std::mutex mutex;
    std::deque<LogMessage> recent;
    std::map<int, LogSink> sinks;
    int nextToken = 1;
    bool verbose = false;
};

LogState& state() {
    static LogState s;
    return s;
}

const char* levelName(Level level) {
    switch (level) {
    case Level::Info:
        return "info";
    case Level::Warning:
        return "warning";
    case Level::Error:
        return "error";
    }
    return "info";
}

} // namespace

void log(Level level, std::string_view id, std::string text) {
    LogMessage msg{level, std::string(id), std::move(text)};
    std::vector<LogSink> sinks;
    bool toStderr = false;
    {
        LogState& s = state();
        std::lock_guard lock(s.mutex);
        s.recent.push_back(msg);
        if (s.recent.size() > 200) s.recent.pop_front();
        for (auto& [token, sink] : s.sinks)
            sinks.push_back(sink);
        toStderr = level != Level::Info || s.verbose;
    }
    if (toStderr)
        std::fprintf(stderr, "linscape: %s [%s]: %s\n", levelName(msg.level), msg.id.c_str(),
                     msg.text.c_str());
    for (auto& sink : sinks)
        sink(msg);
}

int addLogSink(LogSink sink) {
    LogState& s = state();
    std::lock_guard lock(s.mutex);
    const int token = s.nextToken++;
    s.sinks.emplace(token, std::move(sink));
    return token;
}

void removeLogSink(int token) {
    LogState& s = state();
    std::lock_guard lock(s.mutex);
    s.sinks.erase(token);
}

void setVerbose(bool verbose) {
    LogState& s = state();
    std::lock_guard lock(s.mutex);
    s.verbose = verbose;
}

std::vector<LogMessage> recentMessages() {
    LogState& s = state();
    std::lock_guard lock(s.mutex);
    return {s.recent.begin(), s.recent.end()};
}

} // namespace linscape::common
