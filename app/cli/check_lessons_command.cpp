// `linscape check-lessons [DIR]`: loads and validates every lesson file (syntax, fields, scenes,
// parameters, and every number a lesson claims, recomputed with the engine); prints
// file:line:column errors and exits 1 when there is any.
#include "cli/commands.h"

#include "lessons/library.h"

#include <cstdio>
#include <filesystem>

namespace linscape::cli {

int runCheckLessons(const CheckLessonsArgs& args) {
    namespace fs = std::filesystem;
    lessons::LessonLibrary lib;
    if (!args.folder.empty()) {
        std::error_code ec;
        if (!fs::is_directory(args.folder, ec)) {
            std::fprintf(stderr, "linscape check-lessons: error: '%s' is not a folder\n",
                         args.folder.c_str());
            return 2;
        }
        lib.load(args.folder);
    } else {
        lib.load(lessons::LessonLibrary::defaultFolder());
    }
    const auto errors = lib.errors();
    for (const lessons::Diagnostic& d : errors)
        std::fprintf(stderr, "%s\n", d.format().c_str());
    size_t steps = 0, claims = 0, exercises = 0;
    for (const lessons::Lesson* l : lib.lessons()) {
        steps += l->steps.size();
        for (const auto& s : l->steps) {
            claims += s.claims.size();
            exercises += s.exercise ? 1 : 0;
        }
    }
    if (!args.quiet)
        std::printf("%s: %zu file%s, %zu lesson%s, %zu steps, %zu exercises, %zu claims checked; "
                    "%zu error%s\n",
                    lib.fromDisk() ? lib.folder().c_str() : "<embedded>", lib.files().size(),
                    lib.files().size() == 1 ? "" : "s", lib.lessons().size(),
                    lib.lessons().size() == 1 ? "" : "s", steps, exercises, claims, errors.size(),
                    errors.size() == 1 ? "" : "s");
    if (lib.files().empty()) {
        std::fprintf(stderr, "linscape check-lessons: error: no *.toml lesson files in %s\n",
                     lib.fromDisk() ? lib.folder().c_str() : "the binary");
        return 1;
    }
    return errors.empty() ? 0 : 1;
}

} // namespace linscape::cli
