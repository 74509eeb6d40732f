"""The search index's records (search_index.py): published content only, each field findable."""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path

import pytest
from support import challenge_text, new_challenges_dir
from utmaningskatalogen.catalogue import Catalogue, load_catalogue
from utmaningskatalogen.pagefind_service import Indexing, IndexingFailed, IndexingProcess
from utmaningskatalogen.search_index import Kind, PageText, SearchRecords, kind_of, pagefind_executable, write_index

TODAY = date(2026, 12, 1)


@pytest.fixture
def catalogue(tmp_path: Path) -> Catalogue:
    folder = new_challenges_dir(tmp_path / "challenges")
    files = {
        "vatten": challenge_text(title="Hitta <vattenläckor> & mer", summary="Sensorer i ledningsnätet.",
                                 status="tender", deadline="2026-12-08", municipalities=["ystad", "skurup"],
                                 areas=["vatten-och-avlopp"], cpv=["38000000-5", "65100000-4"],
                                 procurement={"notice_url": "https://example.org/a", "reference": "KS 2026/117"}),
        "utkast": challenge_text(title="Hemligt utkast", status="draft"),
        "embargo": challenge_text(title="Hemlig embargo", published="2027-01-10"),
    }
    for name, text in files.items():
        (folder / f"{name}.md").write_text(text, encoding="utf-8")
    return load_catalogue(folder, TODAY)


def test_a_challenges_record_holds_every_field_to_find_it_by_escaped(catalogue: Catalogue) -> None:
    challenge = catalogue.published[0]
    record = SearchRecords(catalogue).challenge(challenge, "<h2>Bakgrund</h2><p>Läckor kostar.</p>")
    assert record.url == "utmaningar/vatten/" and record.kind is Kind.CHALLENGE
    html = record.html
    assert "Hitta &lt;vattenläckor&gt; &amp; mer" in html and "<vattenläckor>" not in html
    assert "Sensorer i ledningsnätet." in html and "<p>Läckor kostar.</p>" in html
    assert "Ystads kommun · Skurups kommun · Vatten och avlopp" in html
    assert ">38000000-5 65100000-4<" in html  # each code a word of its own, the first one too
    assert ">KS 2026/117<" in html and ">Upphandling<" in html
    for filter_ in ('typ:Utmaning"', 'kommun:Ystads kommun"', 'område:Vatten och avlopp"', 'status:Upphandling"',
                    'svar:Öppen för svar"', 'utmaning:vatten"'):
        assert f'data-pagefind-filter="{filter_}' in html
    assert 'data-pagefind-meta="deadline:8 december 2026"' in html
    assert 'data-pagefind-meta="municipalities:Ystads kommun · Skurups kommun"' in html


def test_held_back_challenges_never_get_a_record(catalogue: Catalogue) -> None:
    records = SearchRecords(catalogue)
    assert [r.url for r in records.all({}, [])] == ["utmaningar/vatten/"]
    for challenge in catalogue.held_back:
        with pytest.raises(ValueError, match="inte publicerad"):
            records.challenge(challenge, "")


def test_pages_are_for_suppliers_or_for_staff_and_never_stand_in_for_a_challenge(catalogue: Catalogue) -> None:
    assert kind_of("") is Kind.PAGE and kind_of("utmaningar/") is Kind.PAGE and kind_of("for-foretag/") is Kind.PAGE
    assert kind_of("redigera/") is Kind.STAFF and kind_of("redigera/falt-i-en-utmaning/") is Kind.STAFF
    assert kind_of("utmaningar/vatten/") is Kind.CHALLENGE
    records = SearchRecords(catalogue)
    page = records.page(PageText("redigera/", "Så redigerar <du>", "<p>Text</p>"))
    assert page.kind is Kind.STAFF and "Så redigerar &lt;du&gt;" in page.html
    with pytest.raises(ValueError):
        records.page(PageText("utmaningar/vatten/", "Sidan", ""))


def test_the_index_is_written_with_only_what_the_site_uses(catalogue: Catalogue, tmp_path: Path) -> None:
    records = SearchRecords(catalogue).all({"vatten": "<p>Läckor kostar.</p>"},
                                           [PageText("", "Start", '<p>Hej</p><ol class="uk-cards"><li>Kort</li></ol>')])
    stats = write_index(records, tmp_path)
    folder = tmp_path / "pagefind"
    assert stats.records == 2 and (folder / "pagefind.js").is_file() and (folder / "wasm.sv.pagefind").is_file()
    assert not (folder / "pagefind-ui.js").exists() and not (folder / "playground").exists()
    fragments = [json.loads(gzip.decompress(p.read_bytes()).removeprefix(b"pagefind_dcd"))
                 for p in (folder / "fragment").glob("*.pf_fragment")]
    by_url = {f["url"]: f for f in fragments}
    assert set(by_url) == {"/", "/utmaningar/vatten/"}
    assert "Kort" not in by_url["/"]["content"]  # lists of cards are not a page's own text
    assert by_url["/utmaningar/vatten/"]["meta"]["status"] == "Upphandling"


def test_text_of_neighbouring_elements_stays_apart(catalogue: Catalogue) -> None:
    page = SearchRecords(catalogue).page(PageText("redigera/falt/", "Fält", "<dl><dt>Typ</dt><dd>text</dd></dl>"))
    assert "<dt>Typ</dt> <dd>text</dd>" in page.html


def test_pagefind_s_own_words_reach_the_build_when_it_cannot_index(tmp_path: Path) -> None:
    indexing = Indexing(pagefind_executable(), {"force_language": 5}, tmp_path)
    indexing.add([("/a/", "<html><body>A</body></html>")])
    with pytest.raises(IndexingFailed, match="invalid type: integer `5`, expected a string"):
        indexing.wait()


def test_pagefind_s_own_words_come_back_from_the_indexing_process_too(tmp_path: Path) -> None:
    indexing = IndexingProcess(pagefind_executable(), {"force_language": 5}, tmp_path, lambda _path: True,
                               [("/a/", "<html><body>A</body></html>")])
    with pytest.raises(IndexingFailed, match="invalid type: integer `5`, expected a string"):
        indexing.wait()


def test_pages_handed_to_the_indexing_process_later_are_indexed_and_none_after_it_finished(tmp_path: Path) -> None:
    indexing = IndexingProcess(pagefind_executable(), {"force_language": "sv"}, tmp_path,
                               lambda path: not path.startswith("pagefind-ui"),
                               [("/a/", "<html lang='sv'><body><p>Först</p></body></html>")])
    indexing.add([("/b/", "<html lang='sv'><body><p>Sedan</p></body></html>")])
    indexing.wait()
    with pytest.raises(RuntimeError):
        indexing.add([("/c/", "<html><body>För sent</body></html>")])
    assert len(list((tmp_path / "fragment").glob("*.pf_fragment"))) == 2
    assert (tmp_path / "pagefind.js").is_file() and not (tmp_path / "pagefind-ui.js").exists()
    assert indexing.files == len([p for p in tmp_path.rglob("*") if p.is_file()])
