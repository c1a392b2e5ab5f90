// Fuzzes the lesson loader, the expression evaluator and the narration parser with arbitrary bytes:
// none may crash, hang, leak or trip a sanitizer, whatever the input.
#include "lessons/expr.h"
#include "lessons/loader.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    using namespace linscape::lessons;
    const LoadResult r = parseLesson(text, "fuzz.toml", [&](const std::string& path) {
        // Assets resolve to the input itself half of the time: exercises narration_file.
        return path.size() % 2 ? std::optional<std::string>(text) : std::nullopt;
    });
    if (r.lesson)
        for (const Step& s : r.lesson->steps)
            (void)parseNarration(s.narration);
    if (size < 512) {
        std::vector<double> out;
        std::string why;
        (void)evaluateExpr(text, {}, out, &why);
    }
    return 0;
}
