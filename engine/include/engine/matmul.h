// Matrix multiplication, C = alpha * op(A) * op(B) + beta * C, as in BLAS gemm.
// float and double; row- or column-major; optional transposes; any shape, zero-sized included.
// The engine path is BLIS-style (packed panels, cache blocking, SIMD micro-kernels picked at run
// time from the CPU's features) and runs on the thread pool. The naive and blocked loops are kept
// as teaching references for the speed lab.
#pragma once

#include "engine/result.h"
#include "engine/thread_pool.h"

#include <Eigen/Core>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace linscape::engine {

using Index = std::ptrdiff_t;

enum class Layout { RowMajor, ColMajor };
enum class Op { None, Transpose };

// Micro-kernel families; Auto picks the fastest the CPU supports (by measurement, not by width).
enum class KernelIsa { Auto, Portable, Avx2Fma, Avx512 };
std::string_view kernelIsaName(KernelIsa isa);
// The kernel family Auto resolves to on this CPU.
KernelIsa detectKernelIsa();
// Whether this CPU (and this build) can run the family.
bool kernelIsaSupported(KernelIsa isa);

// One tile of C computed by one worker, as recorded for the schedule visualisation. The packed
// path records one event per (row block, column block, k-slice): for each k-slice the tiles cover
// C exactly once. Small products (every dimension <= 16) record one tile covering C. Products
// with no multiply work (m, n or k = 0, alpha = 0) record nothing.
struct TileEvent {
    unsigned worker = 0;                          // 0-based worker index within the call
    std::uint64_t order = 0;                      // global order in which tiles started
    Index row0 = 0, col0 = 0, rows = 0, cols = 0; // the block of C
    Index depth0 = 0, depth = 0;                  // the slice of the shared dimension k
    double startSeconds = 0, endSeconds = 0;      // relative to the start of the call
};

// Collects TileEvents from all workers (thread-safe).
class TileRecorder {
public:
    void record(const TileEvent& e);
    std::vector<TileEvent> events() const; // sorted by order
    void clear();

private:
    mutable std::mutex m_mutex;
    std::vector<TileEvent> m_events;
};

// Cache sizes the blocking is derived from instead of this CPU's (0: this CPU's). Pictures that
// must match on every machine (the tile schedule's goldens) plan for a fixed reference CPU.
struct CacheOverride {
    std::size_t l1d = 0, l2 = 0; // bytes
};

// A fixed reference CPU that scenes describe (and the tile schedule plans for) instead of this
// one when a picture must be the same on every machine: the portable kernels, 32 KiB L1d,
// 512 KiB L2, 2 threads.
struct ReferenceCpu {
    static constexpr KernelIsa isa = KernelIsa::Portable;
    static constexpr CacheOverride cache{32 * 1024, 512 * 1024};
    static constexpr unsigned threads = 2;
};

struct GemmOptions {
    // 0: every worker of the pool plus the caller (with the shared pool: one per hardware
    // thread); 1: the calling thread only, the pool is not touched; n: at most n, and at most
    // the pool's size + 1. Small products use fewer threads than allowed: waking a thread costs
    // more than a few MFLOP of work.
    unsigned threads = 0;
    ThreadPool* pool = nullptr; // nullptr: ThreadPool::shared()
    KernelIsa isa = KernelIsa::Auto;
    TileRecorder* recorder = nullptr; // optional instrumentation hook
    CacheOverride cache;              // the blocking's cache sizes (default: this CPU's)
};

// BLAS-style gemm on raw storage. op(A) is m x k, op(B) is k x n, C is m x n. ld* are leading
// dimensions in elements for the given layout. Sizes may be 0. Shapes are the caller's duty here;
// the Eigen wrappers below check them.
void gemm(Layout layout, Op opA, Op opB, Index m, Index n, Index k, float alpha, const float* a,
          Index lda, const float* b, Index ldb, float beta, float* c, Index ldc,
          const GemmOptions& options = {});
void gemm(Layout layout, Op opA, Op opB, Index m, Index n, Index k, double alpha, const double* a,
          Index lda, const double* b, Index ldb, double beta, double* c, Index ldc,
          const GemmOptions& options = {});

// Teaching references (single thread): the i-j-k triple loop and a simple cache-blocked loop.
// C = A * B, row-major, no alpha/beta.
template <class T>
void gemmNaive(Index m, Index n, Index k, const T* a, const T* b, T* c);
template <class T>
void gemmBlocked(Index m, Index n, Index k, const T* a, const T* b, T* c, Index block = 64);

// Eigen-facing helpers used by the rest of the engine: C = op(A) op(B), with a shape check whose
// message names both shapes and the rule (ErrorCode::ShapeMismatch, e.g. "(2,3) @ (2,2): the
// inner dimensions must match (3 vs 2); (n,k) @ (k,m) -> (n,m)"), and ErrorCode::TooLarge, with
// the estimate, when the result would not fit in memory.
Result<Eigen::MatrixXd> multiply(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b,
                                 Op opA = Op::None, Op opB = Op::None,
                                 const GemmOptions& options = {});
Result<Eigen::MatrixXf> multiply(const Eigen::MatrixXf& a, const Eigen::MatrixXf& b,
                                 Op opA = Op::None, Op opB = Op::None,
                                 const GemmOptions& options = {});

// The blocking the packed path uses for a row-major (m,k) @ (k,n) product, as the schedule view
// explains it: micro-tiles of C are mr x nr (the kernel's registers); A is packed in blocks of
// mc x kc (mc rows, L2-sized; with several threads the row blocks shrink towards the end),
// B in panels of kc x nc; k runs in kBlocks slices of at most kc.
struct GemmBlocking {
    KernelIsa isa = KernelIsa::Portable; // the family that runs
    int mr = 0, nr = 0;
    Index mc = 0, kc = 0, nc = 0, kBlocks = 0;
    std::size_t l1d = 0, l2 = 0, l3 = 0; // cache sizes the blocking was derived from
    bool cacheMeasured = false;          // false: defaults (the OS reported nothing)
};
GemmBlocking gemmBlocking(Index m, Index n, Index k, bool doublePrecision = false,
                          KernelIsa isa = KernelIsa::Auto, const CacheOverride& cache = {});

// "(2,3) @ (3,4) -> (2,4)" for a product that fits, or the mismatch message above.
std::string shapeRule(Index aRows, Index aCols, Index bRows, Index bCols);

} // namespace linscape::engine
