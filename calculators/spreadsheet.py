"""Text cells for CSV files that spreadsheets open: no formula runs (CSV or formula injection).

Excel, LibreOffice Calc and Google Sheets read a cell that begins with ``=``, ``+``, ``-`` or
``@`` as a formula, so a name like ``=HYPERLINK("http://evil","x")`` in an export would run
when the file is opened. As the OWASP *CSV Injection* page recommends, :func:`text_cell`
puts an apostrophe ``'`` in front of a text cell that begins with one of
:data:`FORMULA_STARTS`:

* ``=``, ``+``, ``-``, ``@``, tab (U+0009) and carriage return (U+000D), OWASP's list;
* their full-width forms ``＝`` ``＋`` ``－`` ``＠`` (U+FF1D, U+FF0B, U+FF0D, U+FF20), which
  spreadsheets in East Asian locales may turn into the ASCII ones while reading.

The apostrophe makes spreadsheets show the cell as text. Only text is passed through
:func:`text_cell`; numbers are written as numbers and never get one.

So that reading an export back is lossless, a cell that already begins with apostrophes
followed by one of those characters (``'=x``) gets one more (``''=x``), and
:func:`read_text_cell` takes exactly one apostrophe off a cell of that shape: for every
text ``s``, ``read_text_cell(text_cell(s)) == s``. Cells of any other shape are left as
they are both ways.

Standard library only: both the calculators (in the browser too) and the site's open-data
downloads use it.
"""

from __future__ import annotations

from typing import Final

__all__ = ["FORMULA_STARTS", "TEXT_MARK", "read_text_cell", "starts_formula", "text_cell"]

#: The first characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS: Final = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
#: The character put in front of such a cell: spreadsheets then show it as text.
TEXT_MARK: Final = "'"


def starts_formula(text: str) -> bool:
    """Whether a spreadsheet would read ``text``, as the first thing in a cell, as a formula."""
    return text[:1] in FORMULA_STARTS


def _marked(text: str) -> bool:
    """Whether ``text`` is apostrophes followed by a formula character (at least one of each)."""
    return text.startswith(TEXT_MARK) and starts_formula(text.lstrip(TEXT_MARK))


def text_cell(text: str) -> str:
    """``text`` as a CSV cell that no spreadsheet runs as a formula (see the module docstring).

    >>> text_cell("=1+1"), text_cell("'=1+1"), text_cell("Mari"), text_cell("'Mari")
    ("'=1+1", "''=1+1", 'Mari', "'Mari")
    """
    if starts_formula(text) or _marked(text):
        return TEXT_MARK + text
    return text


def read_text_cell(cell: str) -> str:
    """The text of a cell written by :func:`text_cell`: one apostrophe less where it added one.

    >>> read_text_cell("'=1+1"), read_text_cell("''=1+1"), read_text_cell("'Mari")
    ('=1+1', "'=1+1", "'Mari")
    """
    return cell[len(TEXT_MARK) :] if _marked(cell) else cell
