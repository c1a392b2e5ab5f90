// Canvas fragment shader. Mode 0: solid (feathered geometry carries its own alpha);
// mode 1: colour times texture (text, images); mode 2: disc or ring by signed distance;
// mode 3: a line quad whose last device pixel across (u beyond the core half-width) fades out.
#version 330 core
in vec2 v_uv;
in vec4 v_color;
flat in vec3 v_mode;

uniform sampler2D u_texture;
uniform float u_pixelScale; // device pixels per logical pixel

out vec4 o_color;

void main() {
    vec4 color = v_color;
    if (v_mode.x > 2.5) {
        color.a *= clamp((v_mode.y - abs(v_uv.x)) * u_pixelScale + 1.0, 0.0, 1.0);
    } else if (v_mode.x > 1.5) {
        float d = length(v_uv);
        float outer = clamp((v_mode.y - d) * u_pixelScale + 0.5, 0.0, 1.0);
        float inner = v_mode.z > 0.0 ? clamp((d - v_mode.z) * u_pixelScale + 0.5, 0.0, 1.0) : 1.0;
        color.a *= outer * inner;
    } else if (v_mode.x > 0.5) {
        color *= texture(u_texture, v_uv);
    }
    // Premultiplied output: blending is ONE, ONE_MINUS_SRC_ALPHA.
    o_color = vec4(color.rgb * color.a, color.a);
}
