// The tile schedule scene; see tiles_scene.h. C is row-major (m = n = k = size, float); a
// recorded block is one task of the engine: a row block of C, across a column block, for one
// k-slice. Worker colours are the Okabe-Ito palette, which stays distinct under colour blindness.
#include "scenes/tiles_scene.h"

#include "scenes/draw2d.h"
#include "widgets/widgets.h"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <random>
#include <tuple>

namespace linscape::scenes {
namespace {

constexpr Color kWorkerColors[] = {
    {0.902f, 0.624f, 0.000f, 1}, // orange
    {0.337f, 0.706f, 0.914f, 1}, // sky blue
    {0.000f, 0.620f, 0.451f, 1}, // bluish green
    {0.941f, 0.894f, 0.259f, 1}, // yellow
    {0.000f, 0.447f, 0.698f, 1}, // blue
    {0.835f, 0.369f, 0.000f, 1}, // vermillion
    {0.800f, 0.475f, 0.655f, 1}, // reddish purple
    {0.600f, 0.600f, 0.600f, 1}, // grey
};
constexpr int kColorCount = int(sizeof(kWorkerColors) / sizeof(kWorkerColors[0]));

Color workerColor(unsigned w) {
    return kWorkerColors[w % kColorCount];
}

std::string kib(std::size_t bytes) {
    if (bytes >= (1u << 20)) return std::to_string(bytes >> 20) + " MiB";
    return std::to_string(bytes >> 10) + " KiB";
}

// The share of the replay spent replaying; the rest holds the finished picture.
constexpr double kReplayShare = 0.92;

} // namespace

TileReplay buildTileReplay(const std::vector<engine::TileEvent>& events) {
    TileReplay r;
    std::vector<engine::TileEvent> sorted = events;
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& x, const auto& y) {
        return std::tie(x.worker, x.order) < std::tie(y.worker, y.order);
    });
    for (const auto& e : sorted)
        r.workers = std::max(r.workers, e.worker + 1);
    std::vector<double> total(r.workers, 0.0);
    r.tilesPerWorker.assign(r.workers, 0);
    auto work = [](const engine::TileEvent& e) {
        return double(std::max<engine::Index>(e.rows, 1)) *
               double(std::max<engine::Index>(e.cols, 1)) *
               double(std::max<engine::Index>(e.depth, 1));
    };
    for (const auto& e : sorted) {
        total[e.worker] += work(e);
        ++r.tilesPerWorker[e.worker];
    }
    const double longest = total.empty() ? 1.0 : *std::max_element(total.begin(), total.end());
    std::vector<double> done(r.workers, 0.0);
    for (const auto& e : sorted) {
        TileReplay::Item item;
        item.event = e;
        item.start = done[e.worker] / longest;
        done[e.worker] += work(e);
        item.end = done[e.worker] / longest;
        r.items.push_back(item);
    }
    std::stable_sort(r.items.begin(), r.items.end(), [](const auto& x, const auto& y) {
        return std::tie(x.start, x.event.worker) < std::tie(y.start, y.event.worker);
    });
    return r;
}

unsigned TilesScene::hardwareThreads() {
    return engine::ThreadPool::shared().size() + 1;
}

TilesScene::TilesScene() {
    reset();
}

TilesScene::~TilesScene() = default;

void TilesScene::reset() {
    m_size = 512;
    m_threads = hardwareThreads();
    m_duration = 8;
    m_t = m_duration * 0.5;
    m_referenceCpu = false;
    ++m_generation;
    m_replay.reset();
    touch();
}

std::vector<ParamSpec> TilesScene::params() const {
    ParamSpec size;
    size.name = "size";
    size.type = ParamType::Number;
    size.minValue = 32;
    size.maxValue = 4096;
    size.help = "N for the (N,N) @ (N,N) float product (32 to 4096)";
    ParamSpec threads;
    threads.name = "threads";
    threads.type = ParamType::Number;
    threads.minValue = 1;
    threads.maxValue = hardwareThreads();
    threads.help = "threads the engine may use (1 to this machine's " +
                   std::to_string(hardwareThreads()) + ")";
    ParamSpec dur;
    dur.name = "duration";
    dur.type = ParamType::Number;
    dur.minValue = 1;
    dur.maxValue = 120;
    dur.help = "replay length in seconds";
    ParamSpec machine;
    machine.name = "machine";
    machine.type = ParamType::Choice;
    machine.choices = {"this", "reference"};
    machine.help = "whose cache sizes and kernels plan the blocks: this CPU's, or a fixed "
                   "reference CPU (portable kernels, 32 KiB L1, 512 KiB L2) so that the picture "
                   "is the same on every machine";
    return {size, threads, dur, machine};
}

std::optional<ParamValue> TilesScene::param(const std::string& name) const {
    if (name == "size") return ParamValue(double(m_size));
    if (name == "threads") return ParamValue(double(m_threads));
    if (name == "duration") return ParamValue(m_duration);
    if (name == "machine") return ParamValue(std::string(m_referenceCpu ? "reference" : "this"));
    return std::nullopt;
}

std::string TilesScene::applyParam(const std::string& name, const ParamValue& value) {
    if (name == "machine") {
        m_referenceCpu = std::get<std::string>(value) == "reference";
        ++m_generation;
        m_replay.reset();
        return {};
    }
    const double v = std::get<double>(value);
    if (name == "duration") {
        m_duration = v;
        return {};
    }
    if (v != std::round(v)) return "'" + name + "' must be a whole number";
    if (name == "size") m_size = int(v);
    if (name == "threads") m_threads = unsigned(v);
    ++m_generation;
    m_replay.reset();
    return {};
}

TilesScene::Recording TilesScene::record(int size, unsigned threads, bool referenceCpu) {
    // Seeded inputs: the values do not change the schedule, but a real product is what ran.
    const std::size_t count = std::size_t(size) * std::size_t(size);
    std::vector<float> a(count), b(count), c(count);
    std::mt19937 rng(7);
    std::uniform_real_distribution<float> u(-1, 1);
    for (std::size_t i = 0; i < count; ++i) {
        a[i] = u(rng);
        b[i] = u(rng);
    }
    engine::TileRecorder recorder;
    engine::GemmOptions options;
    options.threads = threads;
    options.recorder = &recorder;
    if (referenceCpu) {
        options.isa = engine::ReferenceCpu::isa;
        options.cache = engine::ReferenceCpu::cache;
    }
    const auto t0 = std::chrono::steady_clock::now();
    engine::gemm(engine::Layout::RowMajor, engine::Op::None, engine::Op::None, size, size, size,
                 1.0f, a.data(), size, b.data(), size, 0.0f, c.data(), size, options);
    Recording r;
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    r.events = recorder.events();
    return r;
}

void TilesScene::ensureSchedule() {
    m_jobs.poll();
    if (m_replay && m_recordedSize == m_size && m_recordedThreads == m_threads &&
        m_recordedReference == m_referenceCpu)
        return;
    if (m_pending) return;
    m_blocking = m_referenceCpu
                     ? engine::gemmBlocking(m_size, m_size, m_size, false,
                                            engine::ReferenceCpu::isa, engine::ReferenceCpu::cache)
                     : engine::gemmBlocking(m_size, m_size, m_size);
    if (m_size <= kSyncMaxSize) {
        const Recording r = record(m_size, m_threads, m_referenceCpu);
        m_replay = buildTileReplay(r.events);
        m_recordSeconds = r.seconds;
        m_recordedSize = m_size;
        m_recordedThreads = m_threads;
        m_recordedReference = m_referenceCpu;
        return;
    }
    // Large products run off the UI thread; the picture waits for the recording.
    m_pending = true;
    auto result = std::make_shared<Recording>();
    const int size = m_size;
    const unsigned threads = m_threads;
    const bool reference = m_referenceCpu;
    const std::uint64_t generation = m_generation;
    m_jobs.start(
        "tile schedule",
        [result, size, threads, reference](engine::JobContext& ctx) {
            ctx.setStatus("recording");
            *result = record(size, threads, reference);
            ctx.setProgress(1);
        },
        [this, result, size, threads, reference, generation](bool) {
            m_pending = false;
            if (generation != m_generation) return; // the user moved on meanwhile
            m_replay = buildTileReplay(result->events);
            m_recordSeconds = result->seconds;
            m_recordedSize = size;
            m_recordedThreads = threads;
            m_recordedReference = reference;
            touch();
        });
}

void TilesScene::update(double t) {
    m_t = std::clamp(t, 0.0, m_duration);
    ensureSchedule();
}

void TilesScene::drawSchedule(render::Canvas& canvas, const SceneContext& ctx, Vec2 pos,
                              float side) {
    const Palette& pal = *ctx.palette;
    const float ts = ctx.textScale;
    canvas.fillRect(pos, pos + Vec2(side, side), pal.panel.withAlpha(0.6f));
    const float scale = side / float(m_recordedSize);
    const TileReplay& rp = *m_replay;
    const double u = std::clamp(m_t / (m_duration * kReplayShare), 0.0, 1.0);
    const double k = double(m_recordedSize);

    // Per block of C: accumulated depth (done k-slices plus the active one's share) and worker.
    struct BlockState {
        engine::TileEvent e;
        double depthDone = 0;
        bool active = false;
        double local = 0;
    };
    std::map<std::tuple<long, long, long, long>, BlockState> blocks;
    int doneCount = 0;
    for (const TileReplay::Item& it : rp.items) {
        if (u < it.start) continue;
        const auto& e = it.event;
        BlockState& b = blocks[{long(e.row0), long(e.col0), long(e.rows), long(e.cols)}];
        b.e = e;
        if (u >= it.end) {
            b.depthDone += double(e.depth);
            ++doneCount;
        } else {
            b.active = true;
            b.local = (u - it.start) / std::max(1e-12, it.end - it.start);
        }
    }
    for (const auto& [key, b] : blocks) {
        const Color wc = workerColor(b.e.worker);
        const Vec2 p0 = pos + Vec2(float(b.e.col0) * scale, float(b.e.row0) * scale);
        const Vec2 p1 = p0 + Vec2(float(b.e.cols) * scale, float(b.e.rows) * scale);
        const float filled = float(std::min(1.0, b.depthDone / k));
        if (filled > 0) canvas.fillRect(p0, p1, wc.withAlpha(0.30f + 0.62f * filled));
        if (b.active) {
            // The kernel sweeps the block in nr-wide column panels: show how far it got.
            const float x = p0.x() + (p1.x() - p0.x()) * float(b.local);
            canvas.fillRect(p0, {x, p1.y()}, wc.withAlpha(0.92f));
            const float stripe = std::max(2.0f, float(m_blocking.nr) * scale);
            canvas.fillRect({std::max(p0.x(), x - stripe), p0.y()}, {x, p1.y()},
                            pal.text.withAlpha(0.55f));
            // The mr x nr micro-tiles the kernel computes in registers, where they are visible.
            const float mx = float(m_blocking.nr) * scale, my = float(m_blocking.mr) * scale;
            if (mx >= 4 && my >= 4) {
                for (float gx = p0.x() + mx; gx < p1.x() - 0.5f; gx += mx)
                    canvas.line({gx, p0.y()}, {gx, p1.y()}, 1.0f, pal.background.withAlpha(0.35f));
                for (float gy = p0.y() + my; gy < p1.y() - 0.5f; gy += my)
                    canvas.line({p0.x(), gy}, {p1.x(), gy}, 1.0f, pal.background.withAlpha(0.35f));
            }
            canvas.rectOutline(p0, p1, 2.4f, pal.text);
        }
    }
    // Block outlines after the fills, so borders between blocks of one worker stay visible.
    for (const auto& [key, b] : blocks) {
        const Vec2 p0 = pos + Vec2(float(b.e.col0) * scale, float(b.e.row0) * scale);
        const Vec2 p1 = p0 + Vec2(float(b.e.cols) * scale, float(b.e.rows) * scale);
        if (!b.active) canvas.rectOutline(p0, p1, 1.0f, pal.background.withAlpha(0.9f));
    }
    canvas.rectOutline(pos, pos + Vec2(side, side), 1.5f, pal.border);
    canvas.text(pos + Vec2(0, -6),
                "C (" + std::to_string(m_recordedSize) + "," + std::to_string(m_recordedSize) +
                    "): block " +
                    std::to_string(std::min<int>(doneCount + 1, int(rp.items.size()))) + " of " +
                    std::to_string(rp.items.size()) +
                    (doneCount == int(rp.items.size()) ? " (done)" : ""),
                15 * ts, pal.text, render::Anchor::BottomLeft);
}

void TilesScene::drawExplanation(render::Canvas& canvas, const SceneContext& ctx, Vec2 pos,
                                 float width) {
    const Palette& pal = *ctx.palette;
    const float ts = ctx.textScale;
    // One font size for the whole column, small enough for its widest line.
    const float widest =
        canvas
            .measureText("- B in panels of kc \u00d7 nc = 0000 \u00d7 0000, shared by all workers",
                         14 * ts)
            .x();
    const float f = std::max(8.0f, 14 * ts * std::min(1.0f, width / widest)), lh = f * 1.4f;
    float y = pos.y();
    canvas.text({pos.x(), y}, "Workers", f * 1.15f, pal.text);
    y += lh * 1.2f;
    const TileReplay& rp = *m_replay;
    const unsigned shownWorkers = std::min<unsigned>(rp.workers, 8);
    for (unsigned w = 0; w < shownWorkers; ++w) {
        canvas.fillRoundedRect({pos.x(), y + 2}, {pos.x() + f, y + 2 + f}, 3, workerColor(w));
        const std::string who = w == 0 ? " (calling thread)" : "";
        canvas.text({pos.x() + f * 1.6f, y},
                    "worker " + std::to_string(w) + who + ": " +
                        std::to_string(rp.tilesPerWorker[w]) + " blocks",
                    f, pal.text);
        y += lh;
    }
    if (rp.workers > shownWorkers) {
        canvas.text({pos.x(), y},
                    "(+" + std::to_string(rp.workers - shownWorkers) + " more; colours repeat)", f,
                    pal.textDim);
        y += lh;
    }
    y += lh * 0.5f;
    const engine::GemmBlocking& bl = m_blocking;
    const std::string isa(engine::kernelIsaName(bl.isa));
    const std::string lines[] = {
        m_recordedReference ? "Packing (a reference CPU's sizes, " + isa + " kernel, float):"
                            : "Packing (the engine's real sizes, " + isa + ", float):",
        "- A in blocks of mc \u00d7 kc = " + std::to_string(bl.mc) + " \u00d7 " +
            std::to_string(bl.kc) + " (sized for L2, " + kib(bl.l2) + ")",
        "- B in panels of kc \u00d7 nc = " + std::to_string(bl.kc) + " \u00d7 " +
            std::to_string(bl.nc) + ", shared by all workers",
        "- micro-tiles of mr \u00d7 nr = " + std::to_string(bl.mr) + " \u00d7 " +
            std::to_string(bl.nr) + " held in registers",
        "- k = " + std::to_string(m_recordedSize) + " in " + std::to_string(bl.kBlocks) +
            (bl.kBlocks == 1 ? " slice" : " slices") + "; a block darkens as slices add up",
        "Each block is one task: rows of C for one k-slice,",
        "swept in nr-wide column panels (the light stripe).",
    };
    for (const std::string& s : lines) {
        canvas.text({pos.x(), y}, s, f, s[0] == 'P' ? pal.text : pal.textDim);
        y += lh;
    }
    y += lh * 0.4f;
    std::vector<std::string> notes;
    if (m_recordedThreads == 1) {
        notes.push_back("One thread: the same schedule every run.");
    } else {
        notes.push_back("Several threads: which worker takes which block");
        notes.push_back("depends on timing; this is one recorded run.");
    }
    notes.push_back("Replay time is proportional to each block's work,");
    notes.push_back("not to the measured time.");
    for (const std::string& s : notes) {
        float size = f;
        const float w = canvas.measureText(s, size).x();
        if (w > width) size *= width / w;
        canvas.text({pos.x(), y}, s, size, pal.warning.withAlpha(0.95f));
        y += lh;
    }
}

void TilesScene::draw(render::Canvas& canvas, const SceneContext& ctx) {
    const Palette& pal = *ctx.palette;
    const float ts = ctx.textScale;
    ensureSchedule();
    canvas.text({16, 12},
                "Tile schedule of C = A @ B, (" + std::to_string(m_size) + "," +
                    std::to_string(m_size) + ") @ (" + std::to_string(m_size) + "," +
                    std::to_string(m_size) + "), " + std::to_string(m_threads) +
                    (m_threads == 1 ? " thread" : " threads"),
                18 * ts, pal.text);
    canvas.text({16, 12 + 24 * ts},
                "NumPy: C = A @ B hands this to a BLAS that tiles it the same way", 13 * ts,
                pal.textDim);
    if (!m_replay) {
        canvas.text({canvas.width() * 0.5f, canvas.height() * 0.5f},
                    "Recording the instrumented multiply (" + std::to_string(m_size) + ", " +
                        std::to_string(m_threads) + (m_threads == 1 ? " thread" : " threads") +
                        ") in the background\u2026",
                    17 * ts, pal.textDim, render::Anchor::Center);
        return;
    }
    const float top = 84 * ts;
    // The bottom 32 px stay clear for the window's status line.
    const float side = std::max(60.0f, std::min(canvas.height() - top - 32, canvas.width() * 0.5f));
    const Vec2 pos(20, top);
    drawSchedule(canvas, ctx, pos, side);
    drawExplanation(canvas, ctx, {pos.x() + side + 24, top - 6},
                    canvas.width() - (pos.x() + side + 24) - 10);
}

std::string TilesScene::statusLine() const {
    if (m_pending) return "Recording the schedule in the background\u2026";
    return "Space replays the schedule \u00b7 change size and threads in the panel";
}

void TilesScene::panel(const SceneContext& ctx) {
    const Palette& pal = *ctx.palette;
    widgets::sectionHeader("Product", pal);
    static const int kSizes[] = {128, 256, 512, 1024, 2048};
    for (int s : kSizes) {
        if (s != kSizes[0] && s != kSizes[3]) ImGui::SameLine();
        if (ImGui::RadioButton(std::to_string(s).c_str(), m_size == s)) setParam("size", double(s));
    }
    int threads = int(m_threads);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    if (ImGui::SliderInt("threads", &threads, 1, int(hardwareThreads())))
        setParam("threads", double(threads));
    if (ImGui::Button("Record again")) {
        ++m_generation;
        m_replay.reset();
        touch();
    }
    widgets::helpMarker("Runs the instrumented multiply again. With several threads the assignment "
                        "of blocks to workers can change from run to run.");
    if (m_pending) ImGui::TextDisabled("recording in the background\u2026");
    if (m_replay) {
        widgets::sectionHeader("Recorded run", pal);
        const double flops = 2.0 * std::pow(double(m_recordedSize), 3);
        ImGui::Text("%zu blocks, %u workers", m_replay->items.size(), m_replay->workers);
        ImGui::Text("%.2f ms, %.1f GFLOP/s (with recording)", m_recordSeconds * 1e3,
                    flops / std::max(m_recordSeconds, 1e-9) / 1e9);
        ImGui::TextDisabled("measured once; the replay does not depend on it");
    }
}

} // namespace linscape::scenes
