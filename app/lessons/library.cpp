// Lesson library: folder scanning, embedded fallback, polling, last-good versions; see library.h.
#include "lessons/library.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

namespace linscape::lessons_data {
std::string_view embeddedFile(std::string_view name);
}

namespace linscape::lessons {
namespace fs = std::filesystem;

namespace {

// Reads at most limit + 1 bytes: a 10 MB file is refused without reading it all.
std::optional<std::string> readCapped(const fs::path& p, std::size_t limit) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return std::nullopt;
    std::string s(limit + 1, '\0');
    in.read(s.data(), std::streamsize(s.size()));
    s.resize(std::size_t(in.gcount()));
    return s;
}

} // namespace

std::vector<std::pair<std::string, std::string_view>> embeddedLessons() {
    std::vector<std::pair<std::string, std::string_view>> out;
    std::stringstream names(LINSCAPE_EMBEDDED_LESSONS);
    std::string name;
    while (std::getline(names, name, '|'))
        if (!name.empty()) out.emplace_back(name, lessons_data::embeddedFile(name));
    std::sort(out.begin(), out.end());
    return out;
}

fs::path LessonLibrary::defaultFolder() {
    std::error_code ec;
    if (const char* env = std::getenv("LINSCAPE_LESSONS_DIR"); env && *env) return env;
    for (const char* dir : {LINSCAPE_SOURCE_LESSONS_DIR, LINSCAPE_INSTALLED_LESSONS_DIR})
        if (fs::is_directory(dir, ec)) return dir;
    return {};
}

void LessonLibrary::loadFile(LessonFile& f, const std::string& text) {
    const fs::path base = fs::path(f.path).parent_path();
    const bool disk = fromDisk();
    AssetReader reader = [base, disk](const std::string& rel) -> std::optional<std::string> {
        if (!disk) {
            const std::string_view data = lessons_data::embeddedFile(rel);
            if (data.empty()) return std::nullopt;
            return std::string(data);
        }
        std::error_code ec;
        if (!fs::is_regular_file(base / rel, ec)) return std::nullopt;
        return readCapped(base / rel, kMaxLessonBytes);
    };
    LoadResult r = parseLesson(text, f.path, reader);
    f.errors = std::move(r.errors);
    if (r.lesson) {
        f.good = std::move(r.lesson);
        f.stale = false;
    } else {
        f.stale = f.good.has_value();
    }
}

void LessonLibrary::load(const fs::path& folder) {
    m_folder = folder;
    m_files.clear();
    if (folder.empty()) {
        for (const auto& [name, text] : embeddedLessons()) {
            LessonFile f;
            f.name = name;
            f.path = "<embedded>/" + name;
            f.size = text.size();
            loadFile(f, std::string(text));
            m_files.push_back(std::move(f));
        }
        crossCheck();
        ++m_version;
        return;
    }
    poll();
    ++m_version;
}

bool LessonLibrary::poll() {
    m_sinceScan = 0;
    if (m_folder.empty()) return false;
    std::error_code ec;
    std::vector<fs::path> found;
    for (fs::directory_iterator it(m_folder, ec), end; !ec && it != end; it.increment(ec))
        if (it->path().extension() == ".toml" && it->is_regular_file(ec))
            found.push_back(it->path());
    std::sort(found.begin(), found.end());
    bool changed = false;
    // Deleted files disappear (their lesson too).
    const auto before = m_files.size();
    std::erase_if(m_files, [&](const LessonFile& f) {
        return std::find(found.begin(), found.end(), fs::path(f.path)) == found.end();
    });
    changed = changed || m_files.size() != before;
    for (const fs::path& p : found) {
        auto it = std::find_if(m_files.begin(), m_files.end(),
                               [&](const LessonFile& f) { return f.path == p.string(); });
        const auto mtime = fs::last_write_time(p, ec);
        const auto size = fs::file_size(p, ec);
        if (it != m_files.end() && it->mtime == mtime && it->size == size) continue;
        if (it == m_files.end()) {
            LessonFile f;
            f.name = p.filename().string();
            f.path = p.string();
            m_files.push_back(std::move(f));
            it = m_files.end() - 1;
        }
        it->mtime = mtime;
        it->size = size;
        const auto text = readCapped(p, kMaxLessonBytes);
        if (!text) {
            it->errors = {{it->path, {1, 1}, "E_IO", "cannot read the file"}};
            it->stale = it->good.has_value();
        } else {
            loadFile(*it, *text);
        }
        changed = true;
    }
    if (changed) {
        std::sort(m_files.begin(), m_files.end(),
                  [](const LessonFile& a, const LessonFile& b) { return a.name < b.name; });
        crossCheck();
        ++m_version;
    }
    return changed;
}

bool LessonLibrary::tick(double dt, double interval) {
    m_sinceScan += dt;
    if (m_sinceScan < interval) return false;
    return poll();
}

void LessonLibrary::crossCheck() {
    m_crossErrors.clear();
    std::map<std::string, std::string> seen; // id -> file
    std::set<std::string> ids;
    for (const LessonFile& f : m_files)
        if (f.good) ids.insert(f.good->id);
    for (LessonFile& f : m_files) {
        if (!f.good) continue;
        if (auto [it, fresh] = seen.emplace(f.good->id, f.path); !fresh)
            m_crossErrors.push_back({f.path,
                                     {1, 1},
                                     "E_DUPLICATE_ID",
                                     "lesson id '" + f.good->id + "' is also used by " +
                                         it->second + "; ids must be unique"});
        for (size_t i = 0; i < f.good->prerequisites.size(); ++i)
            if (!ids.count(f.good->prerequisites[i]))
                m_crossErrors.push_back({f.path, f.good->prerequisitePos[i], "E_UNKNOWN_LESSON",
                                         "prerequisite '" + f.good->prerequisites[i] +
                                             "' is not the id of any lesson"});
    }
}

std::vector<const Lesson*> LessonLibrary::lessons() const {
    std::vector<const Lesson*> out;
    std::set<std::string> ids;
    for (const LessonFile& f : m_files)
        if (f.good && ids.insert(f.good->id).second) out.push_back(&*f.good);
    std::stable_sort(out.begin(), out.end(), [](const Lesson* a, const Lesson* b) {
        return a->order != b->order ? a->order < b->order : a->id < b->id;
    });
    return out;
}

const Lesson* LessonLibrary::find(const std::string& id) const {
    for (const Lesson* l : lessons())
        if (l->id == id) return l;
    return nullptr;
}

std::vector<Diagnostic> LessonLibrary::errors() const {
    std::vector<Diagnostic> out;
    for (const LessonFile& f : m_files)
        out.insert(out.end(), f.errors.begin(), f.errors.end());
    out.insert(out.end(), m_crossErrors.begin(), m_crossErrors.end());
    return out;
}

} // namespace linscape::lessons
