// Scaled dot-product attention with every intermediate kept for display:
// Q = X W_Q, K = X W_K, V = X W_V, scores = Q K^T / sqrt(d_k) (scaling switchable),
// weights = softmax(scores + mask) row by row, output = weights V; heads split along d_model.
// Shapes follow the row-vector convention of ML code: X is (tokens, d_model).
#pragma once

#include "engine/matmul.h"
#include "engine/result.h"

#include <Eigen/Core>
#include <optional>
#include <vector>

namespace linscape::engine {

using MatrixXfR = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using MaskMatrix = Eigen::Matrix<bool, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

struct AttentionInput {
    MatrixXfR x;              // (tokens, d_model)
    MatrixXfR wq, wk, wv;     // (d_model, d_model); head h uses columns [h*d_k, (h+1)*d_k)
    int heads = 1;            // d_model must be divisible by heads
    bool scale = true;        // divide scores by sqrt(d_k)
    float temperature = 1.0f; // extra divisor on scores, for the saturation slider
    bool causal = false;
    std::vector<bool> padding; // per token: true = padding (never attended to); empty = none
    MaskMatrix mask;           // optional (tokens, tokens): false = blocked; empty = none
};

struct AttentionHead {
    MatrixXfR q, k, v; // (tokens, d_k)
    MatrixXfR scores;  // (tokens, tokens), after scaling, before masking
    MatrixXfR weights; // (tokens, tokens), rows sum to 1 (a row with everything masked is all 0)
    MatrixXfR output;  // (tokens, d_k)
};

struct AttentionResult {
    std::vector<AttentionHead> heads;
    MatrixXfR output; // (tokens, d_model): heads concatenated
    int dk = 0;
};

// Validation (stable codes, messages naming what is wrong): EmptyMatrix for 0 tokens ("the
// sentence is empty") or d_model 0; TooLarge above 4096 tokens or when the heads' scores and
// weights would need more than 2 GiB; InvalidArgument for heads < 1, d_model not divisible by
// heads, temperature not positive; ShapeMismatch for weights that are not (d_model, d_model) and
// padding/mask of the wrong size (both shapes named); NonFinite for NaN/Inf in X or a weight (row
// and column named) and for scores that overflow a float.
// A fully masked row gets all-zero weights and a zero output, never NaN.
Result<AttentionResult> attention(const AttentionInput& input, const GemmOptions& options = {});

// The same, writing into `out` and reusing its buffers when the shapes repeat (an interactive
// view recomputing on every slider move avoids reallocating, and page-faulting, the tokens^2
// matrices). Returns the error, or nothing on success; `out` is unspecified after an error.
std::optional<Error> attentionInto(const AttentionInput& input, AttentionResult& out,
                                   const GemmOptions& options = {});

// Numerically stable row softmax in place (subtracts the row max); -inf entries are masked out
// (exactly 0), NaN entries count as masked, +inf entries share the row equally, and a row with
// nothing left is all zeros.
void softmaxRows(MatrixXfR& m);

} // namespace linscape::engine
