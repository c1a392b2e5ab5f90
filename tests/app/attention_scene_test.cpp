// The attention scene's numbers: the weights it displays are a softmax (rows sum to 1), masks
// zero what they hide, the hovered cell's readout is Q_i·K_j and its scaled value recomputed
// here with Eigen from the scene's own inputs, and bad input is refused with the reason.
#include "scenes/attention_scene.h"
#include "style/theme.h"

#include <Eigen/Dense>
#include <gtest/gtest.h>

#include <cmath>

using namespace linscape::scenes;

namespace {

// Q and K of head h recomputed in double precision with Eigen: X W[:, h d_k : (h+1) d_k].
Eigen::MatrixXd headProjection(const linscape::engine::MatrixXfR& x,
                               const linscape::engine::MatrixXfR& w, int h, int dk) {
    return x.cast<double>() * w.cast<double>().middleCols(h * dk, dk);
}

void expectRowsSumToOne(AttentionScene& s, const char* what) {
    const auto* r = s.result();
    ASSERT_NE(r, nullptr) << what;
    for (const auto& head : r->heads)
        for (Eigen::Index i = 0; i < head.weights.rows(); ++i) {
            EXPECT_NEAR(head.weights.row(i).cast<double>().sum(), 1.0, 1e-5)
                << what << " row " << i;
            EXPECT_GE(head.weights.row(i).minCoeff(), 0.0f) << what;
        }
}

} // namespace

TEST(AttentionScene, TokensSplitAtWhitespace) {
    EXPECT_EQ(tokenize("  the cat\tsat\n\non  "),
              (std::vector<std::string>{"the", "cat", "sat", "on"}));
    EXPECT_TRUE(tokenize(" \t\n").empty());
}

TEST(AttentionScene, DefaultShapes) {
    AttentionScene s;
    const auto* r = s.result();
    ASSERT_NE(r, nullptr);
    ASSERT_EQ(r->heads.size(), 1u);
    EXPECT_EQ(r->heads[0].q.rows(), 6);
    EXPECT_EQ(r->heads[0].q.cols(), 64);
    EXPECT_EQ(r->heads[0].weights.rows(), 6);
    EXPECT_EQ(r->heads[0].weights.cols(), 6);
    EXPECT_EQ(r->output.cols(), 64);
    EXPECT_TRUE(s.problem().empty());
}

TEST(AttentionScene, DisplayedWeightsRowsSumToOne) {
    AttentionScene s;
    expectRowsSumToOne(s, "default");
    ASSERT_EQ(s.setParam("scale", false), "");
    expectRowsSumToOne(s, "unscaled");
    ASSERT_EQ(s.setParam("heads", 4.0), "");
    expectRowsSumToOne(s, "4 heads");
    ASSERT_EQ(s.setParam("causal", true), "");
    expectRowsSumToOne(s, "causal");
    ASSERT_EQ(s.setParam("pad", 2.0), "");
    expectRowsSumToOne(s, "causal and padding");
}

TEST(AttentionScene, CausalMaskZeroesTheUpperTriangle) {
    AttentionScene s;
    ASSERT_EQ(s.setParam("causal", true), "");
    const auto& w = s.result()->heads[0].weights;
    for (Eigen::Index i = 0; i < w.rows(); ++i)
        for (Eigen::Index j = 0; j < w.cols(); ++j)
            if (j > i)
                EXPECT_EQ(w(i, j), 0.0f) << i << "," << j;
            else
                EXPECT_GT(w(i, j), 0.0f) << i << "," << j;
    // Row 0 can only look at itself.
    EXPECT_NEAR(w(0, 0), 1.0f, 1e-6);
}

TEST(AttentionScene, PaddingTokensGetNoWeight) {
    AttentionScene s;
    ASSERT_EQ(s.setParam("pad", 2.0), "");
    ASSERT_EQ(s.setup().tokens.size(), 8u);
    EXPECT_EQ(s.setup().tokens.back(), "[PAD]");
    const auto& w = s.result()->heads[0].weights;
    for (Eigen::Index i = 0; i < w.rows(); ++i) {
        EXPECT_EQ(w(i, 6), 0.0f);
        EXPECT_EQ(w(i, 7), 0.0f);
        EXPECT_GT(w(i, 5), 0.0f);
    }
}

TEST(AttentionScene, HoveredCellIsTheDotProductAndItsScaling) {
    for (int heads : {1, 4}) {
        AttentionScene s;
        ASSERT_EQ(s.setParam("heads", double(heads)), "");
        ASSERT_EQ(s.setParam("head", double(heads)), ""); // the last head
        ASSERT_EQ(s.setParam("hover", std::string("2,4")), "");
        const auto c = s.readout();
        ASSERT_TRUE(c.has_value());
        EXPECT_EQ(c->row, 2);
        EXPECT_EQ(c->col, 4);
        const auto in = makeAttentionInput(s.setup());
        const int dk = 64 / heads, h = heads - 1;
        const Eigen::MatrixXd q = headProjection(in.x, in.wq, h, dk);
        const Eigen::MatrixXd k = headProjection(in.x, in.wk, h, dk);
        const double dot = q.row(2).dot(k.row(4));
        EXPECT_NEAR(c->dot, dot, 1e-4 * std::max(1.0, std::abs(dot)));
        EXPECT_NEAR(c->scaled, dot / std::sqrt(double(dk)), 1e-4 * std::max(1.0, std::abs(dot)));
        // The weight is the softmax of the scaled row.
        const Eigen::RowVectorXd row = (q.row(2) * k.transpose()) / std::sqrt(double(dk));
        const Eigen::RowVectorXd e = (row.array() - row.maxCoeff()).exp();
        EXPECT_NEAR(c->weight, e(4) / e.sum(), 1e-5);
        EXPECT_NEAR(c->rowSum, 1.0, 1e-5);
        EXPECT_FALSE(c->masked);
    }
}

TEST(AttentionScene, UnscaledAndTemperature) {
    AttentionScene s;
    ASSERT_EQ(s.setParam("scale", false), "");
    ASSERT_EQ(s.setParam("temperature", 2.0), "");
    ASSERT_EQ(s.setParam("hover", std::string("1,3")), "");
    const auto c = s.readout();
    ASSERT_TRUE(c.has_value());
    EXPECT_NEAR(c->scaled, c->dot / 2.0, 1e-4 * std::max(1.0, std::abs(c->dot)));
}

TEST(AttentionScene, UnscaledScoresSaturateTheSoftmax) {
    // The point of √d_k: with d_k = 64 the unscaled scores are about 8 times larger, so the
    // largest weight of each row grows towards 1.
    AttentionScene s;
    auto meanMax = [&] {
        const auto& w = s.result()->heads[0].weights;
        return w.rowwise().maxCoeff().cast<double>().mean();
    };
    const double scaled = meanMax();
    ASSERT_EQ(s.setParam("scale", false), "");
    const double unscaled = meanMax();
    EXPECT_GT(unscaled, scaled);
    EXPECT_GT(unscaled, 0.9);
}

TEST(AttentionScene, MaskedHoverSaysSo) {
    AttentionScene s;
    ASSERT_EQ(s.setParam("causal", true), "");
    ASSERT_EQ(s.setParam("hover", std::string("1,4")), "");
    const auto c = s.readout();
    ASSERT_TRUE(c.has_value());
    EXPECT_TRUE(c->masked);
    EXPECT_EQ(c->weight, 0.0);
}

TEST(AttentionScene, SameWordSameEmbeddingWithoutPositions) {
    AttentionSetup setup;
    setup.tokens = {"the", "cat", "the"};
    setup.positional = false;
    const auto in = makeAttentionInput(setup);
    EXPECT_EQ(in.x.row(0), in.x.row(2));
    EXPECT_NE(in.x.row(0), in.x.row(1));
    setup.positional = true;
    const auto in2 = makeAttentionInput(setup);
    EXPECT_NE(in2.x.row(0), in2.x.row(2));
    // Seeded: the same setup gives the same numbers.
    EXPECT_EQ(makeAttentionInput(setup).wq, in2.wq);
}

TEST(AttentionScene, EmptySentenceKeepsTheLastGoodState) {
    AttentionScene s;
    ASSERT_EQ(s.setParam("text", std::string("   ")), "");
    EXPECT_NE(s.problem().find("empty"), std::string::npos) << s.problem();
    EXPECT_EQ(s.setup().tokens.size(), 6u);
    ASSERT_NE(s.result(), nullptr);
    ASSERT_EQ(s.setParam("text", std::string("a b")), "");
    EXPECT_TRUE(s.problem().empty());
    EXPECT_EQ(s.setup().tokens.size(), 2u);
}

TEST(AttentionScene, TenThousandTokensAreRefusedWithTheLimit) {
    AttentionScene s;
    std::string text;
    for (int i = 0; i < 10000; ++i)
        text += "w ";
    ASSERT_EQ(s.setParam("text", text), "");
    EXPECT_NE(s.problem().find("10000 tokens"), std::string::npos) << s.problem();
    EXPECT_NE(s.problem().find("512"), std::string::npos) << s.problem();
    EXPECT_EQ(s.setup().tokens.size(), 6u);
}

TEST(AttentionScene, HeadsMustDivideDModel) {
    AttentionScene s;
    ASSERT_EQ(s.setParam("heads", 5.0), "");
    EXPECT_NE(s.problem().find("heads = 5"), std::string::npos) << s.problem();
    EXPECT_NE(s.problem().find("d_model = 64"), std::string::npos) << s.problem();
    EXPECT_EQ(s.setup().heads, 1);
    EXPECT_NE(s.setParam("heads", 2.5), "");
}

TEST(AttentionScene, BadHoverTextIsRefused) {
    AttentionScene s;
    EXPECT_NE(s.setParam("hover", std::string("two,three")), "");
    EXPECT_NE(s.setParam("hover", std::string("1,2,3")), "");
    EXPECT_EQ(s.setParam("hover", std::string("")), "");
    EXPECT_FALSE(s.hoveredCell().has_value());
    // A cell outside the sentence describes nothing rather than reading out of bounds.
    EXPECT_EQ(s.setParam("hover", std::string("40,1")), "");
    EXPECT_FALSE(s.readout().has_value());
}

TEST(AttentionScene, TypedEmbeddingsAreUsedAndTheirShapeChecked) {
    AttentionScene s;
    ASSERT_EQ(s.setParam("text", std::string("a b c")), "");
    ASSERT_EQ(s.setParam("d_model", 4.0), "");
    Eigen::MatrixXd x(3, 4);
    x << 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0;
    ASSERT_EQ(s.setParam("X", x), "");
    ASSERT_TRUE(s.problem().empty()) << s.problem();
    Eigen::MatrixXd wq = Eigen::MatrixXd::Identity(4, 4) * 2.0;
    ASSERT_EQ(s.setParam("W_Q", wq), "");
    const auto* r = s.result();
    ASSERT_NE(r, nullptr);
    // Q = X W_Q = 2 X.
    EXPECT_LT((r->heads[0].q.cast<double>() - 2.0 * x).cwiseAbs().maxCoeff(), 1e-6);
    // A sentence that no longer fits X: the message names both shapes; the last good state stays.
    ASSERT_EQ(s.setParam("text", std::string("a b c d")), "");
    EXPECT_NE(s.problem().find("X is (3, 4)"), std::string::npos) << s.problem();
    EXPECT_NE(s.problem().find("(4, 4)"), std::string::npos) << s.problem();
    EXPECT_EQ(s.setup().tokens.size(), 3u);
    // A weight of the wrong shape.
    ASSERT_EQ(s.setParam("text", std::string("a b c")), "");
    ASSERT_EQ(s.setParam("W_K", Eigen::MatrixXd::Ones(3, 4)), "");
    EXPECT_NE(s.problem().find("W_K is (3, 4)"), std::string::npos) << s.problem();
    // NaN never gets in.
    Eigen::MatrixXd bad = x;
    bad(1, 1) = std::numeric_limits<double>::quiet_NaN();
    EXPECT_NE(s.setParam("X", bad).find("NaN"), std::string::npos);
}

TEST(AttentionScene, ChoosingAHeadShowsItsNumbers) {
    AttentionScene s;
    ASSERT_EQ(s.setParam("heads", 4.0), "");
    ASSERT_EQ(s.setParam("hover", std::string("0,1")), "");
    const auto first = s.readout();
    ASSERT_EQ(s.setParam("head", 3.0), "");
    EXPECT_EQ(s.selectedHead(), 2);
    const auto third = s.readout();
    ASSERT_TRUE(first && third);
    EXPECT_NEAR(third->weight, s.result()->heads[2].weights(0, 1), 1e-7);
    EXPECT_NE(first->dot, third->dot);
}

TEST(AttentionScene, MouseHoverAndHeadClicks) {
    AttentionScene s;
    ASSERT_EQ(s.setParam("heads", 4.0), "");
    linscape::render::Canvas canvas(nullptr);
    SceneContext ctx;
    ctx.palette = &linscape::style::palette(linscape::style::ThemeId::Dark);
    canvas.reset(1280, 720, 1);
    s.draw(canvas, ctx);
    // Sweep the viewport: every cell the mouse finds is inside the sentence, and some are found.
    int found = 0;
    for (float y = 0; y < 720; y += 7)
        for (float x = 0; x < 1280; x += 7) {
            ViewportInput in;
            in.hovered = true;
            in.mouse = {x, y};
            s.input(in, ctx);
            if (auto c = s.hoveredCell()) {
                ++found;
                EXPECT_LT(c->first, 6);
                EXPECT_LT(c->second, 6);
            }
        }
    EXPECT_GT(found, 0);
    // Clicking somewhere on the bottom strip picks a head other than the first.
    bool switched = false;
    for (float y = 360; y < 720 && !switched; y += 5)
        for (float x = 0; x < 1280 && !switched; x += 5) {
            ViewportInput in;
            in.hovered = true;
            in.mouse = {x, y};
            in.pressed[0] = true;
            s.input(in, ctx);
            switched = s.selectedHead() != 0;
        }
    EXPECT_TRUE(switched);
    // The mouse leaving the viewport clears its hover.
    ViewportInput away;
    s.input(away, ctx);
    EXPECT_FALSE(s.hoveredCell().has_value());
}
