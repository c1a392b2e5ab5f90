// File > Export in the window: a dialog for what and where, then a small progress window with a
// bar and Cancel that stays with the outcome (the path, or what went wrong) until closed.
#include "shell/app.h"

#include "core/classroom.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

namespace linscape::shell {
namespace {

const char* const kFormats[] = {"png", "gif", "mp4"};

std::string suggestedOutput(const std::string& lesson, int step0, int format) {
    const std::filesystem::path dir = picturesFolder();
    if (format == 0) return (dir / ("linscape-" + lesson)).string();
    char name[200];
    std::snprintf(name, sizeof name, "linscape-%s-step%02d.%s", lesson.c_str(), step0 + 1,
                  kFormats[format]);
    return (dir / name).string();
}

} // namespace

void App::openExportDialog() {
    if (!core::currentLesson(m_state)) return;
    if (m_export && m_export->active()) return; // one export at a time; its window is showing
    ExportDialog& d = m_exportDialog;
    if (d.lastLesson != m_state.classroom.lessonId || d.output.empty()) {
        d.lastLesson = m_state.classroom.lessonId;
        d.output = suggestedOutput(d.lastLesson, m_state.classroom.step, d.format);
    }
    d.open = true;
    d.openPopup = true;
    d.error.clear();
    d.showResult = false;
}

bool App::startExport(const ExportRequest& request, std::string* error) {
    if (m_export && m_export->active()) {
        if (error) *error = "an export is already running";
        return false;
    }
    m_export.reset();
    m_export = ExportSession::start(*this, request, error);
    return m_export != nullptr;
}

void App::exportUi() {
    ExportDialog& d = m_exportDialog;
    const style::Palette& pal = m_state.palette();
    const float fs = ImGui::GetFontSize();
    const ImGuiIO& io = ImGui::GetIO();
    const ImVec2 centre(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.5f);
    const lessons::Lesson* lesson = core::currentLesson(m_state);

    if (d.openPopup) {
        ImGui::OpenPopup("Export lesson");
        d.openPopup = false;
    }
    ImGui::SetNextWindowPos(centre, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(fs * 34, io.DisplaySize.x - fs), 0));
    if (ImGui::BeginPopupModal("Export lesson", &d.open, ImGuiWindowFlags_NoSavedSettings)) {
        // Fields and radio buttons share the popup's colour otherwise: give them the panel's.
        ImGui::PushStyleColor(ImGuiCol_FrameBg, ImVec4(pal.panel.r, pal.panel.g, pal.panel.b, 1));
        if (!lesson) {
            ImGui::TextUnformatted("Open a lesson first: exports are made of lesson steps.");
        } else {
            ImGui::TextWrapped("%s, step %d of %d", lesson->title.c_str(),
                               m_state.classroom.step + 1, int(lesson->steps.size()));
            const char* labels[] = {"Every step as a PNG still (for slides)",
                                    "This step's animation as a GIF",
                                    "This step's animation as an MP4"};
            for (int i = 0; i < 3; ++i)
                if (ImGui::RadioButton(labels[i], d.format == i)) {
                    const std::string before =
                        suggestedOutput(lesson->id, m_state.classroom.step, d.format);
                    if (d.output == before || d.output.empty())
                        d.output = suggestedOutput(lesson->id, m_state.classroom.step, i);
                    d.format = i;
                }
            ImGui::TextDisabled(d.format == 0 ? "Folder (created if missing)" : "File");
            char buf[1024];
            std::snprintf(buf, sizeof buf, "%s", d.output.c_str());
            ImGui::SetNextItemWidth(-1);
            if (ImGui::InputText("##export-path", buf, sizeof buf)) d.output = buf;
            ImGui::PushStyleColor(ImGuiCol_Text,
                                  ImVec4(pal.textDim.r, pal.textDim.g, pal.textDim.b, 1));
            ImGui::TextWrapped("1280x720, presentation layout, high-contrast theme: the same "
                               "pixels as `linscape export`. The window stays usable meanwhile.");
            ImGui::PopStyleColor();
            if (!d.error.empty()) {
                ImGui::PushStyleColor(ImGuiCol_Text,
                                      ImVec4(pal.error.r, pal.error.g, pal.error.b, 1));
                ImGui::TextWrapped("%s", d.error.c_str());
                ImGui::PopStyleColor();
            }
            if (ImGui::Button("Export")) {
                ExportRequest r;
                r.lesson = lesson->id;
                r.format = kFormats[d.format];
                r.step = d.format == 0 ? 0 : m_state.classroom.step + 1;
                r.output = d.output;
                std::string error;
                if (startExport(r, &error)) {
                    d.error.clear();
                    d.open = false;
                    d.showResult = true;
                    ImGui::CloseCurrentPopup();
                } else {
                    d.error = "Cannot export: " + error + ".";
                }
            }
            ImGui::SameLine();
        }
        if (ImGui::Button("Close")) {
            d.open = false;
            ImGui::CloseCurrentPopup();
        }
        ImGui::PopStyleColor();
        ImGui::EndPopup();
    }

    // Progress (and then the outcome) in a corner: the lesson stays usable meanwhile.
    if (!m_export || !d.showResult) return;
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - fs, io.DisplaySize.y - fs * 5),
                            ImGuiCond_Always, ImVec2(1, 1));
    ImGui::SetNextWindowSize(ImVec2(std::min(fs * 26, io.DisplaySize.x - 2 * fs), 0));
    ImGui::SetNextWindowBgAlpha(0.96f);
    constexpr ImGuiWindowFlags flags = ImGuiWindowFlags_NoSavedSettings |
                                       ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoMove |
                                       ImGuiWindowFlags_NoResize;
    ImGui::Begin("Export", nullptr, flags);
    if (m_export->active()) {
        ImGui::ProgressBar(m_export->progress(), ImVec2(-1, 0));
        ImGui::TextUnformatted(m_export->progressText().c_str());
        if (ImGui::Button("Cancel")) m_export->cancel();
    } else {
        const bool failed = m_export->phase() == ExportSession::Phase::Failed;
        const style::Color c = failed ? pal.error : pal.success;
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(c.r, c.g, c.b, 1));
        ImGui::TextWrapped("%s", m_export->message().c_str());
        ImGui::PopStyleColor();
        if (ImGui::Button("Close")) d.showResult = false;
    }
    ImGui::End();
}

} // namespace linscape::shell
