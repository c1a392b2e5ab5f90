// The gemm algorithm behind gemm(): BLIS-style loops around a register micro-kernel, with packed
// panels of A (MR x kc, per thread, in L2) and B (kc x NR, shared, packed on first use), cache
// blocking from the measured cache sizes, and the pool spreading row blocks of C over threads
// one k-slice at a time.
#include "matmul_internal.h"

#include <algorithm>
#include <atomic>
#include <cassert>
#include <memory>
#include <new>
#include <thread>
#include <type_traits>
#include <vector>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace linscape::engine::detail {

namespace {

using Clock = std::chrono::steady_clock;

// Shapes up to this size in every dimension skip packing: the copies would cost more than the
// product itself (16^3 multiply-adds are a few microseconds).
constexpr Index kSmallDim = 16;
// Each thread beyond the first must get at least this much work to pay for waking it.
constexpr double kMinFlopsPerThread = 3.0e6;
// Packed B for one column block is shared by all threads; this bounds its size (and so nc).
constexpr std::size_t kMaxPackedB = 16u << 20;

thread_local ScratchBuffer t_packA; // the A block of whichever task this thread runs
thread_local ScratchBuffer t_packB; // the shared B panel of gemm calls this thread makes

inline void cpuRelax() {
#if defined(__x86_64__) || defined(__i386__)
    _mm_pause();
#endif
}

Index ceilDiv(Index a, Index b) {
    return (a + b - 1) / b;
}

template <class T>
void scaleC(const GemmProblem<T>& p) {
    for (Index i = 0; i < p.m; ++i) {
        T* row = p.c + i * p.ldc;
        if (p.beta == T(0)) {
            std::fill(row, row + p.n, T(0)); // not beta * C: that would keep NaN
        } else if (p.beta != T(1)) {
            for (Index j = 0; j < p.n; ++j)
                row[j] *= p.beta;
        }
    }
}

template <class T>
void storeC(T& c, T product, T alpha, T beta) {
    c = beta == T(0) ? alpha * product : alpha * product + beta * c;
}

// Dot product with independent partial sums, so the compiler can keep several lanes busy.
template <class T>
T dot(Index k, const T* x, Index incx, const T* y, Index incy) {
    T s[8] = {};
    Index p = 0;
    if (incx == 1 && incy == 1) {
        for (; p + 8 <= k; p += 8)
            for (int l = 0; l < 8; ++l)
                s[l] += x[p + l] * y[p + l];
    }
    for (; p < k; ++p)
        s[p & 7] += x[p * incx] * y[p * incy];
    return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
}

// Small and thin shapes: direct loops, no packing, no pool. A matrix-vector product reads the
// matrix once in storage order (dot products along rows, or axpy along columns).
template <class T>
bool tryDirect(const GemmProblem<T>& p) {
    const bool small = p.m <= kSmallDim && p.n <= kSmallDim && p.k <= kSmallDim;
    if (!small && p.n != 1 && p.m != 1) return false;
    if (p.n == 1 && p.csA != 1 && p.m > 1) {
        // y = A x with A stored by columns: accumulate columns (axpy), then scale into C.
        std::vector<T> y(static_cast<std::size_t>(p.m), T(0));
        for (Index q = 0; q < p.k; ++q) {
            const T x = p.b[q * p.rsB];
            const T* col = p.a + q * p.csA;
            for (Index i = 0; i < p.m; ++i)
                y[i] += col[i * p.rsA] * x;
        }
        for (Index i = 0; i < p.m; ++i)
            storeC(p.c[i * p.ldc], y[i], p.alpha, p.beta);
        return true;
    }
    if (p.m == 1 && p.rsB != 1 && p.n > 1) {
        // y = x^T B with B stored by rows: accumulate rows of B.
        std::vector<T> y(static_cast<std::size_t>(p.n), T(0));
        for (Index q = 0; q < p.k; ++q) {
            const T x = p.a[q * p.csA];
            const T* row = p.b + q * p.rsB;
            for (Index j = 0; j < p.n; ++j)
                y[j] += x * row[j * p.csB];
        }
        for (Index j = 0; j < p.n; ++j)
            storeC(p.c[j], y[j], p.alpha, p.beta);
        return true;
    }
    for (Index i = 0; i < p.m; ++i)
        for (Index j = 0; j < p.n; ++j)
            storeC(p.c[i * p.ldc + j], dot(p.k, p.a + i * p.rsA, p.csA, p.b + j * p.csB, p.rsB),
                   p.alpha, p.beta);
    return true;
}

struct Blocking {
    Index kc = 0;      // depth of one k-slice
    Index kBlocks = 0; // number of k-slices
    Index mcTiles = 0; // MR-tiles in one row block (the packed A block)
    Index nc = 0;      // columns of C per column block (the packed B)
};

// Derived from the cache sizes, after the BLIS analysis (Low et al., "Analytical modeling is
// enough for high-performance BLIS", 2016), then checked by measurement:
// - kc: one B micro-panel (kc x NR) about fills L1, rounded up to a power of two, at most 512.
//   It is reused by every A micro-panel of the block; on the cores measured (Zen 5: 48 KiB L1,
//   1 MiB L2) it streams from L2 fast enough, and a longer kc spreads each C tile's load and
//   store over more FMAs: 384 -> 512 gained 2-3%, 1024 nothing more.
// - mc: the packed A block (mc x kc) fills L2; it is reused by every B micro-panel. Half of L2
//   measured 1-2% slower (B is streamed once more per call).
// - nc: as wide as the packed-B budget allows, so A is packed once per call in the common case
//   (narrower column blocks measured slower: A is re-packed per block).
template <class T>
Blocking chooseBlocking(const MicroKernelSet<T>& set, Index k, Index n,
                        const CacheOverride& override = {}) {
    CacheSizes cache = cacheSizes();
    if (override.l1d > 0) cache.l1d = override.l1d;
    if (override.l2 > 0) cache.l2 = override.l2;
    Blocking bl;
    const Index fillL1 = static_cast<Index>(cache.l1d / (sizeof(T) * set.nr));
    Index kc = 128;
    while (kc < fillL1 && kc < 512)
        kc *= 2;
    // Equal slices: k = 600 with kc = 512 runs as 300 + 300, not 512 + 88.
    bl.kBlocks = std::max<Index>(1, ceilDiv(k, kc));
    bl.kc = ceilDiv(k, bl.kBlocks);
    bl.mcTiles = std::max<Index>(1, static_cast<Index>(cache.l2 / (sizeof(T) * bl.kc)) / set.mr);
    const Index budgetCols = static_cast<Index>(kMaxPackedB / (sizeof(T) * std::max<Index>(k, 1)));
    bl.nc = std::max<Index>(set.nr, budgetCols / set.nr * set.nr);
    bl.nc = std::min(bl.nc, ceilDiv(n, set.nr) * set.nr);
    return bl;
}

// One call's shared state: the problem, the plan, the packed B and its per-panel claim flags.
template <class T>
struct PackedGemm {
    const GemmProblem<T>& p;
    const MicroKernelSet<T>& set;
    Blocking bl;
    TileRecorder* recorder = nullptr;
    Clock::time_point start;
    Index depthOffset = 0; // where this call's k begins within the caller's k (chunked k)
    std::atomic<std::uint64_t>* order = nullptr; // shared by the k chunks of one call
    unsigned threads = 1;

    // Current column block.
    Index jc = 0, nb = 0, panels = 0;
    std::vector<Index> blockTiles; // row block b covers MR-tiles [blockTiles[b], blockTiles[b + 1])
    Index nSplits = 1;
    T* packedB = nullptr;
    std::unique_ptr<std::atomic<std::uint8_t>[]> state; // 0 empty, 1 being packed, 2 ready

    PackedGemm(const GemmProblem<T>& problem, const MicroKernelSet<T>& kernels)
        : p(problem), set(kernels) {}

    Index depthOf(Index kb) const { return kb == bl.kBlocks - 1 ? p.k - kb * bl.kc : bl.kc; }

    // The B micro-panel (k-slice kb, panel j) of the current column block, packed by whichever
    // thread needs it first. Waiting happens only on a thread that is packing right now.
    const T* panelB(Index kb, Index j) {
        const Index p0 = kb * bl.kc, depth = depthOf(kb);
        T* dst = packedB + p0 * panels * set.nr + j * depth * set.nr;
        std::atomic<std::uint8_t>& flag = state[kb * panels + j];
        std::uint8_t expected = flag.load(std::memory_order_acquire);
        if (expected == 2) return dst;
        if (expected == 0 && flag.compare_exchange_strong(expected, 1, std::memory_order_acquire)) {
            const Index col0 = jc + j * set.nr;
            set.packB(depth, std::min<Index>(set.nr, jc + nb - col0),
                      p.b + p0 * p.rsB + col0 * p.csB, p.rsB, p.csB, dst);
            flag.store(2, std::memory_order_release);
            return dst;
        }
        for (int spins = 0; flag.load(std::memory_order_acquire) != 2; ++spins) {
            if (spins < 4096) {
                cpuRelax();
            } else {
                std::this_thread::yield(); // the packer may have lost its core
            }
        }
        return dst;
    }

    // Task = (row block, column split) of one k-slice of the current column block; loops B
    // micro-panels (starting at a worker-dependent offset so threads pack different panels
    // first), then A micro-panels: the classic jr/ir order around the kernel.
    void runTask(std::size_t task, unsigned worker, Index kb) {
        const Index rb = static_cast<Index>(task) / nSplits,
                    cs = static_cast<Index>(task) % nSplits;
        const Index tile0 = blockTiles[rb], tile1 = blockTiles[rb + 1];
        const Index row0 = tile0 * set.mr, rows = std::min(p.m, tile1 * set.mr) - row0;
        const Index pj0 = cs * panels / nSplits, pj1 = (cs + 1) * panels / nSplits;
        if (rows <= 0 || pj1 <= pj0) return;
        const Index span = pj1 - pj0;
        const Index first = threads > 1 ? span * worker / threads : 0;

        T* packedA = static_cast<T*>(
            t_packA.get(sizeof(T) * static_cast<std::size_t>((tile1 - tile0) * set.mr * bl.kc)));
        const Index p0 = kb * bl.kc, depth = depthOf(kb);
        TileEvent event;
        if (recorder) {
            event.worker = worker;
            event.order = order->fetch_add(1, std::memory_order_relaxed);
            event.startSeconds = std::chrono::duration<double>(Clock::now() - start).count();
        }
        set.packA(rows, depth, p.a + row0 * p.rsA + p0 * p.csA, p.rsA, p.csA, packedA);
        const T beta = kb == 0 ? p.beta : T(1);
        for (Index s = 0; s < span; ++s) {
            const Index j = pj0 + (first + s) % span;
            const T* bp = panelB(kb, j);
            const Index col0 = jc + j * set.nr;
            const int cols = static_cast<int>(std::min<Index>(set.nr, jc + nb - col0));
            for (Index t = 0; t < tile1 - tile0; ++t) {
                const Index r0 = row0 + t * set.mr;
                set.kernel(depth, packedA + t * set.mr * depth, bp, p.c + r0 * p.ldc + col0, p.ldc,
                           static_cast<int>(std::min<Index>(set.mr, p.m - r0)), cols, p.alpha,
                           beta);
            }
        }
        if (recorder) {
            event.endSeconds = std::chrono::duration<double>(Clock::now() - start).count();
            const Index c0 = jc + pj0 * set.nr;
            const Index c1 = std::min(jc + nb, jc + pj1 * set.nr);
            event.row0 = row0;
            event.rows = rows;
            event.col0 = c0;
            event.cols = c1 - c0;
            if (p.transposed) {
                std::swap(event.row0, event.col0);
                std::swap(event.rows, event.cols);
            }
            event.depth0 = depthOffset + p0;
            event.depth = depth;
            recorder->record(event);
        }
    }

    // Row blocks sized for L2. With several threads, guided self-scheduling: each block takes a
    // 1/(2 threads) share of the rows still unassigned, so blocks shrink towards the end and the
    // threads finish together whatever slowed one of them down (fixed-size blocks measured 20%
    // slower on 2 threads at N = 2048). Every block streams all of packed B, so on large C the
    // blocks keep at least 4 tiles. Columns are split only when C has too few rows to go around.
    void planTasks() {
        const Index mTiles = ceilDiv(p.m, set.mr);
        blockTiles.assign(1, 0);
        nSplits = 1;
        const Index parts = 2 * static_cast<Index>(threads);
        const Index minTiles = std::clamp<Index>(mTiles / (4 * parts), 1, 4);
        for (Index assigned = 0; assigned < mTiles;) {
            Index size = bl.mcTiles;
            if (threads > 1) {
                size = std::clamp<Index>(ceilDiv(mTiles - assigned, parts),
                                         std::min(minTiles, size), size);
            }
            assigned = std::min(mTiles, assigned + size);
            blockTiles.push_back(assigned);
        }
        const Index mBlocks = static_cast<Index>(blockTiles.size()) - 1;
        if (threads > 1 && mBlocks < parts) nSplits = std::min(panels, ceilDiv(parts, mBlocks));
    }

    void run(ThreadPool* pool) {
        for (jc = 0; jc < p.n; jc += bl.nc) {
            nb = std::min(bl.nc, p.n - jc);
            panels = ceilDiv(nb, set.nr);
            packedB = static_cast<T*>(
                t_packB.get(sizeof(T) * static_cast<std::size_t>(p.k * panels * set.nr)));
            const std::size_t flags = static_cast<std::size_t>(bl.kBlocks * panels);
            state.reset(new std::atomic<std::uint8_t>[flags]);
            for (std::size_t f = 0; f < flags; ++f)
                state[f].store(0, std::memory_order_relaxed);
            planTasks();
            const std::size_t tasks =
                static_cast<std::size_t>((static_cast<Index>(blockTiles.size()) - 1) * nSplits);
            // One k-slice at a time over all row blocks: the threads share the slice of packed
            // B they are streaming, so it stays in L3 (kc x nc, 4 to 8 MiB at N = 2048) instead
            // of each thread pulling a different slice through it.
            for (Index kb = 0; kb < bl.kBlocks; ++kb) {
                if (threads > 1 && pool) {
                    pool->parallelFor(
                        tasks,
                        [this, kb](std::size_t task, unsigned worker) {
                            runTask(task, worker, kb);
                        },
                        threads);
                } else {
                    for (std::size_t task = 0; task < tasks; ++task)
                        runTask(task, 0, kb);
                }
            }
        }
    }
};

template <class T>
const MicroKernelSet<T>& kernelSetOf(const IsaKernels& kernels) {
    if constexpr (std::is_same_v<T, float>) {
        return kernels.f32;
    } else {
        return kernels.f64;
    }
}

template <class T>
void runPacked(const GemmProblem<T>& p, const GemmOptions& options) {
    const MicroKernelSet<T>& set = kernelSetOf<T>(kernelsFor(options.isa));
    ThreadPool* pool = nullptr;
    unsigned threads = 1;
    if (options.threads != 1) {
        pool = options.pool ? options.pool : &ThreadPool::shared();
        threads = options.threads == 0 ? pool->size() + 1 : options.threads;
        threads = std::min(threads, pool->size() + 1);
        const double flops = 2.0 * double(p.m) * double(p.n) * double(p.k);
        threads = static_cast<unsigned>(
            std::clamp(flops / kMinFlopsPerThread, 1.0, static_cast<double>(threads)));
        if (ThreadPool::insideWorker()) threads = 1; // nested: the caller is already parallel
    }
    const auto start = Clock::now();
    std::atomic<std::uint64_t> order{0};
    // Packed B holds all of k for at least one NR-wide panel; a very deep, narrow product (k in
    // the millions) would blow the packed-B budget, so it runs as several chunks of k, the
    // later ones accumulating into C (beta = 1).
    const Index maxDepth =
        std::max<Index>(1, static_cast<Index>(kMaxPackedB / (sizeof(T) * set.nr)));
    for (Index k0 = 0; k0 < p.k; k0 += maxDepth) {
        GemmProblem<T> chunk = p;
        chunk.k = std::min(maxDepth, p.k - k0);
        chunk.a = p.a + k0 * p.csA;
        chunk.b = p.b + k0 * p.rsB;
        if (k0 > 0) chunk.beta = T(1);
        PackedGemm<T> g(chunk, set);
        g.recorder = options.recorder;
        g.start = start;
        g.depthOffset = k0;
        g.order = &order;
        g.bl = chooseBlocking(set, chunk.k, chunk.n, options.cache);
        g.threads = threads;
        g.run(threads > 1 ? pool : nullptr);
    }
}

} // namespace

template <class T>
void runGemm(const GemmProblem<T>& p, const GemmOptions& options) {
    assert(p.m >= 0 && p.n >= 0 && p.k >= 0);
    if (p.m == 0 || p.n == 0) return;
    if (p.k == 0 || p.alpha == T(0)) {
        scaleC(p);
        return;
    }
    if (!options.recorder && tryDirect(p)) return;
    if (options.recorder && (p.m <= kSmallDim && p.n <= kSmallDim && p.k <= kSmallDim)) {
        // Record the direct path as one tile, so the schedule view never comes back empty.
        TileEvent event;
        const auto start = Clock::now();
        tryDirect(p);
        event.endSeconds = std::chrono::duration<double>(Clock::now() - start).count();
        event.rows = p.transposed ? p.n : p.m;
        event.cols = p.transposed ? p.m : p.n;
        event.depth = p.k;
        options.recorder->record(event);
        return;
    }
    runPacked(p, options);
}

template void runGemm<float>(const GemmProblem<float>&, const GemmOptions&);
template void runGemm<double>(const GemmProblem<double>&, const GemmOptions&);

} // namespace linscape::engine::detail

namespace linscape::engine {

GemmBlocking gemmBlocking(Index m, Index n, Index k, bool doublePrecision, KernelIsa isa,
                          const CacheOverride& cacheOverride) {
    using namespace detail;
    GemmBlocking out;
    out.isa = resolveKernelIsa(isa);
    const CacheSizes& cache = cacheSizes();
    out.l1d = cacheOverride.l1d > 0 ? cacheOverride.l1d : cache.l1d;
    out.l2 = cacheOverride.l2 > 0 ? cacheOverride.l2 : cache.l2;
    out.l3 = cache.l3;
    out.cacheMeasured = cache.measured && cacheOverride.l1d == 0 && cacheOverride.l2 == 0;
    auto fill = [&](const auto& set) {
        const Blocking bl =
            chooseBlocking(set, std::max<Index>(k, 1), std::max<Index>(n, 1), cacheOverride);
        out.mr = set.mr;
        out.nr = set.nr;
        out.kc = bl.kc;
        out.kBlocks = bl.kBlocks;
        out.mc = std::min(bl.mcTiles * set.mr, std::max<Index>(m, 1)); // rows, not padded
        out.nc = bl.nc;
    };
    if (doublePrecision) {
        fill(kernelsFor(isa).f64);
    } else {
        fill(kernelsFor(isa).f32);
    }
    return out;
}

} // namespace linscape::engine
