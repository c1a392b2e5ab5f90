// Dear ImGui's OpenGL renderer for an extra ImGui context (an export session renders in a context
// of its own, with its own font texture). The main context's backend belongs to Renderer.
#pragma once

#include <string>

namespace linscape::render {

// For the current ImGui context; needs the GL context current. False with *error on failure.
bool initImGuiBackend(std::string* error);
void shutdownImGuiBackend();

} // namespace linscape::render
