// ffmpeg as a child process fed raw frames; see ffmpeg_pipe.h.
#include "shell/ffmpeg_pipe.h"

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <unistd.h>

namespace linscape::shell {
namespace fs = std::filesystem;

namespace {

std::string shellQuoted(const std::string& s) {
    std::string q = "'";
    for (char c : s)
        q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

} // namespace

std::string findOnPath(const std::string& program) {
    const char* path = std::getenv("PATH");
    if (!path) return {};
    std::stringstream dirs(path);
    std::string dir;
    while (std::getline(dirs, dir, ':')) {
        if (dir.empty()) continue;
        const fs::path p = fs::path(dir) / program;
        if (::access(p.c_str(), X_OK) == 0) return p.string();
    }
    return {};
}

FfmpegPipe::~FfmpegPipe() {
    if (m_pipe) abandon();
}

bool FfmpegPipe::open(const std::string& ffmpeg, const std::string& format, int width, int height,
                      int fps, const std::string& out, std::string* error) {
    m_tmp = out + ".part" + (format == "gif" ? ".gif" : ".mp4");
    m_out = out;
    std::string cmd = shellQuoted(ffmpeg) + " -hide_banner -loglevel error -y -f rawvideo " +
                      "-pix_fmt rgba -s " + std::to_string(width) + "x" + std::to_string(height) +
                      " -r " + std::to_string(fps) + " -i - ";
    if (format == "gif")
        cmd += "-vf \"split[a][b];[a]palettegen=stats_mode=diff[p];[b][p]paletteuse=dither="
               "bayer:bayer_scale=4\" -loop 0 ";
    else
        cmd += "-c:v libx264 -preset medium -crf 18 -pix_fmt yuv420p -movflags +faststart ";
    cmd += shellQuoted(m_tmp);
    // A dead ffmpeg must turn into a failed write, not kill the app.
    std::signal(SIGPIPE, SIG_IGN);
    m_pipe = ::popen(cmd.c_str(), "w");
    if (!m_pipe && error) *error = "cannot start ffmpeg";
    return m_pipe != nullptr;
}

bool FfmpegPipe::write(const imaging::Image& frame) {
    return m_pipe &&
           std::fwrite(frame.rgba.data(), 1, frame.rgba.size(), m_pipe) == frame.rgba.size();
}

bool FfmpegPipe::close(std::string* error) {
    if (!m_pipe) return false;
    const int status = ::pclose(m_pipe);
    m_pipe = nullptr;
    std::error_code ec;
    if (status != 0 || !fs::exists(m_tmp, ec)) {
        fs::remove(m_tmp, ec);
        if (error) *error = "ffmpeg failed (exit status " + std::to_string(status) + ")";
        return false;
    }
    fs::rename(m_tmp, m_out, ec);
    if (ec && error) *error = "cannot rename " + m_tmp + ": " + ec.message();
    return !ec;
}

void FfmpegPipe::abandon() {
    if (m_pipe) {
        // Closing stdin ends ffmpeg; the partial file is then removed.
        ::pclose(m_pipe);
        m_pipe = nullptr;
    }
    std::error_code ec;
    fs::remove(m_tmp, ec);
}

} // namespace linscape::shell
