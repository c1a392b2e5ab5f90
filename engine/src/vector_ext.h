// Fixed-width SIMD vectors as GCC/Clang vector extensions, for loops that must vectorise the same
// way in the baseline build and in copies compiled for AVX2 (target attributes): 32 bytes are two
// SSE2 registers in one and one AVX register in the other, NEON pairs elsewhere.
#pragma once

#include <cstdint>
#include <cstring>

// The helpers return vectors by value but are always inlined, so GCC's note that such a
// function's ABI would differ with AVX enabled does not apply (in the including file either).
#pragma GCC diagnostic ignored "-Wpsabi"

namespace linscape::engine::detail {

using Float8 = float __attribute__((vector_size(32)));
using Int8 = std::int32_t __attribute__((vector_size(32)));
using Double4 = double __attribute__((vector_size(32)));
// 64 bytes: one AVX-512 register, only for code compiled with an AVX-512 target.
using Float16 = float __attribute__((vector_size(64)));
using Int16 = std::int32_t __attribute__((vector_size(64)));

// Unaligned load and store of a whole vector V from or to elements E.
template <class V, class E>
inline __attribute__((always_inline)) V loadVector(const E* p) {
    V v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

template <class V, class E>
inline __attribute__((always_inline)) void storeVector(E* p, const V& v) {
    std::memcpy(p, &v, sizeof v);
}

} // namespace linscape::engine::detail
