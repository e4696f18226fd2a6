"""docs/standard-reference.md is what the schema says, word for word."""

from pathlib import Path

from django.conf import settings

from loket.standards.form_schema import FIELD_TYPES, VALIDITY_RULES, reference_markdown


def test_the_reference_is_generated_from_the_schema():
    """Regenerate it with `manage.py standard_reference` after changing form_schema.py."""
    committed = (Path(settings.BASE_DIR) / "docs" / "standard-reference.md").read_text()
    assert committed == reference_markdown()


def test_the_reference_names_every_field_type_and_validity_rule():
    text = reference_markdown()
    for name in (*FIELD_TYPES, *VALIDITY_RULES):
        assert f"| `{name}` |" in text, name
