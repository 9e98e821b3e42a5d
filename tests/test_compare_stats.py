"""The statistics behind the comparison: Wilson shares, histogram summaries, bootstrap and delta-method intervals."""

from __future__ import annotations

import math

import numpy as np
import pytest

from provenance.analysis import stats


def test_wilson_interval_known_values() -> None:
    s = stats.share(0, 4)
    assert s.value == 0 and s.low == 0 and s.high == pytest.approx(0.4899, abs=1e-4)
    s = stats.share(15, 30)
    assert s.low == pytest.approx(0.3315, abs=1e-3) and s.high == pytest.approx(0.6685, abs=1e-3) and not s.small
    assert stats.share(0, 0).value is None


def test_summary_from_histogram() -> None:
    s = stats.summary({1: 1, 2: 2, 5: 1})
    assert s.n == 4 and s.mean == 2.5 and s.median == 2.0
    assert s.sd == pytest.approx(np.std([1, 2, 2, 5], ddof=1))
    assert 1 <= s.low <= s.mean <= s.high <= 5
    assert stats.summary({3: 1}).low is None  # no interval from one label


def test_bootstrap_matches_resampling_the_labels() -> None:
    values = [1.0, 2.0, 3.0, 4.0, 5.0]
    counts = [3, 10, 20, 10, 7]
    low, high = stats.bootstrap_mean(values, counts)
    sample = np.repeat(values, counts)
    rng = np.random.default_rng(7)
    means = rng.choice(sample, size=(4000, len(sample)), replace=True).mean(axis=1)
    ref_low, ref_high = np.percentile(means, [2.5, 97.5])
    assert low == pytest.approx(ref_low, abs=0.06) and high == pytest.approx(ref_high, abs=0.06)
    assert stats.bootstrap_mean(values, counts) == (low, high)  # reproducible


def test_rate_interval_is_the_delta_method_on_articles() -> None:
    counts = np.array([0, 2, 1, 4, 3, 0, 1, 2])
    words = np.array([300, 500, 250, 800, 600, 200, 400, 450])
    r = stats.rate_per_1k(int(counts.sum()), int((counts**2).sum()), int((counts * words).sum()),
                          int(words.sum()), int((words**2).sum()), len(counts))
    ratio = counts.sum() / words.sum()
    n = len(counts)
    se = math.sqrt(((counts - ratio * words) ** 2).sum() * n / (n - 1)) / words.sum()
    assert r.value == pytest.approx(ratio * 1000)
    assert r.low == pytest.approx(max(0, (ratio - 1.959964 * se) * 1000))
    assert r.high == pytest.approx((ratio + 1.959964 * se) * 1000)
    assert r.small and r.count == 13
