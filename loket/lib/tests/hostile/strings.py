"""Strings a stranger may type or send, each named by the trick it tries."""

HOSTILE_STRINGS = {
    "nul": "laporan\x00tersembunyi",
    "lone_surrogate": "keluhan \ud800 di loket",
    "low_surrogate": "\udfff",
    "rtl_override": "berkas\u202egpj.exe",
    "ten_thousand_chars": "a" * 10_000,
    "formula_equals": '=HYPERLINK("http://evil.example/","klik")',
    "formula_plus": "+1+cmd|' /C calc'!A0",
    "formula_minus": "-2+3",
    "formula_at": "@SUM(1+1)*cmd|' /C calc'!A0",
    "formula_tab": "\t=1+1",
    "formula_cr": "\r=1+1",
    "html_script": "<script>alert(document.cookie)</script>",
    "html_img": "<img src=x onerror=alert(1)>",
    "sql_ish": "'; DROP TABLE complaints_complaint; --",
    "emoji": "Pelayanan lambat 😡👎🏽 sekali",
    "crlf_header": "Keluhan\r\nBcc: semua@evil.example\r\nX-Injected: 1",
}

# The ones a form or API must refuse outright (they cannot be stored as text, or are
# too long for any field); the others may be accepted as plain text.
REFUSED = {"nul", "lone_surrogate", "low_surrogate"}

# Values that a spreadsheet would read as a formula.
FORMULAS = {k: v for k, v in HOSTILE_STRINGS.items() if k.startswith("formula_")}
