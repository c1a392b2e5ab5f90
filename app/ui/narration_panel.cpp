// The narration panel under the scene: step title and position, the narration (paragraphs,
// *emphasis* in bold), the NumPy snippet, the exercise with answer checking and a hint, and the
// "try it" goal with its live value. The same panel, in large type, is the presentation band.
#include "ui/ui.h"

#include "core/classroom.h"
#include "engine/matrix_parse.h"
#include "ui/narration_fit.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace linscape::ui {
namespace {

ImVec4 v4(style::Color c) {
    return {c.r, c.g, c.b, 1};
}

// Word-wrapped text with emphasised spans in bold and the accent colour (line breaks from
// layoutParagraph, which the band's fitting measures with).
void richParagraph(const lessons::Paragraph& p, const style::Palette& pal, float wrapWidth) {
    const float startX = ImGui::GetCursorPosX();
    bool first = true;
    for (const PlacedWord& w : layoutParagraph(p, wrapWidth, ImGui::GetFontSize())) {
        if (!first && !w.newLine) ImGui::SameLine(0, w.gap);
        if (w.newLine) ImGui::SetCursorPosX(startX);
        ImGui::PushFont(w.emphasis ? atlasFont(1) : atlasFont(0));
        if (w.emphasis) ImGui::PushStyleColor(ImGuiCol_Text, v4(pal.highlight));
        ImGui::TextUnformatted(w.text.c_str());
        if (w.emphasis) ImGui::PopStyleColor();
        ImGui::PopFont();
        first = false;
    }
}

void exerciseBlock(core::AppState& state, const lessons::Exercise& ex, const style::Palette& pal) {
    core::Classroom& c = state.classroom;
    const float fs = ImGui::GetFontSize();
    ImGui::PushStyleColor(ImGuiCol_Text, v4(pal.accent));
    ImGui::TextUnformatted("Exercise");
    ImGui::PopStyleColor();
    ImGui::TextWrapped("%s", ex.prompt.c_str());
    bool submit = false;
    if (ex.kind == lessons::ExerciseKind::Choice) {
        float lineEnd = 0; // choices flow onto new lines in a narrow column
        const float avail = ImGui::GetContentRegionAvail().x;
        for (size_t i = 0; i < ex.choices.size(); ++i) {
            const float w = ImGui::CalcTextSize(ex.choices[i].c_str()).x + ImGui::GetFrameHeight() +
                            ImGui::GetStyle().ItemSpacing.x * 2;
            if (i && lineEnd + w <= avail) {
                ImGui::SameLine();
            } else {
                lineEnd = 0;
            }
            lineEnd += w;
            if (ImGui::RadioButton((ex.choices[i] + "##choice" + std::to_string(i)).c_str(),
                                   c.answerChoice == int(i))) {
                c.answerChoice = int(i);
                c.feedback = core::Classroom::Feedback::None;
            }
        }
    } else {
        char buf[128];
        std::snprintf(buf, sizeof buf, "%s", c.answerText.c_str());
        // The field gives way so Check and Hint stay inside a narrow task column.
        const ImGuiStyle& style = ImGui::GetStyle();
        float buttons =
            ImGui::CalcTextSize("Check").x + style.FramePadding.x * 2 + style.ItemSpacing.x;
        if (!ex.hint.empty())
            buttons +=
                ImGui::CalcTextSize("Hide hint").x + style.FramePadding.x * 2 + style.ItemSpacing.x;
        ImGui::SetNextItemWidth(
            std::clamp(ImGui::GetContentRegionAvail().x - buttons, fs * 4, fs * 9));
        const char* hintText = ex.kind == lessons::ExerciseKind::Shape ? "e.g. (2, 3)" : "a number";
        if (ImGui::InputTextWithHint("##answer", hintText, buf, sizeof buf,
                                     ImGuiInputTextFlags_EnterReturnsTrue))
            submit = true;
        if (c.answerText != buf) {
            c.answerText = buf;
            c.feedback = core::Classroom::Feedback::None;
        }
    }
    ImGui::SameLine();
    if (ImGui::Button("Check")) submit = true;
    if (submit) core::checkAnswer(state);
    if (!ex.hint.empty()) {
        ImGui::SameLine();
        if (ImGui::Button(c.showHint ? "Hide hint" : "Hint")) c.showHint = !c.showHint;
    }
    if (c.feedback != core::Classroom::Feedback::None) {
        const bool ok = c.feedback == core::Classroom::Feedback::Correct;
        ImGui::PushStyleColor(ImGuiCol_Text, v4(ok ? pal.success : pal.error));
        const std::string text =
            ok ? (ex.explanation.empty() ? "\xE2\x9C\x93 Correct!"
                                         : "\xE2\x9C\x93 Correct! " + ex.explanation)
               : (c.feedback == core::Classroom::Feedback::Wrong ? "\xE2\x9C\x97 " : "") +
                     c.feedbackText;
        ImGui::TextWrapped("%s", text.c_str());
        ImGui::PopStyleColor();
    }
    if (c.showHint && !ex.hint.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, v4(pal.textDim));
        ImGui::TextWrapped("Hint: %s", ex.hint.c_str());
        ImGui::PopStyleColor();
    }
}

void tryBlock(core::AppState& state, const lessons::TryGoal& g, const style::Palette& pal) {
    const core::Classroom& c = state.classroom;
    ImGui::PushStyleColor(ImGuiCol_Text, v4(c.tryReached ? pal.success : pal.accent));
    ImGui::TextUnformatted(c.tryReached ? "\xE2\x9C\x93 Try it" : "Try it");
    ImGui::PopStyleColor();
    ImGui::TextWrapped("%s", g.prompt.c_str());
    if (c.tryReached) {
        ImGui::PushStyleColor(ImGuiCol_Text, v4(pal.success));
        ImGui::TextWrapped("%s", g.success.c_str());
        ImGui::PopStyleColor();
    } else if (c.tryVersion != ~0ull) {
        ImGui::TextDisabled("now %s = %s (goal %s \xC2\xB1 %s)", g.expr.c_str(),
                            engine::formatNumber(c.tryValue).c_str(),
                            engine::formatNumber(g.target).c_str(),
                            engine::formatNumber(g.tolerance).c_str());
    }
}

} // namespace

void narrationPanel(core::AppState& state, const Layout& layout) {
    if (layout.narration.width <= 0 || layout.narration.height <= 0) return;
    const lessons::Lesson* lesson = core::currentLesson(state);
    const lessons::Step* step = core::currentStep(state);
    if (!lesson || !step) return;
    const style::Palette& pal = state.palette();
    ImGui::SetNextWindowPos({layout.narration.x, layout.narration.y});
    ImGui::SetNextWindowSize({layout.narration.width, layout.narration.height});
    constexpr ImGuiWindowFlags flags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                       ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoTitleBar |
                                       ImGuiWindowFlags_NoSavedSettings |
                                       ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("Narration", nullptr, flags);
    // Long steps get smaller type (layout.cpp fitted the band to this step); lines tighten with it.
    const float fontScale = layout.narrationFontScale;
    if (fontScale != 1.0f) ImGui::SetWindowFontScale(fontScale);
    const ImVec2 spacing = ImGui::GetStyle().ItemSpacing;
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(spacing.x, spacing.y * fontScale));
    const float fs = ImGui::GetFontSize();
    const int index = state.classroom.step, total = int(lesson->steps.size());

    // Header: lesson · step title, then the position and the step buttons on the right.
    ImGui::PushFont(atlasFont(1));
    ImGui::TextUnformatted(step->title.c_str());
    ImGui::PopFont();
    char pos[64];
    std::snprintf(pos, sizeof pos, "%d / %d", index + 1, total);
    const float buttons =
        (state.presentation ? 0.0f : fs * 2.2f * 2) + ImGui::CalcTextSize(pos).x + fs * 1.5f;
    ImGui::SameLine();
    // The lesson's title gives way (shortened with an ellipsis) to the step position.
    const float room = ImGui::GetWindowWidth() - buttons - ImGui::GetCursorPosX() - fs * 0.5f;
    std::string lessonTitle = "\xC2\xB7 " + lesson->title;
    if (ImGui::CalcTextSize(lessonTitle.c_str()).x > room) {
        while (lessonTitle.size() > 3 &&
               ImGui::CalcTextSize((lessonTitle + "\xE2\x80\xA6").c_str()).x > room) {
            lessonTitle.pop_back();
            while (!lessonTitle.empty() &&
                   (static_cast<unsigned char>(lessonTitle.back()) & 0xC0) == 0x80)
                lessonTitle.pop_back(); // whole UTF-8 characters only
        }
        lessonTitle = lessonTitle.size() > 3 ? lessonTitle + "\xE2\x80\xA6" : std::string();
    }
    ImGui::TextDisabled("%s", lessonTitle.c_str());
    ImGui::SameLine(std::max(ImGui::GetCursorPosX() + fs, ImGui::GetWindowWidth() - buttons));
    if (!state.presentation) {
        ImGui::BeginDisabled(index == 0);
        if (ImGui::ArrowButton("##prev", ImGuiDir_Left)) core::previousStep(state);
        ImGui::EndDisabled();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Previous step (Left / PageUp)");
        ImGui::SameLine();
    }
    ImGui::TextDisabled("%s", pos);
    if (!state.presentation) {
        ImGui::SameLine();
        if (ImGui::ArrowButton("##next", ImGuiDir_Right)) core::nextStep(state);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Next step (Right / PageDown)");
    }
    ImGui::Separator();

    // The task (exercise, try it) gets its own column so it never scrolls out of sight.
    const bool task = step->exercise || step->tryGoal;
    const bool twoColumns = task && ImGui::GetContentRegionAvail().x > fs * 34;
    const float bodyW = twoColumns ? ImGui::GetContentRegionAvail().x * 0.6f : 0.0f;
    ImGui::BeginChild("##narration-body", ImVec2(bodyW, 0), false);
    const float wrap = ImGui::GetContentRegionAvail().x - fs * 0.5f;
    const auto paragraphs = lessons::parseNarration(step->narration);
    for (size_t i = 0; i < paragraphs.size(); ++i) {
        if (i) ImGui::Dummy(ImVec2(0, fs * 0.25f));
        richParagraph(paragraphs[i], pal, wrap);
    }
    if (!step->numpy.empty()) {
        ImGui::Dummy(ImVec2(0, fs * 0.2f));
        ImGui::PushFont(atlasFont(3));
        ImGui::PushStyleColor(ImGuiCol_Text, v4(pal.textDim));
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted(step->numpy.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        ImGui::PopFont();
    }
    if (!state.classroom.stepError.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, v4(pal.error));
        ImGui::TextWrapped("%s", state.classroom.stepError.c_str());
        ImGui::PopStyleColor();
    }
    if (twoColumns) {
        ImGui::EndChild();
        ImGui::SameLine();
        ImGui::BeginChild("##narration-task", ImVec2(0, 0), false);
    } else if (task) {
        ImGui::Dummy(ImVec2(0, fs * 0.2f));
    }
    if (step->exercise) exerciseBlock(state, *step->exercise, pal);
    if (step->exercise && step->tryGoal) ImGui::Dummy(ImVec2(0, fs * 0.3f));
    if (step->tryGoal) tryBlock(state, *step->tryGoal, pal);
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::End();
}

void lessonErrorsPanel(core::AppState& state, const Layout& layout) {
    core::Classroom& c = state.classroom;
    if (!c.showErrors) return;
    const auto errors = c.library.errors();
    const style::Palette& pal = state.palette();
    const float fs = ImGui::GetFontSize();
    ImGui::SetNextWindowPos({layout.viewport.x + fs, layout.viewport.y + fs}, ImGuiCond_Always);
    ImGui::SetNextWindowSize({std::max(layout.viewport.width - 2 * fs, fs * 20), 0},
                             ImGuiCond_Always);
    ImGui::SetNextWindowBgAlpha(0.96f);
    bool open = true;
    ImGui::Begin("Lesson errors", &open,
                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse |
                     ImGuiWindowFlags_NoMove | ImGuiWindowFlags_AlwaysAutoResize);
    if (errors.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, v4(pal.success));
        ImGui::TextUnformatted("\xE2\x9C\x93 Every lesson file loads without errors.");
        ImGui::PopStyleColor();
    }
    ImGui::PushTextWrapPos(std::max(layout.viewport.width - 4 * fs, fs * 18));
    for (const lessons::Diagnostic& d : errors) {
        ImGui::PushStyleColor(ImGuiCol_Text, v4(pal.error));
        ImGui::TextWrapped("%s:%d:%d", d.file.c_str(), d.pos.line, d.pos.column);
        ImGui::PopStyleColor();
        ImGui::TextWrapped("  [%s] %s", d.code.c_str(), d.message.c_str());
    }
    for (const lessons::LessonFile& f : c.library.files())
        if (f.stale)
            ImGui::TextDisabled("%s: showing the last good version until the errors are fixed",
                                f.name.c_str());
    ImGui::PopTextWrapPos();
    ImGui::End();
    if (!open) c.showErrors = false;
}

} // namespace linscape::ui
