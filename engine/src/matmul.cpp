// The public matmul API: BLAS-style gemm entry points (storage order and transposes reduced to
// one row-major problem for the driver), the teaching references, the Eigen wrappers with their
// shape and size checks, and the tile recorder.
#include "engine/matmul.h"

#include "matmul_internal.h"

#include <algorithm>
#include <cassert>
#include <cstdio>
#include <unistd.h>

namespace linscape::engine {

namespace {

// Element strides of op(X) for X stored in `layout` with leading dimension ld: op(X)(r, c) lives
// at x[r * rowStride + c * colStride].
struct Strides {
    Index row, col;
};
Strides stridesOf(Layout layout, Op op, Index ld) {
    const bool rowMajor = layout == Layout::RowMajor;
    const bool transposed = op == Op::Transpose;
    // Transposing a row-major matrix reads it as column-major, and vice versa.
    return rowMajor != transposed ? Strides{ld, 1} : Strides{1, ld};
}

template <class T>
void gemmEntry(Layout layout, Op opA, Op opB, Index m, Index n, Index k, T alpha, const T* a,
               Index lda, const T* b, Index ldb, T beta, T* c, Index ldc,
               const GemmOptions& options) {
    assert(m >= 0 && n >= 0 && k >= 0 && "gemm: negative size");
    const Strides sa = stridesOf(layout, opA, lda);
    const Strides sb = stridesOf(layout, opB, ldb);
    detail::GemmProblem<T> p;
    p.alpha = alpha;
    p.beta = beta;
    p.c = c;
    p.ldc = ldc;
    p.k = k;
    if (layout == Layout::RowMajor) {
        p.m = m;
        p.n = n;
        p.a = a;
        p.rsA = sa.row;
        p.csA = sa.col;
        p.b = b;
        p.rsB = sb.row;
        p.csB = sb.col;
    } else {
        // Column-major C is the row-major C^T = op(B)^T op(A)^T: swap the operands and their
        // strides, so the driver (and its kernels) only ever store rows of C.
        p.m = n;
        p.n = m;
        p.a = b;
        p.rsA = sb.col;
        p.csA = sb.row;
        p.b = a;
        p.rsB = sa.col;
        p.csB = sa.row;
        p.transposed = true;
    }
    detail::runGemm(p, options);
}

std::string formatGiB(double bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f GiB", bytes / (1024.0 * 1024.0 * 1024.0));
    return text;
}

std::string shapeText(Index rows, Index cols) {
    return "(" + std::to_string(rows) + "," + std::to_string(cols) + ")";
}

double physicalMemoryBytes() {
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long pageSize = sysconf(_SC_PAGE_SIZE);
    if (pages <= 0 || pageSize <= 0) return 0;
    return double(pages) * double(pageSize);
}

template <class Matrix>
Result<Matrix> multiplyImpl(const Matrix& a, const Matrix& b, Op opA, Op opB,
                            const GemmOptions& options) {
    using T = typename Matrix::Scalar;
    const Index m = opA == Op::None ? a.rows() : a.cols();
    const Index k = opA == Op::None ? a.cols() : a.rows();
    const Index kb = opB == Op::None ? b.rows() : b.cols();
    const Index n = opB == Op::None ? b.cols() : b.rows();
    const std::string transposes = opA == Op::Transpose && opB == Op::Transpose ? "A^T and B^T"
                                   : opA == Op::Transpose                       ? "A^T"
                                   : opB == Op::Transpose                       ? "B^T"
                                                                                : "";
    const std::string note =
        transposes.empty() ? "" : " (shapes after transposing: " + transposes + ")";
    if (k != kb) return makeError(ErrorCode::ShapeMismatch, shapeRule(m, k, kb, n) + note);

    // Refuse before allocating: the inputs may be small while the product is not (an outer
    // product).
    const double bytes = double(m) * double(n) * double(sizeof(T));
    const double memory = physicalMemoryBytes();
    const double limit = memory > 0 ? memory * 0.75 : 64.0 * (1ull << 30);
    if (bytes > limit) {
        return makeError(ErrorCode::TooLarge, shapeRule(m, k, kb, n) + ": the result needs about " +
                                                  formatGiB(bytes) + ", more than the " +
                                                  formatGiB(limit) +
                                                  " this machine can spare (3/4 of its memory)");
    }
    Matrix c(m, n);
    gemm(Layout::ColMajor, opA, opB, m, n, k, T(1), a.data(), std::max<Index>(1, a.rows()),
         b.data(), std::max<Index>(1, b.rows()), T(0), c.data(), std::max<Index>(1, m), options);
    return c;
}

} // namespace

void TileRecorder::record(const TileEvent& e) {
    std::lock_guard lock(m_mutex);
    m_events.push_back(e);
}

std::vector<TileEvent> TileRecorder::events() const {
    std::vector<TileEvent> sorted;
    {
        std::lock_guard lock(m_mutex);
        sorted = m_events;
    }
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const TileEvent& x, const TileEvent& y) { return x.order < y.order; });
    return sorted;
}

void TileRecorder::clear() {
    std::lock_guard lock(m_mutex);
    m_events.clear();
}

void gemm(Layout layout, Op opA, Op opB, Index m, Index n, Index k, float alpha, const float* a,
          Index lda, const float* b, Index ldb, float beta, float* c, Index ldc,
          const GemmOptions& options) {
    gemmEntry(layout, opA, opB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, options);
}

void gemm(Layout layout, Op opA, Op opB, Index m, Index n, Index k, double alpha, const double* a,
          Index lda, const double* b, Index ldb, double beta, double* c, Index ldc,
          const GemmOptions& options) {
    gemmEntry(layout, opA, opB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, options);
}

// The textbook loop: C(i,j) is the dot product of row i of A and column j of B. Column j of a
// row-major B is strided, which is what makes this slow for large n.
template <class T>
void gemmNaive(Index m, Index n, Index k, const T* a, const T* b, T* c) {
    for (Index i = 0; i < m; ++i) {
        for (Index j = 0; j < n; ++j) {
            T sum = T(0);
            for (Index p = 0; p < k; ++p)
                sum += a[i * k + p] * b[p * n + j];
            c[i * n + j] = sum;
        }
    }
}

// Cache blocking without packing or SIMD intrinsics: work on block x block pieces so the pieces
// of A, B and C in use stay in cache, and run the innermost loop along rows (unit stride).
template <class T>
void gemmBlocked(Index m, Index n, Index k, const T* a, const T* b, T* c, Index block) {
    block = std::max<Index>(1, block);
    std::fill(c, c + m * n, T(0));
    for (Index i0 = 0; i0 < m; i0 += block) {
        const Index i1 = std::min(m, i0 + block);
        for (Index p0 = 0; p0 < k; p0 += block) {
            const Index p1 = std::min(k, p0 + block);
            for (Index j0 = 0; j0 < n; j0 += block) {
                const Index j1 = std::min(n, j0 + block);
                for (Index i = i0; i < i1; ++i) {
                    T* crow = c + i * n;
                    for (Index p = p0; p < p1; ++p) {
                        const T aip = a[i * k + p];
                        const T* brow = b + p * n;
                        for (Index j = j0; j < j1; ++j)
                            crow[j] += aip * brow[j];
                    }
                }
            }
        }
    }
}

template void gemmNaive<float>(Index, Index, Index, const float*, const float*, float*);
template void gemmNaive<double>(Index, Index, Index, const double*, const double*, double*);
template void gemmBlocked<float>(Index, Index, Index, const float*, const float*, float*, Index);
template void gemmBlocked<double>(Index, Index, Index, const double*, const double*, double*,
                                  Index);

Result<Eigen::MatrixXd> multiply(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b, Op opA, Op opB,
                                 const GemmOptions& options) {
    return multiplyImpl(a, b, opA, opB, options);
}

Result<Eigen::MatrixXf> multiply(const Eigen::MatrixXf& a, const Eigen::MatrixXf& b, Op opA, Op opB,
                                 const GemmOptions& options) {
    return multiplyImpl(a, b, opA, opB, options);
}

std::string shapeRule(Index aRows, Index aCols, Index bRows, Index bCols) {
    const std::string lhs = shapeText(aRows, aCols) + " @ " + shapeText(bRows, bCols);
    if (aCols != bRows) {
        return lhs + ": the inner dimensions must match (" + std::to_string(aCols) + " vs " +
               std::to_string(bRows) + "); (n,k) @ (k,m) -> (n,m)";
    }
    return lhs + " -> " + shapeText(aRows, bCols);
}

} // namespace linscape::engine
