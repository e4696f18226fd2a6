"""A chart of counts is labelled in whole numbers from 0 (never 0.1, 0.2 … when every
count is 0 or 1)."""

import base64
import re

from loket.lib import charts


def _y_labels(uri):
    svg = base64.b64decode(uri.split(",", 1)[1]).decode()
    return re.findall(r"<text[^>]*>([^<]+)</text>", svg)


def test_small_counts_get_whole_number_ticks():
    assert charts.count_axis([("n", [0, 1, 0])]) == {"range": (0, 1), "y_labels": [0, 1]}
    assert charts.count_axis([("n", [0, 0])]) == {"range": (0, 1), "y_labels": [0, 1]}
    axis = charts.count_axis([("a", [3, None]), ("b", [12, 7])])
    assert axis["y_labels"] == [0, 3, 6, 9, 12]
    uri = charts.bar("Izin", ["01/2026", "02/2026"], [("n", [0, 1])], counts=True)
    labels = _y_labels(uri)
    assert labels[:2] == ["0", "1"] and "0.1" not in labels and "0.5" not in labels
