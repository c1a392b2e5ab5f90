// `bench attention`: the engine's attention against a plain Eigen version of the same computation,
// interleaved in one run (medians of alternating calls), with progress/cancel and table/JSON text.
#include "engine/attention_bench.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <random>

namespace linscape::engine {
namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

std::string fixed(double value, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
    return buf;
}

std::string jsonNumber(double value) {
    if (!std::isfinite(value)) return "null";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6g", value);
    return buf;
}

} // namespace

AttentionInput makeRandomAttentionInput(int tokens, int dModel, int heads, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
    const auto fill = [&](MatrixXfR& m, Index rows, Index cols, float scale) {
        m.resize(rows, cols);
        for (Index i = 0; i < m.size(); ++i)
            m.data()[i] = scale * dist(rng);
    };
    AttentionInput in;
    const float weightScale = 1.0f / std::sqrt(static_cast<float>(std::max(1, dModel)));
    fill(in.x, tokens, dModel, 1.0f);
    fill(in.wq, dModel, dModel, weightScale);
    fill(in.wk, dModel, dModel, weightScale);
    fill(in.wv, dModel, dModel, weightScale);
    in.heads = heads;
    return in;
}

void eigenAttentionInto(const AttentionInput& in, EigenAttentionWorkspace& ws) {
    const Index tokens = in.x.rows(), dModel = in.x.cols(), dk = dModel / in.heads;
    const float alpha =
        (in.scale ? 1.0f / std::sqrt(static_cast<float>(dk)) : 1.0f) / in.temperature;
    const float masked = -std::numeric_limits<float>::infinity();
    const bool anyMask = in.causal || !in.padding.empty() || in.mask.size() != 0;
    ws.q.noalias() = in.x * in.wq;
    ws.k.noalias() = in.x * in.wk;
    ws.v.noalias() = in.x * in.wv;
    ws.output.resize(tokens, dModel);
    MatrixXfR& s = ws.scores;
    for (Index h = 0; h < in.heads; ++h) {
        s.noalias() = ws.q.middleCols(h * dk, dk) * ws.k.middleCols(h * dk, dk).transpose();
        s *= alpha;
        if (anyMask)
            for (Index i = 0; i < tokens; ++i)
                for (Index j = 0; j < tokens; ++j)
                    if ((in.causal && j > i) ||
                        (!in.padding.empty() && in.padding[static_cast<size_t>(j)]) ||
                        (in.mask.size() != 0 && !in.mask(i, j)))
                        s(i, j) = masked;
        for (Index i = 0; i < tokens; ++i) {
            const float top = s.row(i).maxCoeff();
            if (top == masked) {
                s.row(i).setZero();
                continue;
            }
            s.row(i) = (s.row(i).array() - top).exp().matrix();
            s.row(i) /= s.row(i).sum();
        }
        ws.output.middleCols(h * dk, dk).noalias() = s * ws.v.middleCols(h * dk, dk);
    }
}

MatrixXfR eigenAttentionOutput(const AttentionInput& in) {
    EigenAttentionWorkspace ws;
    eigenAttentionInto(in, ws);
    return std::move(ws.output);
}

Result<AttentionBenchReport> runAttentionBench(const AttentionBenchOptions& options) {
    if (options.dModel < 1 || options.heads < 1 || options.dModel % options.heads != 0)
        return makeError(ErrorCode::InvalidArgument, "d_model " + std::to_string(options.dModel) +
                                                         " must be positive and divisible by " +
                                                         std::to_string(options.heads) + " heads");
    for (int tokens : options.sequenceLengths)
        if (tokens < 1 || tokens > 4096)
            return makeError(ErrorCode::InvalidArgument,
                             "sequence length " + std::to_string(tokens) + " is outside 1..4096");
    ThreadPool& pool = ThreadPool::shared();
    const unsigned allThreads = pool.size() + 1;

    AttentionBenchReport report;
    report.kernel = std::string(kernelIsaName(detectKernelIsa()));
    const size_t total = options.sequenceLengths.size() * options.threadCounts.size();
    size_t caseIndex = 0;
    auto lastReport = Clock::now();
    const auto keepGoing = [&](double fraction, const std::string& stage) {
        lastReport = Clock::now();
        return !options.progress || options.progress(fraction, stage);
    };
    const auto cancelled = [] {
        return makeError(ErrorCode::Cancelled, "the attention benchmark was cancelled");
    };

    for (int tokens : options.sequenceLengths) {
        const AttentionInput input =
            makeRandomAttentionInput(tokens, options.dModel, options.heads, options.seed);
        for (unsigned requested : options.threadCounts) {
            AttentionBenchRow row;
            row.tokens = tokens;
            row.dModel = options.dModel;
            row.heads = options.heads;
            row.engineThreads = requested == 0 ? allThreads : std::min(requested, allThreads);
            const double fractionStart =
                static_cast<double>(caseIndex) / static_cast<double>(total);
            if (!keepGoing(fractionStart, "attention " + std::to_string(tokens) + " tokens, " +
                                              std::to_string(row.engineThreads) + " thread(s)"))
                return cancelled();
            GemmOptions gemmOptions;
            gemmOptions.threads = requested;

            // Warm-up (caches, pool threads, the kept buffers) and the correctness check.
            AttentionResult engineResult;
            EigenAttentionWorkspace workspace;
            auto start = Clock::now();
            if (auto error = attentionInto(input, engineResult, gemmOptions)) return *error;
            const double engineOnce = secondsSince(start);
            start = Clock::now();
            eigenAttentionInto(input, workspace);
            const double eigenOnce = secondsSince(start);
            row.maxAbsDifference = (engineResult.output - workspace.output).cwiseAbs().maxCoeff();

            // Rounds of engine, Eigen, engine with fresh buffers, so all three see the same load.
            const double perRound = std::max(1e-7, 3 * std::max(engineOnce, eigenOnce));
            row.repetitions = std::clamp(static_cast<int>(options.minSecondsPerCase / perRound),
                                         options.minRepetitions, 2000);
            std::vector<double> engineTimes, eigenTimes, freshTimes;
            for (int r = 0; r < row.repetitions; ++r) {
                start = Clock::now();
                const auto error = attentionInto(input, engineResult, gemmOptions);
                engineTimes.push_back(secondsSince(start));
                start = Clock::now();
                eigenAttentionInto(input, workspace);
                eigenTimes.push_back(secondsSince(start));
                start = Clock::now();
                const auto fresh = attention(input, gemmOptions);
                freshTimes.push_back(secondsSince(start));
                if (error || !fresh.ok())
                    return makeError(ErrorCode::InvalidArgument, "attention failed mid-run");
                if (secondsSince(lastReport) > 0.1) {
                    const double within = static_cast<double>(r + 1) / row.repetitions;
                    if (!keepGoing(fractionStart + within / static_cast<double>(total),
                                   "measuring"))
                        return cancelled();
                }
            }
            row.engineSeconds = median(engineTimes);
            row.eigenSeconds = median(eigenTimes);
            row.engineFreshSeconds = median(freshTimes);
            const double n = tokens, d = options.dModel;
            row.flops = 6.0 * n * d * d + 4.0 * n * n * d;
            row.engineGflops = row.flops / row.engineSeconds * 1e-9;
            row.eigenGflops = row.flops / row.eigenSeconds * 1e-9;
            row.speedup = row.eigenSeconds / row.engineSeconds;
            report.rows.push_back(row);
            ++caseIndex;
        }
    }
    if (options.progress) options.progress(1.0, "done");
    return report;
}

std::string formatAttentionBenchTable(const AttentionBenchReport& report) {
    std::string out = "attention: engine vs Eigen (Eigen on 1 thread; both reuse their buffers, "
                      "'engine new' allocates them), kernel " +
                      report.kernel + "\n";
    char line[256];
    std::snprintf(line, sizeof line, "%7s %7s %6s %8s %11s %8s %11s %8s %8s %14s %10s\n", "tokens",
                  "d_model", "heads", "threads", "engine ms", "GFLOP/s", "Eigen ms", "GFLOP/s",
                  "speedup", "engine new ms", "max|diff|");
    out += line;
    for (const AttentionBenchRow& r : report.rows) {
        std::snprintf(line, sizeof line, "%7d %7d %6d %8u %11s %8s %11s %8s %7sx %14s %10.2g\n",
                      r.tokens, r.dModel, r.heads, r.engineThreads,
                      fixed(r.engineSeconds * 1e3, 4).c_str(), fixed(r.engineGflops, 1).c_str(),
                      fixed(r.eigenSeconds * 1e3, 4).c_str(), fixed(r.eigenGflops, 1).c_str(),
                      fixed(r.speedup, 2).c_str(), fixed(r.engineFreshSeconds * 1e3, 4).c_str(),
                      r.maxAbsDifference);
        out += line;
    }
    return out;
}

std::string attentionBenchJson(const AttentionBenchReport& report) {
    std::string out =
        "{\"benchmark\": \"attention\", \"kernel\": \"" + report.kernel + "\", \"rows\": [";
    for (size_t i = 0; i < report.rows.size(); ++i) {
        const AttentionBenchRow& r = report.rows[i];
        out += i ? ", {" : "{";
        out += "\"tokens\": " + std::to_string(r.tokens);
        out += ", \"d_model\": " + std::to_string(r.dModel);
        out += ", \"heads\": " + std::to_string(r.heads);
        out += ", \"engine_threads\": " + std::to_string(r.engineThreads);
        out += ", \"eigen_threads\": " + std::to_string(r.eigenThreads);
        out += ", \"repetitions\": " + std::to_string(r.repetitions);
        out += ", \"engine_seconds\": " + jsonNumber(r.engineSeconds);
        out += ", \"eigen_seconds\": " + jsonNumber(r.eigenSeconds);
        out += ", \"engine_fresh_seconds\": " + jsonNumber(r.engineFreshSeconds);
        out += ", \"flops\": " + jsonNumber(r.flops);
        out += ", \"engine_gflops\": " + jsonNumber(r.engineGflops);
        out += ", \"eigen_gflops\": " + jsonNumber(r.eigenGflops);
        out += ", \"speedup\": " + jsonNumber(r.speedup);
        out += ", \"max_abs_difference\": " + jsonNumber(r.maxAbsDifference) + "}";
    }
    return out + "]}";
}

} // namespace linscape::engine
