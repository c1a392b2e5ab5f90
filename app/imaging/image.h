// RGBA8 images in memory, PNG read/write (stb), and nothing else: no GL here, so tests and the
// CLI can use images without a context. Rows are stored top to bottom.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace linscape::imaging {

struct Image {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> rgba; // width * height * 4 bytes, row 0 at the top

    Image() = default;
    Image(int w, int h) : width(w), height(h), rgba(static_cast<size_t>(w) * h * 4, 0) {}
    bool empty() const { return width <= 0 || height <= 0; }
    std::uint8_t* pixel(int x, int y) { return &rgba[(static_cast<size_t>(y) * width + x) * 4]; }
    const std::uint8_t* pixel(int x, int y) const {
        return &rgba[(static_cast<size_t>(y) * width + x) * 4];
    }
};

// Writes a PNG atomically: into a temporary file beside the target, then renamed, so a failure
// never leaves a partial file. Returns false and fills *error on failure.
bool savePng(const Image& image, const std::string& path, std::string* error = nullptr,
             int compressionLevel = 4);
// Encodes a PNG into memory.
std::vector<std::uint8_t> encodePng(const Image& image, int compressionLevel = 4);
bool loadPng(const std::string& path, Image& out, std::string* error = nullptr);

// Writes bytes to a file atomically (temporary file + rename). durable: also fsync before the
// rename, so the old content survives a crash (settings, progress); images do not need it.
bool writeFileAtomic(const std::string& path, const void* data, size_t size,
                     std::string* error = nullptr, bool durable = false);

} // namespace linscape::imaging
