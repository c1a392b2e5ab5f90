// Messages with a level and a stable ID (tests assert on IDs, never on wording). Sinks receive
// every message: stderr always, the UI's toast list when the app runs.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace linscape::common {

enum class Level { Info, Warning, Error };

struct LogMessage {
    Level level = Level::Info;
    std::string id;   // stable, e.g. "W_FONT_FALLBACK"
    std::string text; // for people
};

void log(Level level, std::string_view id, std::string text);
inline void info(std::string_view id, std::string text) {
    log(Level::Info, id, std::move(text));
}
inline void warn(std::string_view id, std::string text) {
    log(Level::Warning, id, std::move(text));
}
inline void error(std::string_view id, std::string text) {
    log(Level::Error, id, std::move(text));
}

using LogSink = std::function<void(const LogMessage&)>;
int addLogSink(LogSink sink); // returns a token for removeLogSink
void removeLogSink(int token);
// Whether info messages reach stderr (off by default; warnings and errors always do).
void setVerbose(bool verbose);
// The last messages (up to 200), oldest first.
std::vector<LogMessage> recentMessages();

} // namespace linscape::common
