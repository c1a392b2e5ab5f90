// Fallback shader used when a shader fails to compile: flat colour, so the frame is never blank.
#version 330 core
layout(location = 0) in vec2 a_position;
layout(location = 2) in vec4 a_color;
uniform vec2 u_viewportSize;
out vec4 v_color;
void main() {
    vec2 ndc = a_position / u_viewportSize * 2.0 - 1.0;
    gl_Position = vec4(ndc.x, -ndc.y, 0.0, 1.0);
    v_color = a_color;
}
