"""Paragraphs an outlet repeats across articles: paragraph splitting with offsets, word shingles, MinHash signatures,
LSH bands, and near-duplicate matching among a given set of documents.

Two paragraphs are near-duplicates when the Jaccard similarity of their sets of word 3-shingles is at least
:data:`MATCH_THRESHOLD`; MinHash estimates it from :data:`NUM_PERM` minima and LSH (:data:`BANDS` bands of
:data:`ROWS` rows) finds the candidate pairs without comparing every pair. The signatures are the ones
``datasketch.MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine64", hashfunc=<identity>)`` computes from the same
shingle hashes (the tests check it), but computed for a whole batch of paragraphs in a few numpy operations:
datasketch costs over a millisecond per article here, and importing it pulls in scipy (more than a second).

Only paragraphs of :data:`MIN_WORDS` words or more are candidates: shorter ones (datelines, captions, "Read more")
repeat by nature and say nothing about an outlet reusing its background paragraphs. Everything here is pure; the
database-wide incremental index lives in :mod:`provenance.store.boilerplate`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING


if TYPE_CHECKING:
    import numpy as np

NUM_PERM = 30
BANDS = 10
ROWS = 3
SEED = 1
SHINGLE = 3
MIN_WORDS = 25
MATCH_THRESHOLD = 0.5
"""Estimated Jaccard similarity of shingle sets above which two paragraphs count as the same paragraph.

A paragraph of 40 words with two words changed keeps about 0.75 of its 3-shingles; unrelated paragraphs share
almost none. With 10 bands of 3 rows, a pair at similarity 0.7 becomes a candidate with probability 0.985."""

MAX_SHARED = 20
"""A repeated paragraph is linked to at most about this many other carriers, the first ones found. A paragraph
every article of an outlet carries (a footer, a standard disclaimer) would otherwise link each article to all the
others: links growing with the square of the corpus, and each new copy compared with every old one."""

_WRAPPED_MIN, _WRAPPED_MAX = 40, 100


@dataclass(frozen=True, slots=True)
class SharedSpan:
    """A paragraph of one article that other articles carry too: ``shared_with`` holds their paths or ids."""

    start: int
    end: int
    shared_with: tuple[str, ...]
    outlets: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "shared_with": list(self.shared_with)}


def lines(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every non-blank line, trimmed of surrounding whitespace."""
    spans = []
    position = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = position + line.index(stripped[0])
            spans.append((start, start + len(stripped)))
        position += len(line) + 1
    return spans


def _hard_wrapped(block: list[tuple[int, int]]) -> bool:
    """A block whose lines (all but the last) have typewriter-like lengths: one paragraph wrapped at a margin."""
    return len(block) >= 3 and all(_WRAPPED_MIN <= e - s <= _WRAPPED_MAX for s, e in block[:-1])


def paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every paragraph, trimmed.

    Paragraphs are separated by blank lines or by single newlines (text extracted from HTML puts one paragraph per
    line); a block of lines hard-wrapped at a margin stays one paragraph.
    """
    spans: list[tuple[int, int]] = []
    block: list[tuple[int, int]] = []
    for start, end in lines(text):
        if block and text.count("\n", block[-1][1], start) > 1:
            spans.extend([(block[0][0], block[-1][1])] if _hard_wrapped(block) else block)
            block = []
        block.append((start, end))
    if block:
        spans.extend([(block[0][0], block[-1][1])] if _hard_wrapped(block) else block)
    return spans


def words(text: str) -> list[str]:
    """The words shingles are built from: lower case, split on whitespace, curly apostrophes made straight.

    Splitting on whitespace (punctuation stays on its word) is several times cheaper than a word regex here and just
    as stable across copies of a paragraph.
    """
    return text.lower().replace("\u2019", "'").split()


_token_hashes: dict[str, int] = {}
_TOKEN_CACHE_LIMIT = 2_000_000


def token_hashes(tokens: Sequence[str]) -> list[int]:
    """Stable 64-bit hashes of words (the same on every machine, unlike ``hash()``), cached per process; only the
    words never seen before are hashed, found with one set difference."""
    missing = set(tokens).difference(_token_hashes)
    if len(_token_hashes) + len(missing) > _TOKEN_CACHE_LIMIT:
        _token_hashes.clear()
        missing = set(tokens)
    for word in missing:
        _token_hashes[word] = int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")
    return list(map(_token_hashes.__getitem__, tokens))


@cache
def _constants() -> tuple:
    """The permutations of datasketch's ``affine64`` scheme for :data:`SEED`, generated the way datasketch does."""
    import numpy as np

    gen = np.random.RandomState(SEED)
    a = gen.randint(0, 1 << 63, NUM_PERM, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = gen.randint(0, 1 << 64, NUM_PERM, dtype=np.uint64)
    return a, b, np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F)


def shingle_hashes(tokens: Sequence[str]) -> np.ndarray:
    """64-bit hashes of the word 3-shingles of ``tokens`` (order-sensitive combination of the word hashes)."""
    import numpy as np

    _, _, k1, k2 = _constants()
    h = np.array(token_hashes(tokens), dtype=np.uint64)
    if len(h) < SHINGLE:
        return h
    with np.errstate(over="ignore"):
        return h[:-2] * k1 + h[1:-1] * k2 + h[2:]


def _fmix64(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finaliser (what datasketch applies before its affine permutations)."""
    import numpy as np

    with np.errstate(over="ignore"):
        h = h ^ (h >> np.uint64(33))
        h = h * np.uint64(0xFF51AFD7ED558CCD)
        h = h ^ (h >> np.uint64(33))
        h = h * np.uint64(0xC4CEB9FE1A85EC53)
        return h ^ (h >> np.uint64(33))


def _minima(flat: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """Per-segment minima of every permutation of ``flat`` (segments start at ``offsets``), one permutation at a time
    so that memory stays at one copy of ``flat`` whatever the batch size."""
    import numpy as np

    a, b, _, _ = _constants()
    out = np.empty((len(offsets), NUM_PERM), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(NUM_PERM):
            out[:, k] = np.minimum.reduceat(flat * a[k] + b[k], offsets)
    return out


def signatures(shingle_sets: Sequence[np.ndarray]) -> np.ndarray:
    """MinHash signatures (one row of :data:`NUM_PERM` uint64 per set) of many shingle-hash arrays at once."""
    import numpy as np

    out = np.full((len(shingle_sets), NUM_PERM), np.iinfo(np.uint64).max, dtype=np.uint64)
    keep = [i for i, s in enumerate(shingle_sets) if len(s)]
    if keep:
        offsets = np.cumsum([0] + [len(shingle_sets[i]) for i in keep[:-1]])
        out[keep] = _minima(_fmix64(np.concatenate([shingle_sets[i] for i in keep])), offsets)
    return out


def band_hashes(signature_rows: np.ndarray) -> np.ndarray:
    """One signed 64-bit hash per (set, band), band index mixed in, ready for an SQLite INTEGER column."""
    import numpy as np

    rows = signature_rows.reshape(len(signature_rows), BANDS, ROWS)
    with np.errstate(over="ignore"):
        h = np.arange(1, BANDS + 1, dtype=np.uint64)[None, :] * np.uint64(0x9E3779B97F4A7C15)
        for r in range(ROWS):
            h = _fmix64(h ^ rows[:, :, r])
    return h.view(np.int64)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures: the share of equal minima."""
    return float((a == b).sum()) / NUM_PERM


@dataclass(slots=True)
class Candidates:
    """The boilerplate candidate paragraphs of some documents, with their signatures and band hashes."""

    owners: list[int]
    spans: list[tuple[int, int]]
    signatures: np.ndarray
    bands: np.ndarray


def candidate_paragraphs(text: str, furniture: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int, list[str]]]:
    """The paragraphs long enough to be boilerplate candidates, outside page furniture, with their words."""
    found = []
    for start, end in paragraphs(text):
        if end - start < MIN_WORDS * 2 or any(s <= start and end <= e for s, e in furniture):
            continue
        tokens = words(text[start:end])
        if len(tokens) >= MIN_WORDS:
            found.append((start, end, tokens))
    return found


def candidates(texts: Sequence[str], furniture: Sequence[Sequence[tuple[int, int]]] = ()) -> Candidates:
    """Split, shingle and sign the candidate paragraphs of many documents in one batch.

    All words of the batch are hashed in one array; the shingles that would straddle two paragraphs are dropped, and
    each paragraph's minima are taken with one ``reduceat`` per permutation.
    """
    import numpy as np

    owners: list[int] = []
    spans: list[tuple[int, int]] = []
    all_tokens: list[str] = []
    ends: list[int] = []
    for index, text in enumerate(texts):
        for start, end, tokens in candidate_paragraphs(text, furniture[index] if index < len(furniture) else ()):
            owners.append(index)
            spans.append((start, end))
            all_tokens.extend(tokens)
            ends.append(len(all_tokens))
    if not spans:
        empty = np.empty((0, NUM_PERM), dtype=np.uint64)
        return Candidates(owners, spans, empty, np.empty((0, BANDS), dtype=np.int64))
    _, _, k1, k2 = _constants()
    h = np.array(token_hashes(all_tokens), dtype=np.uint64)
    with np.errstate(over="ignore"):
        shingles = h[:-2] * k1 + h[1:-1] * k2 + h[2:]
    last = np.array(ends, dtype=np.int64)
    valid = np.ones(len(shingles), dtype=bool)
    valid[last[:-1] - 2] = False
    valid[last[:-1] - 1] = False
    firsts = np.concatenate(([0], last[:-1]))
    offsets = firsts - 2 * np.arange(len(firsts))
    sigs = _minima(_fmix64(shingles[valid]), offsets)
    return Candidates(owners, spans, sigs, band_hashes(sigs))


def merge(parts: Sequence[tuple[Candidates, dict[int, int]]]) -> Candidates:
    """The candidates of several batches as one, each part's documents renumbered by its mapping (old → new);
    a document the mapping leaves out is dropped with its paragraphs."""
    import numpy as np

    owners: list[int] = []
    spans: list[tuple[int, int]] = []
    signature_parts, band_parts = [], []
    for found, renumber in parts:
        keep = [i for i, owner in enumerate(found.owners) if owner in renumber]
        owners += [renumber[found.owners[i]] for i in keep]
        spans += [found.spans[i] for i in keep]
        signature_parts.append(found.signatures[keep])
        band_parts.append(found.bands[keep])
    if not spans:
        return Candidates([], [], np.empty((0, NUM_PERM), dtype=np.uint64), np.empty((0, BANDS), dtype=np.int64))
    return Candidates(owners, spans, np.concatenate(signature_parts), np.concatenate(band_parts))


def match_pairs(found: Candidates) -> list[tuple[int, int, float]]:
    """Pairs ``(i, j, similarity)`` of candidate paragraphs of different documents that are near-duplicates.

    Only band hashes that occur more than once are looked at (found with numpy, not a Python dict of every hash):
    in a real batch almost every hash is unique. In a bucket of more than :data:`MAX_SHARED` paragraphs, each is
    paired with the first ones only.
    """
    import numpy as np

    if not len(found.bands):
        return []
    flat = found.bands.ravel()
    order = np.argsort(flat, kind="stable")
    ordered = flat[order]
    repeated = np.flatnonzero(ordered[1:] == ordered[:-1])
    buckets: dict[int, set[int]] = {}
    for k in repeated.tolist():
        members = buckets.setdefault(int(ordered[k]), set())
        members.add(int(order[k]) // BANDS)
        members.add(int(order[k + 1]) // BANDS)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        ranked = sorted(members)
        for x in range(min(len(ranked), MAX_SHARED + 1)):
            for y in range(x + 1, len(ranked)):
                i, j = ranked[x], ranked[y]
                if found.owners[i] != found.owners[j]:
                    pairs.add((i, j))
    result = []
    for i, j in sorted(pairs):
        score = similarity(found.signatures[i], found.signatures[j])
        if score >= MATCH_THRESHOLD:
            result.append((i, j, score))
    return result


def shared_among(
    keys: Sequence[Hashable], texts: Sequence[str], furniture: Sequence[Sequence[tuple[int, int]]] = ()
) -> dict[Hashable, list[SharedSpan]]:
    """For each document, its paragraphs that other documents of the set repeat, with the keys of those documents."""
    found = candidates(texts, furniture)
    others: dict[int, set[int]] = {}
    for i, j, _ in match_pairs(found):
        others.setdefault(i, set()).add(found.owners[j])
        others.setdefault(j, set()).add(found.owners[i])
    result: dict[Hashable, list[SharedSpan]] = {key: [] for key in keys}
    for i in sorted(others, key=lambda i: (found.owners[i], found.spans[i])):
        start, end = found.spans[i]
        result[keys[found.owners[i]]].append(
            SharedSpan(start, end, tuple(str(keys[o]) for o in sorted(others[i])))
        )
    return result
