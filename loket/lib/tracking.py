"""Codes a citizen types from a receipt: no 0/O, 1/I/L, so they survive being read aloud."""

import secrets

TRACKING_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_tracking_code(length=8):
    return "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(length))
