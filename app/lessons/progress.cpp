// Progress persistence; see progress.h.
#include "lessons/progress.h"

#include "imaging/image.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace linscape::lessons {
namespace fs = std::filesystem;

fs::path Progress::defaultPath() {
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg)
        return fs::path(xdg) / "linscape" / "progress.toml";
    if (const char* home = std::getenv("HOME"); home && *home)
        return fs::path(home) / ".config" / "linscape" / "progress.toml";
    return fs::path(".linscape-progress.toml");
}

Progress Progress::load(const fs::path& path, std::string* warning) {
    Progress p;
    std::error_code ec;
    if (!fs::exists(path, ec)) return p;
    if (fs::file_size(path, ec) > (4u << 20)) {
        if (warning) *warning = path.string() + " is over 4 MiB; starting with no progress";
        return p;
    }
    toml::table root;
    try {
        root = toml::parse_file(path.string());
    } catch (const toml::parse_error& e) {
        if (warning)
            *warning = path.string() + ":" + std::to_string(e.source().begin.line) +
                       ": progress file unreadable (" + std::string(e.description()) +
                       "); starting fresh";
        return p;
    }
    p.lastLesson = root["last_lesson"].value_or(std::string());
    if (const toml::table* ls = root["lessons"].as_table())
        for (auto&& [id, node] : *ls) {
            const toml::table* t = node.as_table();
            if (!t) continue;
            LessonProgress lp;
            lp.lastStep = int(std::clamp<int64_t>((*t)["last_step"].value_or(int64_t(0)), 0, 1000));
            if (const toml::array* a = (*t)["seen"].as_array())
                for (const auto& v : *a)
                    if (auto i = v.value<int64_t>(); i && *i >= 0 && *i < 1000)
                        lp.seen.insert(int(*i));
            if (const toml::array* a = (*t)["solved"].as_array())
                for (const auto& v : *a)
                    if (auto i = v.value<int64_t>(); i && *i >= 0 && *i < 1000)
                        lp.solved.insert(int(*i));
            if (const toml::table* ans = (*t)["answers"].as_table())
                for (auto&& [k, v] : *ans) {
                    const std::string key(k.str());
                    char* end = nullptr;
                    const long step = std::strtol(key.c_str(), &end, 10);
                    if (end && *end == 0 && step >= 0 && step < 1000 && v.is_string())
                        lp.answers[int(step)] = v.as_string()->get();
                }
            p.lessons[std::string(id.str())] = std::move(lp);
        }
    return p;
}

bool Progress::save(const fs::path& path, std::string* error) const {
    toml::table root;
    root.insert("last_lesson", lastLesson);
    toml::table ls;
    for (const auto& [id, lp] : lessons) {
        toml::table t;
        t.insert("last_step", lp.lastStep);
        toml::array seen, solved;
        for (int s : lp.seen)
            seen.push_back(s);
        for (int s : lp.solved)
            solved.push_back(s);
        t.insert("seen", std::move(seen));
        t.insert("solved", std::move(solved));
        toml::table answers;
        for (const auto& [step, a] : lp.answers)
            answers.insert(std::to_string(step), a);
        t.insert("answers", std::move(answers));
        ls.insert(id, std::move(t));
    }
    root.insert("lessons", std::move(ls));
    std::error_code ec;
    if (!path.parent_path().empty()) fs::create_directories(path.parent_path(), ec);
    std::ostringstream out;
    out << "# Linscape lesson progress (written by the app; safe to delete)\n" << root << "\n";
    const std::string text = out.str();
    // Temporary file, fsync, rename: a crash leaves either the old progress or the new.
    if (!imaging::writeFileAtomic(path.string(), text.data(), text.size(), error, true))
        return false;
    return true;
}

} // namespace linscape::lessons
