"""Order statistics from a histogram: [(value, how many times), ...].

The database returns how often each working-time value occurs (a GROUP BY), which
is small however many files there are; the median and the 90th percentile are read
off it exactly, without loading one row per file.
"""

import math


def _nth(histogram, rank):
    """The `rank`-th smallest value (1-based) of a histogram sorted by value."""
    seen = 0
    for value, count in histogram:
        seen += count
        if seen >= rank:
            return value
    raise ValueError("rank beyond the histogram")


def median(histogram):
    """The median; for an even count the mean of the two middle values. None if empty."""
    histogram = sorted(histogram)
    n = sum(count for _value, count in histogram)
    if n == 0:
        return None
    if n % 2:
        return _nth(histogram, (n + 1) // 2)
    return (_nth(histogram, n // 2) + _nth(histogram, n // 2 + 1)) / 2


def percentile(histogram, q):
    """Nearest-rank percentile: the smallest value with at least q% of values at or
    below it (q in 0-100). None if empty."""
    histogram = sorted(histogram)
    n = sum(count for _value, count in histogram)
    if n == 0:
        return None
    return _nth(histogram, max(1, math.ceil(q / 100 * n)))


def mean(histogram):
    n = sum(count for _value, count in histogram)
    if n == 0:
        return None
    return sum(value * count for value, count in histogram) / n
