// The numbers behind the projection, low-rank and PCA scenes; see decomp_compute.h.
#include "scenes/decomp_compute.h"

#include "engine/matmul.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <future>
#include <map>
#include <mutex>

namespace linscape::scenes::decomp {

double SeededNormal::uniform() {
    return double(m_gen() >> 11) * 0x1.0p-53;
}

double SeededNormal::next() {
    if (m_hasSpare) {
        m_hasSpare = false;
        return m_spare;
    }
    double u1 = uniform();
    while (u1 <= 0)
        u1 = uniform();
    const double u2 = uniform();
    const double r = std::sqrt(-2.0 * std::log(u1));
    m_spare = r * std::sin(2 * M_PI * u2);
    m_hasSpare = true;
    return r * std::cos(2 * M_PI * u2);
}

// ---- Projection ---------------------------------------------------------------------------------

LineProjection projectOntoLine(const Eigen::Vector2d& u, const Eigen::Vector2d& b) {
    LineProjection out;
    const engine::Projection proj = engine::projectionOnto(u);
    out.projector = proj.projector;
    out.degenerate = proj.dimension == 0;
    if (!out.degenerate) out.unit = proj.orthonormalBasis.col(0);
    // The QR sign is arbitrary; show U pointing along u so the picture and the numbers agree.
    if (out.unit.dot(u) < 0) out.unit = -out.unit;
    out.p = out.projector * b;
    out.residual = b - out.p;
    out.idempotenceError = (out.projector * out.projector - out.projector).cwiseAbs().maxCoeff();
    return out;
}

Eigen::MatrixXd defaultFitPoints() {
    // A noisy line y = 0.55 x + 1 over x in [-4, 4]: enough scatter that residuals are visible.
    SeededNormal rng(20240611);
    const int n = 12;
    Eigen::MatrixXd pts(n, 2);
    for (int i = 0; i < n; ++i) {
        const double x = -4.0 + 8.0 * (i + 0.5 * rng.uniform()) / n;
        pts(i, 0) = std::round(x * 100) / 100;
        pts(i, 1) = std::round((0.55 * x + 1.0 + 0.8 * rng.next()) * 100) / 100;
    }
    return pts;
}

LineFit fitLine(const Eigen::MatrixXd& points) {
    LineFit fit;
    if (points.rows() == 0 || points.cols() != 2 || !points.allFinite()) return fit;
    const Eigen::Index n = points.rows();
    Eigen::MatrixXd x(n, 2);
    x.col(0) = points.col(0);
    x.col(1).setOnes();
    const Eigen::VectorXd y = points.col(1);
    auto r = engine::leastSquares(x, y);
    if (!r.ok()) return fit;
    fit.ok = true;
    fit.slope = r->coefficients(0);
    fit.intercept = r->coefficients(1);
    fit.unique = r->unique;
    fit.rank = r->rank;
    fit.fitted = r->fitted;
    fit.residual = r->residual;
    fit.residualNorm = r->residualNorm;
    fit.orthogonality = (x.transpose() * fit.residual).cwiseAbs().maxCoeff();
    fit.identical = (points.rowwise() - points.row(0)).cwiseAbs().maxCoeff() == 0;
    if (fit.identical)
        fit.explanation = n == 1 ? "One point: every line through it fits exactly, so m and c "
                                   "are not unique."
                                 : "All points are identical: every line through that point fits "
                                   "exactly, so m and c are not unique.";
    else if (!fit.unique)
        fit.explanation = "All x are equal: the columns x and 1 of X are parallel (rank 1), so m "
                          "and c are not unique; no line y = mx + c can be vertical.";
    if (!fit.unique) fit.explanation += " lstsq returns the minimum-norm (m, c), drawn dashed.";
    return fit;
}

// ---- PCA ----------------------------------------------------------------------------------------

Eigen::MatrixXd correlatedCloud(int n, double rho, std::uint64_t seed, const Eigen::Vector2d& mean,
                                const Eigen::Vector2d& sd) {
    n = std::max(n, 1);
    rho = std::clamp(rho, -1.0, 1.0);
    SeededNormal rng(seed);
    Eigen::MatrixXd z(n, 2);
    for (int i = 0; i < n; ++i) {
        z(i, 0) = rng.next();
        z(i, 1) = rng.next();
    }
    if (n >= 3) {
        z.rowwise() -= z.colwise().mean();
        const Eigen::Matrix2d c = z.transpose() * z / double(n);
        Eigen::LLT<Eigen::Matrix2d> llt(c);
        if (llt.info() == Eigen::Success) {
            // W = Z L^-T by a triangular solve, so W's covariance is exactly I.
            const Eigen::MatrixXd wt = llt.matrixL().solve(Eigen::MatrixXd(z.transpose())); // 2 x n
            z = wt.transpose();
        }
    }
    Eigen::Matrix2d k;
    k << sd.x(), 0, rho * sd.y(), sd.y() * std::sqrt(std::max(0.0, 1 - rho * rho));
    Eigen::MatrixXd pts = z * k.transpose();
    pts.rowwise() += mean.transpose();
    return pts;
}

Pca2 pca2(const Eigen::MatrixXd& points) {
    Pca2 out;
    if (points.rows() == 0 || points.cols() != 2 || !points.allFinite()) return out;
    out.ok = true;
    const double n = double(points.rows());
    out.mean = points.colwise().mean().transpose();
    const Eigen::MatrixXd xc = points.rowwise() - out.mean.transpose();
    out.covariance = xc.transpose() * xc / n;
    out.covariance(1, 0) = out.covariance(0, 1);
    const double a = out.covariance(0, 0), b = out.covariance(0, 1), d = out.covariance(1, 1);
    const double tr = a + d;
    const double scale = std::max(1.0, out.mean.cwiseAbs().maxCoeff());
    if (!(tr > 1e-24 * scale * scale)) {
        out.degenerate = true;
        return out;
    }
    // Closed form for a symmetric 2x2: lambda = tr/2 +- hypot((a-d)/2, b); PC1 at angle
    // theta = atan2(2b, a-d)/2, which lies in (-pi/2, pi/2], so PC1 has x >= 0.
    const double half = std::hypot(0.5 * (a - d), b);
    out.variances = {0.5 * tr + half, std::max(0.0, 0.5 * tr - half)};
    out.isotropic = half <= 1e-12 * tr;
    double theta = out.isotropic ? 0.0 : 0.5 * std::atan2(2 * b, a - d);
    if (theta <= -M_PI / 2 + 1e-15) theta += M_PI;
    out.axes << std::cos(theta), -std::sin(theta), std::sin(theta), std::cos(theta);
    out.explained = out.variances / out.variances.sum();
    return out;
}

// ---- Low rank -----------------------------------------------------------------------------------

namespace {

double smooth(double e0, double e1, double x) {
    const double t = std::clamp((x - e0) / (e1 - e0), 0.0, 1.0);
    return t * t * (3 - 2 * t);
}

// The picture at (x, y) in [0,1]^2, y downwards. Shapes are painted over each other.
double picture(double x, double y) {
    double v = 0.18 + 0.5 * (1 - y) * 0.9 + 0.12 * x; // sky-like gradient
    auto paint = [&](double coverage, double value) { v += (value - v) * coverage; };
    const double px = 1.0 / 512; // edge softness
    // A large bright disc.
    paint(1 - smooth(0.2 - px, 0.2 + px, std::hypot(x - 0.3, y - 0.36)), 0.95);
    // Vertical stripes in a box (rank one inside the box).
    if (x > 0.56 && x < 0.93 && y > 0.1 && y < 0.38)
        paint(1.0, 0.5 + 0.42 * std::sin(2 * M_PI * x * 14));
    // Diagonal stripes in a box: many singular values.
    if (x > 0.07 && x < 0.46 && y > 0.66 && y < 0.93)
        paint(1.0, 0.5 + 0.42 * std::sin(2 * M_PI * (x + y) * 9));
    // A dark ring and a small dark disc.
    const double r = std::hypot(x - 0.72, y - 0.68);
    paint(1 - smooth(0.035 - px, 0.035 + px, std::abs(r - 0.16)), 0.06);
    paint(1 - smooth(0.05 - px, 0.05 + px, std::hypot(x - 0.53, y - 0.55)), 0.12);
    return std::clamp(v, 0.0, 1.0);
}

} // namespace

Eigen::MatrixXd proceduralImage(int n) {
    n = std::clamp(n, 2, 1024);
    Eigen::MatrixXd img(n, n);
    const int ss = 4;
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) {
            double s = 0;
            for (int a = 0; a < ss; ++a)
                for (int b = 0; b < ss; ++b)
                    s += picture((j + (b + 0.5) / ss) / n, (i + (a + 0.5) / ss) / n);
            img(i, j) = s / (ss * ss);
        }
    return img;
}

LowRankModel::LowRankModel(Eigen::MatrixXd a) : m_a(std::move(a)) {
    const engine::SvdResult svd = engine::canonicalSvd(m_a);
    m_sigma = svd.singularValues;
    // S carries the reflection sign of a square matrix in its last entry, so U diag(S) Vt = A.
    m_us = svd.U.leftCols(svd.S.size()) * svd.S.asDiagonal();
    m_vt = svd.Vt;
    const Eigen::Index p = m_sigma.size();
    m_tail = Eigen::VectorXd::Zero(p + 1);
    for (Eigen::Index i = p - 1; i >= 0; --i)
        m_tail(i) = m_tail(i + 1) + m_sigma(i) * m_sigma(i);
    m_total = m_sigma.squaredNorm();
    const double tol = p ? double(std::max(m_a.rows(), m_a.cols())) *
                               std::numeric_limits<double>::epsilon() * m_sigma(0)
                         : 0.0;
    m_rank = int((m_sigma.array() > tol).count());
}

Eigen::MatrixXd LowRankModel::reconstruct(int k) const {
    k = std::clamp(k, 0, maxRank());
    if (k == 0) return Eigen::MatrixXd::Zero(m_a.rows(), m_a.cols());
    // One thread: at most 256^3 multiply-adds, about 1-2 ms on one core, and the frame never
    // waits for pool workers that the renderer is competing with.
    engine::GemmOptions options;
    options.threads = 1;
    auto r = engine::multiply(Eigen::MatrixXd(m_us.leftCols(k)), Eigen::MatrixXd(m_vt.topRows(k)),
                              engine::Op::None, engine::Op::None, options);
    if (!r.ok()) return Eigen::MatrixXd::Zero(m_a.rows(), m_a.cols());
    return std::move(r).value();
}

double LowRankModel::tailNorm(int k) const {
    k = std::clamp(k, 0, maxRank());
    return std::sqrt(std::max(0.0, m_tail(k)));
}

double LowRankModel::energyKept(int k) const {
    k = std::clamp(k, 0, maxRank());
    if (!(m_total > 0)) return 1.0;
    return std::clamp((m_total - m_tail(k)) / m_total, 0.0, 1.0);
}

namespace {

std::shared_future<std::shared_ptr<const LowRankModel>> modelFuture(int n) {
    static std::mutex mutex;
    static std::map<int, std::shared_future<std::shared_ptr<const LowRankModel>>> cache;
    std::lock_guard<std::mutex> lock(mutex);
    auto& slot = cache[n];
    if (!slot.valid())
        slot = std::async(std::launch::async, [n] {
                   return std::shared_ptr<const LowRankModel>(
                       std::make_shared<const LowRankModel>(proceduralImage(n)));
               }).share();
    return slot;
}

} // namespace

std::shared_ptr<const LowRankModel> imageModel(int n) {
    return modelFuture(n).get();
}

void prefetchImageModel(int n) {
    (void)modelFuture(n);
}

LoraCounts loraCounts(long long d, long long r) {
    LoraCounts c;
    c.full = d * d;
    c.lowRank = 2 * d * r;
    c.fraction = c.full > 0 ? double(c.lowRank) / double(c.full) : 0.0;
    return c;
}

std::string groupThousands(long long v) {
    std::string digits = std::to_string(v < 0 ? -v : v);
    std::string out;
    const int len = int(digits.size());
    for (int i = 0; i < len; ++i) {
        if (i && (len - i) % 3 == 0) out += ',';
        out += digits[size_t(i)];
    }
    return (v < 0 ? "\u2212" : "") + out;
}

} // namespace linscape::scenes::decomp
