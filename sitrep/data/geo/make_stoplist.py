"""Regenerate ``stoplist.tsv``: place names that are also common lowercase English words ("Over", "Many").

    apt-get install wamerican && pip install wordfreq==3.1.1
    python sitrep/data/geo/make_stoplist.py /usr/share/dict/american-english

A single word is listed when the SCOWL word list (Debian's wamerican, permissive licence) spells it in
lowercase, so it is a common noun, verb or adjective rather than only a name, and wordfreq (Apache-2.0,
derived data CC BY-SA 4.0) gives it an English Zipf frequency of at least 3 (once per million words).
The Zipf value is kept: recognition never takes the most frequent words alone and takes the others only
where capitalisation means something (not at a sentence start or in a title-case line).
"""

from __future__ import annotations

import sys
from pathlib import Path

from wordfreq import zipf_frequency

OUTPUT = Path(__file__).parent / "stoplist.tsv"
MIN_ZIPF = 3.0


def main(word_list: Path) -> None:
    words = {w for w in word_list.read_text(encoding="utf-8").split() if w.isalpha() and w.islower()}
    rows = sorted((w, zipf_frequency(w, "en")) for w in words)
    with OUTPUT.open("w", encoding="utf-8") as out:
        out.write("# Common lowercase English words (SCOWL) with wordfreq Zipf >= 3; make_stoplist.py\n")
        out.writelines(f"{word}\t{zipf:.2f}\n" for word, zipf in rows if zipf >= MIN_ZIPF and len(word) > 1)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
