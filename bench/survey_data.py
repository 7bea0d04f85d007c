"""Fictional survey exports for the survey workbench: the sample files, benchmarks and tests.

:func:`rows` makes responses of a fictional chain of shops (branches named after trees,
four channels, dates through a year) with NPS, CSAT and CES answers; the same seed gives the
same rows. :func:`to_csv` writes them as a spreadsheet would, :func:`to_xlsx` as a minimal
.xlsx workbook (standard library only: shared strings, numbers, dates as serials with a date
format), so tests need no spreadsheet library.

``python -m bench.survey_data`` rewrites the sample files of the survey page,
``docs/calculators/survey-sample.et.csv`` and ``.en.csv``.
"""

from __future__ import annotations

import random
import zipfile
from dataclasses import dataclass
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Language:
    header: tuple[str, ...]
    branches: tuple[str, ...]
    channels: tuple[str, ...]
    comments: tuple[str, ...]
    delimiter: str
    date_format: str  # "iso" or "dotted"


LANGUAGES = {
    "et": Language(
        header=(
            "Vastuse ID",
            "Kuupäev",
            "Esindus",
            "Kanal",
            "Soovitus (0–10)",
            "Rahulolu (1–5)",
            "Pingutus (1–7)",
            "Kommentaar",
        ),
        branches=("Kuuse", "Männi", "Õuna", "Tamme", "Pihlaka"),
        channels=("E-post", "Telefon", "Kohapeal", "Vestlus"),
        comments=(
            "",
            "",
            "",
            "Kiire ja sõbralik teenindus",
            "Ootasin liiga kaua; lõpuks sain abi",
            "Kõik sujus, aitäh!",
            'Müüja ütles: "proovime uuesti"',
            "Šokolaadiriiul oli tühi",
        ),
        delimiter=";",
        date_format="dotted",
    ),
    "en": Language(
        header=(
            "Response ID",
            "Date",
            "Branch",
            "Channel",
            "Recommend (0–10)",
            "Satisfaction (1–5)",
            "Effort (1–7)",
            "Comment",
        ),
        branches=("Spruce", "Pine", "Apple", "Oak", "Rowan"),
        channels=("Email", "Phone", "In person", "Chat"),
        comments=(
            "",
            "",
            "",
            "Quick and friendly service",
            "Waited too long, but got help in the end",
            "Everything went smoothly, thanks!",
            'The assistant said: "let us try again"',
            "The chocolate shelf was empty",
        ),
        delimiter=",",
        date_format="iso",
    ),
}
#: How likely each branch is, and how good it is (shifts the answers).
_BRANCH_WEIGHTS = (0.34, 0.27, 0.2, 0.16, 0.03)
_BRANCH_SHIFT = (1.2, 0.0, -1.3, 0.3, 0.0)
_CHANNEL_WEIGHTS = (0.35, 0.25, 0.3, 0.1)


def _nps_answer(generator: random.Random, shift: float) -> int:
    value = round(generator.gauss(7.6 + shift, 2.1))
    return max(0, min(10, value))


def rows(
    count: int, *, lang: str = "en", seed: int = 2024, start: date = date(2024, 1, 1)
) -> list[list[str]]:
    """``count`` fictional responses (without the header), dates spread over 270 days."""
    language = LANGUAGES[lang]
    generator = random.Random(seed)
    result: list[list[str]] = []
    for number in range(1, count + 1):
        day = start + timedelta(days=int(270 * (number - 1) / max(1, count)))
        branch = generator.choices(range(len(language.branches)), _BRANCH_WEIGHTS)[0]
        channel = generator.choices(range(len(language.channels)), _CHANNEL_WEIGHTS)[0]
        # Apple's branch gets better over the year; May has a service outage everywhere.
        trend = 1.2 * (number / count) if branch == 2 else 0.0
        outage = -1.8 if day.month == 5 else 0.0
        shift = _BRANCH_SHIFT[branch] + trend + outage
        recommend = _nps_answer(generator, shift)
        satisfaction = max(1, min(5, round(generator.gauss(3.9 + shift / 2, 0.9))))
        effort = max(1, min(7, round(generator.gauss(5.2 + shift / 2, 1.3))))
        written = day.isoformat() if language.date_format == "iso" else day.strftime("%d.%m.%Y")
        result.append(
            [
                f"R{number:06d}",
                written,
                language.branches[branch],
                language.channels[channel],
                str(recommend),
                str(satisfaction),
                str(effort),
                generator.choice(language.comments),
            ]
        )
    return result


def to_csv(header: list[str] | tuple[str, ...], body: list[list[str]], delimiter: str) -> str:
    """The rows as CSV text (quoted where needed, ``\\r\\n`` line ends)."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(body)
    return buffer.getvalue()


def _column_letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def to_xlsx(
    header: list[str] | tuple[str, ...],
    body: list[list[str]],
    *,
    numbers: frozenset[int] = frozenset(),
    dates: frozenset[int] = frozenset(),
) -> bytes:
    """A minimal .xlsx workbook of one sheet: ``numbers`` columns as numbers, ``dates`` columns
    (ISO or dd.mm.yyyy text) as date serials with the built-in date format 14, the rest as
    shared strings. Cells are written as Excel writes them."""
    strings: dict[str, int] = {}

    def shared(text: str) -> int:
        return strings.setdefault(text, len(strings))

    def serial(text: str) -> int:
        if "." in text:
            day, month, year = (int(part) for part in text.split("."))
            value = date(year, month, day)
        else:
            value = date.fromisoformat(text[:10])
        return (value - date(1899, 12, 30)).days

    lines = []
    for row_index, row in enumerate([list(header), *body], start=1):
        cells = []
        for column, text in enumerate(row):
            reference = f"{_column_letters(column)}{row_index}"
            if row_index > 1 and column in dates and text:
                cells.append(f'<c r="{reference}" s="1"><v>{serial(text)}</v></c>')
            elif row_index > 1 and column in numbers and text.strip().lstrip("-").isdigit():
                cells.append(f'<c r="{reference}"><v>{int(text)}</v></c>')
            elif text:
                cells.append(f'<c r="{reference}" t="s"><v>{shared(text)}</v></c>')
        lines.append(f'<row r="{row_index}">{"".join(cells)}</row>')
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006/relationships"
    types = "http://schemas.openxmlformats.org/package/2006/content-types"
    spreadsheet = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    start = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'

    def relation(number: int, kind: str, target: str) -> str:
        return f'<Relationship Id="rId{number}" Type="{office}/{kind}" Target="{target}"/>'

    def override(part: str, kind: str) -> str:
        return f'<Override PartName="/{part}" ContentType="{spreadsheet}.{kind}+xml"/>'

    parts = {
        "[Content_Types].xml": (
            f'{start}<Types xmlns="{types}">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            + override("xl/workbook.xml", "sheet.main")
            + override("xl/worksheets/sheet1.xml", "worksheet")
            + override("xl/sharedStrings.xml", "sharedStrings")
            + override("xl/styles.xml", "styles")
            + "</Types>"
        ),
        "_rels/.rels": (
            f'{start}<Relationships xmlns="{package}">'
            + relation(1, "officeDocument", "xl/workbook.xml")
            + "</Relationships>"
        ),
        "xl/workbook.xml": (
            f'{start}<workbook xmlns="{main}" xmlns:r="{office}">'
            '<sheets><sheet name="Vastused" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'{start}<Relationships xmlns="{package}">'
            + relation(1, "worksheet", "worksheets/sheet1.xml")
            + relation(2, "sharedStrings", "sharedStrings.xml")
            + relation(3, "styles", "styles.xml")
            + "</Relationships>"
        ),
        "xl/styles.xml": (
            f'{start}<styleSheet xmlns="{main}"><cellXfs count="2"><xf numFmtId="0"/>'
            '<xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>'
        ),
        "xl/worksheets/sheet1.xml": (
            f'{start}<worksheet xmlns="{main}"><sheetData>{"".join(lines)}</sheetData></worksheet>'
        ),
    }
    items = "".join(f'<si><t xml:space="preserve">{escape(text)}</t></si>' for text in strings)
    parts["xl/sharedStrings.xml"] = (
        f'{start}<sst xmlns="{main}" uniqueCount="{len(strings)}">{items}</sst>'
    )
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text)
    return buffer.getvalue()


#: Rows of the page's sample files.
SAMPLE_ROWS = 360


def sample(lang: str) -> str:
    """The text of the page's sample file in ``lang``: a few rows with problems to show."""
    language = LANGUAGES[lang]
    body = rows(SAMPLE_ROWS, lang=lang, seed=7)
    body[40][4] = ""  # a blank answer
    body[117][4] = "n/a"  # not a number
    body[203][4] = "11"  # outside the scale
    return to_csv(language.header, body, language.delimiter)


def write_samples() -> None:
    for lang in LANGUAGES:
        path = ROOT / "docs" / "calculators" / f"survey-sample.{lang}.csv"
        text = sample(lang)
        # Estonian spreadsheets read a CSV as UTF-8 only with a byte order mark.
        path.write_bytes(("\ufeff" if lang == "et" else "").encode() + text.encode("utf-8"))
        print(f"wrote {path.relative_to(ROOT)} ({len(text.splitlines())} lines)")


if __name__ == "__main__":
    write_samples()
