// The tokenizer's ICU loop behind nlp_icu_tokens.h: the text is converted to UTF-16 once,
// normalized and case-mapped in UTF-16, split by a UTF-16 break iterator (faster than one over
// UTF-8), and each token is written back as UTF-8 into a reusable buffer, with punctuation
// stripped on the way. Nothing is allocated per token.
#include "nlp_icu.h"
#include "nlp_icu_tokens.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

/// A growable UTF-16 buffer.
typedef struct {
    UChar *units;
    int32_t capacity;
} units_buffer;

/// Buffers larger than this (in units or bytes) are released on detach, so that idle streams in
/// a pool hold little memory.
enum { KEEP_LIMIT = 1 << 20, INITIAL_OUTPUT = 1 << 13 };

struct nlp_token_stream {
    UBreakIterator *iterator;
    /// The attached UTF-16 text is in `text` (or `mapped`, after a transformation).
    units_buffer text, mapped;
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

static int reserve_units(units_buffer *buffer, int32_t capacity) {
    if (capacity <= buffer->capacity) return 1;
    UChar *units = realloc(buffer->units, (size_t)capacity * sizeof(UChar));
    if (units == NULL) return 0;
    buffer->units = units;
    buffer->capacity = capacity;
    return 1;
}

static void release_units(units_buffer *buffer) {
    free(buffer->units);
    buffer->units = NULL;
    buffer->capacity = 0;
}

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
    release_units(&stream->text);
    release_units(&stream->mapped);
    free(stream->output);
    free(stream);
}

/// Forgets the attached text. The iterator may keep pointing into stream->text (our own buffer),
/// which nlp_token_stream_next() never reads without attached text.
static void reset(nlp_token_stream *stream) {
    stream->attached = NULL;
    stream->attached_length = 0;
    stream->position = -1;
    stream->pending_end = -1;
}

void nlp_token_stream_detach(nlp_token_stream *stream) {
    if (stream == NULL) return;
    reset(stream);
    if (stream->text.capacity > KEEP_LIMIT || stream->mapped.capacity > KEEP_LIMIT) {
        // Point the iterator away from the buffers before they go.
        UErrorCode status = U_ZERO_ERROR;
        static const UChar empty[1] = {0};
        ubrk_setText(stream->iterator, empty, 0, &status);
        release_units(&stream->text);
        release_units(&stream->mapped);
    }
    if (stream->output_capacity > KEEP_LIMIT) {
        free(stream->output);
        stream->output = NULL;
        stream->output_capacity = 0;
    }
}

// MARK: - Text preparation

static const UNormalizer2 *normalizer_for(int32_t normalization, UErrorCode *status) {
    switch (normalization) {
    case NLP_ICU_NFC: return unorm2_getNFCInstance(status);
    case NLP_ICU_NFD: return unorm2_getNFDInstance(status);
    case NLP_ICU_NFKC: return unorm2_getNFKCInstance(status);
    case NLP_ICU_NFKD: return unorm2_getNFKDInstance(status);
    case NLP_ICU_NFKC_CASEFOLD: return unorm2_getNFKCCasefoldInstance(status);
    default: *status = U_ILLEGAL_ARGUMENT_ERROR; return NULL;
    }
}

/// Applies a normalization (`normalizer` non-NULL) or a case mapping (`options`) to
/// stream->text, leaving the result in stream->mapped; then swaps the two buffers, so that the
/// result is in stream->text. Returns the result's length, or -1 with *status set.
static int32_t transform(nlp_token_stream *stream, int32_t length, const UNormalizer2 *normalizer,
                         int32_t options, UErrorCode *status) {
    // Most transformations keep the length; a little slack avoids a second pass.
    int64_t wanted = (int64_t)length + length / 8 + 16;
    if (wanted > INT32_MAX) wanted = INT32_MAX;
    if (!reserve_units(&stream->mapped, (int32_t)wanted)) {
        *status = U_MEMORY_ALLOCATION_ERROR;
        return -1;
    }
    for (int attempt = 0; attempt < 2; attempt++) {
        UErrorCode result = U_ZERO_ERROR;
        UChar *out = stream->mapped.units;
        int32_t capacity = stream->mapped.capacity;
        int32_t mapped;
        if (normalizer != NULL)
            mapped = unorm2_normalize(normalizer, stream->text.units, length, out, capacity, &result);
        else if (options & NLP_TOKENS_FOLD_CASE)
            mapped = u_strFoldCase(out, capacity, stream->text.units, length, U_FOLD_CASE_DEFAULT,
                                   &result);
        else
            mapped = u_strToLower(out, capacity, stream->text.units, length, "", &result);
        if (result == U_BUFFER_OVERFLOW_ERROR && attempt == 0) {
            if (!reserve_units(&stream->mapped, mapped)) {
                *status = U_MEMORY_ALLOCATION_ERROR;
                return -1;
            }
            continue;
        }
        if (U_FAILURE(result)) {
            *status = result;
            return -1;
        }
        units_buffer swap = stream->text;
        stream->text = stream->mapped;
        stream->mapped = swap;
        return mapped;
    }
    *status = U_INTERNAL_PROGRAM_ERROR;
    return -1;
}

/// UTF-8 → UTF-16 into stream->text (which has room for `length` units), lower-casing ASCII
/// letters on the way when `lower_ascii` is set (the full mapping of every ASCII character, in
/// lower-casing and in case folding). Ill-formed sequences become U+FFFD (maximal subparts, as
/// u_strFromUTF8WithSub). Sets *has_non_ascii. Returns the number of units.
static int32_t to_utf16(nlp_token_stream *stream, const uint8_t *src, int32_t length, int lower_ascii,
                        int *has_non_ascii) {
    UChar *dst = stream->text.units;
    int32_t i = 0, written = 0;
    int non_ascii = 0;
    const uint8_t lower_bit = lower_ascii ? 0x20 : 0;
    while (i < length) {
        // Eight ASCII bytes at a time (the compiler vectorizes the inner loop).
        while (length - i >= 8) {
            uint64_t word;
            memcpy(&word, src + i, 8);
            if (word & 0x8080808080808080ull) break;
            for (int k = 0; k < 8; k++) {
                uint8_t ascii = src[i + k];
                dst[written + k] = (uint8_t)(ascii - 'A') < 26 ? (ascii | lower_bit) : ascii;
            }
            i += 8;
            written += 8;
        }
        if (i == length) break;
        uint8_t byte = src[i];
        if (byte < 0x80) {
            dst[written++] = (uint8_t)(byte - 'A') < 26 ? (byte | lower_bit) : byte;
            i++;
            continue;
        }
        non_ascii = 1;
        UChar32 c;
        U8_NEXT(src, i, length, c);
        if (c < 0) c = 0xFFFD;
        U16_APPEND_UNSAFE(dst, written, c);
    }
    *has_non_ascii = non_ascii;
    return written;
}

static inline int is_ascii_space(UChar unit) { return unit == 0x20 || (unit >= 0x09 && unit <= 0x0D); }

/// Case-maps `src` into stream->mapped at `*out`, growing it when needed. Returns 0 with *status
/// set on failure.
static int map_span(nlp_token_stream *stream, const UChar *src, int32_t length, int32_t options,
                    int32_t *out, UErrorCode *status) {
    for (int attempt = 0; attempt < 2; attempt++) {
        UErrorCode result = U_ZERO_ERROR;
        UChar *dst = stream->mapped.units + *out;
        int32_t capacity = stream->mapped.capacity - *out;
        int32_t mapped = (options & NLP_TOKENS_FOLD_CASE)
                             ? u_strFoldCase(dst, capacity, src, length, U_FOLD_CASE_DEFAULT, &result)
                             : u_strToLower(dst, capacity, src, length, "", &result);
        if (result == U_BUFFER_OVERFLOW_ERROR && attempt == 0) {
            int64_t wanted = (int64_t)*out + mapped + (stream->mapped.capacity >> 3) + 16;
            if (wanted > INT32_MAX || !reserve_units(&stream->mapped, (int32_t)wanted)) {
                *status = U_MEMORY_ALLOCATION_ERROR;
                return 0;
            }
            continue;
        }
        if (U_FAILURE(result)) {
            *status = result;
            return 0;
        }
        *out += mapped;
        return 1;
    }
    *status = U_INTERNAL_PROGRAM_ERROR;
    return 0;
}

static int copy_span(nlp_token_stream *stream, const UChar *src, int32_t length, int32_t *out) {
    if ((int64_t)*out + length > stream->mapped.capacity) {
        int64_t wanted = (int64_t)*out + length + (stream->mapped.capacity >> 3) + 16;
        if (wanted > INT32_MAX || !reserve_units(&stream->mapped, (int32_t)wanted)) return 0;
    }
    memcpy(stream->mapped.units + *out, src, (size_t)length * sizeof(UChar));
    *out += length;
    return 1;
}

/// Case-maps stream->text, whose ASCII letters are already mapped, by handing ICU only the
/// stretches with other characters: each runs from just after ASCII white space (or the start)
/// to just before ASCII white space (or the end), and stretches less than SPAN_GAP units apart
/// go together. White space is neither cased nor case-ignorable, so it ends the context of the
/// only context-dependent mapping of the root locale (Final_Sigma): the result is the same as
/// mapping the whole text. Swaps the result into stream->text. Returns its length, or -1.
enum { SPAN_GAP = 64 };
static int32_t map_case_in_spans(nlp_token_stream *stream, int32_t length, int32_t options,
                                 UErrorCode *status) {
    int64_t wanted = (int64_t)length + length / 8 + 16;
    if (wanted > INT32_MAX || !reserve_units(&stream->mapped, (int32_t)wanted)) {
        *status = U_MEMORY_ALLOCATION_ERROR;
        return -1;
    }
    const UChar *src = stream->text.units;
    int32_t out = 0, i = 0;
    while (i < length) {
        int32_t first = i;
        while (first < length && src[first] < 0x80) first++;
        int32_t start = first;
        while (start > i && start < length && !is_ascii_space(src[start - 1])) start--;
        if (!copy_span(stream, src + i, start - i, &out)) goto out_of_memory;
        if (start == length) break;
        int32_t end = first;
        for (;;) {
            while (end < length && !is_ascii_space(src[end])) end++;
            int32_t next = end;
            int32_t limit = length - end < SPAN_GAP ? length : end + SPAN_GAP;
            while (next < limit && src[next] < 0x80) next++;
            if (next == limit) break;
            end = next;
        }
        if (!map_span(stream, src + start, end - start, options, &out, status)) return -1;
        i = end;
    }
    units_buffer swap = stream->text;
    stream->text = stream->mapped;
    stream->mapped = swap;
    return out;

out_of_memory:
    *status = U_MEMORY_ALLOCATION_ERROR;
    return -1;
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
        normalizer = normalizer_for(normalization, &status);
        if (U_FAILURE(status)) goto failed;
    }
    // UTF-8 never has fewer bytes than its UTF-16 has units.
    if (!reserve_units(&stream->text, length > 0 ? length : 1)) {
        status = U_MEMORY_ALLOCATION_ERROR;
        goto failed;
    }
    const int maps_case = (options & (NLP_TOKENS_LOWERCASE | NLP_TOKENS_FOLD_CASE)) != 0;
    int has_non_ascii = 0;
    // ASCII letters are mapped during the conversion, unless a normalization comes first.
    int32_t units = to_utf16(stream, (const uint8_t *)utf8, length, maps_case && normalizer == NULL,
                             &has_non_ascii);
    if (normalizer != NULL) {
        units = transform(stream, units, normalizer, options, &status);
        if (units < 0) goto failed;
        if (maps_case) units = transform(stream, units, NULL, options, &status);
    } else if (maps_case && has_non_ascii) {
        units = map_case_in_spans(stream, units, options, &status);
    }
    if (units < 0) goto failed;
    ubrk_setText(stream->iterator, stream->text.units, units, &status);
    if (U_FAILURE(status)) goto failed;
    stream->attached = stream->text.units;
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
