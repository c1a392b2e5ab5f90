// The navigator: the lessons with the student's progress and the current lesson's steps, a badge
// for lesson-file errors, and the scenes to explore freely.
#include "ui/ui.h"

#include "core/classroom.h"

#include <imgui.h>

#include <cstdio>

namespace linscape::ui {
namespace {

ImVec4 v4(style::Color c) {
    return {c.r, c.g, c.b, 1};
}

void heading(const style::Palette& pal, const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, v4(pal.accent));
    ImGui::TextUnformatted(text);
    ImGui::PopStyleColor();
    ImGui::Separator();
}

} // namespace

void navigatorPanel(core::AppState& state, const Layout& layout) {
    if (layout.left.width <= 0) return;
    ImGui::SetNextWindowPos({layout.left.x, layout.left.y});
    ImGui::SetNextWindowSize({layout.left.width, layout.left.height});
    constexpr ImGuiWindowFlags flags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                       ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoTitleBar |
                                       ImGuiWindowFlags_NoSavedSettings |
                                       ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("Navigator", nullptr, flags);
    const style::Palette& pal = state.palette();
    core::Classroom& c = state.classroom;

    heading(pal, "Lessons");
    const auto lessons = c.library.lessons();
    if (lessons.empty()) ImGui::TextDisabled("No lessons found");
    std::string open;
    int openStep = 0;
    for (const lessons::Lesson* l : lessons) {
        const auto it = c.progress.lessons.find(l->id);
        const int seen = it == c.progress.lessons.end() ? 0 : int(it->second.seen.size());
        const int total = int(l->steps.size());
        const bool current = c.lessonId == l->id;
        char label[256];
        std::snprintf(label, sizeof label, "%s %s##lesson-%s",
                      seen >= total ? "\xE2\x9C\x93" : (seen > 0 ? "\xE2\x80\xA2" : " "),
                      l->title.c_str(), l->id.c_str());
        if (ImGui::Selectable(label, current)) {
            open = l->id;
            openStep =
                it == c.progress.lessons.end() ? 0 : std::min(it->second.lastStep, total - 1);
        }
        if (ImGui::IsItemHovered()) {
            ImGui::BeginTooltip();
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 22);
            ImGui::Text("%s  (%d of %d steps seen)", l->summary.c_str(), seen, total);
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
        }
        // The progress bar under each title: how many steps were seen.
        {
            const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
            ImDrawList* dl = ImGui::GetWindowDrawList();
            const float w = (b.x - a.x) * float(seen) / float(std::max(total, 1));
            dl->AddRectFilled({a.x, b.y - 2}, {a.x + w, b.y},
                              ImGui::ColorConvertFloat4ToU32(v4(pal.success)));
        }
        if (!current) continue;
        ImGui::Indent(ImGui::GetFontSize() * 0.8f);
        for (int s = 0; s < total; ++s) {
            const bool solved = it != c.progress.lessons.end() && it->second.solved.count(s);
            char stepLabel[256];
            std::snprintf(stepLabel, sizeof stepLabel, "%d. %s%s##step-%d", s + 1,
                          l->steps[size_t(s)].title.c_str(), solved ? "  \xE2\x9C\x93" : "", s);
            if (ImGui::Selectable(stepLabel, c.step == s)) {
                open = l->id;
                openStep = s;
            }
        }
        ImGui::Unindent(ImGui::GetFontSize() * 0.8f);
    }
    if (!open.empty()) core::openLessonStep(state, open, openStep, nullptr);

    if (const auto errors = c.library.errors(); !errors.empty()) {
        ImGui::Spacing();
        ImGui::PushStyleColor(ImGuiCol_Text, v4(pal.error));
        char label[96];
        std::snprintf(label, sizeof label, "\xE2\x9A\xA0 %zu lesson error%s##errors", errors.size(),
                      errors.size() == 1 ? "" : "s");
        if (ImGui::Selectable(label, c.showErrors)) c.showErrors = !c.showErrors;
        ImGui::PopStyleColor();
    }

    ImGui::Spacing();
    heading(pal, "Explore");
    for (const scenes::SceneInfo& info : scenes::sceneRegistry()) {
        const bool selected = c.lessonId.empty() && state.scene && state.scene->id() == info.id;
        if (ImGui::Selectable(info.title.c_str(), selected)) {
            std::string error;
            core::leaveLesson(state);
            state.selectScene(info.id, &error);
        }
        if (ImGui::IsItemHovered()) {
            ImGui::BeginTooltip();
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 20);
            ImGui::TextUnformatted(info.summary.c_str());
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
        }
    }
    ImGui::End();
}

} // namespace linscape::ui
