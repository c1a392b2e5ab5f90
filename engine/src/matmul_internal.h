// Internal pieces of the matmul shared by matmul.cpp (public API), matmul_driver.cpp (the packed,
// blocked, threaded algorithm), matmul_cpu.cpp (cache sizes, kernel choice) and attention.cpp
// (which drives the micro-kernels itself). Baseline code only.
#pragma once

#include "engine/matmul.h"
#include "matmul_kernels.h"

#include <chrono>
#include <cstddef>
#include <new>

namespace linscape::engine::detail {

struct CacheSizes {
    std::size_t l1d = 32 * 1024;
    std::size_t l2 = 512 * 1024;
    std::size_t l3 = 8 * 1024 * 1024; // per core complex, as the OS reports it
    bool measured = false;            // false: the defaults above (nothing readable)
};
// A 64-byte aligned buffer that only grows, kept (per thread, or per caller) so that repeated
// calls do not pay for allocation and page faults. Contents are not preserved when it grows.
class ScratchBuffer {
public:
    ScratchBuffer() = default;
    ScratchBuffer(const ScratchBuffer&) = delete;
    ScratchBuffer& operator=(const ScratchBuffer&) = delete;
    ~ScratchBuffer() { release(); }
    void* get(std::size_t bytes) {
        if (bytes > m_bytes) {
            release();
            m_data = ::operator new(bytes, std::align_val_t(64));
            m_bytes = bytes;
        }
        return m_data;
    }

private:
    void release() {
        if (m_data) ::operator delete(m_data, std::align_val_t(64));
        m_data = nullptr;
        m_bytes = 0;
    }
    void* m_data = nullptr;
    std::size_t m_bytes = 0;
};

// Read once: sysfs, then cpuid; defaults when neither answers.
const CacheSizes& cacheSizes();

// The kernels for a requested family: Auto and families this CPU cannot run resolve to
// detectKernelIsa(), so a forced family never executes an instruction the CPU lacks.
const IsaKernels& kernelsFor(KernelIsa requested);
KernelIsa resolveKernelIsa(KernelIsa requested);

// A gemm after the public entry normalised it: C is m x n with row stride ldc and unit column
// stride; op(A)(i, p) = a[i * rsA + p * csA] and op(B)(p, j) = b[p * rsB + j * csB].
// A column-major C is handled as the row-major C^T = op(B)^T op(A)^T; transposed remembers it
// so that recorded tiles come back in the caller's coordinates.
template <class T>
struct GemmProblem {
    Index m = 0, n = 0, k = 0;
    T alpha = 1, beta = 0;
    const T* a = nullptr;
    Index rsA = 0, csA = 0;
    const T* b = nullptr;
    Index rsB = 0, csB = 0;
    T* c = nullptr;
    Index ldc = 0;
    bool transposed = false;
};

// Runs a normalised gemm: degenerate cases, the small/thin fast path, or the packed algorithm.
template <class T>
void runGemm(const GemmProblem<T>& problem, const GemmOptions& options);

extern template void runGemm<float>(const GemmProblem<float>&, const GemmOptions&);
extern template void runGemm<double>(const GemmProblem<double>&, const GemmOptions&);

} // namespace linscape::engine::detail
