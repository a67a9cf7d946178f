"""Turning HTML into statement text."""

from __future__ import annotations

from tasks.extract import main_text
from govfeeds.html_text import html_to_text


def test_block_elements_become_lines_and_scripts_vanish() -> None:
    html = "<p>MEDIA NOTE</p><div>OFFICE OF THE SPOKESPERSON<script>alert(1)</script></div><style>p{}</style><p>Text&nbsp;here</p>"
    assert html_to_text(html) == "MEDIA NOTE\nOFFICE OF THE SPOKESPERSON\nText here"


def test_inline_elements_stay_on_their_line() -> None:
    assert html_to_text("<p>Secretary <b>Antony J. Blinken</b> said</p>") == "Secretary Antony J. Blinken said"


def test_page_text_comes_from_the_content_element_not_the_site_chrome() -> None:
    page = (
        b"<html><head><script>var x</script></head><body><nav>Visas | News</nav>"
        b"<article><h1>Title</h1><div class='entry-content'><p>Statement body.</p></div></article>"
        b"<footer>External links</footer></body></html>"
    )
    assert main_text(page) == "Statement body."


def test_page_without_a_content_element_falls_back_to_trafilatura() -> None:
    paragraphs = "".join(f"<p>This is sentence number {n} of a long statement about cooperation.</p>" for n in range(12))
    page = f"<html><body><div id='x'>{paragraphs}</div></body></html>".encode()
    assert "sentence number 5" in main_text(page)


def test_page_charset_from_the_header_is_used() -> None:
    page = "<html><body><div class='entry-content'><p>Заявление посольства</p></div></body></html>".encode("cp1251")
    assert main_text(page, charset="windows-1251") == "Заявление посольства"
