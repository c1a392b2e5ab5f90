// The tile schedule scene: the engine's instrumented matmul, run once for a chosen size and thread
// count, replayed block by block over the animation with blocks coloured by the worker that
// computed them, beside the packing explanation with the engine's real block sizes.
#pragma once

#include "engine/jobs.h"
#include "engine/matmul.h"
#include "scenes/scene.h"

#include <memory>
#include <optional>
#include <vector>

namespace linscape::scenes {

// A recorded schedule laid out for replay: each worker's blocks in their recorded order, each
// taking time in proportion to its work (rows x cols x depth), all workers starting at 0. This is
// deterministic for a given recording (the wall-clock times are not).
struct TileReplay {
    struct Item {
        engine::TileEvent event;
        double start = 0, end = 0; // in [0, 1]
    };
    std::vector<Item> items; // sorted by start, then worker
    unsigned workers = 0;
    std::vector<int> tilesPerWorker;
};
TileReplay buildTileReplay(const std::vector<engine::TileEvent>& events);

class TilesScene final : public Scene {
public:
    TilesScene();
    ~TilesScene() override;

    std::string_view id() const override { return "tiles"; }
    std::string_view title() const override { return "Tile schedule"; }
    std::vector<ParamSpec> params() const override;
    std::optional<ParamValue> param(const std::string& name) const override;
    double duration() const override { return m_duration; }
    void update(double t) override;
    void draw(render::Canvas& canvas, const SceneContext& ctx) override;
    void panel(const SceneContext& ctx) override;
    std::string statusLine() const override;
    // Until the recording is shown, not just until its work returns: the result reaches the
    // scene at the next update, and a picture taken in between would still say "Recording".
    bool busy() const override { return m_pending || m_jobs.running() > 0; }
    void reset() override;

    // Sizes up to this run synchronously (a few ms); larger ones as a background job.
    static constexpr int kSyncMaxSize = 512;
    static unsigned hardwareThreads();

    // The schedule being shown, once recorded.
    const std::optional<TileReplay>& replay() const { return m_replay; }
    const engine::GemmBlocking& blocking() const { return m_blocking; }
    bool recording() const { return m_pending; }

protected:
    std::string applyParam(const std::string& name, const ParamValue& value) override;

private:
    struct Recording {
        std::vector<engine::TileEvent> events;
        double seconds = 0;
    };
    static Recording record(int size, unsigned threads, bool referenceCpu);
    void ensureSchedule();
    void drawSchedule(render::Canvas& canvas, const SceneContext& ctx, Vec2 pos, float side);
    void drawExplanation(render::Canvas& canvas, const SceneContext& ctx, Vec2 pos, float width);

    // State
    int m_size = 512;
    unsigned m_threads = 1;
    double m_duration = 8;
    double m_t = 0;
    bool m_referenceCpu = false; // plan for engine::ReferenceCpu (goldens), not this CPU

    // Derived
    engine::GemmBlocking m_blocking;
    std::optional<TileReplay> m_replay;
    double m_recordSeconds = 0;
    int m_recordedSize = 0;
    unsigned m_recordedThreads = 0;
    bool m_recordedReference = false;
    bool m_pending = false;
    std::uint64_t m_generation = 0; // bumps when size/threads change: late results are dropped
    std::shared_ptr<Recording> m_jobResult;
    engine::JobQueue m_jobs; // last member: destroyed (joined) first
};

} // namespace linscape::scenes
