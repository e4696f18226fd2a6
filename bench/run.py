"""`make bench`: generate the data (unless it is already there), run every scenario,
print the table, write bench/results.json and docs/bench-results.md.

    python -m bench.run --scale 100000            # SQLite, bench/bench.sqlite3
    DATABASE_URL=postgres://... python -m bench.run --scale 100000

Every scenario is a ratio against a baseline measured in the same run (see
docs/bench.md), so a busy machine slows both sides alike.
"""

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results.json"
MARKDOWN = ROOT / "docs" / "bench-results.md"
EXTRA = HERE / "results-by-hand.md"
GENERATOR_TARGET_MB = 512
SCENARIOS = ("public", "lists", "reports", "numbering", "queue", "memory", "documents")


SECRETS = HERE / "secrets.json"


def _secrets():
    """The run's own keys, made once and kept beside the data (git-ignored).

    With DEBUG off, Loket refuses to serve on the committed development secrets
    (loket/wsgi.py), and the personal data the generator encrypts must be read with
    the same keys by the servers under load: every process of every run gets these.
    """
    if not SECRETS.exists():
        import secrets

        from cryptography.fernet import Fernet

        keys = {
            "SECRET_KEY": secrets.token_urlsafe(48),
            "AUDIT_KEY": secrets.token_urlsafe(48),
            "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "FIELD_HASH_KEY": secrets.token_urlsafe(48),
        }
        SECRETS.write_text(json.dumps(keys, indent=2) + "\n")
    for name, value in json.loads(SECRETS.read_text()).items():
        os.environ.setdefault(name, value)


def _environment():
    _secrets()
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("VAR_DIR", str(ROOT / "var" / "bench"))
    if not os.environ.get("DATABASE_URL"):
        os.environ.setdefault("SQLITE_PATH", str(HERE / "bench.sqlite3"))
    Path(os.environ["VAR_DIR"]).mkdir(parents=True, exist_ok=True)
    database = "postgresql" if os.environ.get("DATABASE_URL") else "sqlite"
    return database, HERE / f"generated-{database}.json"


def _generated(summary):
    """Does the database hold what the summary says was generated (a throw-away
    PostgreSQL does not, a deleted SQLite file does not)?"""
    from django.db import DatabaseError, connection

    from loket.permits.models import Application

    try:
        return Application.objects.count() == summary["rows"]["permits_application"]
    except DatabaseError:
        return False
    finally:
        connection.close()


def _generate(scale, summary_path, fresh):
    if summary_path.exists() and not fresh:
        summary = json.loads(summary_path.read_text())
        if summary.get("scale") == scale and _generated(summary):
            print(f"Reusing the data generated at scale {scale:,} ({summary_path.name}).")
            from django.core.management import call_command

            from bench.bulk import analyze

            # Migrations added since (a new index, say) apply to the data in place,
            # and the planner gets statistics for what they built.
            call_command("migrate", verbosity=0, interactive=False)
            if "rollup_seconds" not in summary:
                # Data generated before the report roll-ups: count them once.
                started = time.monotonic()
                call_command("rebuild_rollups")
                summary["rollup_seconds"] = round(time.monotonic() - started, 1)
                summary_path.write_text(json.dumps(summary, indent=2) + "\n")
            analyze()
            return summary
    print(f"Generating SCALE={scale:,}...", flush=True)
    subprocess.run(
        [sys.executable, "-m", "bench.generate", "--scale", str(scale)]
        + ["--summary", str(summary_path)],
        cwd=ROOT,
        check=True,
    )
    return json.loads(summary_path.read_text())


def machine(database):
    from django.db import connection

    memory = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            memory = int(line.split()[1]) / 1024 / 1024
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    durability = ""
    with connection.cursor() as cursor:
        cursor.execute("SELECT sqlite_version()" if database == "sqlite" else "SHOW server_version")
        version = cursor.fetchone()[0]
        if database != "sqlite":
            # The commit-bound figures (numbering, the queue) depend on these: say them.
            settings = []
            for name in ("fsync", "synchronous_commit"):
                cursor.execute(f"SHOW {name}")
                settings.append(f"{name}={cursor.fetchone()[0]}")
            durability = " (" + ", ".join(settings) + ")"
    return {
        "cores": os.cpu_count(),
        "memory_gb": round(memory, 1),
        "cpu": cpu,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "database": f"{database} {version}{durability}",
    }


def generator_memory(summary, database):
    peak = summary["peak_rss_mb"]
    return {
        "name": "Memory: generator peak",
        "database": database,
        "value": peak,
        "baseline": summary["setup_rss_mb"],
        "unit": "MB",
        "ratio": round(peak / summary["setup_rss_mb"], 3),
        "target": f"value < {GENERATOR_TARGET_MB} MB",
        "met": peak < GENERATOR_TARGET_MB,
        "notes": f"SCALE={summary['scale']:,}: {summary['total_rows']:,} rows in "
        f"{summary['seconds']:,} s; baseline: the process after Django's set-up",
    }


def run(only, seconds, summary, database):
    from bench import documents, lists, numbering, outbox, reports, web
    from loket.standards.models import Service

    office = Service.objects.select_related("office").get(code="sikts").office
    year = summary["year"]
    results = []
    steps = {
        "public": lambda: web.public_pages(database, seconds),
        "lists": lambda: lists.scenarios(database),
        "reports": lambda: reports.scenarios(office, year, database),
        "numbering": lambda: [numbering.scenario(office, database)],
        "queue": lambda: [outbox.scenario(office, database)],
        "memory": lambda: [web.worker_memory(database), generator_memory(summary, database)],
        "documents": lambda: documents.scenarios(database, year),
    }
    for name in SCENARIOS:
        if only and name not in only:
            continue
        print(f"Scenario: {name}...", flush=True)
        started = time.monotonic()
        found = steps[name]()
        for result in found:
            result["seconds"] = round(time.monotonic() - started, 1)
        results += found
    return results


def table(results):
    head = ("scenario", "db", "value", "baseline", "ratio", "target", "met")
    rows = [
        (
            r["name"],
            r["database"],
            f"{r['value']:,} {r['unit']}",
            f"{r['baseline']:,} {r['unit']}",
            f"{r['ratio']:g}",
            r["target"],
            "yes" if r["met"] else "NO",
        )
        for r in results
    ]
    widths = [max(len(str(x)) for x in column) for column in zip(head, *rows, strict=True)]
    lines = ["  ".join(str(x).ljust(w) for x, w in zip(row, widths, strict=True)) for row in rows]
    rule = "  ".join("-" * w for w in widths)
    header = "  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True))
    return "\n".join([header, rule, *lines])


def markdown(runs):
    """docs/bench-results.md: the latest run on each database at each scale."""
    out = [
        "# Benchmark results",
        "",
        "Generated by `make bench` from `bench/results-<database>-<scale>.json` (see "
        "[bench.md](bench.md) for what each scenario measures and why its target). "
        "Each ratio compares with a baseline measured in the same run.",
        "",
    ]
    for data in runs:
        m = data["machine"]
        gen = data["generator"]
        out += [
            f"## {m['database']}, SCALE={data['scale']:,}",
            "",
            f"Run {data['date']} of commit {data.get('commit', 'unknown')} "
            f"on {m['cores']} cores ({m['cpu']}), {m['memory_gb']} GB, "
            f"{m['os']}, Python {m['python']}. Generating {gen['total_rows']:,} rows took "
            f"{gen['seconds']:,} s (peak {gen['peak_rss_mb']} MB); the scenarios "
            f"{data['seconds']:,} s.",
            "",
            "| scenario | value | baseline | ratio | target | met | notes |",
            "|---|---|---|---|---|---|---|",
        ]
        for r in data["scenarios"]:
            out.append(
                f"| {r['name']} | {r['value']:,} {r['unit']} | {r['baseline']:,} {r['unit']} "
                f"| {r['ratio']:g} | {r['target']} | {'yes' if r['met'] else '**no**'} "
                f"| {r.get('notes', '')} |"
            )
        out.append("")
    from bench import growth

    out.append(growth.section(runs, ROOT / "docs"))
    if EXTRA.exists():
        # Figures measured by hand, not by a scenario (the upgrade's migrations).
        out.append(EXTRA.read_text())
    return "\n".join(out)


def commit():
    """The commit the run measured (with "+changes" when the worktree differs from it)."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return "unknown"
    return (head or "unknown") + ("+changes" if dirty else "")


def main(argv=None):
    parser = argparse.ArgumentParser(description="Run Loket's benchmark scenarios.")
    parser.add_argument("--scale", type=int, default=int(os.environ.get("SCALE", 100_000)))
    parser.add_argument("--fresh", action="store_true", help="generate even if data is there")
    parser.add_argument("--seconds", type=int, default=10, help="wrk duration per run")
    parser.add_argument("--strict", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument("--only", default="", help=f"comma-separated subset of {SCENARIOS}")
    args = parser.parse_args(argv)
    database, summary_path = _environment()
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    summary = _generate(args.scale, summary_path, args.fresh)
    started = time.monotonic()
    only = {s.strip() for s in args.only.split(",") if s.strip()}
    results = run(only, args.seconds, summary, database)
    data = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "scale": args.scale,
        "database": database,
        "commit": commit(),
        "machine": machine(database),
        "generator": summary,
        "seconds": round(time.monotonic() - started, 1),
        "scenarios": results,
    }
    print()
    print(table(results))
    text = json.dumps(data, indent=2) + "\n"
    RESULTS.write_text(text)
    if only:
        print(f"\nWrote {RESULTS.relative_to(ROOT)} (a partial run: the results table is kept).")
    else:
        (HERE / f"results-{database}-{args.scale}.json").write_text(text)
        runs = [json.loads(p.read_text()) for p in HERE.glob("results-*-*.json")]
        runs.sort(key=lambda r: (r["database"] != "sqlite", r["scale"]))
        MARKDOWN.write_text(markdown(runs))
        print(f"\nWrote {RESULTS.relative_to(ROOT)} and {MARKDOWN.relative_to(ROOT)}.")
    missed = [r["name"] for r in results if not r["met"]]
    if missed:
        print(f"Targets not met: {len(missed)} of {len(results)} (see docs/bench.md).")
    return 1 if missed and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
