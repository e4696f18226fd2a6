"""Sign-ins, sign-outs, an applicant's download of their own data and every call of
an API client are on the audit trail although they change nothing: each app declares
them as reads (loket.audit.register_reads), so the checks that a GET never writes and
that a refused call acted on nothing set exactly these aside."""

from loket.audit import read_actions


def test_every_app_declares_its_reads():
    assert read_actions() == {
        "accounts.login",
        "accounts.logout",
        "accounts.export_personal_data",
        "apiclients.call",
    }
