// AVX-512 micro-kernels (14x32 f32, 14x16 f64: 28 accumulators of the 32 zmm registers) and the
// FMA loop used to measure this family's peak. Compiled with -mavx512f/dq/vl/bw; the driver calls
// into it only after checking the CPU (kernelIsaSupported).
#include "matmul_kernels.h"

#if defined(LINSCAPE_X86_KERNELS) && defined(__AVX512F__)

#include <immintrin.h>

#include "matmul_kernel_impl.h"

namespace linscape::engine::detail {
namespace {

struct F32x16 {
    using T = float;
    using Reg = __m512;
    static constexpr int kLanes = 16;
    static Reg zero() { return _mm512_setzero_ps(); }
    static Reg set1(T x) { return _mm512_set1_ps(x); }
    static Reg load(const T* p) { return _mm512_load_ps(p); }
    static Reg loadu(const T* p) { return _mm512_loadu_ps(p); }
    static void storeu(T* p, Reg x) { _mm512_storeu_ps(p, x); }
    static Reg mul(Reg a, Reg b) { return _mm512_mul_ps(a, b); }
    static Reg fma(Reg a, Reg b, Reg c) { return _mm512_fmadd_ps(a, b, c); }
};

struct F64x8 {
    using T = double;
    using Reg = __m512d;
    static constexpr int kLanes = 8;
    static Reg zero() { return _mm512_setzero_pd(); }
    static Reg set1(T x) { return _mm512_set1_pd(x); }
    static Reg load(const T* p) { return _mm512_load_pd(p); }
    static Reg loadu(const T* p) { return _mm512_loadu_pd(p); }
    static void storeu(T* p, Reg x) { _mm512_storeu_pd(p, x); }
    static Reg mul(Reg a, Reg b) { return _mm512_mul_pd(a, b); }
    static Reg fma(Reg a, Reg b, Reg c) { return _mm512_fmadd_pd(a, b, c); }
};

double fmaLoop(std::uint64_t rounds, bool f64) {
    return f64 ? fmaChains<F64x8>(rounds) : fmaChains<F32x16>(rounds);
}

constexpr IsaKernels kKernels{makeKernelSet<F32x16, 14, 2>(), makeKernelSet<F64x8, 14, 2>(),
                              &fmaLoop};

} // namespace

const IsaKernels* avx512Kernels() {
    return &kKernels;
}

} // namespace linscape::engine::detail

#else

namespace linscape::engine::detail {
const IsaKernels* avx512Kernels() {
    return nullptr;
}
} // namespace linscape::engine::detail

#endif
