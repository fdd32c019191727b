"""Measure how long reading hostile notification files takes, and how much memory.

    .venv/bin/python tools/hostile_files.py [--module terugkeer.detention.importing] [--timeout 200]

Builds each file in memory (the same shapes as ``detention/tests/test_hostile_files.py``), parses
it in a fresh process and prints the outcome, the wall time and the peak RSS of that process.
``--module`` names another copy of the parser (e.g. an older version saved from git) to compare
before and after; a process still busy after ``--timeout`` seconds is stopped and reported. Also
compares parsing a 10,000-row XLSX with reading its stored rows back (what a preview page does).
"""

from __future__ import annotations

import argparse
import io
import json
import multiprocessing
import os
import resource
import sys
import time
import zipfile
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
HEADINGS = ["BSN", "Achternaam", "Geboortedatum", "Inrichting", "Datum insluiting", "Gemeente"]
ROW = ["111222333", "Jansen", "01-02-1990", "PI Zwaag", "15-02-2026", "Haarlem"]


def _setup() -> None:
    sys.path.insert(0, str(PROJECT_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "terugkeer.config.settings")
    os.environ.setdefault("SECRET_KEY", "measure")
    import django

    django.setup()


def _workbook(rows: list[list[str]]) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    for values in rows:
        workbook.active.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _with_sheet(chunks: list[bytes]) -> bytes:
    original = zipfile.ZipFile(io.BytesIO(_workbook([HEADINGS])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for member in original.infolist():
            if member.filename != "xl/worksheets/sheet1.xml":
                target.writestr(member, original.read(member))
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with target.open(info, "w", force_zip64=True) as sheet:
            for chunk in chunks:
                sheet.write(chunk)
    return buffer.getvalue()


def hostile_files() -> dict[str, tuple[str, bytes]]:
    start = (
        b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats'
        b'.org/spreadsheetml/2006/main"><sheetData>'
    )
    end = b"</sheetData></worksheet>"
    header = "".join(
        f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{h}</t></is></c>'
        for i, h in enumerate(HEADINGS)
    )
    cell = b'<c t="inlineStr"><is><t>x</t></is></c>'
    csv_header = ";".join(HEADINGS) + "\r\n"
    return {
        "xlsx bomb (100 MB of spaces)": (
            "meldingen.xlsx",
            _with_sheet([start, *([b" " * 2**20] * 100), end]),
        ),
        # One row of 16,384 cells, repeated: every cell is parsed, most then dropped.
        "xlsx bomb (cells)": (
            "meldingen.xlsx",
            _with_sheet(
                [start, header.join(["<row>", "</row>"]).encode()]
                + [b"<row>" + cell * 16_384 + b"</row>"] * 600
                + [end]
            ),
        ),
        "xlsx 1,048,576 empty rows": (
            "meldingen.xlsx",
            _with_sheet(
                [
                    start,
                    f'<row r="1">{header}</row>'.encode(),
                    "".join(f'<row r="{n}"/>' for n in range(2, 1_048_577)).encode(),
                    end,
                ]
            ),
        ),
        "csv 1 MB name cell": (
            "meldingen.csv",
            (
                csv_header + ";".join(ROW) + "\r\n" + ";".join([ROW[0], "J" * 2**20, *ROW[2:]])
            ).encode(),
        ),
    }


def _parse(module: str, name: str, filename: str, data: bytes, queue) -> None:
    _setup()
    import importlib

    parser = importlib.import_module(module)
    started = time.perf_counter()
    try:
        parsed = parser.parse_notification_file(data, filename)
        outcome = f"parsed, {len(parsed.rows)} rows"
    except parser.ImportFileError as error:
        outcome = f"refused: {error.message}"
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    queue.put((outcome, seconds, peak))


def measure(module: str, timeout: float) -> None:
    context = multiprocessing.get_context("spawn")
    for name, (filename, data) in hostile_files().items():
        queue = context.Queue()
        process = context.Process(target=_parse, args=(module, name, filename, data, queue))
        process.start()
        process.join(timeout)
        if process.is_alive():
            process.kill()
            process.join()
            print(f"{name} ({len(data):,} bytes): still busy after {timeout:.0f} s, stopped")
            continue
        outcome, seconds, peak = queue.get()
        print(f"{name} ({len(data):,} bytes): {seconds:.2f} s, peak RSS {peak} MB; {outcome[:110]}")


def measure_preview_read() -> None:
    _setup()
    from terugkeer.detention.importing import ParsedFile, parse_notification_file

    data = _workbook([HEADINGS] + [[f"{n:09d}", *ROW[1:]] for n in range(10_000)])
    started = time.perf_counter()
    parsed = parse_notification_file(data, "meldingen.xlsx")
    parse_seconds = time.perf_counter() - started
    stored = json.dumps(parsed.to_json())
    started = time.perf_counter()
    ParsedFile.from_json(json.loads(stored))
    read_seconds = time.perf_counter() - started
    print(
        f"10,000-row XLSX ({len(data):,} bytes): parsing {parse_seconds:.2f} s; reading the stored "
        f"rows back ({len(stored):,} bytes of JSON) {read_seconds:.2f} s"
    )


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    arguments.add_argument("--module", default="terugkeer.detention.importing")
    arguments.add_argument("--timeout", type=float, default=200)
    arguments.add_argument("--skip-preview", action="store_true")
    options = arguments.parse_args()
    measure(options.module, options.timeout)
    if not options.skip_preview:
        measure_preview_read()


if __name__ == "__main__":
    main()
