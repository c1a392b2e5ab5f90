// Run-time access to a CBLAS library (OpenBLAS, BLIS) for the benchmark only: loaded with dlopen
// so the engine never needs one to build or run. Both export the same cblas_* symbols, so each is
// opened RTLD_LOCAL (and RTLD_DEEPBIND where the sanitizers allow) to keep them apart.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace linscape::engine::detail {

class CblasLibrary {
public:
    // Tries each candidate path in turn; nullptr (with the reason in whyNot) when none loads or
    // the library lacks cblas_sgemm/cblas_dgemm.
    static std::unique_ptr<CblasLibrary>
    open(const std::string& name, const std::vector<std::string>& candidates, std::string& whyNot);
    ~CblasLibrary();
    CblasLibrary(const CblasLibrary&) = delete;
    CblasLibrary& operator=(const CblasLibrary&) = delete;

    const std::string& name() const { return m_name; }
    const std::string& path() const { return m_path; }
    std::string detail() const; // version and kernel configuration, as the library reports them

    void setThreads(unsigned threads);
    // C = A B, row-major, no transposes: the product the benchmark times.
    void gemm(int m, int n, int k, const float* a, const float* b, float* c) const;
    void gemm(int m, int n, int k, const double* a, const double* b, double* c) const;

private:
    CblasLibrary() = default;
    void* symbol(const char* name) const;

    std::string m_name, m_path;
    void* m_handle = nullptr;
    using Sgemm = void (*)(int, int, int, int, int, int, float, const float*, int, const float*,
                           int, float, float*, int);
    using Dgemm = void (*)(int, int, int, int, int, int, double, const double*, int, const double*,
                           int, double, double*, int);
    Sgemm m_sgemm = nullptr;
    Dgemm m_dgemm = nullptr;
};

// The libraries the benchmark looks for, with their usual Debian/Ubuntu locations.
std::vector<std::pair<std::string, std::vector<std::string>>> knownCblasLibraries();

} // namespace linscape::engine::detail
