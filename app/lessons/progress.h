// A student's progress through the lessons (steps seen, exercises answered and solved, where they
// were), kept in the user's config folder as TOML. Saving writes a temporary file, syncs it and
// renames it over the old one, so a crash mid-write never loses earlier progress.
#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>

namespace linscape::lessons {

struct LessonProgress {
    int lastStep = 0;                   // 0-based step last shown
    std::set<int> seen;                 // 0-based steps shown at least once
    std::map<int, std::string> answers; // 0-based step -> the last answer typed or chosen
    std::set<int> solved;               // steps whose exercise or try-it goal was met
};

struct Progress {
    std::string lastLesson;
    std::map<std::string, LessonProgress> lessons;

    // $XDG_CONFIG_HOME/linscape/progress.toml, else ~/.config/linscape/progress.toml.
    static std::filesystem::path defaultPath();
    // Loads; a missing file is an empty progress, a broken one too (with *warning set).
    static Progress load(const std::filesystem::path& path, std::string* warning = nullptr);
    // Writes path.tmp, then renames it over path. False with *error on failure (path untouched).
    bool save(const std::filesystem::path& path, std::string* error = nullptr) const;
};

} // namespace linscape::lessons
