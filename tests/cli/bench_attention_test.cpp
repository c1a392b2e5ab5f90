// `linscape bench attention --json --quick` as a user runs it: one JSON object with a row per
// (sequence length, thread count), the engine and Eigen timed in the same run and agreeing, and
// the attention scene's frame time.
#include "support/process.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <thread>

using namespace linscape::testing;

TEST(CliBench, AttentionJsonShape) {
    const ProcessResult r =
        runProcess({LINSCAPE_BINARY, "bench", "attention", "--json", "--quick"}, 120);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j.at("benchmark"), "attention");
    EXPECT_FALSE(j.at("kernel").get<std::string>().empty());
    const auto& rows = j.at("rows");
    ASSERT_EQ(rows.size(), 4u); // 2 lengths x (1 thread, all threads)
    bool one = false, all = false;
    for (const auto& row : rows) {
        EXPECT_EQ(row.at("d_model"), 64);
        EXPECT_TRUE(row.at("tokens") == 32 || row.at("tokens") == 64) << row.dump();
        EXPECT_GT(row.at("engine_seconds").get<double>(), 0);
        EXPECT_GT(row.at("eigen_seconds").get<double>(), 0);
        EXPECT_GT(row.at("speedup").get<double>(), 0);
        EXPECT_LT(row.at("max_abs_difference").get<double>(), 1e-3);
        one |= row.at("engine_threads") == 1;
        all |= row.at("engine_threads").get<unsigned>() > 1;
    }
    EXPECT_TRUE(one);
    if (std::thread::hardware_concurrency() > 1) EXPECT_TRUE(all);
    ASSERT_TRUE(j.contains("scene")) << r.err;
    EXPECT_EQ(j["scene"].at("scene"), "attention");
    EXPECT_GT(j["scene"].at("mean_ms").get<double>(), 0);
    EXPECT_GE(j["scene"].at("worst_ms").get<double>(), j["scene"].at("mean_ms").get<double>());
}

TEST(CliBench, UnknownBenchNamesTheChoices) {
    const ProcessResult r = runProcess({LINSCAPE_BINARY, "bench", "nothing"}, 30);
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("attention"), std::string::npos) << r.err;
}
