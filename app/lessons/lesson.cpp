// The lesson types' own behaviour (see lesson.h): how a diagnostic reads, and narration text split
// into paragraphs of plain and *emphasised* spans. No TOML here: the loader fills these types.
#include "lessons/lesson.h"

#include <string>
#include <vector>

namespace linscape::lessons {

std::string Diagnostic::format() const {
    return file + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column) + ": error [" +
           code + "]: " + message;
}

std::vector<Paragraph> parseNarration(const std::string& text) {
    std::vector<Paragraph> out;
    std::string para;
    auto flush = [&] {
        if (para.empty()) return;
        Paragraph p;
        std::string cur;
        bool emph = false;
        for (size_t i = 0; i < para.size(); ++i) {
            const char c = para[i];
            if (c == '\\' && i + 1 < para.size() && para[i + 1] == '*') {
                cur += '*';
                ++i;
            } else if (c == '*' && (emph || para.find('*', i + 1) != std::string::npos)) {
                if (!cur.empty()) p.push_back({cur, emph});
                cur.clear();
                emph = !emph;
            } else {
                cur += c;
            }
        }
        if (!cur.empty()) p.push_back({cur, emph});
        out.push_back(std::move(p));
        para.clear();
    };
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string line = text.substr(start, end - start);
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
            line.pop_back();
        size_t lead = line.find_first_not_of(" \t");
        if (lead == std::string::npos) {
            flush();
        } else {
            para += (para.empty() ? "" : " ") + line.substr(lead);
        }
        start = end + 1;
    }
    flush();
    return out;
}

} // namespace linscape::lessons
