// The set of lessons the app and the command line use: read from a lessons folder on disk (for
// live editing) or, when there is none, from the copies embedded in the binary at build time.
// Watching is polling: poll() rescans file sizes and mtimes (the app calls it about every 0.5 s
// of app time, no threads). A file that breaks keeps its last good lesson and reports its errors.
#pragma once

#include "lessons/lesson.h"
#include "lessons/loader.h"

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace linscape::lessons {

struct LessonFile {
    std::string name;                        // file name, e.g. "04-determinant.toml"
    std::string path;                        // full path, or "<embedded>/name"
    std::optional<Lesson> good;              // the last version that loaded without errors
    std::vector<Diagnostic> errors;          // of the current version (empty when it is good)
    std::filesystem::file_time_type mtime{}; // disk files only
    std::uintmax_t size = 0;
    bool stale = false; // errors now, but `good` still shows an earlier version
};

class LessonLibrary {
public:
    // The folder the app reads, in order: $LINSCAPE_LESSONS_DIR, the source tree's lessons/
    // (a build used from its checkout), the installed share/linscape/lessons. Empty: none on disk.
    static std::filesystem::path defaultFolder();

    // Loads every *.toml in `folder`; an empty path loads the embedded lessons.
    void load(const std::filesystem::path& folder);
    // Rescans the folder; true when any lesson (or error) changed. No-op for embedded lessons.
    bool poll();
    // Calls poll() when `seconds` of app time have passed since the last scan.
    bool tick(double dt, double interval = 0.5);

    const std::filesystem::path& folder() const { return m_folder; }
    bool fromDisk() const { return !m_folder.empty(); }
    // Good lessons sorted by (order, id).
    std::vector<const Lesson*> lessons() const;
    const Lesson* find(const std::string& id) const;
    // Every error of every file, plus cross-file ones (duplicate ids, unknown prerequisites).
    std::vector<Diagnostic> errors() const;
    const std::vector<LessonFile>& files() const { return m_files; }
    std::uint64_t version() const { return m_version; }

private:
    void loadFile(LessonFile& f, const std::string& text);
    void crossCheck();

    std::filesystem::path m_folder;
    std::vector<LessonFile> m_files;
    std::vector<Diagnostic> m_crossErrors;
    std::uint64_t m_version = 0;
    double m_sinceScan = 0;
};

// The embedded lesson files (name, text), in name order.
std::vector<std::pair<std::string, std::string_view>> embeddedLessons();

} // namespace linscape::lessons
