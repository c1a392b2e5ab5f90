// AVX2+FMA micro-kernels (6x16 f32, 6x8 f64: 12 accumulators of the 16 ymm registers) and the
// FMA loop used to measure this family's peak. Compiled with -mavx2 -mfma; the driver calls
// into it only after checking the CPU (kernelIsaSupported).
#include "matmul_kernels.h"

#if defined(LINSCAPE_X86_KERNELS) && defined(__AVX2__) && defined(__FMA__)

#include <immintrin.h>

#include "matmul_kernel_impl.h"

namespace linscape::engine::detail {
namespace {

struct F32x8 {
    using T = float;
    using Reg = __m256;
    static constexpr int kLanes = 8;
    static Reg zero() { return _mm256_setzero_ps(); }
    static Reg set1(T x) { return _mm256_set1_ps(x); }
    static Reg load(const T* p) { return _mm256_load_ps(p); }
    static Reg loadu(const T* p) { return _mm256_loadu_ps(p); }
    static void storeu(T* p, Reg x) { _mm256_storeu_ps(p, x); }
    static Reg mul(Reg a, Reg b) { return _mm256_mul_ps(a, b); }
    static Reg fma(Reg a, Reg b, Reg c) { return _mm256_fmadd_ps(a, b, c); }
};

struct F64x4 {
    using T = double;
    using Reg = __m256d;
    static constexpr int kLanes = 4;
    static Reg zero() { return _mm256_setzero_pd(); }
    static Reg set1(T x) { return _mm256_set1_pd(x); }
    static Reg load(const T* p) { return _mm256_load_pd(p); }
    static Reg loadu(const T* p) { return _mm256_loadu_pd(p); }
    static void storeu(T* p, Reg x) { _mm256_storeu_pd(p, x); }
    static Reg mul(Reg a, Reg b) { return _mm256_mul_pd(a, b); }
    static Reg fma(Reg a, Reg b, Reg c) { return _mm256_fmadd_pd(a, b, c); }
};

double fmaLoop(std::uint64_t rounds, bool f64) {
    return f64 ? fmaChains<F64x4>(rounds) : fmaChains<F32x8>(rounds);
}

constexpr IsaKernels kKernels{makeKernelSet<F32x8, 6, 2>(), makeKernelSet<F64x4, 6, 2>(), &fmaLoop};

} // namespace

const IsaKernels* avx2Kernels() {
    return &kKernels;
}

} // namespace linscape::engine::detail

#else

namespace linscape::engine::detail {
const IsaKernels* avx2Kernels() {
    return nullptr;
}
} // namespace linscape::engine::detail

#endif
