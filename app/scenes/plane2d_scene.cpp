// The 2D linear-map scene; see plane2d_scene.h. Conventions: column vectors, î = A e1 is the first
// column, ĵ = A e2 the second; world y points up.
#include "scenes/plane2d_scene.h"

#include "engine/matrix_parse.h"
#include "scenes/draw2d.h"
#include "widgets/widgets.h"

#include <Eigen/Dense>
#include <imgui.h>

#include <algorithm>
#include <cmath>

namespace linscape::scenes {
namespace {

constexpr float kBasisWidth = 4.5f;
constexpr double kNearSingularCondition = 1e3;

std::vector<Vec2> arcPoints(const View2D& view, double radius, double from, double sweep) {
    std::vector<Vec2> pts;
    const int steps = std::max(6, int(std::abs(sweep) / 0.08));
    for (int i = 0; i <= steps; ++i) {
        const double a = from + sweep * double(i) / steps;
        pts.push_back(view.toScreen({radius * std::cos(a), radius * std::sin(a)}));
    }
    return pts;
}

} // namespace

Plane2DScene::Plane2DScene() {
    reset();
}

void Plane2DScene::reset() {
    m_a << 2, 1, 0, 1.5; // a first picture with everything visible: shear, stretch, det 3
    m_v = {1, 2};
    m_path = engine::PathKind::Linear;
    m_duration = 2.0;
    m_t = m_duration;
    m_showGrid = m_showOriginal = m_showSquare = m_showLabels = m_showHud = m_showTicks = true;
    m_showVector = false;
    m_zoom = 1.0;
    m_current = m_a;
    touch();
}

std::vector<ParamSpec> Plane2DScene::params() const {
    std::vector<ParamSpec> p;
    ParamSpec a;
    a.name = "A";
    a.type = ParamType::Matrix;
    a.rows = a.cols = 2;
    a.help = "the 2x2 matrix; its columns are where î and ĵ land";
    p.push_back(a);
    ParamSpec v;
    v.name = "v";
    v.type = ParamType::Matrix;
    v.rows = 2;
    v.cols = 1;
    v.help = "a vector drawn with its image Av (show_vector)";
    p.push_back(v);
    ParamSpec path;
    path.name = "path";
    path.type = ParamType::Choice;
    path.choices = {"linear", "polar", "svd"};
    path.help = "how the animation travels from I to A";
    p.push_back(path);
    ParamSpec dur;
    dur.name = "duration";
    dur.type = ParamType::Number;
    dur.minValue = 0;
    dur.maxValue = 60;
    dur.help = "animation length in seconds";
    p.push_back(dur);
    for (const char* b : {"show_grid", "show_original_grid", "show_square", "show_vector",
                          "show_labels", "show_hud", "show_ticks"}) {
        ParamSpec s;
        s.name = b;
        s.type = ParamType::Bool;
        p.push_back(s);
    }
    return p;
}

std::optional<ParamValue> Plane2DScene::param(const std::string& name) const {
    if (name == "A") return ParamValue(Eigen::MatrixXd(m_a));
    if (name == "v") return ParamValue(Eigen::MatrixXd(m_v));
    if (name == "path") return ParamValue(std::string(engine::pathKindName(m_path)));
    if (name == "duration") return ParamValue(m_duration);
    if (name == "show_grid") return ParamValue(m_showGrid);
    if (name == "show_original_grid") return ParamValue(m_showOriginal);
    if (name == "show_square") return ParamValue(m_showSquare);
    if (name == "show_vector") return ParamValue(m_showVector);
    if (name == "show_labels") return ParamValue(m_showLabels);
    if (name == "show_hud") return ParamValue(m_showHud);
    if (name == "show_ticks") return ParamValue(m_showTicks);
    return std::nullopt;
}

std::string Plane2DScene::applyParam(const std::string& name, const ParamValue& value) {
    if (name == "A") {
        setMatrix(std::get<Eigen::MatrixXd>(value));
    } else if (name == "v") {
        m_v = std::get<Eigen::MatrixXd>(value).col(0);
    } else if (name == "path") {
        engine::parsePathKind(std::get<std::string>(value), m_path);
    } else if (name == "duration") {
        m_duration = std::get<double>(value);
    } else {
        const bool b = std::get<bool>(value);
        if (name == "show_grid") m_showGrid = b;
        if (name == "show_original_grid") m_showOriginal = b;
        if (name == "show_square") m_showSquare = b;
        if (name == "show_vector") m_showVector = b;
        if (name == "show_labels") m_showLabels = b;
        if (name == "show_hud") m_showHud = b;
        if (name == "show_ticks") m_showTicks = b;
    }
    return {};
}

void Plane2DScene::setMatrix(const Eigen::Matrix2d& a) {
    if (!a.allFinite()) return;
    m_a = a;
}

const engine::Analysis* Plane2DScene::analysis() const {
    if (m_analysisVersion != version() || !m_analysis) {
        auto r = engine::analyze(m_a);
        m_analysis.reset();
        if (r.ok()) m_analysis = std::move(r).value();
        m_analysisVersion = version();
    }
    return m_analysis ? &*m_analysis : nullptr;
}

void Plane2DScene::update(double t) {
    m_t = std::clamp(t, 0.0, m_duration);
    if (m_drag != DragTarget::None || m_duration <= 0 || m_t >= m_duration) {
        m_current = m_a;
        return;
    }
    const double s = engine::easeInOut(m_t / m_duration);
    m_current = engine::interpolate(m_a, s, m_path);
}

void Plane2DScene::frameView(const Eigen::Vector2d& size) {
    m_view.viewportSize = size;
    m_view.center = {0, 0};
    const double defaultPpu = std::max(size.y() / 9.0, 8.0);
    // Fit the final picture (not the animated one) so the camera holds still while A animates.
    double maxX = 1.3, maxY = 1.3;
    const Eigen::Vector2d pts[] = {m_a.col(0), m_a.col(1), m_a.col(0) + m_a.col(1),
                                   m_showVector ? Eigen::Vector2d(m_a * m_v)
                                                : Eigen::Vector2d(0, 0),
                                   m_showVector ? m_v : Eigen::Vector2d(0, 0)};
    for (const auto& p : pts) {
        maxX = std::max(maxX, std::abs(p.x()) * 1.1);
        maxY = std::max(maxY, std::abs(p.y()) * 1.1);
    }
    const double fit = std::min(0.46 * size.x() / maxX, 0.44 * size.y() / maxY);
    m_view.pixelsPerUnit = std::min(defaultPpu, fit) * m_zoom;
}

void Plane2DScene::draw(render::Canvas& canvas, const SceneContext& ctx) {
    const Palette& pal = *ctx.palette;
    frameView({canvas.width(), canvas.height()});
    const View2D& view = m_view;
    const float ts = ctx.textScale;
    const double spacing = niceGridSpacing(view.pixelsPerUnit);
    const Eigen::Matrix2d& m = m_current;
    const engine::Analysis* an = analysis();
    const bool atEnd = m_drag != DragTarget::None || m_t >= m_duration || m_duration <= 0;

    // Grids: the original plane faintly underneath, its image on top.
    if (m_showOriginal)
        drawTransformedGrid(canvas, view, Eigen::Matrix2d::Identity(), spacing, pal.gridFaint, 1.0f,
                            pal.gridFaint, 1.0f);
    if (m_showTicks || m_showOriginal) drawAxes(canvas, view, spacing, pal, ts, m_showTicks);
    // The moving grid is the image of a lattice whose spacing suits A's scale (fixed for the whole
    // animation, so lines never pop): the unit lattice for ordinary matrices.
    double latticeSpacing = spacing;
    if (an && an->svd.singularValues.size() == 2) {
        const auto& sv = an->svd.singularValues;
        const double scale = sv(1) > 1e-12 * sv(0) ? std::sqrt(sv(0) * sv(1)) : sv(0);
        if (scale > 0) latticeSpacing = niceGridSpacing(view.pixelsPerUnit * scale);
    }
    if (m_showGrid)
        drawTransformedGrid(canvas, view, m, latticeSpacing, pal.grid.withAlpha(0.85f), 1.6f,
                            pal.axis.withAlpha(0.9f), 2.2f);

    const Eigen::Vector2d i = m.col(0), j = m.col(1);
    const Vec2 o = view.toScreen({0, 0});
    const double det = m.determinant();
    const double scaleRef = std::max({m.norm(), 1e-300});
    const bool flat = std::abs(det) <= 1e-9 * scaleRef * scaleRef;
    const bool flipped = det < 0 && !flat;
    const Color areaColor = flipped ? pal.areaFlip : pal.area;

    // The unit square's image and its area.
    if (m_showSquare) {
        const Vec2 quad[4] = {o, view.toScreen(i), view.toScreen(i + j), view.toScreen(j)};
        canvas.fillConvex(quad, areaColor.withAlpha(0.30f));
        canvas.polyline(quad, 2.0f, areaColor.withAlpha(0.95f), true);
        // Orientation marker: an arc from î towards ĵ; it turns clockwise when A flips the plane.
        const double li = i.norm(), lj = j.norm();
        if (!flat && li > 1e-9 && lj > 1e-9) {
            const double a0 = std::atan2(i.y(), i.x());
            const double sweep = std::atan2(i.x() * j.y() - i.y() * j.x(), i.dot(j));
            const double rPx = std::clamp(0.3 * std::min(li, lj) * view.pixelsPerUnit, 14.0, 46.0);
            const double r = rPx / view.pixelsPerUnit;
            auto pts = arcPoints(view, r, a0 + sweep * 0.12, sweep * 0.7);
            if (pts.size() >= 2) {
                canvas.polyline(pts, 2.2f, areaColor);
                canvas.arrow(pts[pts.size() - 2], pts.back(), 2.2f, areaColor, 9.0f);
            }
        }
        if (m_showLabels && !flat) {
            std::string text = "area = " + prettyNumber(std::abs(det), 3);
            const float size = 18 * ts;
            const Vec2 ext = canvas.measureText(text, size);
            const Vec2 c = view.toScreen((i + j) * 0.5);
            // Inside when the whole label (with a margin) lies within the parallelogram, else
            // beside the far corner, pushed out along the diagonal.
            const Eigen::Matrix2d inv = m.inverse();
            bool inside = true;
            for (float sx : {-0.5f, 0.5f})
                for (float sy : {-0.5f, 0.5f}) {
                    const Vec2 corner = c + Vec2(sx * (ext.x() + 10), sy * (ext.y() + 6));
                    const Eigen::Vector2d uv = inv * view.toWorld(corner);
                    inside = inside && uv.minCoeff() >= 0 && uv.maxCoeff() <= 1;
                }
            if (inside) {
                canvas.text(c, text, size, pal.text, render::Anchor::Center, pal.background);
            } else {
                const Vec2 far = view.toScreen(i + j);
                Vec2 out = far - o;
                out = out.norm() > 1e-3f ? Vec2(out.normalized()) : Vec2(1, -1).normalized();
                const float r =
                    0.5f * std::abs(out.x()) * ext.x() + 0.5f * std::abs(out.y()) * ext.y() + 10;
                canvas.text(far + out * r, text, 16 * ts, pal.text, render::Anchor::Center,
                            pal.background);
            }
        }
    }

    // Collapse: the column space as a highlighted line (rank 1) or the origin (rank 0).
    if (atEnd && an && an->rank < 2) {
        if (an->rank == 1) {
            Eigen::Vector2d d = an->svd.U.col(0);
            const double far = 4.0 * (view.viewportSize.norm() / view.pixelsPerUnit);
            Vec2 a = view.toScreen(-far * d), b = view.toScreen(far * d);
            if (clipSegment(a, b, {0, 0}, {canvas.width(), canvas.height()}))
                canvas.line(a, b, 6.0f, pal.area.withAlpha(0.55f));
        } else {
            canvas.disc(o, 9.0f, pal.area);
        }
    }

    // The vector v and its image.
    if (m_showVector) {
        const Vec2 vTip = view.toScreen(m_v), avTip = view.toScreen(m * m_v);
        canvas.arrow(o, vTip, 3.0f, pal.vector.withAlpha(0.45f));
        canvas.arrow(o, avTip, 3.5f, pal.vector);
        if (m_showLabels) {
            labelArrow(canvas, o, vTip, "v", 20 * ts, pal.vector.withAlpha(0.8f), pal.background,
                       {avTip - o});
            labelArrow(canvas, o, avTip, "Av", 20 * ts, pal.vector, pal.background, {vTip - o});
        }
    }

    // Basis vectors last, so they sit on top.
    const Vec2 iTip = view.toScreen(i), jTip = view.toScreen(j);
    const float hi = m_hover == DragTarget::IHat || m_drag == DragTarget::IHat ? 1.4f : 1.0f;
    const float hj = m_hover == DragTarget::JHat || m_drag == DragTarget::JHat ? 1.4f : 1.0f;
    canvas.arrow(o, iTip, kBasisWidth * hi, pal.iHat);
    canvas.arrow(o, jTip, kBasisWidth * hj, pal.jHat);
    if (m_hover == DragTarget::IHat || m_drag == DragTarget::IHat)
        canvas.ring(iTip, 13, 2, pal.iHat.withAlpha(0.8f));
    if (m_hover == DragTarget::JHat || m_drag == DragTarget::JHat)
        canvas.ring(jTip, 13, 2, pal.jHat.withAlpha(0.8f));
    if (m_showLabels) {
        // Axes through a tip count as lines to avoid, as do the other basis vector's direction.
        auto avoidFor = [&](Vec2 tip, Vec2 other) {
            std::vector<Vec2> lines{other - o};
            if (std::abs(tip.y() - o.y()) < 14) lines.push_back({1, 0});
            if (std::abs(tip.x() - o.x()) < 14) lines.push_back({0, 1});
            return lines;
        };
        labelArrow(canvas, o, iTip, "\u00ee", 26 * ts, pal.iHat, pal.background,
                   avoidFor(iTip, jTip));
        labelArrow(canvas, o, jTip, "\u0135", 26 * ts, pal.jHat, pal.background,
                   avoidFor(jTip, iTip));
    }
    canvas.disc(o, 3.5f, pal.axis);

    // The overlay: A with its columns in the basis colours, det, and warnings.
    Vec2 hudCorner(0, 0);
    if (m_showHud && ctx.showHud) {
        const float size = 18 * ts;
        // The overlay always describes A itself; the picture (and its area label) shows the
        // matrix at the current time, so a student sees the area grow towards det A.
        const Eigen::MatrixXd shown = m_a;
        const Vec2 msz = measureMatrix(canvas, shown, size, "A =");
        std::string detText = "det A = " + prettyNumber(m_a.determinant(), 4);
        if (an && !an->det) detText = "det A: beyond a double's range";
        const Vec2 dsz = canvas.measureText(detText, size);
        std::string condText;
        if (an && an->rank == 2 && an->conditionNumber && *an->conditionNumber > 10)
            condText = "cond(A) = " + prettyNumber(*an->conditionNumber, 3);
        const float pad = 12;
        float w = std::max(msz.x(), dsz.x());
        float h = msz.y() + size * 0.5f + dsz.y();
        if (!condText.empty()) {
            w = std::max(w, canvas.measureText(condText, size).x());
            h += size * 1.3f;
        }
        drawPlate(canvas, {pad, pad}, {pad * 3 + w, pad * 3 + h}, pal);
        hudCorner = {pad * 3 + w, pad * 3 + h};
        drawMatrix(canvas, {pad * 2, pad * 2}, shown, size, {pal.iHat, pal.jHat}, pal.text, "A =");
        const float y = pad * 2 + msz.y() + size * 0.5f;
        canvas.text({pad * 2, y}, detText, size, flipped ? pal.areaFlip : pal.text);
        if (!condText.empty())
            canvas.text({pad * 2, y + size * 1.3f}, condText, size,
                        an->conditionNumber && *an->conditionNumber > kNearSingularCondition
                            ? pal.warning
                            : pal.textDim);
        if (spacing > 1.0) {
            const std::string note = "grid squares are " + prettyNumber(spacing, 3) + " \u00d7 " +
                                     prettyNumber(spacing, 3);
            canvas.text({canvas.width() - pad, canvas.height() - pad}, note, 14 * ts, pal.textDim,
                        render::Anchor::BottomRight, pal.background);
        }
    }

    // Sentences for the cases a student must not miss.
    if (atEnd && an) {
        int line = 0;
        if (an->rank == 0)
            drawBanner(canvas, "A = 0: every vector collapses to the origin (rank 0, det 0)",
                       pal.warning, pal, ts, line++, hudCorner);
        else if (an->rank == 1)
            drawBanner(canvas,
                       "det A = 0: the plane collapses onto a line, the column space of A "
                       "(rank 1)",
                       pal.warning, pal, ts, line++, hudCorner);
        else if (an->conditionNumber && *an->conditionNumber > kNearSingularCondition)
            drawBanner(canvas,
                       "Nearly singular: cond(A) = " + prettyNumber(*an->conditionNumber, 3) +
                           ", so solving Ax = b amplifies errors that much",
                       pal.warning, pal, ts, line++, hudCorner);
        else if (flipped)
            drawBanner(canvas, "det A < 0: the plane is flipped (î to ĵ now turns clockwise)",
                       pal.areaFlip, pal, ts, line++, hudCorner);
    }
}

void Plane2DScene::input(const ViewportInput& in, const SceneContext&) {
    const View2D& view = m_view;
    const Vec2 o = view.toScreen({0, 0});
    (void)o;
    auto near = [&](const Eigen::Vector2d& w) {
        return (view.toScreen(w) - in.mouse).norm() < 16.0f;
    };
    if (m_drag == DragTarget::None) {
        m_hover = DragTarget::None;
        if (in.hovered) {
            if (near(m_a.col(0)))
                m_hover = DragTarget::IHat;
            else if (near(m_a.col(1)))
                m_hover = DragTarget::JHat;
            else if (m_showVector && near(m_v))
                m_hover = DragTarget::Vector;
        }
        if (in.pressed[0] && m_hover != DragTarget::None) m_drag = m_hover;
        if (in.hovered && in.wheel != 0) {
            m_zoom = std::clamp(m_zoom * std::pow(1.15, double(in.wheel)), 0.05, 20.0);
            touch();
        }
    }
    if (m_drag != DragTarget::None) {
        if (!in.down[0]) {
            m_drag = DragTarget::None;
            return;
        }
        Eigen::Vector2d w = view.toWorld(in.mouse);
        // Dragged entries are rounded to what a person would type (0.01 at normal zoom).
        const double quantum = std::pow(10.0, std::floor(std::log10(20.0 / view.pixelsPerUnit)));
        w = (w / quantum).array().round().matrix() * quantum;
        if (in.shift) {
            // Snap to the grid (half steps, so 0.5 entries are reachable).
            const double step = niceGridSpacing(view.pixelsPerUnit) * 0.5;
            w = (w / step).array().round().matrix() * step;
        }
        Eigen::Matrix2d a = m_a;
        if (m_drag == DragTarget::IHat) a.col(0) = w;
        if (m_drag == DragTarget::JHat) a.col(1) = w;
        if (m_drag == DragTarget::Vector) {
            m_v = w;
            touch();
            return;
        }
        if (a != m_a) setParam("A", Eigen::MatrixXd(a));
    }
}

std::string Plane2DScene::statusLine() const {
    if (m_drag == DragTarget::IHat) return "Dragging \u00ee: the first column of A";
    if (m_drag == DragTarget::JHat) return "Dragging \u0135: the second column of A";
    return "Drag the tips of \u00ee and \u0135 \u00b7 Shift snaps to the grid \u00b7 wheel zooms";
}

void Plane2DScene::panel(const SceneContext& ctx) {
    const Palette& pal = *ctx.palette;
    widgets::sectionHeader("Matrix A", pal);
    Eigen::MatrixXd a = m_a;
    if (widgets::matrixEditor("A", a, m_editor, {pal.iHat, pal.jHat}, pal)) setParam("A", a);
    ImGui::TextDisabled("columns: where \u00ee and \u0135 land");

    widgets::sectionHeader("Show", pal);
    bool changed = false;
    changed |= ImGui::Checkbox("grid", &m_showGrid);
    ImGui::SameLine();
    changed |= ImGui::Checkbox("original grid", &m_showOriginal);
    changed |= ImGui::Checkbox("unit square", &m_showSquare);
    ImGui::SameLine();
    changed |= ImGui::Checkbox("vector v", &m_showVector);
    changed |= ImGui::Checkbox("labels", &m_showLabels);
    ImGui::SameLine();
    changed |= ImGui::Checkbox("overlay", &m_showHud);
    if (changed) touch();
    int path = int(m_path);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    if (ImGui::Combo("path", &path, "linear\0polar (rigid rotations)\0svd\0")) {
        m_path = engine::PathKind(path);
        touch();
    }
    widgets::helpMarker("How the animation travels from the identity to A. Linear blends the "
                        "entries; polar and svd keep rotations rigid.");

    if (const engine::Analysis* an = analysis()) {
        widgets::sectionHeader("Readouts", pal);
        widgets::analysisReadouts(*an, "A", pal);
    }
}

} // namespace linscape::scenes
