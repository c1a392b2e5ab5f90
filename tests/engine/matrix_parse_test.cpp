// Matrix text parsing: both notations, error codes and positions, limits, formatting round trip.
#include "engine/matrix_parse.h"

#include <gtest/gtest.h>

using namespace linscape::engine;

TEST(MatrixParse, BracketNotation) {
    auto m = parseMatrix("[[3,1],[2,4]]");
    ASSERT_TRUE(m.ok()) << m.error().describe();
    ASSERT_EQ(m->rows(), 2);
    ASSERT_EQ(m->cols(), 2);
    EXPECT_EQ((*m)(0, 0), 3.0);
    EXPECT_EQ((*m)(0, 1), 1.0);
    EXPECT_EQ((*m)(1, 0), 2.0);
    EXPECT_EQ((*m)(1, 1), 4.0);
}

TEST(MatrixParse, PlainNotationWithSpacesCommasAndExponents) {
    auto m = parseMatrix("  1.5 -2e1, +3 ; 4 5 6; ");
    ASSERT_TRUE(m.ok()) << m.error().describe();
    ASSERT_EQ(m->rows(), 2);
    ASSERT_EQ(m->cols(), 3);
    EXPECT_EQ((*m)(0, 1), -20.0);
    EXPECT_EQ((*m)(0, 2), 3.0);
    EXPECT_EQ((*m)(1, 2), 6.0);
}

TEST(MatrixParse, SingleRowBracket) {
    auto m = parseMatrix("[1, 2, 3]");
    ASSERT_TRUE(m.ok());
    EXPECT_EQ(m->rows(), 1);
    EXPECT_EQ(m->cols(), 3);
}

TEST(MatrixParse, RaggedRowsNameTheRow) {
    auto m = parseMatrix("[[1,2],[3]]");
    ASSERT_FALSE(m.ok());
    EXPECT_EQ(m.error().code, ErrorCode::RaggedRows);
    EXPECT_NE(m.error().message.find("row 2"), std::string::npos) << m.error().message;
}

TEST(MatrixParse, ErrorsCarryTheColumn) {
    auto m = parseMatrix("[[1,x],[3,4]]");
    ASSERT_FALSE(m.ok());
    EXPECT_EQ(m.error().code, ErrorCode::ParseError);
    EXPECT_NE(m.error().message.find("column 5"), std::string::npos) << m.error().message;
    auto unclosed = parseMatrix("[[1,2],[3,4]");
    ASSERT_FALSE(unclosed.ok());
    EXPECT_NE(unclosed.error().message.find("end of text"), std::string::npos);
    auto trailing = parseMatrix("[[1]] junk");
    ASSERT_FALSE(trailing.ok());
    EXPECT_NE(trailing.error().message.find("column 7"), std::string::npos)
        << trailing.error().message;
}

TEST(MatrixParse, RefusesNonFinite) {
    for (const char* text : {"[[nan, 1]]", "1 inf", "[[1e999]]", "-INF 2"}) {
        auto m = parseMatrix(text);
        ASSERT_FALSE(m.ok()) << text;
        EXPECT_EQ(m.error().code, ErrorCode::NonFinite) << text;
    }
}

TEST(MatrixParse, EmptyInput) {
    for (const char* text : {"", "   ", "[]", "[[]]"}) {
        auto m = parseMatrix(text);
        ASSERT_FALSE(m.ok()) << text;
        EXPECT_EQ(m.error().code, ErrorCode::EmptyMatrix) << text;
    }
}

TEST(MatrixParse, LimitsRefuseHugeInput) {
    ParseLimits limits;
    limits.maxRows = 3;
    limits.maxCols = 3;
    auto m = parseMatrix("1 2 3 4", limits);
    ASSERT_FALSE(m.ok());
    EXPECT_EQ(m.error().code, ErrorCode::TooLarge);
    auto rows = parseMatrix("1;2;3;4", limits);
    ASSERT_FALSE(rows.ok());
    EXPECT_EQ(rows.error().code, ErrorCode::TooLarge);
}

TEST(MatrixParse, FormatRoundTrips) {
    Eigen::MatrixXd a(2, 3);
    a << 1, -0.5, 1e-7, 3.25, 0, 12345678;
    auto back = parseMatrix(formatMatrix(a, 17));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, a);
    EXPECT_EQ(formatNumber(-0.0), "0");
    EXPECT_EQ(formatNumber(2.0), "2");
    EXPECT_EQ(formatNumber(std::numeric_limits<double>::quiet_NaN()), "NaN");
}

TEST(MatrixParse, Scalars) {
    EXPECT_EQ(*parseScalar(" 2.5 "), 2.5);
    EXPECT_EQ(parseScalar("abc").error().code, ErrorCode::ParseError);
    EXPECT_EQ(parseScalar("").error().code, ErrorCode::ParseError);
    EXPECT_EQ(parseScalar("1 2").error().code, ErrorCode::ParseError);
    EXPECT_EQ(parseScalar("nan").error().code, ErrorCode::NonFinite);
}
