// Text preparation for the tokenizer's ICU loop (private to the CICU target): UTF-8 to UTF-16
// with ASCII case mapping on the way, normalization, and case mapping of only the stretches that
// need ICU. Buffers grow as needed and are reused between texts.
#ifndef NLP_ICU_UTF16_H
#define NLP_ICU_UTF16_H

#include <stdint.h>

#include <unicode/unorm2.h>
#include <unicode/utypes.h>

/// A growable UTF-16 buffer.
typedef struct {
    UChar *units;
    int32_t capacity;
} units_buffer;

/// The text (in `text`) and a second buffer that transformations write to before the two are
/// swapped.
typedef struct {
    units_buffer text, mapped;
} utf16_buffers;

/// Case mappings for nlp_utf16_transform() and nlp_utf16_map_case_in_spans().
enum { NLP_UTF16_LOWERCASE = 1, NLP_UTF16_FOLD_CASE = 2 };

/// Makes room for `capacity` units, keeping the contents. Returns 0 when out of memory.
int nlp_utf16_reserve(units_buffer *buffer, int32_t capacity);
/// Frees the units.
void nlp_utf16_release(units_buffer *buffer);

/// The ICU normalizer for an NLP_ICU_NFC … NLP_ICU_NFKC_CASEFOLD value, or NULL with *status set.
const UNormalizer2 *nlp_utf16_normalizer(int32_t normalization, UErrorCode *status);

/// UTF-8 → UTF-16 into buffers->text, which must have room for `length` units, lower-casing
/// ASCII letters when `lower_ascii` is set; ill-formed sequences become U+FFFD. Sets
/// *has_non_ascii. Returns the number of units.
int32_t nlp_utf16_from_utf8(utf16_buffers *buffers, const uint8_t *src, int32_t length,
                            int lower_ascii, int *has_non_ascii);

/// Normalizes (`normalizer` non-NULL) or case-maps (`case_mapping`) the `length` units of
/// buffers->text as a whole; the result ends up in buffers->text. Returns its length, or -1 with
/// *status set.
int32_t nlp_utf16_transform(utf16_buffers *buffers, int32_t length, const UNormalizer2 *normalizer,
                            int32_t case_mapping, UErrorCode *status);

/// Case-maps the `length` units of buffers->text, whose ASCII letters are already mapped, by
/// handing ICU only the stretches with other characters (the same result as mapping the whole
/// text); the result ends up in buffers->text. Returns its length, or -1 with *status set.
int32_t nlp_utf16_map_case_in_spans(utf16_buffers *buffers, int32_t length, int32_t case_mapping,
                                    UErrorCode *status);

#endif
