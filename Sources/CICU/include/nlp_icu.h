// Plain C API over ICU: word boundaries, normalization, case mapping and character classes.
//
// This header deliberately includes no ICU header. Foundation bundles its own ICU, so a Swift
// module that imports Foundation cannot also see the system's ICU headers; ICU stays inside
// nlp_icu.c.
// The names here are stable (no ICU version suffix), so nothing outside this target depends on the
// ICU version it was built against.
//
// Conventions:
// - Text is UTF-8 at this boundary; lengths and offsets are in bytes. A negative length means the
//   input is NUL-terminated.
// - Invalid UTF-8 input is not an error: each ill-formed sequence reads as U+FFFD.
// - `error_code` receives an ICU UErrorCode value (ICU keeps these numbers stable across
//   versions): 0 is success, negative values are warnings (also success), positive values are
//   failures. nlp_icu_error_name() names any of them. Every function sets it; it may not be NULL.
// - Nothing here prints, exits or aborts.
#ifndef NLP_ICU_H
#define NLP_ICU_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// MARK: - Errors and version

/// ICU's U_ZERO_ERROR: no error.
enum { NLP_ICU_OK = 0 };

/// ICU's symbolic name for an error code (e.g. "U_BUFFER_OVERFLOW_ERROR"); never NULL, static
/// storage.
const char *nlp_icu_error_name(int32_t error_code);

/// The version of the ICU library loaded at run time (u_getVersion), e.g. "72.1"; static storage.
const char *nlp_icu_version(void);

// MARK: - Word boundaries

/// What a word-break segment holds. ICU's rule status ranges (UBRK_WORD_*) are mapped to these
/// stable values, with two refinements of this library's own: ICU's CJK dictionary reports every
/// word as ideographic, so dictionary words made only of hiragana/katakana become NLP_WORD_KANA;
/// and segments in ICU's "none" range that start with an emoji (Extended_Pictographic or a
/// regional indicator) become NLP_WORD_EMOJI.
enum {
    NLP_WORD_NONE = 0,    ///< Spaces, punctuation, symbols: not a word.
    NLP_WORD_NUMBER = 1,  ///< A number, e.g. "3.14".
    NLP_WORD_LETTER = 2,  ///< Letters, e.g. "don't", "café", Thai words.
    NLP_WORD_KANA = 3,    ///< Only hiragana or katakana, e.g. "テキスト", "の".
    NLP_WORD_IDEO = 4,    ///< Ideographs (CJK), segmented by ICU's dictionary.
    NLP_WORD_EMOJI = 5,   ///< An emoji (with its modifiers / ZWJ sequence), or a flag.
};

/// An ICU word-break iterator. Not thread safe: use one per thread.
typedef struct nlp_word_breaker nlp_word_breaker;

/// Opens a word-break iterator with the rules of `locale` (e.g. "en_US", "ja", "th"; NULL means
/// ICU's default locale). Returns NULL on failure, with the reason in *error_code.
nlp_word_breaker *nlp_word_breaker_open(const char *locale, int32_t *error_code);

/// Releases the iterator. NULL is allowed.
void nlp_word_breaker_close(nlp_word_breaker *breaker);

/// Splits `length` bytes of UTF-8 at `utf8` into word-break segments, which cover the text
/// without gaps: segment i is the byte range [starts[i], ends[i]) and kinds[i] is one of the
/// NLP_WORD_* values.
///
/// Returns the total number of segments (0 for empty text). When it exceeds `capacity`, only the
/// first `capacity` segments are written: retry with arrays of at least the returned size. The
/// arrays may be NULL when `capacity` is 0 (pure counting). Returns -1 on failure, with the reason
/// in *error_code. The iterator keeps no reference to `utf8` after returning.
int32_t nlp_word_breaker_segment(nlp_word_breaker *breaker, const char *utf8, int32_t length,
                                 int32_t *starts, int32_t *ends, int32_t *kinds, int32_t capacity,
                                 int32_t *error_code);

/// Attaches `length` bytes of UTF-8 at `utf8` to the breaker for nlp_word_breaker_next(), which
/// then walks the text from its start. The caller keeps the bytes alive and unchanged until the
/// next nlp_word_breaker_set_text(), nlp_word_breaker_detach() or nlp_word_breaker_segment() call.
/// Returns 0, or -1 on failure with the reason in *error_code.
int32_t nlp_word_breaker_set_text(nlp_word_breaker *breaker, const char *utf8, int32_t length,
                                  int32_t *error_code);

/// Writes the next segments of the attached text (up to `capacity`) as byte ranges
/// [starts[i], ends[i]) with kinds[i] one of NLP_WORD_*; when `words_only` is non-zero,
/// NLP_WORD_NONE segments are skipped. Returns how many were written: fewer than `capacity` only
/// at the end of the text, 0 once the text is exhausted (or when no text is attached). Creates
/// no per-segment objects: this is the fast loop for tokenizers.
int32_t nlp_word_breaker_next(nlp_word_breaker *breaker, int32_t *starts, int32_t *ends,
                              int32_t *kinds, int32_t capacity, int32_t words_only);

/// Detaches the text given to nlp_word_breaker_set_text(), so the breaker keeps no reference to
/// the caller's buffer. NULL is allowed.
void nlp_word_breaker_detach(nlp_word_breaker *breaker);

// MARK: - Normalization and case mapping

/// Text transformations for nlp_icu_transform().
enum {
    NLP_ICU_NFC = 0,            ///< Canonical composition.
    NLP_ICU_NFD = 1,            ///< Canonical decomposition.
    NLP_ICU_NFKC = 2,           ///< Compatibility composition ("ﬁ" → "fi", "Ａ" → "A").
    NLP_ICU_NFKD = 3,           ///< Compatibility decomposition.
    NLP_ICU_NFKC_CASEFOLD = 4,  ///< NFKC, case folding and removal of default-ignorables.
    NLP_ICU_FOLD_CASE = 5,      ///< Full case folding (u_strFoldCase), e.g. "ß" → "ss".
    NLP_ICU_LOWERCASE = 6,      ///< Full lower-casing with the root locale (u_strToLower).
};

/// Applies `operation` (an NLP_ICU_* transformation) to `src_len` bytes of UTF-8 at `src`,
/// writing UTF-8 to `dst` (not NUL-terminated unless there is room to spare).
///
/// Returns the length in bytes of the complete result. When it exceeds `dst_capacity`, the
/// contents of `dst` are unspecified: call again with a buffer of at least the returned size.
/// `dst` may be NULL when `dst_capacity` is 0 (preflighting). Returns -1 on failure (unknown
/// operation, result longer than INT32_MAX, out of memory), with the reason in *error_code.
int32_t nlp_icu_transform(int32_t operation, const char *src, int32_t src_len, char *dst,
                          int32_t dst_capacity, int32_t *error_code);

// MARK: - Character classes

/// 1 when `codepoint` is punctuation (general category P*, u_ispunct), else 0.
int nlp_icu_is_punctuation(int32_t codepoint);
/// 1 when `codepoint` is a symbol (general category Sm, Sc, Sk or So), else 0.
int nlp_icu_is_symbol(int32_t codepoint);
/// 1 when `codepoint` has the Unicode White_Space property (u_isUWhiteSpace), else 0.
int nlp_icu_is_whitespace(int32_t codepoint);
/// 1 when `codepoint` is a decimal digit (general category Nd, u_isdigit), else 0.
int nlp_icu_is_digit(int32_t codepoint);

#ifdef __cplusplus
}
#endif
#endif
