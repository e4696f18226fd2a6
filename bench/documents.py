"""The memory a worker spends on documents (issue 17, "Lean workers"): rendering and
signing one permit, and the peak while writing the year's IKM spreadsheet.

Each is measured in a fresh process (``python -m bench.documents permit|ikm_xlsx``)
that first loads what it works on, then reports its resident memory before, after,
and at its peak (VmHWM of /proc/self/status): the document's own cost is the peak
over the before. Not ru_maxrss: on Linux it keeps the high-water mark of the process
before its exec, i.e. of the harness that forked it (a harness holding 420 MB after
the million-file reports reported 420 MB for every document).
Nothing is written to the database: the permit is rendered and signed in memory with
a throw-away demo CA, exactly as step 7 renders and signs it (document_to_sign,
with_fields, sign_with_pkcs12), and the spreadsheet is the one the SKM report
downloads (surveys.report.xlsx_bytes).
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import procs

# Not a target of the issue: reported so the cost is seen. A worker that renders and
# signs must still fit the memory a small office server gives it.
DOCUMENT_LIMIT_MB = 512


def _peak_mb():
    """The process's resident high-water mark, in MB (reset by exec, unlike ru_maxrss)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _rss_mb():
    return procs.rss_mb("self")


def sign_one_permit(year=None):
    from django.contrib.auth import get_user_model

    from loket.lib import demo_ca
    from loket.lib.signing import Appearance, sign_with_pkcs12
    from loket.permits.issuance_signing import SIGNATURE_BOX_ID, document_to_sign, with_fields
    from loket.permits.models import Application

    application = (
        Application.objects.filter(permit__isnull=False)
        .select_related("office", "version", "applicant")
        .order_by("-pk")
        .first()
    )
    signer = get_user_model().objects.filter(officer__isnull=False).order_by("pk").first()
    with tempfile.TemporaryDirectory() as folder:
        ca = demo_ca.make_demo_ca(Path(folder))
        key, csr = demo_ca.make_key_and_csr("Kepala Dinas (bench)", "Loket bench")
        cert = demo_ca.issue_from_csr(ca, csr)
        p12 = demo_ca.pkcs12_bytes(key, cert, ca.certificate(), "bench-secret", "bench")
        before, peak_before = _rss_mb(), _peak_mb()
        pdf, boxes, _code = document_to_sign(application, signer, "")
        signed = sign_with_pkcs12(
            with_fields(pdf, boxes),
            p12,
            "bench-secret",
            Appearance(
                reason=f"Kepala Dinas: penerbitan izin {application.reg_number}",
                location=application.office.city,
                name="Kepala Dinas (bench)",
                box=boxes[SIGNATURE_BOX_ID],
                # As many lines as step 7's stamp: who, in what capacity, when, by whom.
                stamp_lines=(
                    "Ditandatangani secara elektronik oleh",
                    "Kepala Dinas (bench)",
                    "Kepala Dinas Penanaman Modal dan PTSP",
                    "07-12-2026 10:00 WIB",
                    "Sertifikat: Loket bench CA",
                ),
            ),
        )
    return before, peak_before, len(signed)


def year_ikm_xlsx(year):
    from loket.standards.models import Service
    from loket.surveys import periods, report

    office = Service.objects.select_related("office").get(code="sikts").office
    period = periods.Period(periods.YEARLY, year, 1)
    before, peak_before = _rss_mb(), _peak_mb()
    data = report.xlsx_bytes(report.build(office, period, None))
    return before, peak_before, len(data)


MEASURES = {"permit": sign_one_permit, "ikm_xlsx": year_ikm_xlsx}


def main():
    import django

    django.setup()
    before, peak_before, size = MEASURES[sys.argv[1]](int(sys.argv[2]))
    print(
        json.dumps(
            {
                "before_mb": round(before, 1),
                "peak_before_mb": round(peak_before, 1),
                "peak_mb": round(_peak_mb(), 1),
                "after_mb": round(_rss_mb(), 1),
                "bytes": size,
            }
        )
    )


def _measure(what, year):
    done = subprocess.run(
        [procs.PYTHON, "-m", "bench.documents", what, str(year)],
        cwd=procs.ROOT,
        env=procs.env(),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def scenarios(database, year):
    results = []
    names = {
        "permit": "render and sign one permit",
        "ikm_xlsx": "the year's IKM spreadsheet (XLSX)",
    }
    for what, label in names.items():
        found = _measure(what, year)
        # The document's own cost: from the process before it to its peak while making it.
        cost = found["peak_mb"] - found["before_mb"]
        results.append(
            {
                "name": f"Memory: {label}",
                "database": database,
                "value": round(found["peak_mb"], 1),
                "baseline": found["before_mb"],
                "unit": "MB",
                "ratio": round(found["peak_mb"] / found["before_mb"], 3),
                "target": f"value < {DOCUMENT_LIMIT_MB} MB (reported)",
                "met": found["peak_mb"] < DOCUMENT_LIMIT_MB,
                "notes": f"peak of a fresh process while making it ({cost:+.1f} MB over the "
                f"process before it, {found['after_mb']} MB after); {found['bytes']:,} bytes; "
                "baseline: the process with the data loaded, before the document",
            }
        )
    return results


if __name__ == "__main__":
    main()
