"""Passwords are checked for length, common passwords, digits only and likeness."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError


@pytest.mark.parametrize("password", ["pendek1", "password123", "12345678901", "qwertyuiop"])
def test_it_refuses_weak_passwords(password):
    """Short, common and all-digit passwords are refused."""
    with pytest.raises(ValidationError):
        validate_password(password)


def test_it_accepts_a_strong_password():
    """A long, uncommon password passes every validator."""
    validate_password("Sanitarian-Pekanbaru-2026!")


def test_it_refuses_a_weak_password_at_registration(client, office):
    """The registration page shows the validator's refusal on the password field."""
    response = client.post(
        "/akun/daftar/",
        {
            "full_name": "Siti",
            "nik": "1471055203900002",
            "birth_place": "Pekanbaru",
            "birth_date": "1990-03-12",
            "sex": "P",
            "address": "Jl. Sudirman",
            "phone": "081234567890",
            "consent": "on",
            "password1": "password123",
            "password2": "password123",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["password1"]
