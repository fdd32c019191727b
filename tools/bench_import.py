"""The bench's import rows: a 5,000-row file of new persons, uploaded, previewed and confirmed."""

from __future__ import annotations

import datetime
import random
import subprocess
import time

from bench_common import PROJECT_DIR, PYTHON, Browser, Response

IMPORT_ROWS = 5_000


def import_csv(organisation, rng: random.Random, today: datetime.date) -> bytes:
    """5,000 begin-detentie rows of new persons in the organisation's municipalities."""
    from terugkeer.clients.models import Client
    from terugkeer.detention.models import PenitentiaryInstitution
    from terugkeer.synthetic.generator import make_bsn

    used = set(Client.objects.values_list("bsn", flat=True))
    municipalities = list(organisation.municipalities.values_list("cbs_code", flat=True))
    institutions = list(PenitentiaryInstitution.objects.values_list("name", flat=True))
    header = (
        "Soort melding;BSN;DJI-registratienummer;Achternaam;Tussenvoegsel;Voornamen;"
        "Geboortedatum;Geslacht;Inrichting;Datum insluiting;Verwachte ontslagdatum;Titel;"
        "Casemanager PI;Gemeente"
    )
    surnames = ["Jansen", "de Vries", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "Bos"]
    lines = [header]
    for _ in range(IMPORT_ROWS):
        start = today - datetime.timedelta(days=rng.randint(0, 20))
        expected = start + datetime.timedelta(days=rng.randint(10, 200))
        birth = today - datetime.timedelta(days=rng.randint(18 * 365, 60 * 365))
        surname = rng.choice(surnames)
        prefix, _, family = surname.rpartition(" ")
        lines.append(
            ";".join(
                [
                    "begin detentie",
                    make_bsn(rng, used),
                    str(rng.randint(1_000_000, 9_999_999)),
                    family,
                    prefix,
                    rng.choice(["Mohamed", "Kevin", "Dennis", "Sanne", "Ricardo", "Tim"]),
                    f"{birth:%d-%m-%Y}",
                    rng.choice("MMMMV"),
                    rng.choice(institutions),
                    f"{start:%d-%m-%Y}",
                    f"{expected:%d-%m-%Y}",
                    "Gevangenisstraf",
                    "",
                    rng.choice(municipalities),
                ]
            )
        )
    return ("\n".join(lines) + "\n").encode()


def run_import(browser: Browser, content: bytes, number: int, env: dict) -> dict[str, Response]:
    """Upload, preview, confirm; a file above the worker threshold (300 rows) is confirmed by the
    background worker: "confirm" is then the enqueue plus one ``db_worker --batch`` run until the
    queue is empty (the worker's start-up, some 2 s, included), "worker" that run alone."""
    upload = browser.post_file("/meldingen/import/", "file", f"bench-{number}.csv", content)
    location = upload.headers.get("location", "")
    if upload.status != 302 or "/meldingen/import/" not in location:
        return {"upload": upload}
    preview = browser.request("GET", location)
    confirm = browser.request(
        "POST",
        location.rstrip("/") + "/bevestigen/",
        body=b"",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    steps = {"upload": upload, "preview": preview}
    if "/meldingen/import/" not in confirm.headers.get("location", ""):
        steps["confirm"] = confirm  # confirmed at once
        return steps
    started = time.perf_counter()
    worker = subprocess.run(
        [PYTHON, str(PROJECT_DIR / "manage.py"), "db_worker", "--batch", "--no-startup-delay"],
        env=env,
        check=False,
        capture_output=True,
    )
    worker_ms = (time.perf_counter() - started) * 1000
    status = 200 if worker.returncode == 0 else 500
    steps["worker"] = Response(status, {}, b"", worker_ms)
    steps["confirm"] = Response(confirm.status, {}, b"", confirm.wall_ms + worker_ms)
    return steps
