"""Pages that show text of the other language today (the language crawl test).

Each entry ("role page language": what leaks, its first words) is a strict xfail:
when a fix makes the page pass, the XPASS fails the run; remove the entry then.
"""

# The standard's page shows the regulation's own text, which standards/*.yaml gives in
# Indonesian only (its requirements, steps, fee, staffing note and complaint types have
# English): the components' titles, texts and items, and the SOP's inputs and outputs.
STANDARD_TEXT = "components and SOP inputs/outputs: Indonesian only in standards/*.yaml"

KNOWN_LEAKS = {
    "anonim standar en": STANDARD_TEXT,
    "back_office standar en": STANDARD_TEXT,
    "front_office standar en": STANDARD_TEXT,
    "jf_ahli_madya standar en": STANDARD_TEXT,
    "jf_ahli_muda standar en": STANDARD_TEXT,
    "kepala_bidang standar en": STANDARD_TEXT,
    "kepala_dinas standar en": STANDARD_TEXT,
    "pemohon standar en": STANDARD_TEXT,
    "pengelola_pengaduan standar en": STANDARD_TEXT,
    "sekretaris standar en": STANDARD_TEXT,
}
