// The GPU matmul kernel (needs a GL context: EGL surfaceless, on llvmpipe here): sizes that are
// not multiples of the 16x16 tile, checked against the engine's matmul; the capability check and
// the storage-block refusal. Skipped, with the reason, when the context has no compute shaders.
#include "engine/matmul.h"
#include "platform/context.h"
#include "render/gpu_matmul.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <memory>
#include <random>
#include <thread>
#include <vector>

using namespace linscape;

namespace {

// One headless context for the whole binary (creating one costs ~0.1 s).
platform::Context* headless(std::string* why) {
    static std::string error;
    static std::unique_ptr<platform::Context> ctx = [] {
        platform::ContextOptions options;
        options.width = 64;
        options.height = 64;
        options.installImGui = false;
        return platform::createContext("headless", options, &error);
    }();
    if (why) *why = error;
    return ctx.get();
}

class GpuMatmulGLTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string why;
        if (!headless(&why)) GTEST_SKIP() << "no headless GL context: " << why;
        info = render::queryGpuCompute();
        if (!info.available) GTEST_SKIP() << "compute shaders unavailable: " << info.reason;
    }
    render::GpuComputeInfo info;
};

std::vector<float> seeded(std::size_t count, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> u(-1.0f, 1.0f);
    std::vector<float> v(count);
    for (float& x : v)
        x = u(rng);
    return v;
}

struct Shape {
    std::int64_t m, k, n;
};

class GpuMatmulSizesGLTest : public GpuMatmulGLTest, public ::testing::WithParamInterface<Shape> {};

} // namespace

TEST_P(GpuMatmulSizesGLTest, MatchesTheEngineMatmul) {
    const auto [m, k, n] = GetParam();
    const auto a = seeded(std::size_t(m * k), 11), b = seeded(std::size_t(k * n), 12);
    std::vector<float> ref(std::size_t(m * n));
    engine::gemm(engine::Layout::RowMajor, engine::Op::None, engine::Op::None, m, n, k, 1.0f,
                 a.data(), k, b.data(), n, 0.0f, ref.data(), n);
    const render::GpuMatmulOutcome out = render::gpuMatmul(a.data(), b.data(), m, k, n, ref.data());
    ASSERT_TRUE(out.ok) << out.error;
    std::printf("[ info     ] %s: %.2f ms of GPU time in %d band(s), %.3f GFLOP/s, timed by %s\n",
                info.renderer.c_str(), out.figures.gpuSeconds * 1e3, out.figures.dispatches,
                2.0 * double(m * k * n) / std::max(out.figures.seconds, 1e-12) / 1e9,
                out.figures.timedByQueries ? "GL timer queries" : "wall time around glFinish");
    ASSERT_EQ(out.c.size(), ref.size());
    EXPECT_EQ(out.figures.rowsDone, m);
    EXPECT_FALSE(out.figures.extrapolated);
    EXPECT_TRUE(out.figures.checked);
    EXPECT_GT(out.figures.seconds, 0.0);
    // Float sums of k terms in a different order: relative to max |C|, within a few k ulps.
    double scale = 0, diff = 0;
    for (std::size_t i = 0; i < ref.size(); ++i) {
        scale = std::max(scale, double(std::abs(ref[i])));
        diff = std::max(diff, double(std::abs(out.c[i] - ref[i])));
    }
    const double tol = 4.0 * double(k) * 1.2e-7;
    EXPECT_LE(diff / scale, tol);
    EXPECT_NEAR(out.figures.maxRelError, diff / scale, 1e-12);
    // Every entry checked independently too: the edges of partial tiles are where bugs hide.
    for (std::int64_t i = 0; i < m; ++i)
        for (std::int64_t j = 0; j < n; ++j)
            ASSERT_NEAR(out.c[std::size_t(i * n + j)], ref[std::size_t(i * n + j)], tol * scale)
                << "C(" << i << "," << j << ") of " << m << "x" << k << " @ " << k << "x" << n;
}

INSTANTIATE_TEST_SUITE_P(NonMultiplesOfTheTile, GpuMatmulSizesGLTest,
                         ::testing::Values(Shape{1, 1, 1}, Shape{17, 33, 5}, Shape{128, 128, 128},
                                           Shape{33, 1, 47}));

TEST_F(GpuMatmulGLTest, OneByOneIsTheProduct) {
    const float a = 3.0f, b = -2.5f;
    const render::GpuMatmulOutcome out = render::gpuMatmul(&a, &b, 1, 1, 1);
    ASSERT_TRUE(out.ok) << out.error;
    ASSERT_EQ(out.c.size(), 1u);
    EXPECT_EQ(out.c[0], -7.5f);
    EXPECT_FALSE(out.figures.checked); // no reference given
}

TEST_F(GpuMatmulGLTest, SteppedRunWithACapExtrapolatesFromWholeBands) {
    // 256 rows in 16-row bands at a tiny budget and a cap that is reached after the first band.
    const std::int64_t m = 256, k = 64, n = 64;
    const auto a = seeded(std::size_t(m * k), 1), b = seeded(std::size_t(k * n), 2);
    render::GpuMatmulInputs in{m, k, n, a.data(), b.data(), nullptr, nullptr};
    render::GpuMatmulRun run(in, 1e-9);
    int steps = 0;
    while (!run.finished() && steps < 1000) {
        run.step(1e-6);
        ++steps;
    }
    ASSERT_EQ(run.phase(), render::GpuMatmulRun::Phase::Done) << run.error();
    const auto& f = run.figures();
    EXPECT_EQ(f.rowsDone, 16);
    EXPECT_TRUE(f.extrapolated);
    EXPECT_DOUBLE_EQ(f.fractionRun, 16.0 / 256.0);
    EXPECT_NEAR(f.seconds, f.gpuSeconds * 16.0, 1e-12);
    EXPECT_EQ(run.result().size(), std::size_t(16 * n));
}

TEST_F(GpuMatmulGLTest, CancelStopsARun) {
    const std::int64_t m = 64, k = 64, n = 64;
    const auto a = seeded(std::size_t(m * k), 1), b = seeded(std::size_t(k * n), 2);
    render::GpuMatmulRun run({m, k, n, a.data(), b.data(), nullptr, nullptr});
    run.step(1e-6);
    run.cancel();
    EXPECT_TRUE(run.finished());
    EXPECT_EQ(run.phase(), render::GpuMatmulRun::Phase::Cancelled);
    run.step(1.0); // nothing more happens
    EXPECT_EQ(run.phase(), render::GpuMatmulRun::Phase::Cancelled);
}

TEST_F(GpuMatmulGLTest, CapabilitiesAndTheStorageBlockRefusal) {
    EXPECT_GE(info.maxGroupSize[0], 16);
    EXPECT_GE(info.maxInvocations, 256);
    EXPECT_GE(info.maxSharedBytes, 2048);
    EXPECT_GT(info.maxStorageBlockBytes, 0);
    if (info.renderer.find("llvmpipe") != std::string::npos) {
        EXPECT_TRUE(info.software);
        EXPECT_NE(info.label().find("software renderer"), std::string::npos) << info.label();
    }
    EXPECT_EQ(render::checkGpuMatmulShape(info, 17, 33, 5), "");
    // B = k x n floats just over the limit: refused, naming B, the estimate and the limit.
    const std::int64_t k = 1024;
    const std::int64_t n = info.maxStorageBlockBytes / (4 * k) + 16;
    const std::string why = render::checkGpuMatmulShape(info, 1, k, n);
    EXPECT_NE(why.find("B needs about"), std::string::npos) << why;
    EXPECT_NE(why.find("GL_MAX_SHADER_STORAGE_BLOCK_SIZE"), std::string::npos) << why;
    EXPECT_NE(render::checkGpuMatmulShape(info, 0, 4, 4), "");
}

TEST(GpuMatmulNoContextTest, SaysWhyWithoutACurrentContext) {
    // Before any context is made in this process... or after: ask on a thread that has none.
    render::GpuComputeInfo info;
    std::thread([&] { info = render::queryGpuCompute(); }).join();
    EXPECT_FALSE(info.available);
    EXPECT_NE(info.reason.find("no OpenGL context"), std::string::npos) << info.reason;
    EXPECT_EQ(render::checkGpuMatmulShape(info, 4, 4, 4), info.reason);
}
