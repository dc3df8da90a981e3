// ICU behind the plain C API of nlp_icu.h. Only this file sees ICU's headers (and their
// version-suffixed symbol names); callers see stable nlp_* names.
#include "nlp_icu.h"

#include <pthread.h>
#include <stdlib.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>
#include <unicode/uversion.h>

// MARK: - Errors and version

const char *nlp_icu_error_name(int32_t error_code) { return u_errorName((UErrorCode)error_code); }

static char version_string[U_MAX_VERSION_STRING_LENGTH];
static pthread_once_t version_once = PTHREAD_ONCE_INIT;

static void load_version(void) {
    UVersionInfo info;
    u_getVersion(info);
    u_versionToString(info, version_string);
}

const char *nlp_icu_version(void) {
    pthread_once(&version_once, load_version);
    return version_string;
}

// MARK: - Word boundaries

struct nlp_word_breaker {
    UBreakIterator *iterator;
    /// The text attached by nlp_word_breaker_set_text(), and the start of the next segment
    /// (-1 when no text is attached or the text is exhausted).
    const char *text;
    int32_t position;
};

nlp_word_breaker *nlp_word_breaker_open(const char *locale, int32_t *error_code) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *iterator = ubrk_open(UBRK_WORD, locale, NULL, 0, &status);
    if (U_FAILURE(status)) {
        *error_code = status;
        return NULL;
    }
    nlp_word_breaker *breaker = malloc(sizeof *breaker);
    if (breaker == NULL) {
        ubrk_close(iterator);
        *error_code = U_MEMORY_ALLOCATION_ERROR;
        return NULL;
    }
    breaker->iterator = iterator;
    breaker->text = NULL;
    breaker->position = -1;
    *error_code = status;  // may be a warning such as U_USING_DEFAULT_WARNING
    return breaker;
}

void nlp_word_breaker_close(nlp_word_breaker *breaker) {
    if (breaker == NULL) return;
    ubrk_close(breaker->iterator);
    free(breaker);
}

/// 1 when every code point of [start, end) is used by Hiragana or Katakana (Script_Extensions,
/// so the prolonged sound mark and voicing marks count too).
static int is_all_kana(const char *text, int32_t start, int32_t end) {
    int32_t i = start;
    while (i < end) {
        UChar32 c;
        U8_NEXT(text, i, end, c);
        if (c < 0) return 0;
        if (!uscript_hasScript(c, USCRIPT_HIRAGANA) && !uscript_hasScript(c, USCRIPT_KATAKANA))
            return 0;
    }
    return 1;
}

/// Maps ICU's rule status of the segment [start, end) of `text` to an NLP_WORD_* kind.
static int32_t segment_kind(int32_t rule_status, const char *text, int32_t start, int32_t end) {
    // ICU's CJK dictionary reports every word it finds as ideographic, kana-only ones included.
    if (rule_status >= UBRK_WORD_IDEO && rule_status < UBRK_WORD_IDEO_LIMIT)
        return is_all_kana(text, start, end) ? NLP_WORD_KANA : NLP_WORD_IDEO;
    if (rule_status >= UBRK_WORD_KANA && rule_status < UBRK_WORD_KANA_LIMIT) return NLP_WORD_KANA;
    if (rule_status >= UBRK_WORD_LETTER && rule_status < UBRK_WORD_LETTER_LIMIT)
        return NLP_WORD_LETTER;
    if (rule_status >= UBRK_WORD_NUMBER && rule_status < UBRK_WORD_NUMBER_LIMIT)
        return NLP_WORD_NUMBER;
    // ICU files emoji under "none"; tell them apart from spaces and punctuation by the first code
    // point (digits carry the Emoji property too, so test Extended_Pictographic instead). No
    // ASCII character is an emoji, which skips the property look-ups for spaces and punctuation.
    if ((unsigned char)text[start] < 0x80) return NLP_WORD_NONE;
    UChar32 c;
    int32_t i = start;
    U8_NEXT(text, i, end, c);
    if (c >= 0 && (u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC) ||
                   u_hasBinaryProperty(c, UCHAR_REGIONAL_INDICATOR)))
        return NLP_WORD_EMOJI;
    return NLP_WORD_NONE;
}

/// Points the iterator at empty text, so that it keeps no reference to the caller's buffer.
static void detach_text(UBreakIterator *iterator) {
    UErrorCode status = U_ZERO_ERROR;
    UText empty = UTEXT_INITIALIZER;
    utext_openUTF8(&empty, "", 0, &status);
    ubrk_setUText(iterator, &empty, &status);
    utext_close(&empty);
}

int32_t nlp_word_breaker_segment(nlp_word_breaker *breaker, const char *utf8, int32_t length,
                                 int32_t *starts, int32_t *ends, int32_t *kinds, int32_t capacity,
                                 int32_t *error_code) {
    if (breaker == NULL || (utf8 == NULL && length != 0) || capacity < 0 ||
        (capacity > 0 && (starts == NULL || ends == NULL || kinds == NULL))) {
        *error_code = U_ILLEGAL_ARGUMENT_ERROR;
        return -1;
    }
    if (utf8 == NULL) utf8 = "";
    breaker->text = NULL;
    breaker->position = -1;
    UErrorCode status = U_ZERO_ERROR;
    UText text = UTEXT_INITIALIZER;
    utext_openUTF8(&text, utf8, length, &status);
    // The iterator takes a shallow clone of the UText, so ours can be closed at once.
    ubrk_setUText(breaker->iterator, &text, &status);
    utext_close(&text);
    if (U_FAILURE(status)) {
        detach_text(breaker->iterator);
        *error_code = status;
        return -1;
    }

    UBreakIterator *iterator = breaker->iterator;
    int32_t count = 0;
    int32_t start = ubrk_first(iterator);
    for (int32_t end = ubrk_next(iterator); end != UBRK_DONE;
         start = end, end = ubrk_next(iterator)) {
        if (count < capacity) {
            starts[count] = start;
            ends[count] = end;
            kinds[count] = segment_kind(ubrk_getRuleStatus(iterator), utf8, start, end);
        }
        count++;
    }
    detach_text(iterator);
    *error_code = U_ZERO_ERROR;
    return count;
}

int32_t nlp_word_breaker_set_text(nlp_word_breaker *breaker, const char *utf8, int32_t length,
                                  int32_t *error_code) {
    if (breaker == NULL || (utf8 == NULL && length != 0) || length < 0) {
        *error_code = U_ILLEGAL_ARGUMENT_ERROR;
        return -1;
    }
    if (utf8 == NULL) utf8 = "";
    UErrorCode status = U_ZERO_ERROR;
    UText text = UTEXT_INITIALIZER;
    utext_openUTF8(&text, utf8, length, &status);
    ubrk_setUText(breaker->iterator, &text, &status);
    utext_close(&text);
    if (U_FAILURE(status)) {
        detach_text(breaker->iterator);
        breaker->text = NULL;
        breaker->position = -1;
        *error_code = status;
        return -1;
    }
    breaker->text = utf8;
    breaker->position = ubrk_first(breaker->iterator);
    *error_code = U_ZERO_ERROR;
    return 0;
}

int32_t nlp_word_breaker_next(nlp_word_breaker *breaker, int32_t *starts, int32_t *ends,
                              int32_t *kinds, int32_t capacity, int32_t words_only) {
    if (breaker == NULL || breaker->text == NULL || breaker->position < 0 || capacity <= 0 ||
        starts == NULL || ends == NULL || kinds == NULL)
        return 0;
    UBreakIterator *iterator = breaker->iterator;
    const char *text = breaker->text;
    int32_t start = breaker->position;
    int32_t count = 0;
    while (count < capacity) {
        int32_t end = ubrk_next(iterator);
        if (end == UBRK_DONE) {
            start = -1;
            break;
        }
        int32_t kind = segment_kind(ubrk_getRuleStatus(iterator), text, start, end);
        if (!words_only || kind != NLP_WORD_NONE) {
            starts[count] = start;
            ends[count] = end;
            kinds[count] = kind;
            count++;
        }
        start = end;
    }
    breaker->position = start;
    return count;
}

void nlp_word_breaker_detach(nlp_word_breaker *breaker) {
    if (breaker == NULL) return;
    detach_text(breaker->iterator);
    breaker->text = NULL;
    breaker->position = -1;
}

// MARK: - Normalization and case mapping

/// UTF-16 buffer: a small one on the stack, a heap one when the text does not fit.
enum { STACK_UNITS = 512 };
typedef struct {
    UChar *units;
    int32_t capacity;
    UChar stack[STACK_UNITS];
} u16_buffer;

static void u16_init(u16_buffer *buffer) {
    buffer->units = buffer->stack;
    buffer->capacity = STACK_UNITS;
}

/// Makes room for `capacity` units (contents are not kept). Returns 0 when out of memory.
static int u16_reserve(u16_buffer *buffer, int32_t capacity) {
    if (capacity <= buffer->capacity) return 1;
    UChar *units = malloc((size_t)capacity * sizeof(UChar));
    if (units == NULL) return 0;
    if (buffer->units != buffer->stack) free(buffer->units);
    buffer->units = units;
    buffer->capacity = capacity;
    return 1;
}

static void u16_free(u16_buffer *buffer) {
    if (buffer->units != buffer->stack) free(buffer->units);
}

/// UTF-8 → UTF-16 with U+FFFD for ill-formed input. Returns the length, or -1 with *status set.
static int32_t from_utf8(u16_buffer *out, const char *src, int32_t src_len, UErrorCode *status) {
    int32_t length = 0;
    UErrorCode preflight = U_ZERO_ERROR;
    u_strFromUTF8WithSub(out->units, out->capacity, &length, src, src_len, 0xFFFD, NULL,
                         &preflight);
    if (preflight == U_BUFFER_OVERFLOW_ERROR) {
        if (!u16_reserve(out, length)) {
            *status = U_MEMORY_ALLOCATION_ERROR;
            return -1;
        }
        preflight = U_ZERO_ERROR;
        u_strFromUTF8WithSub(out->units, out->capacity, &length, src, src_len, 0xFFFD, NULL,
                             &preflight);
    }
    if (U_FAILURE(preflight)) {
        *status = preflight;
        return -1;
    }
    return length;
}

/// Runs one UTF-16 → UTF-16 operation into `out`, growing it once when it is too small.
/// Returns the result's length, or -1 with *status set.
static int32_t apply(int32_t operation, const UNormalizer2 *normalizer, const UChar *src,
                     int32_t src_len, u16_buffer *out, UErrorCode *status) {
    for (int attempt = 0; attempt < 2; attempt++) {
        UErrorCode result = U_ZERO_ERROR;
        int32_t length;
        if (normalizer != NULL)
            length = unorm2_normalize(normalizer, src, src_len, out->units, out->capacity, &result);
        else if (operation == NLP_ICU_FOLD_CASE)
            length = u_strFoldCase(out->units, out->capacity, src, src_len, U_FOLD_CASE_DEFAULT,
                                   &result);
        else
            length = u_strToLower(out->units, out->capacity, src, src_len, "", &result);
        if (result == U_BUFFER_OVERFLOW_ERROR && attempt == 0) {
            if (!u16_reserve(out, length)) {
                *status = U_MEMORY_ALLOCATION_ERROR;
                return -1;
            }
            continue;
        }
        if (U_FAILURE(result)) {
            *status = result;
            return -1;
        }
        return length;
    }
    *status = U_INTERNAL_PROGRAM_ERROR;
    return -1;
}

static const UNormalizer2 *normalizer_for(int32_t operation, UErrorCode *status) {
    switch (operation) {
    case NLP_ICU_NFC: return unorm2_getNFCInstance(status);
    case NLP_ICU_NFD: return unorm2_getNFDInstance(status);
    case NLP_ICU_NFKC: return unorm2_getNFKCInstance(status);
    case NLP_ICU_NFKD: return unorm2_getNFKDInstance(status);
    case NLP_ICU_NFKC_CASEFOLD: return unorm2_getNFKCCasefoldInstance(status);
    default: return NULL;
    }
}

int32_t nlp_icu_transform(int32_t operation, const char *src, int32_t src_len, char *dst,
                          int32_t dst_capacity, int32_t *error_code) {
    if (operation < NLP_ICU_NFC || operation > NLP_ICU_LOWERCASE || (src == NULL && src_len != 0) ||
        dst_capacity < 0 || (dst == NULL && dst_capacity > 0)) {
        *error_code = U_ILLEGAL_ARGUMENT_ERROR;
        return -1;
    }
    if (src == NULL) src = "";
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *normalizer = normalizer_for(operation, &status);
    if (U_FAILURE(status)) {
        *error_code = status;
        return -1;
    }

    u16_buffer input, output;
    u16_init(&input);
    u16_init(&output);
    int32_t result = -1;
    int32_t input_length = from_utf8(&input, src, src_len, &status);
    if (input_length < 0) goto done;
    int32_t output_length =
        apply(operation, normalizer, input.units, input_length, &output, &status);
    if (output_length < 0) goto done;

    UErrorCode conversion = U_ZERO_ERROR;
    u_strToUTF8(dst, dst_capacity, &result, output.units, output_length, &conversion);
    // Overflow only means "preflighted": the needed length is in `result`.
    if (U_FAILURE(conversion) && conversion != U_BUFFER_OVERFLOW_ERROR) {
        status = conversion;
        result = -1;
    }

done:
    u16_free(&input);
    u16_free(&output);
    *error_code = result < 0 ? status : U_ZERO_ERROR;
    return result;
}

// MARK: - Character classes

int nlp_icu_is_punctuation(int32_t codepoint) { return u_ispunct(codepoint) ? 1 : 0; }

int nlp_icu_is_symbol(int32_t codepoint) { return (U_GET_GC_MASK(codepoint) & U_GC_S_MASK) != 0; }

int nlp_icu_is_whitespace(int32_t codepoint) { return u_isUWhiteSpace(codepoint) ? 1 : 0; }

int nlp_icu_is_digit(int32_t codepoint) { return u_isdigit(codepoint) ? 1 : 0; }
