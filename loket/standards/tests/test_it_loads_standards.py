"""Loading standard files: all or nothing, versions, and a second service on the same engine."""

import pytest
from django.core.management import CommandError, call_command

from loket.core.errors import Invalid
from loket.permits import actions
from loket.standards.actions import StandardInvalid, load_standard
from loket.standards.models import Service, StandardVersion
from loket.testing import (
    ROOT,
    SIKTS_YAML,
    advance,
    file_for,
    make_applicant,
    make_officers,
)

FIXTURES = ROOT / "loket" / "standards" / "tests" / "fixtures"


def test_it_loads_the_sikts_standard_once(db):
    """The first load makes version 1; loading the same file again changes nothing."""
    version, created = load_standard(SIKTS_YAML.read_text())
    assert created and version.number == 1
    assert len(version.spec.steps) == 9
    assert str(version.spec.total_time) == "2 hari kerja"
    again, created = load_standard(SIKTS_YAML.read_text())
    assert not created and again.pk == version.pk


def test_it_reports_every_error_and_loads_nothing(db, capsys):
    """A broken file prints each error with its place and leaves the database untouched."""
    with pytest.raises(CommandError):
        call_command("load_standard", str(FIXTURES / "broken.yaml"))
    err = capsys.readouterr().err
    assert "steps[3].role: unknown role 'kadis2'" in err
    assert "components: missing component 'sarana'" in err
    assert err.count("\n  ") >= 5
    assert not Service.objects.exists() and not StandardVersion.objects.exists()


def test_it_keeps_a_file_on_the_version_it_was_filed_under(sikts, officers, applicant):
    """A new version of the standard never changes a file already in progress."""
    application = file_for(sikts, applicant)
    changed = SIKTS_YAML.read_text().replace("time: {minutes: 35}", "time: {minutes: 50}")
    assert changed != SIKTS_YAML.read_text()
    new, created = load_standard(changed)
    assert created and new.number == 2
    sikts.service.refresh_from_db()
    assert sikts.service.current == new
    application.refresh_from_db()
    assert application.version_id == sikts.pk
    assert application.spec.step(2).time.minutes == 35
    later = file_for(new, applicant)
    assert later.spec.step(2).time.minutes == 50
    advance(application, officers, 99)


def test_it_runs_a_second_standard_through_the_same_engine(db):
    """A five-step service with its return loop at step 3 runs with no code change."""
    version, _ = load_standard((FIXTURES / "other-service.yaml").read_text())
    office = version.service.office
    officers = make_officers(office)
    applicant = make_applicant(office)
    application = file_for(version, applicant)
    assert application.current_step == 2
    application = advance(application, officers, 3)
    step = application.step
    assert step.kind == "check" and step.returns_to_applicant
    code = version.spec.requirements[0].code
    application = actions.return_to_applicant(application, officers[step.role], {code: "buram"})
    assert application.status == "returned"
    application = actions.resubmit(application, applicant.user, [], 10**8)
    application = advance(application, officers, 99)
    assert application.status == "collected"
    assert list(
        application.card_entries.filter(event="handed_over").values_list("step_no", flat=True)
    ) == [1, 2, 3, 4, 5]


def test_it_refuses_a_return_on_a_step_without_a_return_loop(sikts, officers, applicant):
    """Only a check step that returns to the applicant may send the file back."""
    application = advance(file_for(sikts, applicant), officers, 4)
    with pytest.raises(Invalid):
        actions.return_to_applicant(application, officers["jf_ahli_muda"], {"str": "x"})


def test_it_refuses_invalid_text(db):
    """Garbage YAML is refused with its line number."""
    with pytest.raises(StandardInvalid) as info:
        load_standard("code: [unclosed\n")
    assert "line" in info.value.errors[0]
