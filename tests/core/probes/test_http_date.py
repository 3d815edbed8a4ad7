"""http_reply.http_date reads the Date and Retry-After headers as email.utils.parsedate_to_datetime
(the standard library's reference) does, without loading the rest of email.utils."""

from __future__ import annotations

import datetime as dt
import email.utils

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conndoctor.core.probes.http_reply import http_date


def _reference(text: str) -> dt.datetime | None:
    """email.utils' reading; a time without a zone is GMT, as every HTTP date is."""
    try:
        moment = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


@pytest.mark.parametrize(
    "text",
    [
        "Sun, 06 Nov 1994 08:49:37 GMT",  # IMF-fixdate (RFC 9110 5.6.7)
        "Sunday, 06-Nov-94 08:49:37 GMT",  # obsolete RFC 850
        "Sun Nov  6 08:49:37 1994",  # obsolete asctime
        "Thu, 26 Nov 2026 10:00:00 +0900",
        "Thu, 26 Nov 2026 10:00:00 -0000",
        "Thu, 31 Feb 2026 10:00:00 GMT",
        "Thu, 26 Nov 99999 10:00:00 GMT",
        "120",
        "",
        "not a date",
    ],
)
def test_http_dates_read_as_email_utils_reads_them(text: str) -> None:
    assert http_date(text) == _reference(text)


def test_a_date_is_aware_and_in_its_zone() -> None:
    moment = http_date("Sun, 06 Nov 1994 08:49:37 GMT")
    assert moment == dt.datetime(1994, 11, 6, 8, 49, 37, tzinfo=dt.UTC)


DATE_LIKE = "0123456789 \t:,+-()ADFGJMNOSTUWZabcdeghilmnoprtuvy"
"""The characters dates are written with: text of them comes closer to a date than any text
(and needs no table of all of Unicode, which hypothesis builds in 200 MB on its first run)."""


@given(
    st.text(alphabet=DATE_LIKE, max_size=40)
    | st.text(max_size=40, alphabet=st.characters(codec="latin-1"))
)
def test_any_text_is_read_as_email_utils_reads_it(text: str) -> None:
    assert http_date(text) == _reference(text)


@given(st.datetimes(min_value=dt.datetime(1970, 1, 1), max_value=dt.datetime(9999, 1, 1)))
def test_every_written_date_is_read_back(moment: dt.datetime) -> None:
    aware = moment.replace(microsecond=0, tzinfo=dt.UTC)
    assert http_date(email.utils.format_datetime(aware, usegmt=True)) == aware
