#!/usr/bin/env python3
"""Writes the Keras reference fixtures that KerasParityTests.swift compares against.

Run once from the repository root (tests never run Python; the JSON output is committed):

    python3 Tests/NLPTextTests/Fixtures/keras/generate_keras_fixtures.py

It makes its own virtualenv in the git-ignored Benchmarks/.venv (created when missing), installs
numpy, Keras-Preprocessing 1.1.2 (the legacy keras.preprocessing.text.Tokenizer and
pad_sequences) and TensorFlow (CPU) with Keras 3 (keras.layers.TextVectorization,
keras.utils.to_categorical / pad_sequences), then re-runs itself inside it.

Outputs, next to this script:
- tokenizer.json: text_to_word_sequence, Tokenizer fit/word_index/word_counts/word_docs/
  index_docs, texts_to_sequences, sequences_to_texts, texts_to_matrix and sequences_to_matrix
  in the four modes, for many inputs and options.
- padding.json: pad_sequences for pre/post padding x pre/post truncating x maxlen x value,
  from Keras-Preprocessing and Keras 3.
- categorical.json: keras.utils.to_categorical (Keras 3).
- text_vectorization.json: keras.layers.TextVectorization (Keras 3 on TensorFlow): the adapted
  vocabulary and the outputs of every output mode; `known_differences` holds cases where the
  toolkit deliberately differs (Unicode lower-casing and white space).
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
VENV = os.path.join(ROOT, "Benchmarks", ".venv")
VENV_PYTHON = os.path.join(VENV, "bin", "python")
PACKAGES = ["numpy", "Keras-Preprocessing==1.1.2", "tensorflow-cpu"]


def ensure_venv():
    """Re-executes this script inside Benchmarks/.venv with the packages installed."""
    if os.path.abspath(sys.prefix) == os.path.abspath(VENV):
        return
    if not os.path.exists(VENV_PYTHON):
        subprocess.check_call([sys.executable, "-m", "venv", VENV])
    subprocess.check_call([VENV_PYTHON, "-m", "pip", "install", "-q"] + PACKAGES)
    os.execv(VENV_PYTHON, [VENV_PYTHON, os.path.abspath(__file__)] + sys.argv[1:])


ensure_venv()
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402

# keras_preprocessing 1.1.2 predates numpy 2, which removed the np.unicode_ alias that
# pad_sequences reads (only to reject string values); restore the alias.
if not hasattr(np, "unicode_"):
    np.unicode_ = np.str_

import keras_preprocessing  # noqa: E402
from keras_preprocessing import sequence as kp_sequence  # noqa: E402
from keras_preprocessing import text as kp_text  # noqa: E402

try:
    import tensorflow as tf  # noqa: E402
    import keras  # noqa: E402
except Exception as error:  # Keras 3 is optional: its outputs are then left out
    print("keras 3 unavailable:", error)
    keras = None

DEFAULT_FILTERS = '!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n'

KERAS_DOCS_TEXTS = ["The cat sat on the mat.", "The dog ate my homework."]
MIXED_TEXTS = [
    "Hello, World! Hello again...",
    "TABS\tand\nnewlines\r\nand  double  spaces",
    "don't STOP—believing; it's 100% (really) [true] {ok} <tag> a_b a-b a/b a\\b",
    "",
    "   ",
    "repeat repeat repeat Repeat REPEAT",
    "ties: b a c, c a b; d",
    "e-mail: someone@example.com #hashtag ~tilde `tick` ^caret |pipe| \"quoted\"",
]
UNICODE_TEXTS = [
    "Café naïve résumé CAFÉ Naïve",
    "日本語 の テキスト 日本語",
    "ΟΔΟΣ Οδός σοφός ΣΟΦΟΣ",
    "Straße STRASSE İstanbul ǅemal",
    "emoji 🙂 🙂 👍🏽 non\u00a0breaking\u2003em-space",
    "e\u0301 combining e\u0301 marks",
]
QUERY_TEXTS = [
    "the cat ate the mat",
    "unknown words only",
    "",
    "Hello world, hello!",
    "café 日本語 σοφός the the the",
    "repeat ties b a c d",
]


def movie_snippets(limit=200):
    """The text column of the first `limit` lines of corpora/movie-snippets.tsv."""
    path = os.path.join(ROOT, "corpora", "movie-snippets.tsv")
    texts = []
    with open(path, encoding="utf-8") as handle:
        header = handle.readline().rstrip("\n").split("\t")
        column = header.index("text")
        for line in handle:
            texts.append(line.rstrip("\n").split("\t")[column])
            if len(texts) == limit:
                break
    return texts


def matrix_list(matrix):
    """A matrix as its shape and, per row, its non-zero entries as [column, value] pairs."""
    matrix = np.asarray(matrix)
    rows = [[[int(j), float(row[j])] for j in np.flatnonzero(row)] for row in matrix]
    return {"shape": list(matrix.shape), "rows": rows}


def tokenizer_case(name, options, fits, query_texts, query_sequences, fit_sequences=None, matrix_texts=None):
    """Fits a Tokenizer on each text batch of `fits` in turn and records everything it exposes.

    texts_to_matrix is applied to `matrix_texts` (default: `query_texts`).
    """
    if matrix_texts is None:
        matrix_texts = query_texts
    tokenizer = kp_text.Tokenizer(**options)
    for texts in fits:
        tokenizer.fit_on_texts(texts)
    if fit_sequences is not None:
        tokenizer.fit_on_sequences(fit_sequences)
    case = {
        "name": name,
        "options": {
            "num_words": options.get("num_words"),
            "filters": options.get("filters", DEFAULT_FILTERS),
            "lower": options.get("lower", True),
            "split": options.get("split", " "),
            "char_level": options.get("char_level", False),
            "oov_token": options.get("oov_token"),
        },
        "fits": fits,
        "fit_sequences": fit_sequences,
        "query_texts": query_texts,
        "query_sequences": query_sequences,
        "matrix_texts": matrix_texts,
        "document_count": tokenizer.document_count,
        "word_counts": [[w, c] for w, c in tokenizer.word_counts.items()],
        "word_docs": dict(tokenizer.word_docs),
        "word_index": tokenizer.word_index,
        # Large vocabularies leave index_word out (the inverse of word_index).
        "index_word": ({str(k): v for k, v in tokenizer.index_word.items()}
                       if len(tokenizer.index_word) < 200 else None),
        "index_docs": {str(k): v for k, v in tokenizer.index_docs.items()},
        "texts_to_sequences": tokenizer.texts_to_sequences(query_texts),
        "sequences_to_texts": tokenizer.sequences_to_texts(query_sequences),
    }
    if tokenizer.word_index or tokenizer.num_words:
        case["texts_to_matrix"] = {
            mode: matrix_list(tokenizer.texts_to_matrix(matrix_texts, mode=mode))
            for mode in ("binary", "count", "freq", "tfidf")
        }
        case["sequences_to_matrix"] = {
            mode: matrix_list(tokenizer.sequences_to_matrix(query_sequences, mode=mode))
            for mode in ("binary", "count", "freq", "tfidf")
        }
    return case


def tokenizer_cases():
    ids = [[1, 2, 3], [0, 1, 1, 4], [2, 5, 6, 7, 8, 9, 10, 11], [99, 3, 1000], [], [1, 1, 1, 1]]
    docs = dict(fits=[KERAS_DOCS_TEXTS], query_texts=KERAS_DOCS_TEXTS + QUERY_TEXTS, query_sequences=ids)
    mixed = dict(fits=[MIXED_TEXTS], query_texts=MIXED_TEXTS + QUERY_TEXTS, query_sequences=ids)
    uni = dict(fits=[UNICODE_TEXTS], query_texts=UNICODE_TEXTS + QUERY_TEXTS, query_sequences=ids)
    cases = [
        tokenizer_case("docs-defaults", {}, **docs),
        tokenizer_case("docs-num_words-4", {"num_words": 4}, **docs),
        tokenizer_case("docs-oov", {"oov_token": "<OOV>"}, **docs),
        tokenizer_case("docs-num_words-4-oov", {"num_words": 4, "oov_token": "<OOV>"}, **docs),
        tokenizer_case("docs-num_words-1-oov", {"num_words": 1, "oov_token": "<OOV>"}, **docs),
        tokenizer_case("docs-num_words-0", {"num_words": 0}, **docs),
        tokenizer_case("docs-char_level", {"char_level": True}, **docs),
        tokenizer_case("docs-char_level-upper-oov", {"char_level": True, "lower": False, "oov_token": "?"}, **docs),
        tokenizer_case("mixed-defaults", {}, **mixed),
        tokenizer_case("mixed-lower-false", {"lower": False}, **mixed),
        tokenizer_case("mixed-num_words-6-oov", {"num_words": 6, "oov_token": "<OOV>"}, **mixed),
        tokenizer_case("mixed-no-filters", {"filters": ""}, **mixed),
        tokenizer_case("mixed-custom-filters-split", {"filters": ",;:!", "split": ","}, **mixed),
        tokenizer_case("mixed-multichar-split", {"filters": "", "split": "--"},
                       fits=[["a--b----c", "--x--", "A--b--c---d"]],
                       query_texts=["b--a----x", "---", ""], query_sequences=ids),
        tokenizer_case("mixed-char_level", {"char_level": True}, **mixed),
        tokenizer_case("unicode-defaults", {}, **uni),
        tokenizer_case("unicode-lower-false-oov", {"lower": False, "oov_token": "<OOV>"}, **uni),
        tokenizer_case("unicode-char_level", {"char_level": True}, **uni),
        tokenizer_case("ties-two-fits", {},
                       fits=[["b a", "c a b"], ["c c c", "d"]],
                       query_texts=["a b c d e", "d d"], query_sequences=[[1, 2, 3, 4, 5]]),
        tokenizer_case("oov-is-also-a-word", {"oov_token": "unk"},
                       fits=[["unk unk x", "y unk"]],
                       query_texts=["x y z", "unk"], query_sequences=[[1, 2, 3, 4]]),
        tokenizer_case("empty-texts", {"oov_token": "<OOV>"},
                       fits=[["", "  ", "word"]], query_texts=["", "word", "other"], query_sequences=[[], [1, 2]]),
        tokenizer_case("texts-then-sequences-oov", {"oov_token": "<OOV>"},
                       fits=[["a b", "b"], ["c c c"]], fit_sequences=[[1, 2], [1, 3, 3], [9]],
                       query_texts=["a b c z", ""], query_sequences=[[1, 2, 3, 4, 9], [0]]),
        tokenizer_case("fit-on-sequences-num_words", {"num_words": 5},
                       fits=[], query_texts=[], query_sequences=[[1, 2, 2, 7], [4], [], [0, 3, 3, 3]],
                       fit_sequences=[[1, 1, 2], [1], [3, 4, 4]]),
    ]
    sample = movie_snippets()
    queries = sample[:4] + ["a completely unseen sentence", ""]
    cases.append(tokenizer_case("movie-snippets-200", {}, fits=[sample], query_texts=sample + queries[4:],
                                query_sequences=[[1, 2, 3, 50, 500, 5000]], matrix_texts=queries))
    cases.append(tokenizer_case("movie-snippets-200-num_words-100-oov", {"num_words": 100, "oov_token": "<OOV>"},
                                fits=[sample], query_texts=sample[:20] + queries,
                                query_sequences=[[1, 2, 3, 50, 99, 100, 500, 5000]]))

    return cases


def tokenized_cases():
    """Tokenizer cases whose texts are lists of tokens (used as they are, only lower-cased)."""
    ids = [[1, 2, 3], [0, 4, 4], [7, 8, 99]]
    fits = [[["Hello", "World", "hello"], ["a, b", "World!", ""], ["CAFÉ", "café", "x\ty"]]]
    queries = [["hello", "WORLD", "unknown"], [], ["a, b", "café", "Café"], ["x\ty", "x", "y"]]
    return [
        tokenizer_case("tokenized-defaults", {}, fits=fits, query_texts=queries, query_sequences=ids),
        tokenizer_case("tokenized-lower-false-oov", {"lower": False, "oov_token": "<OOV>"}, fits=fits,
                       query_texts=queries, query_sequences=ids),
        tokenizer_case("tokenized-num_words-3", {"num_words": 3}, fits=fits, query_texts=queries,
                       query_sequences=ids),
    ]


def known_tokenizer_differences():
    """Cases where TextTokenizer deliberately differs from Keras."""
    # Swift dictionaries compare canonically equivalent strings as equal: "café" in NFC and in
    # NFD is one word for TextTokenizer and two for Keras.
    texts = ["café cafe\u0301 café", "cafe\u0301"]
    return [tokenizer_case("nfc-and-nfd-spellings", {}, fits=[texts], query_texts=texts, query_sequences=[[1, 2]])]


def word_sequence_cases():
    texts = MIXED_TEXTS + UNICODE_TEXTS + KERAS_DOCS_TEXTS
    options = [
        {},
        {"lower": False},
        {"filters": ""},
        {"filters": "aeiou", "split": "e"},
        {"split": "  "},
        {"filters": ".", "split": "\t"},
    ]
    cases = []
    for option in options:
        for text in texts:
            filters = option.get("filters", DEFAULT_FILTERS)
            lower = option.get("lower", True)
            split = option.get("split", " ")
            cases.append({
                "text": text, "filters": filters, "lower": lower, "split": split,
                "tokens": kp_text.text_to_word_sequence(text, filters=filters, lower=lower, split=split),
            })
    return cases


PAD_INPUTS = [
    [[1], [2, 3], [4, 5, 6]],  # the Keras docs example
    [[1, 2, 3, 4, 5], [], [6], [7, 8, 9, 10, 11, 12, 13], [14, 15]],
]


def padding_cases():
    cases = []
    for inputs in PAD_INPUTS:
        for maxlen in (None, 1, 2, 4, 10):
            for padding in ("pre", "post"):
                for truncating in ("pre", "post"):
                    for value, dtype in ((0, "int32"), (-1, "int32"), (0.5, "float32")):
                        kwargs = dict(maxlen=maxlen, padding=padding, truncating=truncating, value=value,
                                      dtype=dtype)
                        expected = kp_sequence.pad_sequences(inputs, **kwargs)
                        case = {"sequences": inputs, "maxlen": maxlen, "padding": padding,
                                "truncating": truncating, "value": value, "dtype": dtype,
                                "expected": [[float(v) for v in row] for row in expected]}
                        if keras is not None:
                            keras3 = keras.utils.pad_sequences(inputs, **kwargs)
                            assert np.array_equal(keras3, expected), ("Keras 3 disagrees", kwargs)
                        cases.append(case)
    return cases


def categorical_cases():
    if keras is None:
        return []
    inputs = [
        ([0, 1, 2, 3], 4),
        ([2, 0, 1], 5),
        ([[2, 0], [1, 1]], 3),
        ([[0, 1], [2, 1], [1, 0]], 3),
        ([[1], [0], [2]], 3),  # a trailing axis of 1 is dropped
        ([[[1, 0]], [[0, 2]]], 3),
        ([], 2),
        ([3, 0, 1], None),  # num_classes=None: the largest id + 1
        ([[1], [4]], None),
    ]
    cases = []
    for ids, depth in inputs:
        result = keras.utils.to_categorical(np.array(ids, dtype="int64"), num_classes=depth)
        cases.append({"ids": ids, "ids_shape": list(np.array(ids, dtype="int64").shape), "depth": depth,
                      "shape": list(result.shape), "values": [float(v) for v in result.reshape(-1)]})
    return cases


def vectorization_case(name, options, adapt_texts, query_texts):
    """Adapts a TextVectorization layer and records its vocabulary and outputs."""
    layer = keras.layers.TextVectorization(**options)
    layer.adapt(adapt_texts)
    output = np.asarray(layer(query_texts))
    if output.ndim == 1:  # split=None in int mode: one id per text, [n] for [n] inputs
        output = output.reshape(-1, 1)
    mode = options.get("output_mode", "int")
    ngrams = options.get("ngrams")
    return {
        "name": name,
        "options": {
            "max_tokens": options.get("max_tokens"),
            "standardize": options.get("standardize", "lower_and_strip_punctuation"),
            "split": options.get("split", "whitespace"),
            "ngrams": list(ngrams) if isinstance(ngrams, tuple) else ngrams,
            "output_mode": mode,
            "output_sequence_length": options.get("output_sequence_length"),
            "pad_to_max_tokens": options.get("pad_to_max_tokens", False),
        },
        "adapt_texts": adapt_texts,
        "query_texts": query_texts,
        "vocabulary": [t.decode("utf-8") if isinstance(t, bytes) else str(t) for t in layer.get_vocabulary()],
        "output": matrix_list(output),
    }


def vectorization_cases():
    if keras is None:
        return [], []
    docs = ["The cat sat.", "The dog sat on the mat!"]
    docs_queries = ["the bird sat", "The cat sat on the mat, the dog ate!", "", "SAT sat Sat"]
    ascii_mixed = [t for t in MIXED_TEXTS if t.isascii()]
    mixed_queries = ascii_mixed + ["hello hello unknown", "ties b a c d", ""]
    sample = movie_snippets()
    cases = []
    for mode in ("int", "multi_hot", "count", "tf_idf"):
        cases.append(vectorization_case("docs-" + mode, {"output_mode": mode}, docs, docs_queries))
        cases.append(vectorization_case("mixed-" + mode, {"output_mode": mode}, ascii_mixed, mixed_queries))
        cases.append(vectorization_case("mixed-max_tokens-6-" + mode, {"output_mode": mode, "max_tokens": 6},
                                        ascii_mixed, mixed_queries))
        cases.append(vectorization_case("movie-snippets-200-max_tokens-100-" + mode,
                                        {"output_mode": mode, "max_tokens": 100}, sample, sample[:10] + [""]))
    for mode in ("multi_hot", "count", "tf_idf"):
        cases.append(vectorization_case("docs-pad_to_max_tokens-" + mode,
                                        {"output_mode": mode, "max_tokens": 12, "pad_to_max_tokens": True},
                                        docs, docs_queries))
    for length in (1, 4, 12):
        cases.append(vectorization_case("docs-output_sequence_length-%d" % length,
                                        {"output_sequence_length": length}, docs, docs_queries))
    cases += [
        vectorization_case("movie-snippets-200-int", {}, sample, sample[:25] + ["", "unseen words here"]),
        vectorization_case("movie-snippets-200-int-length-20", {"output_sequence_length": 20}, sample, sample[:25]),
        vectorization_case("mixed-ngrams-2-int", {"ngrams": 2}, ascii_mixed, mixed_queries),
        vectorization_case("mixed-ngrams-2-count", {"ngrams": 2, "output_mode": "count"}, ascii_mixed, mixed_queries),
        vectorization_case("mixed-ngrams-1-3-tf_idf", {"ngrams": (1, 3), "output_mode": "tf_idf"}, ascii_mixed,
                           mixed_queries),
        vectorization_case("mixed-ngrams-2-3-int", {"ngrams": (2, 3)}, ascii_mixed, mixed_queries),
        vectorization_case("mixed-standardize-lower", {"standardize": "lower"}, ascii_mixed, mixed_queries),
        vectorization_case("mixed-standardize-strip", {"standardize": "strip_punctuation"}, ascii_mixed,
                           mixed_queries),
        vectorization_case("mixed-standardize-none", {"standardize": None}, ascii_mixed, mixed_queries),
        vectorization_case("mixed-split-character", {"split": "character"}, ascii_mixed, mixed_queries),
        vectorization_case("mixed-split-character-count", {"split": "character", "output_mode": "count"},
                           ascii_mixed, mixed_queries),
        vectorization_case("mixed-split-none", {"split": None}, ascii_mixed, mixed_queries),
    ]
    known = [
        # tf.strings.lower changes ASCII letters only; the toolkit lower-cases all of Unicode.
        vectorization_case("unicode-lower", {}, UNICODE_TEXTS[:4], ["CAFÉ café Café", "ΟΔΟΣ οδος"]),
        # tf.strings.split splits at ASCII white space only; the toolkit at Unicode White_Space.
        vectorization_case("unicode-whitespace", {"standardize": None},
                           ["non\u00a0breaking\u2003em space", "a b"], ["non\u00a0breaking x"]),
    ]
    return cases, known


def write(name, payload):
    path = os.path.join(HERE, name)
    temporary = path + ".tmp"
    with open(temporary, "w", encoding="utf-8") as handle:
        # Sorted keys: dict order (word_docs comes from a set) is not meaningful; lists keep theirs.
        json.dump(payload, handle, ensure_ascii=False, indent=None, separators=(",", ":"), sort_keys=True)
        handle.write("\n")
    os.replace(temporary, path)
    print("wrote", path, os.path.getsize(path), "bytes")


def main():
    versions = {"keras_preprocessing": keras_preprocessing.__version__, "numpy": np.__version__,
                "keras": keras.__version__ if keras is not None else None,
                "python": sys.version.split()[0]}
    write("tokenizer.json", {"versions": versions, "text_to_word_sequence": word_sequence_cases(),
                             "tokenizer": tokenizer_cases(), "tokenized": tokenized_cases(),
                             "known_differences": known_tokenizer_differences()})
    write("padding.json", {"versions": versions, "pad_sequences": padding_cases()})
    write("categorical.json", {"versions": versions, "to_categorical": categorical_cases()})
    cases, known = vectorization_cases()
    versions["tensorflow"] = tf.__version__ if keras is not None else None
    write("text_vectorization.json", {"versions": versions, "cases": cases, "known_differences": known})


if __name__ == "__main__":
    main()
