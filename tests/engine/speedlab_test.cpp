// The speed lab job: a tiny run completes with positive GFLOP/s and correct results for every
// method, the time cap extrapolates honestly, cancel midway stops it, the CSV has a header and
// one row per method, and sizes that would not fit are refused with the estimate.
#include "engine/jobs.h"
#include "engine/speedlab.h"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <thread>

using namespace linscape::engine;
using namespace std::chrono_literals;

namespace {

int countLines(const std::string& text) {
    int lines = 0;
    for (char ch : text)
        lines += ch == '\n';
    return lines;
}

} // namespace

TEST(SpeedLab, TinyRunCompletesWithEveryMethod) {
    SpeedLabConfig config;
    config.shape = {48, 40, 56};
    config.minSeconds = 0.01;
    auto report = runSpeedLab(config);
    ASSERT_TRUE(report.ok()) << report.error().message;
    EXPECT_FALSE(report->cancelled);
    ASSERT_EQ(report->results.size(), 4u);
    const SpeedMethod expected[] = {SpeedMethod::Naive, SpeedMethod::Blocked, SpeedMethod::Engine1,
                                    SpeedMethod::EngineAll};
    for (size_t i = 0; i < 4; ++i) {
        const SpeedResult& r = report->results[i];
        EXPECT_EQ(r.method, expected[i]);
        EXPECT_GT(r.gflops, 0.0) << r.label;
        EXPECT_GT(r.seconds, 0.0) << r.label;
        EXPECT_FALSE(r.extrapolated) << r.label;
        EXPECT_DOUBLE_EQ(r.fractionRun, 1.0);
        // float sums of 40 terms of size <= 1: a few ulps of the largest entry
        EXPECT_LT(r.maxRelError, 1e-5) << r.label;
        // GFLOP/s is exactly 2 m k n / seconds
        EXPECT_NEAR(r.gflops, 2.0 * 48 * 40 * 56 / r.seconds / 1e9, 1e-9 * r.gflops);
    }
    EXPECT_DOUBLE_EQ(report->results[0].speedup, 1.0);
}

TEST(SpeedLab, TimeCapExtrapolatesFromTheRowsDone) {
    SpeedLabConfig config;
    config.shape = {2048, 256, 256}; // the naive loop needs well over the cap here
    config.methods = {SpeedMethod::Naive};
    config.capSeconds = 0.05;
    auto report = runSpeedLab(config);
    ASSERT_TRUE(report.ok()) << report.error().message;
    ASSERT_EQ(report->results.size(), 1u);
    const SpeedResult& r = report->results[0];
    ASSERT_TRUE(r.extrapolated);
    EXPECT_GT(r.fractionRun, 0.0);
    EXPECT_LT(r.fractionRun, 1.0);
    EXPECT_NEAR(r.seconds, r.measuredSeconds / r.fractionRun, 1e-12 * r.seconds);
    EXPECT_LT(r.maxRelError, 1e-5);
    const std::string csv = speedLabCsv(*report);
    EXPECT_NE(csv.find(",true,"), std::string::npos) << csv;
}

TEST(SpeedLab, CancelMidwayThroughTheJobQueue) {
    JobQueue queue;
    SpeedLabConfig config;
    config.shape = {1024, 512, 512};
    config.capSeconds = 30; // long enough that only cancel ends the naive loop
    auto result = std::make_shared<std::optional<Result<SpeedLabReport>>>();
    bool delivered = false, wasCancelled = false;
    JobHandle handle = queue.start(
        "speedlab",
        [config, result](JobContext& ctx) { result->emplace(runSpeedLab(config, &ctx)); },
        [&](bool cancelled) {
            delivered = true;
            wasCancelled = cancelled;
        });
    // Wait until the naive loop has visibly started, then cancel.
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (handle.progress() <= 0.0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(1ms);
    ASSERT_GT(handle.progress(), 0.0);
    EXPECT_LT(handle.progress(), 0.25); // still inside the first of four methods
    const auto t0 = std::chrono::steady_clock::now();
    handle.cancel();
    queue.waitAll();
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 3s) << "cancel must answer promptly";
    EXPECT_EQ(queue.poll(), 1);
    EXPECT_TRUE(delivered);
    EXPECT_TRUE(wasCancelled);
    ASSERT_TRUE(result->has_value());
    ASSERT_TRUE((*result)->ok());
    EXPECT_TRUE((**result)->cancelled);
    EXPECT_LT((**result)->results.size(), 4u);
}

TEST(SpeedLab, CsvHasHeaderAndOneRowPerMethod) {
    SpeedLabConfig config;
    config.shape = {32, 32, 32};
    config.minSeconds = 0.0;
    auto report = runSpeedLab(config);
    ASSERT_TRUE(report.ok());
    const std::string csv = speedLabCsv(*report);
    ASSERT_EQ(countLines(csv), 1 + 4) << csv;
    EXPECT_EQ(csv.rfind("shape,m,k,n,method,label,threads,seconds", 0), 0u) << csv;
    for (const char* id : {"naive", "blocked", "engine_1", "engine_all"})
        EXPECT_NE(csv.find(std::string(",") + id + ","), std::string::npos) << id;
    // Every row has as many fields as the header (quoted fields hold commas).
    std::istringstream lines(csv);
    std::string line;
    while (std::getline(lines, line)) {
        int fields = 1;
        bool quoted = false;
        for (char ch : line) {
            if (ch == '"') quoted = !quoted;
            if (ch == ',' && !quoted) ++fields;
        }
        EXPECT_EQ(fields, 15) << line;
    }
    const auto path = std::filesystem::temp_directory_path() / "linscape-speedlab-test.csv";
    auto saved = saveSpeedLabCsv(*report, path.string());
    ASSERT_TRUE(saved.ok()) << saved.error().message;
    std::ifstream f(path);
    std::stringstream back;
    back << f.rdbuf();
    EXPECT_EQ(back.str(), csv);
    std::filesystem::remove(path);
    auto bad = saveSpeedLabCsv(*report, "/nonexistent-dir/x.csv");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, ErrorCode::Io);
    EXPECT_NE(bad.error().message.find("/nonexistent-dir/x.csv"), std::string::npos);
}

TEST(SpeedLab, RefusesSizesThatWouldNotFitWithTheEstimate) {
    // 4 bytes x (m k + k n + 2 m n) with m = k = n = 100000: 4 x 4e10 = 160 GB = 149 GiB.
    const BenchShape huge{100000, 100000, 100000};
    const std::string why = checkSpeedLabShape(huge, 8.0 * (1ull << 30));
    EXPECT_NE(why.find("(100000,100000)@(100000,100000)"), std::string::npos) << why;
    EXPECT_NE(why.find("149.0 GiB"), std::string::npos) << why;
    EXPECT_NE(why.find("8.0 GiB"), std::string::npos) << why;
    SpeedLabConfig config;
    config.shape = huge;
    config.memoryLimitBytes = 8.0 * (1ull << 30);
    auto r = runSpeedLab(config);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::TooLarge);
    EXPECT_NE(checkSpeedLabShape({0, 5, 5}), "");
    EXPECT_EQ(checkSpeedLabShape({256, 512, 1024}), "");
    // The preset from the brief: 134M multiply-adds.
    EXPECT_EQ(BenchShape({256, 512, 1024}).flops() / 2, 134217728.0);
}

TEST(SpeedLab, KeepsInputsForTheGpuRowAndFilesItsResult) {
    SpeedLabConfig config;
    config.shape = {20, 30, 10};
    config.minSeconds = 0.0;
    config.methods = {SpeedMethod::Naive, SpeedMethod::Gpu};
    config.keepInputs = true;
    auto report = runSpeedLab(config);
    ASSERT_TRUE(report.ok()) << report.error().message;
    // The job skips the GPU method (the app measures it on its GL thread).
    ASSERT_EQ(report->results.size(), 1u);
    ASSERT_TRUE(report->inputs);
    const SpeedLabInputs& in = *report->inputs;
    ASSERT_EQ(in.a.size(), 20u * 30u);
    ASSERT_EQ(in.b.size(), 30u * 10u);
    ASSERT_EQ(in.reference.size(), 20u * 10u);
    // The reference is A @ B: one entry worked by hand from the kept inputs.
    double c37 = 0;
    for (int p = 0; p < 30; ++p)
        c37 += double(in.a[3 * 30 + p]) * double(in.b[p * 10 + 7]);
    EXPECT_NEAR(in.reference[3 * 10 + 7], c37, 1e-4);

    const double naive = report->results[0].seconds;
    SpeedResult gpu;
    gpu.method = SpeedMethod::Gpu;
    gpu.label = "GPU compute shader";
    gpu.seconds = naive / 4;
    gpu.note = "software renderer (llvmpipe), \"quoted\"";
    addSpeedResult(*report, gpu);
    ASSERT_EQ(report->results.size(), 2u);
    EXPECT_NEAR(report->results[1].speedup, 4.0, 1e-9);
    EXPECT_NEAR(report->results[1].gflops, 2.0 * 20 * 30 * 10 / (naive / 4) / 1e9, 1e-9);

    SpeedResult skipped;
    skipped.method = SpeedMethod::Gpu;
    skipped.label = "GPU compute shader";
    skipped.skipped = true;
    skipped.note = "no OpenGL 4.3 context";
    addSpeedResult(*report, skipped);
    const std::string csv = speedLabCsv(*report);
    ASSERT_EQ(countLines(csv), 1 + 3) << csv;
    EXPECT_NE(csv.find("\"software renderer (llvmpipe), \"\"quoted\"\"\""), std::string::npos)
        << csv;
    EXPECT_NE(csv.find(",gpu,\"GPU compute shader\",1,,,,,,,,\"no OpenGL 4.3 context\""),
              std::string::npos)
        << csv;
}
