// Helpers shared by subcommands: size parsing and output path checks.
#include "cli/cli.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <unistd.h>

namespace linscape::cli {

constexpr int kMinSide = 16;
constexpr int kMaxSide = 8192;

bool parseSize(const std::string& text, int& width, int& height, std::string* error) {
    const auto x = text.find_first_of("xX");
    auto fail = [&](const std::string& why) {
        if (error)
            *error = "--size '" + text + "': " + why + "; use WIDTHxHEIGHT with each side from " +
                     std::to_string(kMinSide) + " to " + std::to_string(kMaxSide) +
                     ", e.g. 1280x720";
        return false;
    };
    if (x == std::string::npos) return fail("missing 'x'");
    long w = 0, h = 0;
    const char* s = text.data();
    auto r1 = std::from_chars(s, s + x, w);
    auto r2 = std::from_chars(s + x + 1, s + text.size(), h);
    if (r1.ec != std::errc() || r1.ptr != s + x || r2.ec != std::errc() ||
        r2.ptr != s + text.size())
        return fail("not two whole numbers");
    if (w < kMinSide || h < kMinSide || w > kMaxSide || h > kMaxSide) return fail("out of range");
    width = int(w);
    height = int(h);
    return true;
}

bool checkOutputPath(const std::string& path, const std::string& extension, std::string* error) {
    namespace fs = std::filesystem;
    if (path.empty()) {
        if (error) *error = "no output file given; use -o FILE" + extension;
        return false;
    }
    fs::path p(path);
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    if (!extension.empty() && ext != extension) {
        if (error) *error = "output '" + path + "' must end in " + extension;
        return false;
    }
    fs::path dir = p.parent_path();
    if (dir.empty()) dir = ".";
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        if (error)
            *error = "cannot write '" + path + "': folder '" + dir.string() + "' does not exist";
        return false;
    }
    if (::access(dir.c_str(), W_OK) != 0) {
        if (error)
            *error = "cannot write '" + path + "': folder '" + dir.string() + "' is not writable";
        return false;
    }
    if (fs::is_directory(p, ec)) {
        if (error) *error = "cannot write '" + path + "': it is a folder";
        return false;
    }
    return true;
}

} // namespace linscape::cli
