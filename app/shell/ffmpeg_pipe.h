// Encoding frames to GIF or MP4 through an ffmpeg process (raw RGBA on its stdin), shared by
// `linscape export` and File > Export. The file appears under its name only when ffmpeg succeeded.
#pragma once

#include "imaging/image.h"

#include <cstdio>
#include <string>

namespace linscape::shell {

// The full path of `program` on $PATH, or empty.
std::string findOnPath(const std::string& program);

class FfmpegPipe {
public:
    FfmpegPipe() = default;
    FfmpegPipe(const FfmpegPipe&) = delete;
    FfmpegPipe& operator=(const FfmpegPipe&) = delete;
    ~FfmpegPipe(); // an unclosed pipe is abandoned: its temporary file is removed

    // format: "gif" or "mp4". Writes to `out` + ".part.<ext>" until close() renames it.
    bool open(const std::string& ffmpeg, const std::string& format, int width, int height, int fps,
              const std::string& out, std::string* error);
    bool write(const imaging::Image& frame);
    // Waits for ffmpeg; true when the file was written and renamed to its final name.
    bool close(std::string* error);
    // Stops ffmpeg and removes the temporary file (cancel).
    void abandon();
    bool isOpen() const { return m_pipe != nullptr; }

private:
    FILE* m_pipe = nullptr;
    std::string m_tmp, m_out;
};

} // namespace linscape::shell
