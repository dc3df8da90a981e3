// Text preparation for the tokenizer's ICU loop: see nlp_icu_utf16.h.
#include "nlp_icu_utf16.h"

#include "nlp_icu.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

int nlp_utf16_reserve(units_buffer *buffer, int32_t capacity) {
    if (capacity <= buffer->capacity) return 1;
    UChar *units = realloc(buffer->units, (size_t)capacity * sizeof(UChar));
    if (units == NULL) return 0;
    buffer->units = units;
    buffer->capacity = capacity;
    return 1;
}

void nlp_utf16_release(units_buffer *buffer) {
    free(buffer->units);
    buffer->units = NULL;
    buffer->capacity = 0;
}

const UNormalizer2 *nlp_utf16_normalizer(int32_t normalization, UErrorCode *status) {
    switch (normalization) {
    case NLP_ICU_NFC: return unorm2_getNFCInstance(status);
    case NLP_ICU_NFD: return unorm2_getNFDInstance(status);
    case NLP_ICU_NFKC: return unorm2_getNFKCInstance(status);
    case NLP_ICU_NFKD: return unorm2_getNFKDInstance(status);
    case NLP_ICU_NFKC_CASEFOLD: return unorm2_getNFKCCasefoldInstance(status);
    default: *status = U_ILLEGAL_ARGUMENT_ERROR; return NULL;
    }
}

/// Applies a normalization (`normalizer` non-NULL) or a case mapping (`case_mapping`) to
/// buffers->text, leaving the result in buffers->mapped; then swaps the two buffers, so that the
/// result is in buffers->text. Returns the result's length, or -1 with *status set.
int32_t nlp_utf16_transform(utf16_buffers *buffers, int32_t length, const UNormalizer2 *normalizer,
                            int32_t case_mapping, UErrorCode *status) {
    // Most transformations keep the length; a little slack avoids a second pass.
    int64_t wanted = (int64_t)length + length / 8 + 16;
    if (wanted > INT32_MAX) wanted = INT32_MAX;
    if (!nlp_utf16_reserve(&buffers->mapped, (int32_t)wanted)) {
        *status = U_MEMORY_ALLOCATION_ERROR;
        return -1;
    }
    for (int attempt = 0; attempt < 2; attempt++) {
        UErrorCode result = U_ZERO_ERROR;
        UChar *out = buffers->mapped.units;
        int32_t capacity = buffers->mapped.capacity;
        int32_t mapped;
        if (normalizer != NULL)
            mapped =
                unorm2_normalize(normalizer, buffers->text.units, length, out, capacity, &result);
        else if (case_mapping == NLP_UTF16_FOLD_CASE)
            mapped = u_strFoldCase(out, capacity, buffers->text.units, length, U_FOLD_CASE_DEFAULT,
                                   &result);
        else
            mapped = u_strToLower(out, capacity, buffers->text.units, length, "", &result);
        if (result == U_BUFFER_OVERFLOW_ERROR && attempt == 0) {
            if (!nlp_utf16_reserve(&buffers->mapped, mapped)) {
                *status = U_MEMORY_ALLOCATION_ERROR;
                return -1;
            }
            continue;
        }
        if (U_FAILURE(result)) {
            *status = result;
            return -1;
        }
        units_buffer swap = buffers->text;
        buffers->text = buffers->mapped;
        buffers->mapped = swap;
        return mapped;
    }
    *status = U_INTERNAL_PROGRAM_ERROR;
    return -1;
}

/// UTF-8 → UTF-16 into buffers->text (which has room for `length` units), lower-casing ASCII
/// letters on the way when `lower_ascii` is set (the full mapping of every ASCII character, in
/// lower-casing and in case folding). Ill-formed sequences become U+FFFD (maximal subparts, as
/// u_strFromUTF8WithSub). Sets *has_non_ascii. Returns the number of units.
int32_t nlp_utf16_from_utf8(utf16_buffers *buffers, const uint8_t *src, int32_t length,
                            int lower_ascii, int *has_non_ascii) {
    UChar *dst = buffers->text.units;
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

static inline int is_ascii_space(UChar unit) {
    return unit == 0x20 || (unit >= 0x09 && unit <= 0x0D);
}

/// Case-maps `src` into buffers->mapped at `*out`, growing it when needed. Returns 0 with *status
/// set on failure.
static int map_span(utf16_buffers *buffers, const UChar *src, int32_t length, int32_t case_mapping,
                    int32_t *out, UErrorCode *status) {
    for (int attempt = 0; attempt < 2; attempt++) {
        UErrorCode result = U_ZERO_ERROR;
        UChar *dst = buffers->mapped.units + *out;
        int32_t capacity = buffers->mapped.capacity - *out;
        int32_t mapped = (case_mapping == NLP_UTF16_FOLD_CASE)
            ? u_strFoldCase(dst, capacity, src, length, U_FOLD_CASE_DEFAULT, &result)
            : u_strToLower(dst, capacity, src, length, "", &result);
        if (result == U_BUFFER_OVERFLOW_ERROR && attempt == 0) {
            int64_t wanted = (int64_t)*out + mapped + (buffers->mapped.capacity >> 3) + 16;
            if (wanted > INT32_MAX || !nlp_utf16_reserve(&buffers->mapped, (int32_t)wanted)) {
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

static int copy_span(utf16_buffers *buffers, const UChar *src, int32_t length, int32_t *out) {
    if ((int64_t)*out + length > buffers->mapped.capacity) {
        int64_t wanted = (int64_t)*out + length + (buffers->mapped.capacity >> 3) + 16;
        if (wanted > INT32_MAX || !nlp_utf16_reserve(&buffers->mapped, (int32_t)wanted)) return 0;
    }
    memcpy(buffers->mapped.units + *out, src, (size_t)length * sizeof(UChar));
    *out += length;
    return 1;
}

/// Case-maps buffers->text, whose ASCII letters are already mapped, by handing ICU only the
/// stretches with other characters: each runs from just after ASCII white space (or the start)
/// to just before ASCII white space (or the end), and stretches less than SPAN_GAP units apart
/// go together. White space is neither cased nor case-ignorable, so it ends the context of the
/// only context-dependent mapping of the root locale (Final_Sigma): the result is the same as
/// mapping the whole text. Swaps the result into buffers->text. Returns its length, or -1.
enum { SPAN_GAP = 64 };
int32_t nlp_utf16_map_case_in_spans(utf16_buffers *buffers, int32_t length, int32_t case_mapping,
                                    UErrorCode *status) {
    int64_t wanted = (int64_t)length + length / 8 + 16;
    if (wanted > INT32_MAX || !nlp_utf16_reserve(&buffers->mapped, (int32_t)wanted)) {
        *status = U_MEMORY_ALLOCATION_ERROR;
        return -1;
    }
    const UChar *src = buffers->text.units;
    int32_t out = 0, i = 0;
    while (i < length) {
        int32_t first = i;
        while (first < length && src[first] < 0x80) first++;
        int32_t start = first;
        while (start > i && start < length && !is_ascii_space(src[start - 1])) start--;
        if (!copy_span(buffers, src + i, start - i, &out)) goto out_of_memory;
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
        if (!map_span(buffers, src + start, end - start, case_mapping, &out, status)) return -1;
        i = end;
    }
    units_buffer swap = buffers->text;
    buffers->text = buffers->mapped;
    buffers->mapped = swap;
    return out;

out_of_memory:
    *status = U_MEMORY_ALLOCATION_ERROR;
    return -1;
}

