// What every scene is: state, update(t), draw, panel. Scenes record geometry on a canvas (no GL),
// expose typed parameters (so the command line, lessons and the UI set them the same way and
// check-lessons can validate them), and read time from the app's clock: never the wall clock.
#pragma once

#include "render/canvas.h"
#include "style/theme.h"

#include <Eigen/Core>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace linscape::scenes {

using render::Vec2;

// ---- Parameters -------------------------------------------------------------------------------

enum class ParamType { Number, Bool, Text, Matrix, Choice };

struct ParamSpec {
    std::string name;
    ParamType type = ParamType::Number;
    std::string help;
    // Matrix shape rule: exact rows/cols when > 0; 0 means "any"; `square` demands rows == cols.
    int rows = 0, cols = 0;
    int minRows = 1, maxRows = 16, minCols = 1, maxCols = 16;
    bool square = false;
    double minValue = -1e300, maxValue = 1e300; // numbers
    std::vector<std::string> choices;           // Choice
};

using ParamValue = std::variant<double, bool, std::string, Eigen::MatrixXd>;

// Checks a value against a spec; returns an empty string or a message naming what is allowed.
std::string validateParam(const ParamSpec& spec, const ParamValue& value);
std::string describeParamType(const ParamSpec& spec); // e.g. "a 2x2 matrix"
// Reads a value typed on the command line for this spec ("[[1,2],[3,4]]", "2.5", "true", "svd").
// Returns false with *error naming what was expected.
bool parseParamText(const ParamSpec& spec, const std::string& text, ParamValue& out,
                    std::string* error);
// The parameter of a scene named `name`, or nullptr.
const ParamSpec* findParam(const std::vector<ParamSpec>& specs, const std::string& name);

// ---- Frame context and input ------------------------------------------------------------------

struct SceneContext {
    const style::Palette* palette = nullptr;
    float textScale = 1.0f; // presentation mode enlarges labels
    bool showHud = true;    // the matrix/readout overlay in the viewport corner
    bool presentation = false;
};

// Mouse in viewport-local logical pixels, as seen this frame.
struct ViewportInput {
    Vec2 mouse{-1e6f, -1e6f};
    bool hovered = false; // the mouse is over the viewport and no panel has it
    bool down[3] = {false, false, false};
    bool pressed[3] = {false, false, false};
    bool released[3] = {false, false, false};
    float wheel = 0;
    bool shift = false, ctrl = false, alt = false;
};

// A named span of the timeline (e.g. the three SVD stages), shown on the timeline bar.
struct TimelineStage {
    std::string label;
    double start = 0, end = 0;
};

// A link from one view to another: open scene `sceneId` with these parameters (e.g. the matmul
// scene's 2x2 A and B as a composition of maps in plane2d).
struct SceneLink {
    std::string sceneId;
    std::string label; // the button text, "Open AB as maps: first B, then A"
    std::vector<std::pair<std::string, ParamValue>> params;
};

// ---- Scene -------------------------------------------------------------------------------------

class Scene {
public:
    virtual ~Scene() = default;

    virtual std::string_view id() const = 0;    // "plane2d"
    virtual std::string_view title() const = 0; // "Linear maps in 2D"

    virtual std::vector<ParamSpec> params() const = 0;
    // Sets a parameter after validation; returns an empty string or the reason it was refused
    // (the scene keeps its previous state).
    std::string setParam(const std::string& name, const ParamValue& value);
    virtual std::optional<ParamValue> param(const std::string& name) const = 0;

    // Animation length in seconds (0: nothing animates) and its stages.
    virtual double duration() const = 0;
    virtual std::vector<TimelineStage> stages() const { return {}; }
    // Sets the animation time; t is clamped to [0, duration()].
    virtual void update(double t) = 0;
    virtual void draw(render::Canvas& canvas, const SceneContext& ctx) = 0;
    virtual void input(const ViewportInput&, const SceneContext&) {}
    // The scene's part of the right-hand panel (ImGui).
    virtual void panel(const SceneContext&) {}
    // A short status line for the viewport's bottom edge (empty: none).
    virtual std::string statusLine() const { return {}; }
    // True while the user drags something in the scene (the app pauses playback meanwhile).
    virtual bool dragging() const { return false; }
    // True while the scene's background work runs (the app keeps drawing to show its progress).
    virtual bool busy() const { return false; }
    // Restores the default state (parameters, camera, view).
    virtual void reset() = 0;

    // The link the scene offers now (none by default). The scene's panel calls followLink() when
    // the user takes it; the app then opens it (core::followSceneLink) after the panel is drawn.
    virtual std::optional<SceneLink> link() const { return std::nullopt; }
    void followLink() { m_followLink = true; }
    bool takeFollowLink() { return std::exchange(m_followLink, false); }

    // A parameter changed: bumps version() so caches and the app can notice.
    std::uint64_t version() const { return m_version; }

protected:
    virtual std::string applyParam(const std::string& name, const ParamValue& value) = 0;
    void touch() { ++m_version; }

private:
    std::uint64_t m_version = 0;
    bool m_followLink = false;
};

// ---- Registry -----------------------------------------------------------------------------------

struct SceneInfo {
    std::string id;
    std::string title;
    std::string summary;
    std::function<std::unique_ptr<Scene>()> create;
};

const std::vector<SceneInfo>& sceneRegistry();
const SceneInfo* findScene(std::string_view id);
std::vector<std::string> sceneIds();

} // namespace linscape::scenes
