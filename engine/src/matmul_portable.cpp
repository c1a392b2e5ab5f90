// The portable micro-kernels: plain C++ over small fixed-size arrays that the compiler maps onto
// whatever vector unit the baseline target has (SSE2 on x86-64, NEON on arm64). The fallback for
// CPUs without AVX2 and for non-x86 builds; always available.
#include "matmul_kernels.h"

#include "matmul_kernel_impl.h"

namespace linscape::engine::detail {
namespace {

// A "register" of L lanes as a plain array; 16 bytes matches SSE2 and NEON.
template <class E, int L>
struct PortableVec {
    using T = E;
    struct Reg {
        T v[L];
    };
    static constexpr int kLanes = L;
    static Reg zero() { return set1(T(0)); }
    static Reg set1(T x) {
        Reg r;
        for (int i = 0; i < L; ++i)
            r.v[i] = x;
        return r;
    }
    static Reg load(const T* p) { return loadu(p); }
    static Reg loadu(const T* p) {
        Reg r;
        for (int i = 0; i < L; ++i)
            r.v[i] = p[i];
        return r;
    }
    static void storeu(T* p, Reg x) {
        for (int i = 0; i < L; ++i)
            p[i] = x.v[i];
    }
    static Reg mul(Reg a, Reg b) {
        for (int i = 0; i < L; ++i)
            a.v[i] *= b.v[i];
        return a;
    }
    // Multiply then add: no fused FMA on the baseline target, and the reference result of the
    // tests allows for either rounding.
    static Reg fma(Reg a, Reg b, Reg c) {
        for (int i = 0; i < L; ++i)
            c.v[i] += a.v[i] * b.v[i];
        return c;
    }
};

using F32x4 = PortableVec<float, 4>;
using F64x2 = PortableVec<double, 2>;

double fmaLoop(std::uint64_t rounds, bool f64) {
    return f64 ? fmaChains<F64x2>(rounds) : fmaChains<F32x4>(rounds);
}

constexpr IsaKernels kKernels{makeKernelSet<F32x4, 4, 2>(), makeKernelSet<F64x2, 4, 2>(), &fmaLoop};

} // namespace

const IsaKernels* portableKernels() {
    return &kKernels;
}

} // namespace linscape::engine::detail
