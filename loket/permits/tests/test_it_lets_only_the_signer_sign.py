"""Only the Kepala Dinas's own step-7 action, with his own secret, produces his
signature: no other role's action, no API call, no job can use his key, and a wrong
passphrase signs nothing and changes nothing."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

from loket.audit.models import AuditEvent
from loket.core.errors import ActionError, Invalid, NotAllowed
from loket.lib.signing import pdf_sha256
from loket.lib.signing_backends import PASSPHRASE, Secret
from loket.permits import actions, issuance_signing
from loket.permits.models import Approval, SignatureAct, Task
from loket.testing import SIGNING_PASSPHRASE, advance, ensure_signing_certificate, sign_as

# The functions that make a signature with an officer's key, and the one place allowed
# to call them with an officer's credential.
SIGNING_CALLS = {"sign", "sign_with_pkcs12", "sign_with_signer", "load_pkcs12_signer"}
ALLOWED = {
    "loket/lib/signing.py",  # defines them
    "loket/lib/signing_backends.py",  # the backends behind the one interface
    "loket/permits/issuance_signing.py:sign_document",  # the signer's own act at step 7
}


def private_storage_names():
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return [str(p) for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _calls_in(path):
    source = (Path(settings.BASE_DIR) / path).read_text(encoding="utf-8")
    tree = ast.parse(source)
    # A bare ".sign(" is a backend's only where a backend can be reached (Django's
    # cookie signer has a sign() too).
    calls = SIGNING_CALLS
    if "signing_backends" not in source and "issuance_signing" not in source:
        calls = SIGNING_CALLS - {"sign"}
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "attr", getattr(node.func, "id", ""))
                if name in calls:
                    yield function.name, name


def test_no_other_code_path_signs_with_an_officer_key():
    """Outside the signing library and its tests, only sign_document calls a signer."""
    found = []
    root = Path(settings.BASE_DIR)
    for path in sorted((root / "loket").rglob("*.py")):
        rel = str(path.relative_to(root))
        if "/tests/" in rel or rel in ALLOWED:
            continue
        for function, call in _calls_in(rel):
            if f"{rel}:{function}" not in ALLOWED:
                found.append(f"{rel}:{function} calls {call}")
    assert found == []


@pytest.fixture
def at_step_7(application, officers):
    ensure_signing_certificate(officers["kepala_dinas"])
    return advance(application, officers, 7)


def _payload(application, user, passphrase=SIGNING_PASSPHRASE):
    """What the Kadis's own form would send: the hash he saw, his secret, confirmed."""
    pdf, _boxes, _code = issuance_signing.document_to_sign(application, user)
    return {
        "document_sha256": pdf_sha256(pdf),
        "secret": Secret(PASSPHRASE, passphrase),
        "confirmed": True,
    }


def test_no_other_role_can_sign_even_with_his_passphrase(at_step_7, officers):
    """Every other officer, given the Kadis's passphrase and document hash, is refused."""
    payload = _payload(at_step_7, officers["kepala_dinas"])
    for role, user in officers.items():
        if role == "kepala_dinas":
            continue
        with pytest.raises(NotAllowed):
            actions.complete_step(at_step_7, user, 7, **payload)
    assert not SignatureAct.objects.exists()


def test_another_kepala_dinas_cannot_use_his_key(at_step_7, officers, office):
    """A second officer with the Kepala Dinas role (e.g. a Plt) signs with their own
    certificate or not at all: without one, they are refused."""
    from loket.testing import make_officers

    plt = make_officers(office, prefix="plt-")["kepala_dinas"]
    payload = _payload(at_step_7, officers["kepala_dinas"])
    with pytest.raises(Invalid) as err:
        actions.complete_step(at_step_7, plt, 7, **payload)
    assert "certificate" in err.value.errors
    assert not SignatureAct.objects.exists()


def test_step_8_and_the_api_never_sign(at_step_7, officers, client):
    """The Back Office cannot complete step 7; the API has no way to sign: posting to
    the web signing page as the Back Office is a 404."""
    client.force_login(officers["back_office"])
    response = client.post(
        f"/izin/{at_step_7.pk}/tandatangani/",
        {"passphrase": SIGNING_PASSPHRASE, "confirmed": "1", "document_sha256": "x"},
    )
    assert response.status_code == 404
    assert not SignatureAct.objects.exists()


def test_a_wrong_passphrase_signs_nothing_and_changes_nothing(at_step_7, officers):
    """Wrong passphrase: Invalid; no approval, no act, no file, no audit event, the task
    still open at step 7."""
    kadis = officers["kepala_dinas"]
    files_before = set(private_storage_names())
    events_before = AuditEvent.objects.count()
    with pytest.raises(Invalid) as err:
        sign_as(at_step_7, kadis, passphrase="bukan-passphrase-nya")
    assert "secret" in err.value.errors
    assert "Passphrase atau kode salah" in err.value.message
    at_step_7.refresh_from_db()
    assert at_step_7.current_step == 7
    assert Task.objects.filter(application=at_step_7, step_no=7, closed_at__isnull=True).exists()
    assert not Approval.objects.filter(kind=Approval.SIGNATURE).exists()
    assert not SignatureAct.objects.exists()
    assert set(private_storage_names()) == files_before
    assert AuditEvent.objects.count() == events_before


def test_a_changed_document_is_not_signed(at_step_7, officers):
    """The hash the signer saw must be the document signed: another hash is refused."""
    payload = _payload(at_step_7, officers["kepala_dinas"])
    payload["document_sha256"] = "0" * 64
    with pytest.raises(ActionError):
        actions.complete_step(at_step_7, officers["kepala_dinas"], 7, **payload)
    assert not SignatureAct.objects.exists()


def test_he_signs_with_his_own_passphrase_and_it_is_kept_nowhere(at_step_7, officers):
    """The right passphrase signs; it appears in no audit event and no stored row."""
    application = sign_as(at_step_7, officers["kepala_dinas"])
    assert application.current_step == 8
    act = SignatureAct.objects.get()
    assert act.certificate.officer == officers["kepala_dinas"]
    for summary in AuditEvent.objects.values_list("summary", flat=True):
        assert SIGNING_PASSPHRASE not in str(summary)
    assert SIGNING_PASSPHRASE not in repr(Secret(PASSPHRASE, SIGNING_PASSPHRASE))


def test_a_plt_signs_as_plt_with_his_own_certificate(at_step_7, officers, office):
    """A Plt holding the role signs with his own certificate; it is recorded as Plt."""
    from loket.testing import make_officers

    plt = make_officers(office, prefix="plt2-")["kepala_dinas"]
    ensure_signing_certificate(plt)
    application = sign_as(at_step_7, plt, capacity="plt")
    act = SignatureAct.objects.get()
    assert act.capacity == "plt" and act.certificate.officer == plt
    assert application.current_step == 8
