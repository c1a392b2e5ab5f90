// ImGui widgets shared by scene panels: a matrix editor that refuses bad entries inline and keeps
// the previous value, readout rows with their NumPy line, section headers and help markers.
#pragma once

#include "engine/analysis.h"
#include "style/theme.h"

#include <Eigen/Core>
#include <string>
#include <vector>

namespace linscape::widgets {

// Per-editor state: the text of each cell while it is edited and the last error.
struct MatrixEditorState {
    std::vector<std::string> text;
    std::vector<bool> invalid;
    std::string error;
    Eigen::MatrixXd shown; // the matrix the texts were made from
    int rows = -1, cols = -1;
    int active = -1; // the cell being typed in
};

// Edits m in place: a cell whose text parses as a finite number updates m at once (live); bad
// text turns the cell red, shows the reason below, and leaves m unchanged. Returns true when m
// changed. columnColors tints each column's frame (î, ĵ colours).
bool matrixEditor(const char* id, Eigen::MatrixXd& m, MatrixEditorState& state,
                  const std::vector<style::Color>& columnColors, const style::Palette& pal,
                  float cellWidth = 72.0f);

// A "name  value" row with the NumPy line underneath, dimmed and monospaced.
void readoutRow(const char* name, const std::string& value, const char* numpy,
                const style::Palette& pal, const style::Color* valueColor = nullptr);

// Every readout of an analysis, each with its NumPy line. `symbol` names the matrix ("A").
void analysisReadouts(const engine::Analysis& a, const char* symbol, const style::Palette& pal);

void sectionHeader(const char* text, const style::Palette& pal);
void helpMarker(const char* text);

// Complex number as text: "2", "1 + 2i", "0.5 − 0.3i".
std::string formatComplex(double re, double im, int digits = 4);

} // namespace linscape::widgets
