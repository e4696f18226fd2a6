"""Loket's benchmark harness: a data generator and the scenarios of `make bench`."""
