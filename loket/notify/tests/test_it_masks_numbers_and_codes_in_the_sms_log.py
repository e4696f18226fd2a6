"""The development SMS log (console and var/sms.log) masks the phone number and hides
the link secrets (tracking code, survey token) the message carries."""

from pathlib import Path

from loket.notify.gateways import ConsoleSMS


def test_the_sms_log_holds_no_full_number_or_tracking_code(settings, capsys):
    text = (
        "Permohonan 503/2026/0001 diterima. Lacak: http://127.0.0.1:8000/lacak/"
        "?reg=503%2F2026%2F0001&code=ABCD2345 Survei: http://127.0.0.1:8000/survei/u/Zq9-tok3n/"
    )
    ConsoleSMS().send("+6281234567890", text, "key-1")
    logged = (Path(settings.VAR_DIR) / "sms.log").read_text()
    printed = capsys.readouterr().out
    for line in (logged, printed):
        assert "+6281234567890" not in line and "+62812*****890" in line
        assert "ABCD2345" not in line and "Zq9-tok3n" not in line
        assert "Permohonan 503/2026/0001 diterima" in line
