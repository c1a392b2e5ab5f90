// Measuring the narration band's content at a type scale, and choosing band height and scale;
// see narration_fit.h. Every height here follows an ImGui call in narration_panel.cpp.
#include "ui/narration_fit.h"

#include "core/classroom.h"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>

namespace linscape::ui {
namespace {

// ImGui::CalcTextSize for a font at a size, rounded the same way.
ImVec2 textSize(const ImFont* font, float size, const std::string& text, float wrap = -1.0f) {
    ImVec2 s = font->CalcTextSizeA(size, FLT_MAX, wrap, text.c_str(), text.c_str() + text.size());
    s.x = std::floor(s.x + 0.99999f);
    return s;
}

// Heights of ImGui items at font size `fs` with vertical item spacing `sp`. ImGui floors the
// cursor after each item (ItemSize), so each advance is floored too.
struct Metrics {
    float fs, sp, frame, framePadX, spX;
    float advance(float h) const { return std::floor(h + sp); }
    float line() const { return advance(fs); }
};

float paragraphsHeight(const lessons::Step& step, float wrap, const Metrics& m) {
    float h = 0;
    const auto paragraphs = lessons::parseNarration(step.narration);
    for (size_t i = 0; i < paragraphs.size(); ++i) {
        if (i) h += m.advance(m.fs * 0.25f); // the Dummy between paragraphs
        int lines = 0;
        for (const PlacedWord& w : layoutParagraph(paragraphs[i], wrap, m.fs))
            lines += w.newLine ? 1 : 0;
        h += float(lines) * m.line();
    }
    return h;
}

float wrappedHeight(const ImFont* font, const std::string& text, float width, const Metrics& m) {
    return m.advance(textSize(font, m.fs, text, std::max(width, 1.0f)).y);
}

float exerciseHeight(const core::AppState& state, const lessons::Exercise& ex, float width,
                     const Metrics& m) {
    const core::Classroom& c = state.classroom;
    const ImFont* ui = atlasFont(0);
    float h = m.line() + wrappedHeight(ui, ex.prompt, width, m);
    if (ex.kind == lessons::ExerciseKind::Choice) {
        float lineEnd = 0;
        int rows = 0;
        for (size_t i = 0; i < ex.choices.size(); ++i) {
            const float w = textSize(ui, m.fs, ex.choices[i]).x + m.frame + m.spX * 2;
            if (!i || lineEnd + w > width) {
                ++rows;
                lineEnd = 0;
            }
            lineEnd += w;
        }
        h += float(std::max(rows, 1)) * m.advance(m.frame);
    } else {
        h += m.advance(m.frame); // the answer field with Check and Hint beside it
    }
    if (c.feedback != core::Classroom::Feedback::None) {
        const std::string text = c.feedback == core::Classroom::Feedback::Correct
                                     ? "\xE2\x9C\x93 Correct! " + ex.explanation
                                     : "\xE2\x9C\x97 " + c.feedbackText;
        h += wrappedHeight(ui, text, width, m);
    }
    if (c.showHint && !ex.hint.empty()) h += wrappedHeight(ui, "Hint: " + ex.hint, width, m);
    return h;
}

float tryHeight(const core::AppState& state, const lessons::TryGoal& g, float width,
                const Metrics& m) {
    const core::Classroom& c = state.classroom;
    const ImFont* ui = atlasFont(0);
    float h = m.line() + wrappedHeight(ui, g.prompt, width, m);
    if (c.tryReached)
        h += wrappedHeight(ui, g.success, width, m);
    else if (c.tryVersion != ~0ull)
        h += m.line();
    return h;
}

// The whole band's height at type scale `s` (the panel's layout, see narrationPanel).
float bandHeight(const core::AppState& state, const lessons::Step& step, float width,
                 float fontSize, float s) {
    const ImGuiStyle& st = ImGui::GetStyle();
    Metrics m;
    m.fs = fontSize * s;
    m.sp = st.ItemSpacing.y * s;
    m.frame = m.fs + st.FramePadding.y * 2;
    m.framePadX = st.FramePadding.x;
    m.spX = st.ItemSpacing.x;
    const float header = state.presentation ? m.fs : m.frame;
    // Padding, the header row, the separator (no height of its own, only spacing).
    const float chrome = st.WindowPadding.y * 2 + m.advance(header) + std::floor(m.sp);
    const float avail = width - st.WindowPadding.x * 2;

    const bool task = step.exercise || step.tryGoal;
    const bool twoColumns = task && avail > m.fs * 34;
    const float bodyW = twoColumns ? avail * 0.6f : avail;
    const float wrap = bodyW - m.fs * 0.5f;
    float body = paragraphsHeight(step, wrap, m);
    if (!step.numpy.empty())
        body += m.advance(m.fs * 0.2f) + wrappedHeight(atlasFont(3), step.numpy, bodyW, m);
    if (!state.classroom.stepError.empty())
        body += wrappedHeight(atlasFont(0), state.classroom.stepError, bodyW, m);
    float taskH = 0;
    const float taskW = twoColumns ? avail - bodyW - st.ItemSpacing.x : avail;
    if (step.exercise) taskH += exerciseHeight(state, *step.exercise, taskW, m);
    if (step.exercise && step.tryGoal) taskH += m.advance(m.fs * 0.3f);
    if (step.tryGoal) taskH += tryHeight(state, *step.tryGoal, taskW, m);
    if (twoColumns)
        body = std::max(body, taskH);
    else if (task)
        body += m.advance(m.fs * 0.2f) + taskH;
    // The last item's spacing is not content; a pixel of slack keeps rounding from
    // bringing up a scrollbar.
    return chrome + std::max(0.0f, body - m.sp) + 1.0f;
}

} // namespace

ImFont* atlasFont(int index) {
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    return atlas->Fonts.Size > index ? atlas->Fonts[index] : ImGui::GetFont();
}

std::vector<PlacedWord> layoutParagraph(const std::vector<lessons::Span>& paragraph,
                                        float wrapWidth, float fontSize) {
    std::vector<PlacedWord> out;
    const ImFont* regular = atlasFont(0);
    const ImFont* bold = atlasFont(1);
    const float space = textSize(regular, fontSize, " ").x;
    float x = 0;
    bool first = true;
    bool spaceBefore = false; // the previous span ended with a space
    for (const lessons::Span& span : paragraph) {
        const ImFont* font = span.emphasis ? bold : regular;
        const std::string& t = span.text;
        const bool leadingSpace = !t.empty() && t.front() == ' ';
        bool glue = !leadingSpace && !spaceBefore && !first; // "*word*," keeps its comma
        size_t i = 0;
        while (i < t.size()) {
            while (i < t.size() && t[i] == ' ') {
                ++i;
                glue = false;
            }
            if (i >= t.size()) break;
            size_t j = t.find(' ', i);
            if (j == std::string::npos) j = t.size();
            PlacedWord w;
            w.text = t.substr(i, j - i);
            w.emphasis = span.emphasis;
            const float width = textSize(font, fontSize, w.text).x;
            if (first) {
                w.newLine = true;
            } else {
                const float gap = glue ? 0.0f : space;
                if (x + gap + width > wrapWidth) {
                    w.newLine = true;
                    x = 0;
                } else {
                    w.gap = gap;
                    x += gap;
                }
            }
            x += width;
            out.push_back(std::move(w));
            first = false;
            glue = false;
            i = j;
        }
        spaceBefore = !t.empty() && t.back() == ' ';
    }
    return out;
}

NarrationFit fitNarration(const core::AppState& state, float width, float minHeight,
                          float maxHeight, float fontSize, float minFontPx) {
    NarrationFit fit;
    fit.height = minHeight;
    const lessons::Step* step = core::currentStep(state);
    if (!step || width <= 0 || fontSize <= 0) return fit;
    maxHeight = std::max(maxHeight, minHeight);
    const float need = bandHeight(state, *step, width, fontSize, 1.0f);
    if (need <= maxHeight) {
        fit.height = std::max(minHeight, need);
        return fit;
    }
    // Full height, then smaller type in 5 % steps down to the floor.
    fit.height = maxHeight;
    const float floorScale = std::clamp(std::max(0.7f, minFontPx / fontSize), 0.0f, 1.0f);
    for (float s = 0.95f; s > floorScale - 0.001f; s -= 0.05f) {
        fit.fontScale = std::max(s, floorScale);
        if (bandHeight(state, *step, width, fontSize, fit.fontScale) <= maxHeight) return fit;
    }
    fit.fontScale = floorScale;
    fit.fits = false;
    return fit;
}

} // namespace linscape::ui
