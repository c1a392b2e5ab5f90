// Canvas vertex shader: logical-pixel positions to clip space; passes colour and mode through.
#version 330 core
layout(location = 0) in vec2 a_position;
layout(location = 1) in vec2 a_uv;
layout(location = 2) in vec4 a_color;
layout(location = 3) in vec3 a_mode; // x: mode, y/z: mode parameters

uniform vec2 u_viewportSize; // logical pixels

out vec2 v_uv;
out vec4 v_color;
flat out vec3 v_mode;

void main() {
    vec2 ndc = a_position / u_viewportSize * 2.0 - 1.0;
    gl_Position = vec4(ndc.x, -ndc.y, 0.0, 1.0); // canvas y points down
    v_uv = a_uv;
    v_color = a_color;
    v_mode = a_mode;
}
