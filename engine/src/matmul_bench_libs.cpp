// dlopen-based access to OpenBLAS and BLIS for the matmul benchmark (see matmul_bench_libs.h).
#include "matmul_bench_libs.h"

#include <cstdint>
#include <dlfcn.h>

namespace linscape::engine::detail {

namespace {

// CBLAS enum values (cblas.h), fixed by the reference interface.
constexpr int kCblasRowMajor = 101;
constexpr int kCblasNoTrans = 111;

int openFlags() {
    int flags = RTLD_NOW | RTLD_LOCAL;
#if defined(RTLD_DEEPBIND)
    // DEEPBIND makes each library resolve its own cblas_ and BLAS symbols first, even if the
    // process already has another BLAS. The sanitizer runtimes refuse it, so it is left out there.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    constexpr bool sanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) ||                         \
    __has_feature(memory_sanitizer)
    constexpr bool sanitized = true;
#else
    constexpr bool sanitized = false;
#endif
#else
    constexpr bool sanitized = false;
#endif
    if (!sanitized) flags |= RTLD_DEEPBIND;
#endif
    return flags;
}

} // namespace

std::vector<std::pair<std::string, std::vector<std::string>>> knownCblasLibraries() {
    return {
        {"OpenBLAS",
         {"libopenblas.so.0", "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0",
          "/usr/lib/x86_64-linux-gnu/openblas-openmp/libopenblas.so.0",
          "/usr/lib/aarch64-linux-gnu/openblas-pthread/libopenblas.so.0", "libopenblas.so"}},
        {"BLIS",
         {"libblis.so.4", "/usr/lib/x86_64-linux-gnu/blis-openmp/libblis.so.4",
          "/usr/lib/x86_64-linux-gnu/blis-pthread/libblis.so.4",
          "/usr/lib/x86_64-linux-gnu/blis-serial/libblis.so.4", "libblis.so"}},
    };
}

std::unique_ptr<CblasLibrary> CblasLibrary::open(const std::string& name,
                                                 const std::vector<std::string>& candidates,
                                                 std::string& whyNot) {
    whyNot.clear();
    for (const std::string& path : candidates) {
        void* handle = dlopen(path.c_str(), openFlags());
        if (!handle) {
            if (whyNot.empty()) whyNot = dlerror();
            continue;
        }
        std::unique_ptr<CblasLibrary> lib(new CblasLibrary());
        lib->m_name = name;
        lib->m_path = path;
        lib->m_handle = handle;
        lib->m_sgemm = reinterpret_cast<Sgemm>(lib->symbol("cblas_sgemm"));
        lib->m_dgemm = reinterpret_cast<Dgemm>(lib->symbol("cblas_dgemm"));
        if (lib->m_sgemm && lib->m_dgemm) return lib;
        whyNot = path + " has no cblas_sgemm/cblas_dgemm";
    }
    if (whyNot.empty()) whyNot = "not found";
    return nullptr;
}

// Never dlclose: OpenBLAS and OpenMP keep worker threads inside the library, and unloading code
// that threads still run in crashes. The handle stays open for the life of the process.
CblasLibrary::~CblasLibrary() = default;

void* CblasLibrary::symbol(const char* name) const {
    return dlsym(m_handle, name);
}

std::string CblasLibrary::detail() const {
    std::string text;
    if (auto config = reinterpret_cast<const char* (*)()>(symbol("openblas_get_config"))) {
        text = config();
    }
    if (auto version = reinterpret_cast<const char* (*)()>(symbol("bli_info_get_version_str"))) {
        text = std::string("BLIS ") + version();
        auto query = reinterpret_cast<int (*)()>(symbol("bli_arch_query_id"));
        auto archName = reinterpret_cast<const char* (*)(int)>(symbol("bli_arch_string"));
        if (query && archName) text += std::string(", kernels for ") + archName(query());
    }
    return text;
}

void CblasLibrary::setThreads(unsigned threads) {
    if (auto set = reinterpret_cast<void (*)(int)>(symbol("openblas_set_num_threads"))) {
        set(static_cast<int>(threads));
    }
    // BLIS's dim_t is a 64-bit integer in the distributions' builds.
    if (auto set = reinterpret_cast<void (*)(std::int64_t)>(symbol("bli_thread_set_num_threads"))) {
        set(static_cast<std::int64_t>(threads));
    }
}

void CblasLibrary::gemm(int m, int n, int k, const float* a, const float* b, float* c) const {
    m_sgemm(kCblasRowMajor, kCblasNoTrans, kCblasNoTrans, m, n, k, 1.0f, a, k, b, n, 0.0f, c, n);
}

void CblasLibrary::gemm(int m, int n, int k, const double* a, const double* b, double* c) const {
    m_dgemm(kCblasRowMajor, kCblasNoTrans, kCblasNoTrans, m, n, k, 1.0, a, k, b, n, 0.0, c, n);
}

} // namespace linscape::engine::detail
