// PNG encode/decode through stb, and atomic file writes.
#include "imaging/image.h"

#include <stb_image.h>
#include <stb_image_write.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <unistd.h>

namespace linscape::imaging {
namespace {

void appendBytes(void* context, void* data, int size) {
    auto* out = static_cast<std::vector<std::uint8_t>*>(context);
    auto* bytes = static_cast<std::uint8_t*>(data);
    out->insert(out->end(), bytes, bytes + size);
}

} // namespace

std::vector<std::uint8_t> encodePng(const Image& image, int compressionLevel) {
    std::vector<std::uint8_t> out;
    if (image.empty()) return out;
    // stb reads the level from a global; set it for this call only (captures run on one thread).
    const int previous = stbi_write_png_compression_level;
    stbi_write_png_compression_level = compressionLevel;
    stbi_write_png_to_func(appendBytes, &out, image.width, image.height, 4, image.rgba.data(),
                           image.width * 4);
    stbi_write_png_compression_level = previous;
    return out;
}

bool writeFileAtomic(const std::string& path, const void* data, size_t size, std::string* error,
                     bool durable) {
    namespace fs = std::filesystem;
    const fs::path target(path);
    fs::path tmp = target;
    tmp += ".tmp" + std::to_string(::getpid());
    std::FILE* f = std::fopen(tmp.c_str(), "wb");
    if (!f) {
        if (error) *error = "cannot write '" + path + "': " + std::strerror(errno);
        return false;
    }
    const bool wrote = std::fwrite(data, 1, size, f) == size;
    const bool flushed = std::fflush(f) == 0 && (!durable || ::fsync(fileno(f)) == 0);
    const bool closed = std::fclose(f) == 0;
    if (!wrote || !flushed || !closed) {
        if (error) *error = "cannot write '" + path + "': " + std::strerror(errno);
        std::error_code ec;
        fs::remove(tmp, ec);
        return false;
    }
    std::error_code ec;
    fs::rename(tmp, target, ec);
    if (ec) {
        if (error) *error = "cannot write '" + path + "': " + ec.message();
        fs::remove(tmp, ec);
        return false;
    }
    return true;
}

bool savePng(const Image& image, const std::string& path, std::string* error,
             int compressionLevel) {
    if (image.empty()) {
        if (error) *error = "nothing to save: the image is empty";
        return false;
    }
    const std::vector<std::uint8_t> png = encodePng(image, compressionLevel);
    if (png.empty()) {
        if (error) *error = "PNG encoding failed";
        return false;
    }
    return writeFileAtomic(path, png.data(), png.size(), error);
}

bool loadPng(const std::string& path, Image& out, std::string* error) {
    int w = 0, h = 0, channels = 0;
    stbi_uc* data = stbi_load(path.c_str(), &w, &h, &channels, 4);
    if (!data) {
        if (error) *error = "cannot read '" + path + "': " + stbi_failure_reason();
        return false;
    }
    out.width = w;
    out.height = h;
    out.rgba.assign(data, data + static_cast<size_t>(w) * h * 4);
    stbi_image_free(data);
    return true;
}

} // namespace linscape::imaging
