// Shader compilation and linking with the errors a shader author needs.
#include "render/shader.h"

#include <epoxy/gl.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace linscape::shaders {
std::string_view embeddedFile(std::string_view name);
}

namespace linscape::render {
namespace {

std::string glslVersion() {
    const auto* v = reinterpret_cast<const char*>(glGetString(GL_SHADING_LANGUAGE_VERSION));
    return v ? v : "unknown";
}

GLuint compile(GLenum type, std::string_view name, std::string* log) {
    const std::string src = shaderSource(name);
    if (src.empty()) {
        if (log) *log = "shader '" + std::string(name) + "' not found (not embedded, not on disk)";
        return 0;
    }
    GLuint shader = glCreateShader(type);
    const char* text = src.c_str();
    glShaderSource(shader, 1, &text, nullptr);
    glCompileShader(shader);
    GLint ok = GL_FALSE;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (ok != GL_TRUE) {
        GLint len = 0;
        glGetShaderiv(shader, GL_INFO_LOG_LENGTH, &len);
        std::string info(static_cast<size_t>(len > 0 ? len : 1), '\0');
        glGetShaderInfoLog(shader, len, nullptr, info.data());
        if (log)
            *log = "shader '" + std::string(name) + "' failed to compile (GLSL " + glslVersion() +
                   "):\n" + info;
        glDeleteShader(shader);
        return 0;
    }
    return shader;
}

GLuint link(std::initializer_list<GLuint> shaders, std::string_view name, std::string* log) {
    GLuint program = glCreateProgram();
    for (GLuint s : shaders)
        glAttachShader(program, s);
    glLinkProgram(program);
    for (GLuint s : shaders)
        glDeleteShader(s);
    GLint ok = GL_FALSE;
    glGetProgramiv(program, GL_LINK_STATUS, &ok);
    if (ok != GL_TRUE) {
        GLint len = 0;
        glGetProgramiv(program, GL_INFO_LOG_LENGTH, &len);
        std::string info(static_cast<size_t>(len > 0 ? len : 1), '\0');
        glGetProgramInfoLog(program, len, nullptr, info.data());
        if (log)
            *log = "program '" + std::string(name) + "' failed to link (GLSL " + glslVersion() +
                   "):\n" + info;
        glDeleteProgram(program);
        return 0;
    }
    return program;
}

} // namespace

std::string shaderSource(std::string_view name) {
    if (const char* dir = std::getenv("LINSCAPE_SHADER_DIR")) {
        std::ifstream in(std::string(dir) + "/" + std::string(name));
        if (in) {
            std::stringstream ss;
            ss << in.rdbuf();
            return ss.str();
        }
    }
    return std::string(shaders::embeddedFile(name));
}

unsigned buildProgram(std::string_view vertName, std::string_view fragName, std::string* log) {
    GLuint vs = compile(GL_VERTEX_SHADER, vertName, log);
    if (!vs) return 0;
    GLuint fs = compile(GL_FRAGMENT_SHADER, fragName, log);
    if (!fs) {
        glDeleteShader(vs);
        return 0;
    }
    return link({vs, fs}, std::string(vertName) + "+" + std::string(fragName), log);
}

unsigned buildComputeProgram(std::string_view name, std::string* log) {
    GLuint cs = compile(GL_COMPUTE_SHADER, name, log);
    if (!cs) return 0;
    return link({cs}, name, log);
}

} // namespace linscape::render
