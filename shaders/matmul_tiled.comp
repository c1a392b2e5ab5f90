// C = A @ B in float32 (row-major (m,k) @ (k,n)): each 16x16 work group computes one 16x16 tile
// of C, walking k in steps of 16 with one tile of A and one of B staged in shared memory, so each
// value loaded from the storage buffers is reused 16 times. Out-of-range threads load zeros and
// write nothing, so m, k and n need not be multiples of 16. The host dispatches bands of rows
// (rowOffset) so that a large product is spread over several frames.
#version 430 core

layout(local_size_x = 16, local_size_y = 16, local_size_z = 1) in;

layout(std430, binding = 0) readonly buffer MatrixA { float a[]; };
layout(std430, binding = 1) readonly buffer MatrixB { float b[]; };
layout(std430, binding = 2) writeonly buffer MatrixC { float c[]; };

uniform uint uM;
uniform uint uK;
uniform uint uN;
uniform uint uRowOffset;

shared float tileA[16][16];
shared float tileB[16][16];

void main() {
    uint tx = gl_LocalInvocationID.x;
    uint ty = gl_LocalInvocationID.y;
    uint col = gl_GlobalInvocationID.x;
    uint row = uRowOffset + gl_GlobalInvocationID.y;
    float acc = 0.0;
    for (uint t = 0u; t < uK; t += 16u) {
        uint ak = t + tx;
        uint bk = t + ty;
        tileA[ty][tx] = (row < uM && ak < uK) ? a[row * uK + ak] : 0.0;
        tileB[ty][tx] = (bk < uK && col < uN) ? b[bk * uN + col] : 0.0;
        memoryBarrierShared();
        barrier();
        for (uint i = 0u; i < 16u; ++i)
            acc += tileA[ty][i] * tileB[i][tx];
        memoryBarrierShared();
        barrier();
    }
    if (row < uM && col < uN) c[row * uN + col] = acc;
}
