"""Small statistics for the comparison: every number keeps its count, small samples are flagged, and intervals are
95 % and computed from the aggregates SQL returns (histograms and sums), never from one Python object per row.

* a share (k of n): Wilson score interval — well behaved at 0, 1 and small n, where a bootstrap of a proportion
  degenerates;
* a mean of an ordinal label (reliability 1-5): percentile bootstrap, resampling the value histogram (a multinomial
  draw is exactly a resample of the labels);
* a rate per 1,000 words (markers, links): ratio estimator sum(count) / sum(words) over articles, with the
  delta-method interval from per-article sums of squares — the large-sample limit of resampling articles.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

SMALL_SAMPLE = 30
"""Below this many observations a number is marked as a small sample (shown with ``*``)."""

Z95 = 1.959963984540054
BOOTSTRAP_RESAMPLES = 2000
BOOTSTRAP_SEED = 20220224
"""A fixed seed keeps a report reproducible: the same database gives the same intervals."""


def is_small(n: int | float, threshold: int = SMALL_SAMPLE) -> bool:
    """Whether ``n`` observations are too few to read much into."""
    return n < threshold


@dataclass(frozen=True, slots=True)
class Share:
    """``count`` of ``n``, with its Wilson interval; ``value`` is None when n = 0."""

    count: int
    n: int
    value: float | None
    low: float | None
    high: float | None
    small: bool

    def to_dict(self) -> dict:
        return {"count": self.count, "n": self.n, "value": self.value, "interval": _pair(self.low, self.high),
                "small_sample": self.small}


@dataclass(frozen=True, slots=True)
class Rate:
    """``count`` events over ``words`` words in ``articles`` articles, per 1,000 words, with its interval."""

    count: int
    words: int
    articles: int
    value: float | None
    low: float | None
    high: float | None
    small: bool

    def to_dict(self) -> dict:
        return {"count": self.count, "words": self.words, "articles": self.articles, "value": self.value,
                "interval": _pair(self.low, self.high), "small_sample": self.small}


@dataclass(frozen=True, slots=True)
class Summary:
    """Mean, median and standard deviation of numeric labels, with a bootstrap interval of the mean."""

    n: int
    mean: float | None
    median: float | None
    sd: float | None
    low: float | None
    high: float | None
    small: bool

    def to_dict(self) -> dict:
        return {"n": self.n, "mean": self.mean, "median": self.median, "sd": self.sd,
                "interval": _pair(self.low, self.high), "small_sample": self.small}


def _pair(low: float | None, high: float | None) -> list[float] | None:
    return None if low is None or high is None else [low, high]


def share(count: int, n: int) -> Share:
    """A proportion with its Wilson score interval."""
    if n <= 0:
        return Share(count, n, None, None, None, True)
    p = count / n
    z2 = Z95 * Z95
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = Z95 * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return Share(count, n, p, max(0.0, centre - half), min(1.0, centre + half), is_small(n))


def rate_per_1k(count: int, squares: int, cross: int, words: int, words2: int, articles: int) -> Rate:
    """Events per 1,000 words over a group of articles, from per-article sums.

    ``count`` = Σc, ``squares`` = Σc², ``cross`` = Σc·w, ``words`` = Σw, ``words2`` = Σw² over the ``articles``
    articles. The ratio R = Σc/Σw has variance ≈ Σ(c − R·w)² / (Σw)² (delta method, with the usual n/(n−1)).
    """
    if words <= 0 or articles <= 0:
        return Rate(count, words, articles, None, None, None, True)
    r = count / words
    residual = max(squares - 2 * r * cross + r * r * words2, 0.0)
    correction = articles / (articles - 1) if articles > 1 else 1.0
    se = math.sqrt(residual * correction) / words
    if articles < 2:
        low = high = None
    else:
        low, high = max(0.0, (r - Z95 * se) * 1000), (r + Z95 * se) * 1000
    return Rate(count, words, articles, r * 1000, low, high, is_small(articles))


def summary(histogram: dict[float, int]) -> Summary:
    """Mean, median, sd and a bootstrap interval of the mean from a histogram {value: count}."""
    items = sorted((float(v), int(c)) for v, c in histogram.items() if c > 0)
    n = sum(c for _, c in items)
    if n == 0:
        return Summary(0, None, None, None, None, None, True)
    values = [v for v, _ in items]
    counts = [c for _, c in items]
    mean = sum(v * c for v, c in items) / n
    sd = math.sqrt(sum(c * (v - mean) ** 2 for v, c in items) / (n - 1)) if n > 1 else None
    low, high = bootstrap_mean(values, counts)
    return Summary(n, mean, _median(items, n), sd, low, high, is_small(n))


def _median(items: list[tuple[float, int]], n: int) -> float:
    def at(k: int) -> float:
        seen = 0
        for value, count in items:
            seen += count
            if k < seen:
                return value
        return items[-1][0]

    return at((n - 1) // 2) if n % 2 else (at(n // 2 - 1) + at(n // 2)) / 2


def bootstrap_mean(
    values: list[float], counts: list[int], resamples: int = BOOTSTRAP_RESAMPLES, seed: int = BOOTSTRAP_SEED
) -> tuple[float | None, float | None]:
    """Percentile bootstrap 95 % interval of the mean of a sample given as a histogram.

    Resampling n labels with replacement is a multinomial draw over the distinct values, so the cost depends on the
    number of distinct values, not on n.
    """
    import numpy as np

    n = int(sum(counts))
    if n < 2:
        return None, None
    rng = np.random.default_rng(seed)
    p = np.asarray(counts, dtype=float) / n
    draws = rng.multinomial(n, p, size=resamples)
    means = draws @ np.asarray(values, dtype=float) / n
    low, high = np.percentile(means, [2.5, 97.5])
    return float(low), float(high)
