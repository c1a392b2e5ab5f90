// Shared ImGui widgets; see widgets.h.
#include "widgets/widgets.h"

#include "engine/matrix_parse.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <cmath>

namespace linscape::widgets {
namespace {

ImVec4 toImVec4(style::Color c) {
    return {c.r, c.g, c.b, c.a};
}

} // namespace

std::string formatComplex(double re, double im, int digits) {
    if (std::abs(im) < 1e-12 * std::max(1.0, std::abs(re))) return engine::formatNumber(re, digits);
    std::string s = std::abs(re) > 1e-12 ? engine::formatNumber(re, digits) + " " : "";
    s += im < 0 ? "\u2212 " : (s.empty() ? "" : "+ ");
    return s + engine::formatNumber(std::abs(im), digits) + "i";
}

bool matrixEditor(const char* id, Eigen::MatrixXd& m, MatrixEditorState& st,
                  const std::vector<style::Color>& columnColors, const style::Palette& pal,
                  float cellWidth) {
    ImGui::PushID(id);
    const int rows = int(m.rows()), cols = int(m.cols());
    const size_t n = size_t(rows) * size_t(cols);
    const bool reshaped = st.rows != rows || st.cols != cols || st.text.size() != n;
    if (reshaped) {
        st.text.assign(n, std::string());
        st.invalid.assign(n, false);
        st.error.clear();
        st.active = -1;
    }
    if (reshaped || st.shown.rows() != m.rows() || st.shown.cols() != m.cols() || st.shown != m) {
        // Changed elsewhere (a drag, a preset): refresh every cell except the one being typed in.
        for (int r = 0; r < rows; ++r)
            for (int c = 0; c < cols; ++c) {
                const size_t i = size_t(r) * size_t(cols) + size_t(c);
                if (int(i) != st.active) {
                    st.text[i] = engine::formatNumber(m(r, c), 6);
                    st.invalid[i] = false;
                }
            }
        st.rows = rows;
        st.cols = cols;
    }
    bool changed = false;
    const float scale = ImGui::GetFontSize() / 16.0f;
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < cols; ++c) {
            const size_t i = size_t(r) * size_t(cols) + size_t(c);
            if (c) ImGui::SameLine();
            ImGui::PushID(int(i));
            const style::Color frame =
                st.invalid[i]
                    ? pal.error
                    : (size_t(c) < columnColors.size() ? columnColors[size_t(c)] : pal.border);
            ImGui::PushStyleColor(ImGuiCol_Border, toImVec4(frame));
            ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, st.invalid[i] ? 2.0f : 1.5f);
            ImGui::SetNextItemWidth(cellWidth * scale);
            if (ImGui::InputText("##cell", &st.text[i], ImGuiInputTextFlags_AutoSelectAll)) {
                auto v = engine::parseScalar(st.text[i]);
                if (v.ok()) {
                    st.invalid[i] = false;
                    if (m(r, c) != *v) {
                        m(r, c) = *v;
                        changed = true;
                    }
                    st.error.clear();
                } else {
                    st.invalid[i] = true;
                    st.error = "row " + std::to_string(r + 1) + ", column " +
                               std::to_string(c + 1) + ": " + v.error().message + " (keeping " +
                               engine::formatNumber(m(r, c), 6) + ")";
                }
            }
            if (ImGui::IsItemActive()) st.active = int(i);
            if (ImGui::IsItemDeactivated()) {
                if (st.active == int(i)) st.active = -1;
            }
            if (ImGui::IsItemDeactivated() && st.invalid[i]) {
                // Leaving a bad cell restores the value still in use.
                st.text[i] = engine::formatNumber(m(r, c), 6);
                st.invalid[i] = false;
                st.error.clear();
            }
            ImGui::PopStyleVar();
            ImGui::PopStyleColor();
            ImGui::PopID();
        }
    }
    if (!st.error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, toImVec4(pal.error));
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted(st.error.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
    }
    st.shown = m;
    ImGui::PopID();
    return changed;
}

void readoutRow(const char* name, const std::string& value, const char* numpy,
                const style::Palette& pal, const style::Color* valueColor) {
    ImGui::TextUnformatted(name);
    ImGui::SameLine(ImGui::GetFontSize() * 7.5f);
    if (valueColor) ImGui::PushStyleColor(ImGuiCol_Text, toImVec4(*valueColor));
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(value.c_str());
    ImGui::PopTextWrapPos();
    if (valueColor) ImGui::PopStyleColor();
    if (numpy && *numpy) {
        ImGui::PushStyleColor(ImGuiCol_Text, toImVec4(pal.textDim));
        ImGui::Indent(ImGui::GetFontSize() * 0.6f);
        ImGui::TextUnformatted(numpy);
        ImGui::Unindent(ImGui::GetFontSize() * 0.6f);
        ImGui::PopStyleColor();
    }
}

void analysisReadouts(const engine::Analysis& a, const char* symbol, const style::Palette& pal) {
    const std::string s = symbol;
    auto np = [&](const std::string& call) { return call; };
    const std::string shape = "(" + std::to_string(a.rows) + ", " + std::to_string(a.cols) + ")";
    readoutRow("shape", shape, np(s + ".shape").c_str(), pal);
    if (a.square) {
        std::string det;
        if (a.det)
            det = engine::formatNumber(*a.det, 5);
        else
            det = (a.detSign < 0 ? "\u2212" : "") + std::string("e^") +
                  engine::formatNumber(a.logAbsDet, 5) + " (too large for a double)";
        const style::Color* dc = a.detSign < 0 ? &pal.areaFlip : nullptr;
        readoutRow("det", det, np("np.linalg.det(" + s + ")").c_str(), pal, dc);
    }
    readoutRow("rank", std::to_string(a.rank), np("np.linalg.matrix_rank(" + s + ")").c_str(), pal);
    if (a.trace)
        readoutRow("trace", engine::formatNumber(*a.trace, 5), np("np.trace(" + s + ")").c_str(),
                   pal);
    if (a.eigen) {
        std::string ev;
        for (size_t i = 0; i < a.eigen->values.size(); ++i) {
            if (i) ev += ",  ";
            ev += formatComplex(a.eigen->values[i].real(), a.eigen->values[i].imag());
        }
        readoutRow("eigenvalues", ev, np("np.linalg.eigvals(" + s + ")").c_str(), pal);
    }
    std::string sv;
    for (Eigen::Index i = 0; i < a.svd.singularValues.size(); ++i)
        sv += (i ? ",  " : "") + engine::formatNumber(a.svd.singularValues(i), 4);
    readoutRow("singular values", sv, np("np.linalg.svd(" + s + ", compute_uv=False)").c_str(),
               pal);
    readoutRow("condition no.",
               a.conditionNumber ? engine::formatNumber(*a.conditionNumber, 4)
                                 : std::string("\u221e (singular)"),
               np("np.linalg.cond(" + s + ")").c_str(), pal,
               a.nearSingular || !a.conditionNumber ? &pal.warning : nullptr);
    if (a.square) {
        if (a.inverse)
            readoutRow("inverse", "exists", np("np.linalg.inv(" + s + ")").c_str(), pal);
        else
            readoutRow("inverse", a.inverseError, np("np.linalg.pinv(" + s + ")").c_str(), pal,
                       &pal.warning);
    }
    for (const std::string& w : a.warnings) {
        ImGui::PushStyleColor(ImGuiCol_Text, toImVec4(pal.warning));
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted(("\u26a0 " + w).c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
    }
}

void sectionHeader(const char* text, const style::Palette& pal) {
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, toImVec4(pal.accent));
    ImGui::TextUnformatted(text);
    ImGui::PopStyleColor();
    ImGui::Separator();
}

void helpMarker(const char* text) {
    ImGui::SameLine();
    ImGui::TextDisabled("(?)");
    if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24.0f);
        ImGui::TextUnformatted(text);
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
}

} // namespace linscape::widgets
