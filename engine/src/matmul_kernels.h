// Internal contract between the gemm driver (matmul.cpp) and the per-ISA kernel files
// (matmul_portable.cpp, matmul_avx2.cpp, matmul_avx512.cpp): micro-kernels, packing, FMA loops.
// Deliberately free of Eigen and standard-library templates; see matmul_kernel_impl.h for why.
#pragma once

#include <cstddef>
#include <cstdint>

namespace linscape::engine::detail {

using KIndex = std::ptrdiff_t;

// One register-blocked micro-kernel and the packing routines that feed it.
//
// Packed A: ceil(mc/mr) micro-panels, each kc steps of mr values (A(i, p) for the mr rows).
// Packed B: ceil(nc/nr) micro-panels, each kc steps of nr values (B(p, j) for the nr columns).
// Partial micro-panels are zero padded, so the kernel always runs a full mr x nr tile and never
// reads outside the packed buffers; only the store is clipped to the real tile.
template <class T>
struct MicroKernelSet {
    int mr = 0;
    int nr = 0;
    // C[0:rows, 0:cols] = alpha * (Ap * Bp) + beta * C, where C has row stride ldc and unit
    // column stride. beta == 0 stores without reading C (so NaN in C is overwritten, as in BLAS).
    void (*kernel)(KIndex kc, const T* ap, const T* bp, T* c, KIndex ldc, int rows, int cols,
                   T alpha, T beta) = nullptr;
    // The same with A unpacked and row-major: A(i, p) = a[i * lda + p], rows i < `rows` only.
    void (*kernelRowA)(KIndex kc, const T* a, KIndex lda, const T* bp, T* c, KIndex ldc, int rows,
                       int cols, T alpha, T beta) = nullptr;
    // Packs the mc x kc block whose (i, p) element is a[i * rs + p * cs].
    void (*packA)(KIndex mc, KIndex kc, const T* a, KIndex rs, KIndex cs, T* dst) = nullptr;
    // Packs the kc x nc block whose (p, j) element is b[p * rs + j * cs].
    void (*packB)(KIndex kc, KIndex nc, const T* b, KIndex rs, KIndex cs, T* dst) = nullptr;
};

struct IsaKernels {
    MicroKernelSet<float> f32;
    MicroKernelSet<double> f64;
    // A register-only chain of FMAs (no memory traffic) for peak measurements: runs `rounds`
    // rounds and returns the floating-point operations it performed (2 per lane per FMA).
    double (*fmaLoop)(std::uint64_t rounds, bool f64) = nullptr;
};

// nullptr when this build has no kernels of that family (non-x86 builds). Whether the running
// CPU can execute them is the driver's question (kernelIsaSupported), never the caller's guess.
const IsaKernels* portableKernels();
const IsaKernels* avx2Kernels();
const IsaKernels* avx512Kernels();

} // namespace linscape::engine::detail
