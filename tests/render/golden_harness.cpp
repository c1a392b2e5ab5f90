// Screenshot regression harness; see golden_harness.h.
#include "golden_harness.h"

#include "imaging/image.h"
#include "support/process.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace linscape::testing {
namespace fs = std::filesystem;

namespace {

const fs::path kGoldenDir = LINSCAPE_GOLDEN_DIR;
const fs::path kOutputDir = fs::path(LINSCAPE_TEST_OUTPUT_DIR) / "render";
const std::string kBinary = LINSCAPE_BINARY;

bool updating() {
    const char* v = std::getenv("LINSCAPE_UPDATE_GOLDENS");
    return v && std::string(v) == "1";
}

std::string readFile(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string currentRenderer() {
    static const std::string info = [] {
        const ProcessResult r = runProcess({kBinary, "render", "--gl-info"}, 60);
        return r.exitCode == 0 ? r.out : std::string("unavailable: ") + r.err;
    }();
    return info;
}

void readTolerance(const toml::table& t, imaging::DiffTolerance& tol) {
    if (auto v = t["channel_threshold"].value<int64_t>()) tol.channelThreshold = int(*v);
    if (auto v = t["max_failing_fraction"].value<double>()) tol.maxFailingFraction = *v;
    if (auto v = t["max_channel_delta"].value<int64_t>()) tol.maxChannelDelta = int(*v);
}

} // namespace

std::vector<GoldenCase> loadGoldenCases(const std::string& path) {
    toml::table root;
    try {
        root = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
        std::ostringstream msg;
        msg << path << ":" << e.source().begin.line << ":" << e.source().begin.column << ": "
            << e.description();
        throw std::runtime_error(msg.str());
    }
    GoldenCase defaults;
    if (const toml::table* d = root["defaults"].as_table()) {
        readTolerance(*d, defaults.tolerance);
        if (auto v = (*d)["size"].value<std::string>()) defaults.size = *v;
        if (auto v = (*d)["theme"].value<std::string>()) defaults.theme = *v;
    }
    std::vector<GoldenCase> cases;
    const toml::array* list = root["case"].as_array();
    if (!list) throw std::runtime_error(path + ": no [[case]] entries");
    for (const toml::node& node : *list) {
        const toml::table* t = node.as_table();
        if (!t) throw std::runtime_error(path + ": a [[case]] is not a table");
        GoldenCase c = defaults;
        c.suite = (*t)["suite"].value_or(std::string());
        c.name = (*t)["name"].value_or(std::string());
        if (c.suite.empty() || c.name.empty())
            throw std::runtime_error(path + ":" + std::to_string(t->source().begin.line) +
                                     ": a case needs suite and name");
        c.scene = (*t)["scene"].value_or(std::string());
        c.lesson = (*t)["lesson"].value_or(std::string());
        c.step = int((*t)["step"].value_or(int64_t(0)));
        if (auto v = (*t)["t"].value<double>()) c.t = *v;
        if (auto v = (*t)["size"].value<std::string>()) c.size = *v;
        c.ui = (*t)["ui"].value_or(false);
        if (auto v = (*t)["theme"].value<std::string>()) c.theme = *v;
        c.matrix = (*t)["matrix"].value_or(std::string());
        if (const toml::array* sets = (*t)["set"].as_array())
            for (const toml::node& s : *sets)
                c.sets.push_back(s.value_or(std::string()));
        if (const toml::array* extra = (*t)["args"].as_array())
            for (const toml::node& s : *extra)
                c.extraArgs.push_back(s.value_or(std::string()));
        const imaging::DiffTolerance before = c.tolerance;
        readTolerance(*t, c.tolerance);
        c.toleranceReason = (*t)["reason"].value_or(std::string());
        const bool overridden = before.channelThreshold != c.tolerance.channelThreshold ||
                                before.maxFailingFraction != c.tolerance.maxFailingFraction ||
                                before.maxChannelDelta != c.tolerance.maxChannelDelta;
        if (overridden && c.toleranceReason.empty())
            throw std::runtime_error(path + ": case " + c.suite + "/" + c.name +
                                     " overrides a tolerance without a reason");
        cases.push_back(std::move(c));
    }
    return cases;
}

GoldenCase goldenDefaults(const std::string& path) {
    GoldenCase defaults;
    try {
        const toml::table root = toml::parse_file(path);
        if (const toml::table* d = root["defaults"].as_table()) {
            readTolerance(*d, defaults.tolerance);
            if (auto v = (*d)["size"].value<std::string>()) defaults.size = *v;
        }
    } catch (const toml::parse_error&) {
        // loadGoldenCases reports a broken file; lessons fall back to the built-in defaults.
    }
    return defaults;
}

std::vector<GoldenCase> lessonGoldenCases(const std::string& folder, const GoldenCase& defaults) {
    std::vector<GoldenCase> cases;
    std::vector<fs::path> files;
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
        if (it->path().extension() == ".toml") files.push_back(it->path());
    std::sort(files.begin(), files.end());
    for (const fs::path& f : files) {
        toml::table root;
        try {
            root = toml::parse_file(f.string());
        } catch (const toml::parse_error& e) {
            throw std::runtime_error(f.string() + ": " + std::string(e.description()) +
                                     " (run linscape check-lessons)");
        }
        const std::string id = root["id"].value_or(std::string());
        const toml::array* steps = root["steps"].as_array();
        if (id.empty() || !steps) continue;
        for (size_t i = 0; i < steps->size(); ++i) {
            const toml::table* step = (*steps)[i].as_table();
            if (!step) continue;
            GoldenCase c = defaults;
            c.suite = "lessons";
            c.name = id + "-" + std::to_string(i + 1);
            c.lesson = id;
            c.step = int(i + 1);
            c.ui = true;
            c.theme = "contrast";
            c.extraArgs = {"--present"};
            cases.push_back(c);
            const double duration = (*step)["animation"]["duration"].value_or(0.0);
            if (duration > 0) {
                c.name += "-mid";
                c.t = duration / 2;
                cases.push_back(c);
            }
        }
    }
    return cases;
}

std::string rendererMismatch() {
    const fs::path record = kGoldenDir / "renderer.txt";
    const std::string current = currentRenderer();
    if (!fs::exists(record)) return {};
    const std::string recorded = readFile(record);
    if (recorded == current) return {};
    return "goldens were made with\n" + recorded + "but this machine renders with\n" + current +
           "pixel comparisons are only meaningful on the same renderer";
}

GoldenOutcome runGoldenCase(const GoldenCase& c) {
    GoldenOutcome outcome;
    const fs::path caseDir = kOutputDir / c.suite;
    fs::create_directories(caseDir);
    const fs::path actualPath = caseDir / (c.name + ".actual.png");
    fs::remove(actualPath);
    std::vector<std::string> argv = {kBinary, "render"};
    if (!c.scene.empty()) argv.insert(argv.end(), {"--scene", c.scene});
    if (!c.lesson.empty())
        argv.insert(argv.end(), {"--lesson", c.lesson, "--step", std::to_string(c.step)});
    if (c.t) argv.insert(argv.end(), {"--t", std::to_string(*c.t)});
    argv.insert(argv.end(), {"--size", c.size, "--theme", c.theme});
    if (!c.ui) argv.push_back("--no-ui");
    if (!c.matrix.empty()) argv.insert(argv.end(), {"--matrix", c.matrix});
    for (const auto& s : c.sets)
        argv.insert(argv.end(), {"--set", s});
    argv.insert(argv.end(), c.extraArgs.begin(), c.extraArgs.end());
    argv.insert(argv.end(), {"-o", actualPath.string()});
    const ProcessResult run = runProcess(argv, 120);
    if (run.exitCode != 0) {
        outcome.message = "linscape render failed (exit " + std::to_string(run.exitCode) +
                          (run.timedOut ? ", timed out" : "") + "): " + run.err;
        return outcome;
    }
    imaging::Image actual, expected;
    std::string error;
    if (!imaging::loadPng(actualPath.string(), actual, &error)) {
        outcome.message = error;
        return outcome;
    }
    const fs::path goldenPath = kGoldenDir / c.suite / (c.name + ".png");
    if (updating()) {
        fs::create_directories(goldenPath.parent_path());
        fs::copy_file(actualPath, goldenPath, fs::copy_options::overwrite_existing);
        std::ofstream(kGoldenDir / "renderer.txt") << currentRenderer();
        outcome.passed = true;
        outcome.message = "golden updated: " + goldenPath.string();
        return outcome;
    }
    if (!fs::exists(goldenPath)) {
        fs::create_directories(goldenPath.parent_path());
        fs::copy_file(actualPath, goldenPath);
        if (!fs::exists(kGoldenDir / "renderer.txt"))
            std::ofstream(kGoldenDir / "renderer.txt") << currentRenderer();
        outcome.message = "no golden for " + c.suite + "/" + c.name +
                          ": wrote the actual image to " + goldenPath.string() +
                          "; look at it, and commit it if it is right";
        return outcome;
    }
    if (const std::string mismatch = rendererMismatch(); !mismatch.empty()) {
        outcome.skipped = true;
        outcome.message = mismatch;
        return outcome;
    }
    if (!imaging::loadPng(goldenPath.string(), expected, &error)) {
        outcome.message = error;
        return outcome;
    }
    const imaging::DiffResult diff = imaging::compareImages(actual, expected, c.tolerance);
    if (diff.sizeMismatch) {
        outcome.message = c.suite + "/" + c.name + ": size mismatch: actual " +
                          std::to_string(actual.width) + "x" + std::to_string(actual.height) +
                          ", golden " + std::to_string(expected.width) + "x" +
                          std::to_string(expected.height);
        return outcome;
    }
    if (diff.passed) {
        outcome.passed = true;
        fs::remove(actualPath);
        return outcome;
    }
    const fs::path expectedCopy = caseDir / (c.name + ".expected.png");
    const fs::path diffPath = caseDir / (c.name + ".diff.png");
    fs::copy_file(goldenPath, expectedCopy, fs::copy_options::overwrite_existing);
    imaging::savePng(diff.diff, diffPath.string());
    outcome.message = c.suite + "/" + c.name + ": " + diff.summary() + " (tolerance: channel > " +
                      std::to_string(c.tolerance.channelThreshold) + ", at most " +
                      std::to_string(c.tolerance.maxFailingFraction * 100) +
                      "% of pixels, worst <= " + std::to_string(c.tolerance.maxChannelDelta) +
                      ")\n  actual:   " + actualPath.string() +
                      "\n  expected: " + expectedCopy.string() +
                      "\n  diff:     " + diffPath.string();
    return outcome;
}

} // namespace linscape::testing
