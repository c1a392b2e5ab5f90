// What the matmul needs to know about the running CPU: cache sizes (for the blocking) and which
// micro-kernel family to use, decided by features and, where two families compete, by measuring.
#include "matmul_internal.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <string>
#include <vector>

#if defined(LINSCAPE_X86_KERNELS)
#include <cpuid.h>
#endif

namespace linscape::engine {

namespace detail {
namespace {

// "48K", "1024K", "32M" -> bytes; 0 when unreadable.
std::size_t parseCacheSize(const std::string& text) {
    char* end = nullptr;
    const unsigned long long value = std::strtoull(text.c_str(), &end, 10);
    if (end == text.c_str()) return 0;
    std::size_t scale = 1;
    if (*end == 'K') scale = 1024;
    if (*end == 'M') scale = 1024 * 1024;
    return static_cast<std::size_t>(value) * scale;
}

bool readSysfs(CacheSizes& out) {
    bool any = false;
    for (int index = 0; index < 8; ++index) {
        const std::string dir = "/sys/devices/system/cpu/cpu0/cache/index" + std::to_string(index);
        std::ifstream levelFile(dir + "/level"), typeFile(dir + "/type"), sizeFile(dir + "/size");
        int level = 0;
        std::string type, size;
        if (!(levelFile >> level) || !(typeFile >> type) || !(sizeFile >> size)) continue;
        const std::size_t bytes = parseCacheSize(size);
        if (bytes == 0 || type == "Instruction") continue;
        if (level == 1) out.l1d = bytes;
        if (level == 2) out.l2 = bytes;
        if (level == 3) out.l3 = bytes;
        any = true;
    }
    return any;
}

#if defined(LINSCAPE_X86_KERNELS)
// Deterministic cache leaves: 4 (Intel) and 0x8000001D (AMD) share one layout.
bool readCacheLeaf(unsigned leaf, CacheSizes& out) {
    bool any = false;
    for (unsigned sub = 0; sub < 8; ++sub) {
        unsigned a = 0, b = 0, c = 0, d = 0;
        if (!__get_cpuid_count(leaf, sub, &a, &b, &c, &d)) return false;
        const unsigned type = a & 31u;
        if (type == 0) break;
        if (type == 2) continue; // instruction cache
        const unsigned level = (a >> 5) & 7u;
        const std::size_t bytes = std::size_t((b >> 22) + 1) * (((b >> 12) & 1023u) + 1) *
                                  ((b & 4095u) + 1) * (std::size_t(c) + 1);
        if (level == 1) out.l1d = bytes;
        if (level == 2) out.l2 = bytes;
        if (level == 3) out.l3 = bytes;
        any = true;
    }
    return any;
}

bool readCpuid(CacheSizes& out) {
    unsigned a = 0, b = 0, c = 0, d = 0;
    if (readCacheLeaf(4, out) || readCacheLeaf(0x8000001Du, out)) return true;
    // AMD's legacy leaves still answer where hypervisors blank the deterministic ones.
    if (__get_cpuid(0x80000005u, &a, &b, &c, &d) && (c >> 24) != 0) {
        out.l1d = std::size_t(c >> 24) * 1024;
        if (__get_cpuid(0x80000006u, &a, &b, &c, &d)) {
            if ((c >> 16) != 0) out.l2 = std::size_t(c >> 16) * 1024;
            if ((d >> 18) != 0) out.l3 = std::size_t(d >> 18) * 512 * 1024;
        }
        return true;
    }
    return false;
}
#endif

CacheSizes readCacheSizes() {
    CacheSizes sizes;
    bool found = readSysfs(sizes);
#if defined(LINSCAPE_X86_KERNELS)
    if (!found) found = readCpuid(sizes);
#endif
    sizes.measured = found;
    // Virtual machines report odd values (a 508 MB L3 here); keep each level plausible.
    sizes.l1d = std::clamp<std::size_t>(sizes.l1d, 16 * 1024, 128 * 1024);
    sizes.l2 = std::clamp<std::size_t>(sizes.l2, 128 * 1024, 4 * 1024 * 1024);
    sizes.l3 = std::clamp<std::size_t>(sizes.l3, sizes.l2, 256 * 1024 * 1024);
    return sizes;
}

bool cpuHas(KernelIsa isa) {
#if defined(LINSCAPE_X86_KERNELS)
    // __builtin_cpu_supports also checks that the OS saves the wide registers (XGETBV).
    switch (isa) {
    case KernelIsa::Avx2Fma:
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    case KernelIsa::Avx512:
        return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
               __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bw");
    default:
        return true;
    }
#else
    return isa == KernelIsa::Portable || isa == KernelIsa::Auto;
#endif
}

const IsaKernels* compiledKernels(KernelIsa isa) {
    switch (isa) {
    case KernelIsa::Avx2Fma:
        return avx2Kernels();
    case KernelIsa::Avx512:
        return avx512Kernels();
    default:
        return portableKernels();
    }
}

// Micro-kernel throughput in GFLOP/s on operands that sit in L1: the part of gemm that depends on
// the vector width. Best of several short runs, so a preempted run does not decide.
double kernelRate(const MicroKernelSet<float>& set, int rounds) {
    constexpr KIndex kc = 128;
    struct alignas(64) Block {
        float v[16];
    };
    std::vector<Block> a(std::size_t(set.mr) * kc / 16 + 1), b(std::size_t(set.nr) * kc / 16 + 1);
    std::vector<float> c(std::size_t(set.mr) * set.nr, 0.0f);
    for (Block& x : a)
        std::fill(std::begin(x.v), std::end(x.v), 1e-3f);
    for (Block& x : b)
        std::fill(std::begin(x.v), std::end(x.v), 1e-3f);
    const auto* ap = reinterpret_cast<const float*>(a.data());
    const auto* bp = reinterpret_cast<const float*>(b.data());
    double best = 0;
    for (int r = 0; r < rounds; ++r) {
        constexpr int kCalls = 200;
        const auto start = std::chrono::steady_clock::now();
        for (int i = 0; i < kCalls; ++i)
            set.kernel(kc, ap, bp, c.data(), set.nr, set.mr, set.nr, 1.0f, 1.0f);
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const double flops = 2.0 * set.mr * set.nr * kc * kCalls;
        if (seconds > 0) best = std::max(best, flops / seconds * 1e-9);
    }
    return best;
}

// Wider is not always faster: Zen 4 runs 512-bit FMAs as two 256-bit halves (and Eigen built
// for AVX-512 is slower there), while Zen 5 server parts and Intel server cores have full-width
// units. No vendor/model table can keep up with that, so both kernels race once (about 2 ms)
// and AVX-512 wins only with a clear margin; within noise the narrower family is the safer pick
// (no frequency licence drop, cheaper edge tiles).
KernelIsa calibrate() {
    const bool has512 = cpuHas(KernelIsa::Avx512) && avx512Kernels() != nullptr;
    const bool has2 = cpuHas(KernelIsa::Avx2Fma) && avx2Kernels() != nullptr;
    if (!has512) return has2 ? KernelIsa::Avx2Fma : KernelIsa::Portable;
    if (!has2) return KernelIsa::Avx512;
    double rate2 = 0, rate512 = 0;
    for (int round = 0; round < 3; ++round) { // interleaved: a noisy moment hits both
        rate2 = std::max(rate2, kernelRate(avx2Kernels()->f32, 2));
        rate512 = std::max(rate512, kernelRate(avx512Kernels()->f32, 2));
    }
    return rate512 > 1.15 * rate2 ? KernelIsa::Avx512 : KernelIsa::Avx2Fma;
}

} // namespace

const CacheSizes& cacheSizes() {
    static const CacheSizes sizes = readCacheSizes();
    return sizes;
}

KernelIsa resolveKernelIsa(KernelIsa requested) {
    if (requested != KernelIsa::Auto && kernelIsaSupported(requested)) return requested;
    return detectKernelIsa();
}

const IsaKernels& kernelsFor(KernelIsa requested) {
    return *compiledKernels(resolveKernelIsa(requested));
}

} // namespace detail

std::string_view kernelIsaName(KernelIsa isa) {
    switch (isa) {
    case KernelIsa::Auto:
        return "auto";
    case KernelIsa::Portable:
        return "portable";
    case KernelIsa::Avx2Fma:
        return "avx2+fma";
    case KernelIsa::Avx512:
        return "avx512";
    }
    return "unknown";
}

bool kernelIsaSupported(KernelIsa isa) {
    if (isa == KernelIsa::Auto || isa == KernelIsa::Portable) return true;
    return detail::cpuHas(isa) && detail::compiledKernels(isa) != nullptr;
}

KernelIsa detectKernelIsa() {
    static const KernelIsa chosen = detail::calibrate();
    return chosen;
}

} // namespace linscape::engine
