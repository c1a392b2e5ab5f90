// GLSL program building with readable failures: the shader's name, the GLSL version and the info
// log, and a fallback program so a compile error never leaves a blank window. Internal to render.
#pragma once

#include <string>
#include <string_view>

namespace linscape::render {

// Source of a shader by file name: from LINSCAPE_SHADER_DIR when set (live editing in a debug
// session), else the copy embedded at build time.
std::string shaderSource(std::string_view name);

// Compiles and links vertex+fragment; returns 0 and fills *log on failure.
unsigned buildProgram(std::string_view vertName, std::string_view fragName, std::string* log);
// Compiles and links a compute shader (GL 4.3); 0 and *log on failure.
unsigned buildComputeProgram(std::string_view name, std::string* log);

} // namespace linscape::render
