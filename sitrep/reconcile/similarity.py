"""How alike two reports are worded: cosine similarity of text vectors.

Two encoders, both functions of one text alone (so a similarity never depends on which other articles are
in the database, and clustering stays independent of arrival order):

- ``WordLlamaEncoder`` (default): wordllama's 256-d static token embeddings, average-pooled. Ships inside
  the PyPI wheel, loads offline in under a second, embeds thousands of sentences a second on one core.
- ``TermFrequencyEncoder``: a bag of words and word pairs with sublinear term frequency. No corpus
  statistics: IDF would make a pair's score depend on the rest of the database.

bench/incidents.md gives the measurements behind the default.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from sitrep.errors import SitrepError


class TextEncoder(Protocol):
    name: str

    def encode(self, texts: Sequence[str]) -> list[Any]:
        """One unit-length vector per text (an empty or zero vector for a text without words)."""
        ...

    def cosine(self, first: Any, second: Any) -> float: ...


class CachedSimilarity:
    """Cosine similarity between texts, encoding each distinct text once."""

    def __init__(self, encoder: TextEncoder) -> None:
        self.encoder = encoder
        self._vectors: dict[str, Any] = {}

    def prepare(self, texts: Sequence[str]) -> None:
        """Encode, in one batch, the texts not seen yet."""
        fresh = sorted({text for text in texts if text not in self._vectors})
        if fresh:
            self._vectors.update(zip(fresh, self.encoder.encode(fresh), strict=True))

    def __call__(self, first: str, second: str) -> float:
        self.prepare([first, second])
        return self.encoder.cosine(self._vectors[first], self._vectors[second])


class WordLlamaEncoder:
    name = "wordllama"

    def __init__(self) -> None:
        try:
            import wordllama
        except ImportError as error:
            raise SitrepError("text similarity needs wordllama: pip install wordllama") from error
        # The weights ship in the wheel; pointing the cache at the package keeps wordllama from downloading.
        weights = Path(wordllama.__file__).parent
        self._model = wordllama.WordLlama.load(cache_dir=weights, disable_download=True)

    def encode(self, texts: Sequence[str]) -> list[np.ndarray]:
        if not texts:
            return []
        matrix = np.asarray(self._model.embed(list(texts)), dtype=np.float64)
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        return list(np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0))

    def cosine(self, first: np.ndarray, second: np.ndarray) -> float:
        return float(np.dot(first, second))


_WORD = re.compile(r"\w+")


class TermFrequencyEncoder:
    name = "tf"

    def encode(self, texts: Sequence[str]) -> list[dict[str, float]]:
        return [self._vector(text) for text in texts]

    def cosine(self, first: dict[str, float], second: dict[str, float]) -> float:
        if len(second) < len(first):
            first, second = second, first
        return sum(weight * second.get(term, 0.0) for term, weight in first.items())

    @staticmethod
    def _vector(text: str) -> dict[str, float]:
        words = _WORD.findall(text.casefold())
        counts = Counter(words + [f"{a} {b}" for a, b in itertools.pairwise(words)])
        weights = {term: 1.0 + math.log(count) for term, count in counts.items()}
        norm = math.sqrt(sum(weight * weight for weight in weights.values()))
        return {term: weight / norm for term, weight in weights.items()}


ENCODERS: dict[str, type[WordLlamaEncoder] | type[TermFrequencyEncoder]] = {
    WordLlamaEncoder.name: WordLlamaEncoder,
    TermFrequencyEncoder.name: TermFrequencyEncoder,
}
