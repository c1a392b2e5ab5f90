// The OpenGL3 backend of an extra ImGui context; see imgui_backend.h.
#include "render/imgui_backend.h"

#include <backends/imgui_impl_opengl3.h>

namespace linscape::render {

bool initImGuiBackend(std::string* error) {
    // The same GLSL version as Renderer::init, so both contexts draw identically.
    if (ImGui_ImplOpenGL3_Init("#version 330 core")) return true;
    if (error) *error = "Dear ImGui's OpenGL 3 renderer failed to start";
    return false;
}

void shutdownImGuiBackend() {
    ImGui_ImplOpenGL3_Shutdown();
}

} // namespace linscape::render
