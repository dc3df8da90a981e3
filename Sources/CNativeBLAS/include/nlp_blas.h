// Plain C API over OpenBLAS, loaded at run time with the CPU's optimized kernels selected.
#ifndef NLP_BLAS_H
#define NLP_BLAS_H

#ifdef __cplusplus
extern "C" {
#endif

/// Transpose flags, with CBLAS's values.
enum { NLP_BLAS_NO_TRANS = 111, NLP_BLAS_TRANS = 112 };

/// Loads OpenBLAS once (thread safe). Returns 1 when BLAS is usable, 0 otherwise; the reason is
/// then in nlp_blas_load_error(). Called automatically before main and by every BLAS call.
int nlp_blas_load(void);
/// Why loading failed, or NULL when it did not.
const char *nlp_blas_load_error(void);
/// The path of the loaded library as dlopen was asked for it, or NULL.
const char *nlp_blas_library(void);
/// OpenBLAS's name for the kernel in use (e.g. "SkylakeX"), or "unavailable".
const char *nlp_blas_corename(void);
/// OpenBLAS's build configuration string, or "unavailable".
const char *nlp_blas_config(void);
/// The core type this shim asked for (e.g. "SkylakeX"), "" when OpenBLAS's own detection was kept.
const char *nlp_blas_requested_coretype(void);
/// The core type this shim chooses for this CPU from CPUID ("SkylakeX", "Haswell"), or "" when
/// it leaves the choice to OpenBLAS; independent of OPENBLAS_CORETYPE.
const char *nlp_blas_cpu_coretype(void);
/// Where the core type came from: "cpu" (chosen from CPUID by this shim), "environment"
/// (OPENBLAS_CORETYPE set by the user) or "openblas" (OpenBLAS's own detection).
const char *nlp_blas_coretype_source(void);
/// Who set OpenBLAS's worker polling time: "toolkit" (OPENBLAS_THREAD_TIMEOUT=16, i.e. 2^16
/// cycles, set before loading) or "environment" (OPENBLAS_THREAD_TIMEOUT or GOTO_THREAD_TIMEOUT
/// set by the user).
const char *nlp_blas_thread_timeout_source(void);
int nlp_blas_num_threads(void);
void nlp_blas_set_num_threads(int threads);

/// Row-major C = alpha * op(A) * op(B) + beta * C, with op(A) m×k and op(B) k×n.
void nlp_sgemm(int trans_a, int trans_b, int m, int n, int k, float alpha, const float *a, int lda,
               const float *b, int ldb, float beta, float *c, int ldc);
/// Row-major y = alpha * op(A) * x + beta * y, with A m×n.
void nlp_sgemv(int trans, int m, int n, float alpha, const float *a, int lda, const float *x,
               int incx, float beta, float *y, int incy);
float nlp_sdot(int n, const float *x, int incx, const float *y, int incy);
void nlp_saxpy(int n, float alpha, const float *x, int incx, float *y, int incy);
void nlp_sscal(int n, float alpha, float *x, int incx);
float nlp_snrm2(int n, const float *x, int incx);

#ifdef __cplusplus
}
#endif
#endif
