// Plain C API for the tokenizer's ICU loop: normalization, case mapping, word breaking and
// per-token punctuation handling in one pass over UTF-16, with tokens handed out in batches of
// UTF-8 bytes. Conventions as in nlp_icu.h (UTF-8 at the boundary, ICU error codes, no output).
#ifndef NLP_ICU_TOKENS_H
#define NLP_ICU_TOKENS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Options of nlp_token_stream_set_text(), combined with `|`.
enum {
    NLP_TOKENS_LOWERCASE = 1,           ///< Full lower-casing, root locale (u_strToLower).
    NLP_TOKENS_FOLD_CASE = 2,           ///< Full case folding (u_strFoldCase); wins over LOWERCASE.
    NLP_TOKENS_STRIP_PUNCTUATION = 4,   ///< Remove punctuation (P*, u_ispunct) inside words and
                                        ///< numbers; tokens left empty are skipped.
    NLP_TOKENS_KEEP_PUNCTUATION = 8,    ///< Also emit NLP_WORD_NONE segments, without their
                                        ///< leading white space; white space alone is skipped.
};

/// No normalization, for nlp_token_stream_set_text()'s `normalization`.
enum { NLP_TOKENS_NO_NORMALIZATION = -1 };

/// A word breaker with the buffers of a tokenizer. Not thread safe: use one per thread.
typedef struct nlp_token_stream nlp_token_stream;

/// Opens a stream with the word-break rules of `locale` (NULL: ICU's default locale). Returns
/// NULL on failure, with the reason in *error_code.
nlp_token_stream *nlp_token_stream_open(const char *locale, int32_t *error_code);

/// Releases the stream. NULL is allowed.
void nlp_token_stream_close(nlp_token_stream *stream);

/// Converts `length` bytes of well-formed UTF-8 at `utf8` to UTF-16 (ill-formed sequences read as
/// U+FFFD), applies `normalization` (an NLP_ICU_NFC … NLP_ICU_NFKC_CASEFOLD value of nlp_icu.h,
/// or NLP_TOKENS_NO_NORMALIZATION), then the case mapping in `options`, and attaches the result
/// for nlp_token_stream_next(). The stream copies the text: `utf8` may change afterwards.
/// Returns 0, or -1 on failure (bad argument, out of memory) with the reason in *error_code.
int32_t nlp_token_stream_set_text(nlp_token_stream *stream, const char *utf8, int32_t length,
                                  int32_t normalization, int32_t options, int32_t *error_code);

/// Writes up to `capacity` next tokens of the attached text: token i is the UTF-8 byte range
/// [i == 0 ? 0 : ends[i - 1], ends[i]) of *bytes, and kinds[i] is its NLP_WORD_* kind. Segments
/// of kind NLP_WORD_NONE are skipped unless the options include NLP_TOKENS_KEEP_PUNCTUATION.
/// *bytes points into the stream's own buffer, valid until the next call on the stream.
/// Returns the number of tokens: 0 once the text is exhausted; fewer than `capacity` does not
/// mean the end. Returns -1 when out of memory or when an array is NULL, with the reason in
/// *error_code.
int32_t nlp_token_stream_next(nlp_token_stream *stream, const uint8_t **bytes, int32_t *ends,
                              int32_t *kinds, int32_t capacity, int32_t *error_code);

/// Detaches the text and releases large buffers. NULL is allowed.
void nlp_token_stream_detach(nlp_token_stream *stream);

#ifdef __cplusplus
}
#endif
#endif
