// Loads OpenBLAS with dlopen after choosing its kernel from the CPU's features.
//
// Why: Debian's OpenBLAS 0.3.21 (DYNAMIC_ARCH) picks its kernel in a constructor that runs when the
// library is loaded, and it does not know newer AVX-512 CPUs (AMD Zen 4/5, recent Xeons): it falls
// back to "Prescott" and runs sgemm ~5x slower. It honours OPENBLAS_CORETYPE, but only if the
// variable is set before the library loads, which is before main for a linked library. So the
// toolkit does not link libopenblas: this file sets the core type (unless the user already did) and
// the worker threads' polling time (see load_library), then dlopens the library. If a copy was
// already loaded by someone else with the wrong kernel, the exported gotoblas_dynamic_quit/init
// pair re-runs the selection.
#define _GNU_SOURCE
#include "nlp_blas.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef void (*sgemm_fn)(int, int, int, int, int, int, float, const float *, int, const float *,
                         int, float, float *, int);
typedef void (*sgemv_fn)(int, int, int, int, float, const float *, int, const float *, int, float,
                         float *, int);
typedef float (*sdot_fn)(int, const float *, int, const float *, int);
typedef void (*saxpy_fn)(int, float, const float *, int, float *, int);
typedef void (*sscal_fn)(int, float, float *, int);
typedef float (*snrm2_fn)(int, const float *, int);
typedef char *(*string_fn)(void);
typedef int (*get_int_fn)(void);
typedef void (*set_int_fn)(int);
typedef void (*void_fn)(void);

enum { CBLAS_ROW_MAJOR = 101 };

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static int loaded = 0;
static char load_error[512];
static const char *library_name = NULL;
static char requested[32] = "";
static const char *coretype_source = "openblas";
static const char *thread_timeout_source = "environment";

static sgemm_fn p_sgemm;
static sgemv_fn p_sgemv;
static sdot_fn p_sdot;
static saxpy_fn p_saxpy;
static sscal_fn p_sscal;
static snrm2_fn p_snrm2;
static string_fn p_corename;
static string_fn p_config;
static get_int_fn p_get_threads;
static set_int_fn p_set_threads;

/// The OpenBLAS core type that fits this CPU, or NULL to keep OpenBLAS's own detection.
static const char *coretype_for_this_cpu(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
        __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq"))
        return "SkylakeX";
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
        return "Haswell";
#endif
    return NULL;
}

/// Case-insensitive prefix match: OpenBLAS reports "Skylakex"/"SkylakeX" depending on version.
static int same_core(const char *a, const char *b) { return a && b && strcasecmp(a, b) == 0; }

static void load_library(void) {
    const char *user = getenv("OPENBLAS_CORETYPE");
    if (user && *user) {
        coretype_source = "environment";
        snprintf(requested, sizeof requested, "%s", user);
    } else {
        const char *chosen = coretype_for_this_cpu();
        if (chosen) {
            coretype_source = "cpu";
            snprintf(requested, sizeof requested, "%s", chosen);
            setenv("OPENBLAS_CORETYPE", chosen, 0);
        }
    }

    // After each call OpenBLAS's worker threads poll for the next one for 2^timeout cycles
    // (default 2^28, about 0.1 s), yielding in between. The recurrent layers run their time loops
    // on threads of their own between BLAS calls, and a polling BLAS thread takes CPU time from
    // them: a 2 x LSTM(256) language model trained at 65-70k chars/s on 2 cores with 2^4 or 2^16
    // and 50k with the default, 64k with 2^20. 2^16 cycles (~20 us) still catches back-to-back calls.
    if (!getenv("OPENBLAS_THREAD_TIMEOUT") && !getenv("GOTO_THREAD_TIMEOUT")) {
        setenv("OPENBLAS_THREAD_TIMEOUT", "16", 0);
        thread_timeout_source = "toolkit";
    }

    // NLP_OPENBLAS_LIBRARY names another OpenBLAS build (a path or a soname) to use instead.
    static const char *candidates[] = {"libopenblas.so.0", "libopenblas.so",
                                       "libopenblasp.so.0", NULL};
    const char *chosen_library[] = {getenv("NLP_OPENBLAS_LIBRARY"), NULL};
    const char **names = chosen_library[0] && *chosen_library[0] ? chosen_library : candidates;
    void *handle = NULL;
    char first_error[256] = "";
    for (int i = 0; names[i] && !handle; i++) {
        handle = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
        if (handle) {
            library_name = names[i];
        } else if (i == 0) {
            // Report the usual library's reason, not the last fallback's.
            const char *reason = dlerror();
            snprintf(first_error, sizeof first_error, "%s", reason ? reason : "unknown error");
        }
    }
    if (!handle) {
        snprintf(load_error, sizeof load_error,
                 "OpenBLAS could not be loaded (%s); install it with "
                 "`apt-get install libopenblas0` (or libopenblas-dev)",
                 first_error);
        return;
    }
    p_sgemm = (sgemm_fn)dlsym(handle, "cblas_sgemm");
    p_sgemv = (sgemv_fn)dlsym(handle, "cblas_sgemv");
    p_sdot = (sdot_fn)dlsym(handle, "cblas_sdot");
    p_saxpy = (saxpy_fn)dlsym(handle, "cblas_saxpy");
    p_sscal = (sscal_fn)dlsym(handle, "cblas_sscal");
    p_snrm2 = (snrm2_fn)dlsym(handle, "cblas_snrm2");
    p_corename = (string_fn)dlsym(handle, "openblas_get_corename");
    p_config = (string_fn)dlsym(handle, "openblas_get_config");
    p_get_threads = (get_int_fn)dlsym(handle, "openblas_get_num_threads");
    p_set_threads = (set_int_fn)dlsym(handle, "openblas_set_num_threads");
    if (!p_sgemm || !p_sgemv || !p_sdot || !p_saxpy || !p_sscal || !p_snrm2) {
        snprintf(load_error, sizeof load_error,
                 "%s was loaded but lacks the CBLAS functions (cblas_sgemm ...)", library_name);
        return;
    }

    // Already loaded by another component with its own (wrong) choice: redo the selection.
    if (requested[0] && p_corename && !same_core(p_corename(), requested)) {
        void_fn quit = (void_fn)dlsym(handle, "gotoblas_dynamic_quit");
        void_fn init = (void_fn)dlsym(handle, "gotoblas_dynamic_init");
        if (quit && init) {
            setenv("OPENBLAS_CORETYPE", requested, 1);
            quit();
            init();
        }
    }
    loaded = 1;
}

int nlp_blas_load(void) {
    pthread_once(&load_once, load_library);
    return loaded;
}

/// Runs before main (while the process has one thread, so setenv is safe).
__attribute__((constructor)) static void nlp_blas_load_early(void) { nlp_blas_load(); }

const char *nlp_blas_thread_timeout_source(void) {
    nlp_blas_load();
    return thread_timeout_source;
}
const char *nlp_blas_load_error(void) { return nlp_blas_load() ? NULL : load_error; }
const char *nlp_blas_library(void) { return nlp_blas_load() ? library_name : NULL; }
const char *nlp_blas_corename(void) {
    return nlp_blas_load() && p_corename ? p_corename() : "unavailable";
}
const char *nlp_blas_config(void) {
    return nlp_blas_load() && p_config ? p_config() : "unavailable";
}
const char *nlp_blas_requested_coretype(void) {
    nlp_blas_load();
    return requested;
}
const char *nlp_blas_cpu_coretype(void) {
    const char *chosen = coretype_for_this_cpu();
    return chosen ? chosen : "";
}
const char *nlp_blas_coretype_source(void) {
    nlp_blas_load();
    return coretype_source;
}
int nlp_blas_num_threads(void) {
    return nlp_blas_load() && p_get_threads ? p_get_threads() : 1;
}
void nlp_blas_set_num_threads(int threads) {
    if (nlp_blas_load() && p_set_threads) p_set_threads(threads);
}

/// Every entry point checks the load; calling BLAS when it is missing is a programming error that
/// the Swift layer reports with a message before it gets here.
static inline void require_blas(void) {
    if (__builtin_expect(!loaded, 0) && !nlp_blas_load()) {
        fprintf(stderr, "fatal: %s\n", load_error);
        abort();
    }
}

void nlp_sgemm(int trans_a, int trans_b, int m, int n, int k, float alpha, const float *a, int lda,
               const float *b, int ldb, float beta, float *c, int ldc) {
    require_blas();
    p_sgemm(CBLAS_ROW_MAJOR, trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}
void nlp_sgemv(int trans, int m, int n, float alpha, const float *a, int lda, const float *x,
               int incx, float beta, float *y, int incy) {
    require_blas();
    p_sgemv(CBLAS_ROW_MAJOR, trans, m, n, alpha, a, lda, x, incx, beta, y, incy);
}
float nlp_sdot(int n, const float *x, int incx, const float *y, int incy) {
    require_blas();
    return p_sdot(n, x, incx, y, incy);
}
void nlp_saxpy(int n, float alpha, const float *x, int incx, float *y, int incy) {
    require_blas();
    p_saxpy(n, alpha, x, incx, y, incy);
}
void nlp_sscal(int n, float alpha, float *x, int incx) {
    require_blas();
    p_sscal(n, alpha, x, incx);
}
float nlp_snrm2(int n, const float *x, int incx) {
    require_blas();
    return p_snrm2(n, x, incx);
}
