// The numbers behind the projection, low-rank and PCA scenes, kept apart from drawing so tests can
// check them against Eigen: seeded point clouds, line fits, 2D PCA, the procedural image and its
// cached SVD, and LoRA parameter counts. No ImGui, no canvas.
#pragma once

#include "engine/analysis.h"

#include <Eigen/Core>
#include <cstdint>
#include <memory>
#include <random>
#include <string>

namespace linscape::scenes::decomp {

// Standard normal samples from a fixed seed. Box-Muller on mt19937_64 (whose output the C++
// standard fixes), not std::normal_distribution (whose algorithm differs between libraries).
class SeededNormal {
public:
    explicit SeededNormal(std::uint64_t seed) : m_gen(seed) {}
    double next();
    double uniform(); // in [0, 1)

private:
    std::mt19937_64 m_gen;
    bool m_hasSpare = false;
    double m_spare = 0;
};

// ---- Projection onto a line and least squares ---------------------------------------------------

struct LineProjection {
    bool degenerate = false;    // u = 0: it spans only the origin
    Eigen::Vector2d unit{1, 0}; // U, the orthonormal basis from QR (when not degenerate)
    Eigen::Matrix2d projector = Eigen::Matrix2d::Zero(); // P = U U^T
    Eigen::Vector2d p{0, 0};                             // P b
    Eigen::Vector2d residual{0, 0};                      // b - p
    double idempotenceError = 0;                         // max |P^2 - P|
};
LineProjection projectOntoLine(const Eigen::Vector2d& u, const Eigen::Vector2d& b);

// The seeded point cloud of the least-squares mode: rows are (x, y).
Eigen::MatrixXd defaultFitPoints();

struct LineFit {
    bool ok = false;        // false: no finite points
    bool unique = true;     // false when all x are equal (X = [x 1] has rank < 2)
    bool identical = false; // every point is the same
    int rank = 0;
    double slope = 0, intercept = 0; // lstsq's minimum-norm solution when not unique
    Eigen::VectorXd fitted, residual;
    double residualNorm = 0;
    double orthogonality = 0; // max |X^T r|: zero up to rounding, the projection's signature
    std::string explanation;  // for the non-unique cases
};
// y = m x + c by least squares on X = [x 1] (the engine's complete orthogonal decomposition).
LineFit fitLine(const Eigen::MatrixXd& points);

// ---- PCA in 2D ----------------------------------------------------------------------------------

// n points with sample correlation exactly rho and standard deviations sd around `mean`: seeded
// normals, whitened (Cholesky solve, no inverse) so their own covariance is I, then coloured.
Eigen::MatrixXd correlatedCloud(int n, double rho, std::uint64_t seed, const Eigen::Vector2d& mean,
                                const Eigen::Vector2d& sd);

struct Pca2 {
    bool ok = false;         // false: empty or non-finite input
    bool degenerate = false; // zero covariance (all points identical, or one point)
    bool isotropic = false;  // equal variances: every direction is principal
    Eigen::Vector2d mean{0, 0};
    Eigen::Matrix2d covariance =
        Eigen::Matrix2d::Zero();     // X_c^T X_c / n (population, as np.cov(bias=True))
    Eigen::Vector2d variances{0, 0}; // eigenvalues, descending, >= 0
    // Principal axes as unit columns. Convention: PC1 points into x >= 0 (y > 0 when vertical),
    // PC2 is PC1 turned +90 degrees, so the axes never flip while the correlation slider moves.
    Eigen::Matrix2d axes = Eigen::Matrix2d::Identity();
    Eigen::Vector2d explained{0, 0}; // variance fractions; both 0 when degenerate
};
Pca2 pca2(const Eigen::MatrixXd& points);

// ---- Low-rank approximation ---------------------------------------------------------------------

// A deterministic grayscale picture in [0, 1]: gradients, discs, a ring and stripes (vertical
// stripes are rank one, diagonal ones need many terms), anti-aliased by 4x4 supersampling.
Eigen::MatrixXd proceduralImage(int n);

// A matrix with its SVD computed once; A_k from the cached factors costs k*rows*cols
// multiply-adds (the engine's matmul).
class LowRankModel {
public:
    explicit LowRankModel(Eigen::MatrixXd a);
    const Eigen::MatrixXd& matrix() const { return m_a; }
    const Eigen::VectorXd& singularValues() const { return m_sigma; }
    int maxRank() const { return int(m_sigma.size()); }
    int numericalRank() const { return m_rank; }
    // A_k = U_k diag(S_k) Vt_k; k is clamped to [0, maxRank()].
    Eigen::MatrixXd reconstruct(int k) const;
    // Eckart-Young: ||A - A_k||_F = sqrt(sum_{i>k} sigma_i^2).
    double tailNorm(int k) const;
    double energyKept(int k) const; // sum_{i<=k} sigma_i^2 / sum sigma_i^2 (1 for the zero matrix)
    double totalEnergy() const { return m_total; }

private:
    Eigen::MatrixXd m_a, m_us, m_vt;
    Eigen::VectorXd m_sigma, m_tail; // m_tail[k] = sum_{i>=k} sigma_i^2 (0-based)
    double m_total = 0;
    int m_rank = 0;
};

// The shared model of the procedural image of size n (computed once, then cached; waits when a
// prefetch is still running).
std::shared_ptr<const LowRankModel> imageModel(int n);
// Starts computing the model of size n on a background thread, so choosing that size later does
// not stall a frame (the 256x256 SVD takes about 0.1 s here).
void prefetchImageModel(int n);

struct LoraCounts {
    long long full = 0;    // d * d
    long long lowRank = 0; // 2 * d * r (B is d x r, A is r x d)
    double fraction = 0;   // lowRank / full
};
LoraCounts loraCounts(long long d, long long r);

// 12288 -> "12,288".
std::string groupThousands(long long v);

} // namespace linscape::scenes::decomp
