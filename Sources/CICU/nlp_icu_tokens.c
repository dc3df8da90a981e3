// The tokenizer's ICU loop behind nlp_icu_tokens.h: the text is converted to UTF-16 once,
// normalized and case-mapped in UTF-16, split by a UTF-16 break iterator (faster than one over
// UTF-8), and each token is written back as UTF-8 into a reusable buffer, with punctuation
// stripped on the way. Nothing is allocated per token.
#include "nlp_icu.h"
#include "nlp_icu_tokens.h"
#include "nlp_icu_utf16.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

/// Buffers larger than this (in units or bytes) are released on detach, so that idle streams in
/// a pool hold little memory.
enum { KEEP_LIMIT = 1 << 20, INITIAL_OUTPUT = 1 << 13 };

struct nlp_token_stream {
    UBreakIterator *iterator;
    /// The attached UTF-16 text is in buffers.text.
    utf16_buffers buffers;
    const UChar *attached;
    int32_t attached_length;
    /// Start of the next segment, or -1 when no text is attached or it is exhausted.
    int32_t position;
    int32_t options;
    /// A segment found by the previous nlp_token_stream_next() that did not fit its batch.
    int32_t pending_end, pending_status;
    uint8_t *output;
    int32_t output_capacity;
    /// u_ispunct() for the ASCII range.
    uint8_t ascii_punctuation[128];
};

nlp_token_stream *nlp_token_stream_open(const char *locale, int32_t *error_code) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *iterator = ubrk_open(UBRK_WORD, locale, NULL, 0, &status);
    if (U_FAILURE(status)) {
        *error_code = status;
        return NULL;
    }
    nlp_token_stream *stream = calloc(1, sizeof *stream);
    if (stream == NULL) {
        ubrk_close(iterator);
        *error_code = U_MEMORY_ALLOCATION_ERROR;
        return NULL;
    }
    stream->iterator = iterator;
    stream->position = -1;
    stream->pending_end = -1;
    for (UChar32 c = 0; c < 128; c++) stream->ascii_punctuation[c] = u_ispunct(c) ? 1 : 0;
    *error_code = status;  // may be a warning such as U_USING_DEFAULT_WARNING
    return stream;
}

void nlp_token_stream_close(nlp_token_stream *stream) {
    if (stream == NULL) return;
    ubrk_close(stream->iterator);
    nlp_utf16_release(&stream->buffers.text);
    nlp_utf16_release(&stream->buffers.mapped);
    free(stream->output);
    free(stream);
}

/// Forgets the attached text. The iterator may keep pointing into stream->buffers.text (our own
/// buffer), which nlp_token_stream_next() never reads without attached text.
static void reset(nlp_token_stream *stream) {
    stream->attached = NULL;
    stream->attached_length = 0;
    stream->position = -1;
    stream->pending_end = -1;
}

void nlp_token_stream_detach(nlp_token_stream *stream) {
    if (stream == NULL) return;
    reset(stream);
    utf16_buffers *buffers = &stream->buffers;
    if (buffers->text.capacity > KEEP_LIMIT || buffers->mapped.capacity > KEEP_LIMIT) {
        // Point the iterator away from the buffers before they go.
        UErrorCode status = U_ZERO_ERROR;
        static const UChar empty[1] = {0};
        ubrk_setText(stream->iterator, empty, 0, &status);
        nlp_utf16_release(&stream->buffers.text);
        nlp_utf16_release(&stream->buffers.mapped);
    }
    if (stream->output_capacity > KEEP_LIMIT) {
        free(stream->output);
        stream->output = NULL;
        stream->output_capacity = 0;
    }
}

int32_t nlp_token_stream_set_text(nlp_token_stream *stream, const char *utf8, int32_t length,
                                  int32_t normalization, int32_t options, int32_t *error_code) {
    if (stream == NULL || (utf8 == NULL && length != 0) || length < 0) {
        *error_code = U_ILLEGAL_ARGUMENT_ERROR;
        return -1;
    }
    reset(stream);
    if (utf8 == NULL) utf8 = "";
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *normalizer = NULL;
    if (normalization != NLP_TOKENS_NO_NORMALIZATION) {
        normalizer = nlp_utf16_normalizer(normalization, &status);
        if (U_FAILURE(status)) goto failed;
    }
    // UTF-8 never has fewer bytes than its UTF-16 has units.
    if (!nlp_utf16_reserve(&stream->buffers.text, length > 0 ? length : 1)) {
        status = U_MEMORY_ALLOCATION_ERROR;
        goto failed;
    }
    const int32_t case_mapping = (options & NLP_TOKENS_FOLD_CASE)   ? NLP_UTF16_FOLD_CASE
                                 : (options & NLP_TOKENS_LOWERCASE) ? NLP_UTF16_LOWERCASE
                                                                    : 0;
    const int maps_case = case_mapping != 0;
    int has_non_ascii = 0;
    // ASCII letters are mapped during the conversion, unless a normalization comes first.
    utf16_buffers *buffers = &stream->buffers;
    int32_t units = nlp_utf16_from_utf8(buffers, (const uint8_t *)utf8, length,
                                        maps_case && normalizer == NULL, &has_non_ascii);
    if (normalizer != NULL) {
        units = nlp_utf16_transform(buffers, units, normalizer, 0, &status);
        if (units < 0) goto failed;
        if (maps_case) units = nlp_utf16_transform(buffers, units, NULL, case_mapping, &status);
    } else if (maps_case && has_non_ascii) {
        units = nlp_utf16_map_case_in_spans(buffers, units, case_mapping, &status);
    }
    if (units < 0) goto failed;
    ubrk_setText(stream->iterator, stream->buffers.text.units, units, &status);
    if (U_FAILURE(status)) goto failed;
    stream->attached = stream->buffers.text.units;
    stream->attached_length = units;
    stream->options = options;
    stream->position = ubrk_first(stream->iterator);
    *error_code = U_ZERO_ERROR;
    return 0;

failed:
    nlp_token_stream_detach(stream);
    *error_code = status;
    return -1;
}

// MARK: - Segments

/// 1 when every code point of [start, end) is used by Hiragana or Katakana (Script_Extensions),
/// as in nlp_icu.c.
static int is_all_kana(const UChar *text, int32_t start, int32_t end) {
    int32_t i = start;
    while (i < end) {
        UChar32 c;
        U16_NEXT(text, i, end, c);
        if (!uscript_hasScript(c, USCRIPT_HIRAGANA) && !uscript_hasScript(c, USCRIPT_KATAKANA))
            return 0;
    }
    return 1;
}

/// The NLP_WORD_* kind of the segment [start, end) with ICU rule status `rule_status`: the same
/// mapping as segment_kind() in nlp_icu.c, on UTF-16.
static int32_t segment_kind(int32_t rule_status, const UChar *text, int32_t start, int32_t end) {
    if (rule_status >= UBRK_WORD_LETTER && rule_status < UBRK_WORD_LETTER_LIMIT)
        return NLP_WORD_LETTER;
    if (rule_status >= UBRK_WORD_NUMBER && rule_status < UBRK_WORD_NUMBER_LIMIT)
        return NLP_WORD_NUMBER;
    if (rule_status >= UBRK_WORD_IDEO && rule_status < UBRK_WORD_IDEO_LIMIT)
        return is_all_kana(text, start, end) ? NLP_WORD_KANA : NLP_WORD_IDEO;
    if (rule_status >= UBRK_WORD_KANA && rule_status < UBRK_WORD_KANA_LIMIT) return NLP_WORD_KANA;
    if (text[start] < 0x80) return NLP_WORD_NONE;
    UChar32 c;
    U16_GET(text, start, start, end, c);
    if (u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC) ||
        u_hasBinaryProperty(c, UCHAR_REGIONAL_INDICATOR))
        return NLP_WORD_EMOJI;
    return NLP_WORD_NONE;
}

// MARK: - Tokens

/// Writes text[start, end) as UTF-8 at `out`, without leading white space when `kind` is
/// NLP_WORD_NONE and without punctuation in words and numbers when `strip` is set. `out` has
/// room for 3 bytes per unit. Returns the number of bytes written.
static int32_t write_token(const nlp_token_stream *stream, const UChar *text, int32_t start,
                           int32_t end, int32_t kind, int strip, uint8_t *out) {
    int32_t i = start;
    if (kind == NLP_WORD_NONE) {
        strip = 0;
        while (i < end) {
            int32_t next = i;
            UChar32 c;
            U16_NEXT(text, next, end, c);
            if (!u_isUWhiteSpace(c)) break;
            i = next;
        }
    } else if (kind == NLP_WORD_EMOJI) {
        strip = 0;
    }
    int32_t written = 0;
    if (!strip) {  // the common case of plain words: narrow ASCII units without tests
        while (i < end && text[i] < 0x80) out[written++] = (uint8_t)text[i++];
    }
    while (i < end) {
        UChar unit = text[i];
        if (unit < 0x80) {
            i++;
            if (!(strip && stream->ascii_punctuation[unit])) out[written++] = (uint8_t)unit;
            continue;
        }
        UChar32 c;
        U16_NEXT(text, i, end, c);
        if (strip && u_ispunct(c)) continue;
        U8_APPEND_UNSAFE(out, written, c);
    }
    return written;
}

/// Makes room for `bytes` bytes of output. Returns 0 when out of memory.
static int reserve_output(nlp_token_stream *stream, int64_t bytes) {
    if (bytes <= stream->output_capacity) return 1;
    if (bytes < INITIAL_OUTPUT) bytes = INITIAL_OUTPUT;
    if (bytes > INT32_MAX) return 0;
    uint8_t *output = realloc(stream->output, (size_t)bytes);
    if (output == NULL) return 0;
    stream->output = output;
    stream->output_capacity = (int32_t)bytes;
    return 1;
}

int32_t nlp_token_stream_next(nlp_token_stream *stream, const uint8_t **bytes, int32_t *ends,
                              int32_t *kinds, int32_t capacity, int32_t *error_code) {
    if (bytes == NULL || (capacity > 0 && (ends == NULL || kinds == NULL))) {
        *error_code = U_ILLEGAL_ARGUMENT_ERROR;
        return -1;
    }
    *error_code = U_ZERO_ERROR;
    *bytes = NULL;
    if (stream == NULL || stream->attached == NULL || stream->position < 0 || capacity <= 0)
        return 0;
    if (stream->output == NULL && !reserve_output(stream, INITIAL_OUTPUT)) {
        *error_code = U_MEMORY_ALLOCATION_ERROR;
        return -1;
    }
    UBreakIterator *iterator = stream->iterator;
    const UChar *text = stream->attached;
    const int keeps_punctuation = (stream->options & NLP_TOKENS_KEEP_PUNCTUATION) != 0;
    const int strip = (stream->options & NLP_TOKENS_STRIP_PUNCTUATION) != 0;
    int32_t start = stream->position;
    int32_t count = 0;
    int32_t used = 0;
    while (count < capacity) {
        int32_t end, rule_status;
        if (stream->pending_end >= 0) {
            end = stream->pending_end;
            rule_status = stream->pending_status;
            stream->pending_end = -1;
        } else {
            end = ubrk_next(iterator);
            if (end == UBRK_DONE) {
                start = -1;
                break;
            }
            rule_status = ubrk_getRuleStatus(iterator);
        }
        // Spaces and punctuation (kind "none", status 0–99) need no further look-up when they
        // are skipped, unless they may be emoji (which are never ASCII).
        if (rule_status < UBRK_WORD_NONE_LIMIT && !keeps_punctuation && text[start] < 0x80) {
            start = end;
            continue;
        }
        int32_t kind = segment_kind(rule_status, text, start, end);
        if (kind == NLP_WORD_NONE && !keeps_punctuation) {
            start = end;
            continue;
        }
        int64_t needed = (int64_t)used + 3 * (int64_t)(end - start);
        if (needed > stream->output_capacity) {
            if (count > 0) {  // this batch is full: keep the segment for the next one
                stream->pending_end = end;
                stream->pending_status = rule_status;
                break;
            }
            if (!reserve_output(stream, needed)) {
                stream->pending_end = end;
                stream->pending_status = rule_status;
                stream->position = start;
                *error_code = U_MEMORY_ALLOCATION_ERROR;
                return -1;
            }
        }
        int32_t written = write_token(stream, text, start, end, kind, strip, stream->output + used);
        start = end;
        if (written == 0) continue;
        used += written;
        ends[count] = used;
        kinds[count] = kind;
        count++;
    }
    stream->position = start;
    *bytes = stream->output;
    return count;
}
