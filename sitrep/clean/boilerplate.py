"""Which blocks and sentences of a page are the article, shared by the HTML and the plain-text cleaner.

The rules read signals rather than any page's wording (Kohlschütter et al. 2010 showed shallow features
carry most of the weight): a lexicon of page-furniture cues (``sitrep/data/clean/boilerplate_cues.tsv``),
line length, whether a line is a sentence, title-case headlines, ellipsis-truncated snippets, link density
(HTML only), and position: the article body ends at its last real paragraph, and a "Related"/"Recommended"
heading followed by at least as many teasers as paragraphs ends it earlier. Promotional sentences are removed
even from inside a body paragraph, where an outlet's subscription pitch is often glued onto the last one.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

CUES_FILE = "boilerplate_cues.tsv"
PROMO_THRESHOLD = 1.0  # summed cue weight at which a sentence is an advert, not reporting
MAX_WORDS = {"label": 10, "section": 8, "credit": 40}
MIN_SENTENCE_WORDS = 5
MAX_TITLE_WORDS = 25
MAX_CHROME_WORDS = 3  # one- to three-word lines before the body: menus, section names, "Share"
MAX_HEADLINE_WORDS = 20
MIN_HEADLINE_CAPITALISED = 0.75
LINK_DENSITY = 0.5  # a non-sentence block mostly made of links is navigation or a teaser list

_CLOSERS = "\"'”’»)]"
_TERMINAL = (".", "!", "?", ":", "؟", "。", "！", "？")  # a colon ends a lead-in to a quote or a list
# Scripts written without spaces between words: two characters count as one word.
_UNSPACED = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
_TRUNCATED = re.compile(
    r"(?:\.\.\.|…|\[(?:…|\.\.\.)\])[\s\"'”’»)\]]*(?:(?:read|see|view) more|more|»|›|→)?\s*$", re.IGNORECASE
)
# "Home > World > Middle East", "News | Syria | Politics"; no digits, which would make it a table row.
_CRUMBS = re.compile(r"^(?:[^>»›/|\d]{1,40}\s[>»›/|]\s)+[^>»›/|\d]{1,40}$")
_SENTENCE_BREAK = re.compile(r"[.!?…؟][\"'”’»)\]]*(\s+)(?=[\"'“‘«(\[]?[^\sa-z])")


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph-level unit of a page: an HTML block element or a line/paragraph of plain text."""

    text: str
    link_density: float = 0.0  # share of the block's characters inside links; 0 for plain text


@dataclass(frozen=True, slots=True)
class Body:
    paragraphs: tuple[str, ...]
    title: str | None = None


@dataclass(frozen=True, slots=True)
class _Cue:
    pattern: re.Pattern[str]
    weight: float
    triggers: tuple[str, ...]  # lower-case strings one of which must occur before the regex is tried

    def found_in(self, text: str, lowered: str) -> bool:
        gate_open = not self.triggers or any(trigger in lowered for trigger in self.triggers)
        return gate_open and self.pattern.search(text) is not None


@dataclass(frozen=True, slots=True)
class _CueSet:
    cues: tuple[_Cue, ...]
    any: re.Pattern[str]  # the union of the patterns, for short lines where one search is cheap

    def matches(self, text: str) -> bool:
        return self.any.search(text) is not None

    def score(self, text: str) -> float:
        lowered = text.lower()
        return sum(cue.weight for cue in self.cues if cue.found_in(text, lowered))


def _load_cues() -> dict[str, _CueSet]:
    table = resources.files("sitrep").joinpath("data", "clean", CUES_FILE).read_text(encoding="utf-8")
    rows = csv.DictReader((line for line in table.splitlines() if not line.startswith("#")), delimiter="\t")
    cues: dict[str, list[_Cue]] = {}
    for row in rows:
        triggers = tuple(trigger for trigger in row["triggers"].split(",") if trigger)
        cue = _Cue(re.compile(row["pattern"], re.IGNORECASE), float(row["weight"]), triggers)
        cues.setdefault(row["kind"], []).append(cue)
    return {
        kind: _CueSet(
            tuple(entries), re.compile("|".join(f"(?:{cue.pattern.pattern})" for cue in entries), re.I)
        )
        for kind, entries in cues.items()
    }


_CUES = _load_cues()


class _Line:
    """A block with the features the rules read, computed once."""

    __slots__ = ("headline", "kept", "link_density", "section", "sentence", "text", "truncated", "words")

    def __init__(self, block: Block) -> None:
        self.text = tidy(block.text)
        self.words = word_count(self.text)
        self.link_density = block.link_density
        self.truncated = _TRUNCATED.search(self.text) is not None
        self.sentence = (
            self.words >= MIN_SENTENCE_WORDS
            and not self.truncated
            and self.text.rstrip(_CLOSERS).endswith(_TERMINAL)
        )
        self.headline = is_headline(self.text)
        self.section = (
            not self.sentence and self.words <= MAX_WORDS["section"] and _CUES["section"].matches(self.text)
        )
        self.kept = not (self.section or self._is_furniture())

    @property
    def body(self) -> bool:
        """A kept, complete sentence-bearing paragraph: what an article is made of."""
        return self.kept and self.sentence and not self.headline

    @property
    def teaser(self) -> bool:
        """A headline, a cut-off snippet or a link: what lists of other stories are made of."""
        return self.headline or self.truncated or self.link_density >= LINK_DENSITY

    def _is_furniture(self) -> bool:
        if self.link_density >= LINK_DENSITY and not self.sentence:
            return True
        if not self.sentence and self.words <= MAX_WORDS["label"] and _CRUMBS.match(self.text):
            return True
        return any(
            self.words <= MAX_WORDS[kind] and _CUES[kind].matches(self.text) for kind in ("label", "credit")
        )


def filter_blocks(blocks: Iterable[Block], title: str | None = None) -> Body:
    """The article's paragraphs, and its title line when the text opens with one and none was given."""
    lines = [line for line in map(_Line, blocks) if line.text]
    _drop_teasers(lines)
    found_title = _take_title(lines, title)
    _drop_tail(lines)
    _drop_leading_chrome(lines)
    paragraphs = (strip_promo_sentences(line.text) for line in lines if line.kept)
    return Body(tuple(paragraph for paragraph in paragraphs if paragraph), found_title)


def strip_promo_sentences(text: str) -> str:
    """The paragraph without its promotional sentences ("Sign up for our newsletter ..."), else unchanged."""
    if _CUES["promo"].score(text) < PROMO_THRESHOLD:  # no sentence can score more than its paragraph
        return text
    kept = [
        sentence for sentence in split_sentences(text) if _CUES["promo"].score(sentence) < PROMO_THRESHOLD
    ]
    return " ".join(kept)


def split_sentences(text: str) -> list[str]:
    """Sentences of one tidy paragraph; over-splitting at abbreviations only narrows what a rule removes."""
    sentences, start = [], 0
    for match in _SENTENCE_BREAK.finditer(text):
        sentences.append(text[start : match.start(1)])
        start = match.end(1)
    sentences.append(text[start:])
    return [sentence for sentence in sentences if sentence]


def word_count(text: str) -> int:
    return len(text.split()) + len(_UNSPACED.findall(text)) // 2


def tidy(text: str) -> str:
    """NFC, invisible characters removed, every run of whitespace (including no-break spaces) one space."""
    return " ".join(_INVISIBLE.sub("", unicodedata.normalize("NFC", text)).split())


def is_headline(text: str) -> bool:
    """A short line, no full stop, its content words capitalised: a headline (in scripts with capitals)."""
    words = text.split()
    if not 2 <= len(words) <= MAX_HEADLINE_WORDS or text.rstrip(_CLOSERS).endswith((".", ",", ";", ":")):
        return False
    content = [word.lstrip(_CLOSERS + "“‘«(") for word in words]
    content = [word for word in content if sum(char.isalpha() for char in word) >= 4]
    if len(content) < 2:
        return False
    capitalised = sum(word[0].isupper() for word in content if word)
    return capitalised / len(content) >= MIN_HEADLINE_CAPITALISED


def _drop_teasers(lines: list[_Line]) -> None:
    """Once the article has begun, an ellipsis-cut snippet under a headline is a teaser for another story.

    (Before the first paragraph, a headline over a cut-off paragraph is the article's own title and lead.)
    """
    previous: _Line | None = None
    begun = False
    for line in lines:
        if not line.kept:
            continue
        if begun and line.truncated and previous is not None and previous.headline:
            line.kept = previous.kept = False
        begun = begun or line.body
        previous = line


def _take_title(lines: list[_Line], given: str | None) -> str | None:
    """Remove the opening title line; return it when no title was given and the text opens with one."""
    first = next((index for index, line in enumerate(lines) if line.kept), None)
    if first is None:
        return given
    opening = lines[first]
    body_follows = any(line.body for line in lines[first + 1 :])
    if given is not None:
        if body_follows and _comparable(opening.text) and _comparable(opening.text) in _comparable(given):
            opening.kept = False
        return given
    if body_follows and _looks_like_title(opening):
        opening.kept = False
        return opening.text
    return None


def _looks_like_title(line: _Line) -> bool:
    if not 3 <= line.words <= MAX_TITLE_WORDS or line.truncated or line.text.rstrip(_CLOSERS).endswith("."):
        return False
    words = line.text.split()
    return sum(any(char.isdigit() for char in word) for word in words) < len(words) / 2


def _drop_tail(lines: list[_Line]) -> None:
    """After the body's last paragraph, headlines, links and scraps go (a paragraph cut short by a paywall
    stays); a "Related" heading followed by at least as many teasers as paragraphs ends the body there."""
    body = [index for index, line in enumerate(lines) if line.body]
    if not body:
        return
    for index in range(body[0] + 1, len(lines)):
        if lines[index].section and _teasers_follow(lines[index + 1 :]):
            for line in lines[index + 1 :]:
                line.kept = False
            break
    last = max(index for index in body if lines[index].kept)
    for line in lines[last + 1 :]:
        if (
            line.headline
            or line.link_density >= LINK_DENSITY
            or (line.words <= MAX_CHROME_WORDS and not line.sentence)
        ):
            line.kept = False


def _teasers_follow(lines: list[_Line]) -> bool:
    return sum(line.teaser for line in lines) >= sum(line.body for line in lines)


def _drop_leading_chrome(lines: list[_Line]) -> None:
    """Menu items, section names and buttons before the first paragraph: short, and not sentences."""
    for line in lines:
        if line.body:
            return
        if line.words <= MAX_CHROME_WORDS and not line.sentence:
            line.kept = False


def _comparable(text: str) -> str:
    return " ".join("".join(char for char in text.casefold() if char.isalnum() or char.isspace()).split())
