"""What the catalogue's filters mean (finder.py): the rules the page's script must follow."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from support import challenge_text, new_challenges_dir
from utmaningskatalogen.catalogue import Catalogue, load_catalogue
from utmaningskatalogen.finder import Filters, Sort, facet_counts, find
from utmaningskatalogen.statuses import Status

TODAY = date(2026, 12, 1)


@pytest.fixture
def catalogue(tmp_path: Path) -> Catalogue:
    folder = new_challenges_dir(tmp_path / "challenges")
    files = {
        "vatten": challenge_text(title="Hitta vattenläckor", summary="Sensorer i ledningsnätet.", status="dialogue",
                                 deadline="2026-12-08", municipalities=["ystad", "skurup"],
                                 areas=["vatten-och-avlopp"], cpv=["38000000-5"], published="2026-10-01"),
        "skjuts": challenge_text(title="Flexibel skolskjuts", summary="Bussar efter behov.", status="tender",
                                 deadline="2026-12-09", municipalities=["sjobo"], areas=["skola-och-forskola"],
                                 procurement={"notice_url": "https://example.org/a"}, published="2026-11-01"),
        "ljus": challenge_text(title="Gatubelysning", summary="Ljus när det behövs.", status="dialogue",
                               deadline="2027-02-28", municipalities=["ystad"], areas=["energi-och-klimat"],
                               published="2026-11-01"),
        "stangd": challenge_text(title="Stängd dialog", summary="Det var en gång.", status="dialogue",
                                 deadline="2026-11-30", municipalities=["tomelilla"], areas=["vatten-och-avlopp"],
                                 published="2026-09-01"),
        "behov": challenge_text(title="Ensamhet", summary="Mötesplatser för äldre.", status="need",
                                municipalities=["simrishamn"], areas=["vard-och-omsorg"], published="2026-11-15"),
    }
    for name, text in files.items():
        (folder / f"{name}.md").write_text(text, encoding="utf-8")
    return load_catalogue(folder, TODAY)


def slugs(catalogue: Catalogue, filters: Filters) -> list[str]:
    return [c.slug for c in find(catalogue.published, filters, catalogue.today, catalogue.vocabularies)]


def test_no_filter_gives_every_challenge_in_catalogue_order(catalogue: Catalogue) -> None:
    assert slugs(catalogue, Filters()) == [c.slug for c in catalogue.published]


def test_free_text_keeps_the_challenges_the_search_engine_found(catalogue: Catalogue) -> None:
    # q is answered by the site's search engine (Pagefind, in the browser): the core combines its
    # answer with the other filters. What words find is tested in tests/test_browser_search.py.
    found = find(catalogue.published, Filters(q="ystad vatten", open=True), catalogue.today, catalogue.vocabularies,
                 found={"vatten", "stangd"})
    assert [c.slug for c in found] == ["vatten"]
    counts = facet_counts(catalogue.published, Filters(q="x"), catalogue.today, catalogue.vocabularies,
                          found={"vatten", "stangd"})
    assert counts.status[""] == 2 and counts.areas["vatten-och-avlopp"] == 2


def test_free_text_without_the_engines_answer_is_refused(catalogue: Catalogue) -> None:
    with pytest.raises(ValueError, match="sökmotorns träffar"):
        find(catalogue.published, Filters(q="vatten"), catalogue.today, catalogue.vocabularies)


def test_any_chosen_municipality_will_do_but_every_filter_must_hold(catalogue: Catalogue) -> None:
    assert slugs(catalogue, Filters(municipalities=frozenset({"sjobo", "simrishamn"}))) == ["skjuts", "behov"]
    assert slugs(catalogue, Filters(municipalities=frozenset({"ystad"}), areas=frozenset({"vatten-och-avlopp"}))) \
        == ["vatten"]
    assert slugs(catalogue, Filters(status=Status.DIALOGUE, open=True)) == ["vatten", "ljus"]


def test_deadline_window_counts_open_challenges_up_to_and_including_its_last_day(catalogue: Catalogue) -> None:
    assert slugs(catalogue, Filters(deadline=7)) == ["vatten"]  # 8 december is 7 days away
    assert slugs(catalogue, Filters(deadline=30)) == ["vatten", "skjuts"]
    assert slugs(catalogue, Filters(deadline=90)) == ["vatten", "skjuts", "ljus"]


def test_sorting_by_published_puts_the_newest_first_and_keeps_catalogue_order_on_ties(catalogue: Catalogue) -> None:
    assert slugs(catalogue, Filters(sort=Sort.PUBLISHED)) == ["behov", "skjuts", "ljus", "vatten", "stangd"]


def test_each_option_counts_what_it_would_give_with_the_other_filters_kept(catalogue: Catalogue) -> None:
    counts = facet_counts(catalogue.published, Filters(municipalities=frozenset({"ystad"}), open=True),
                          catalogue.today, catalogue.vocabularies)
    # Municipalities ignore their own choice (so other municipalities still show what they add)…
    assert counts.municipalities["skurup"] == 1 and counts.municipalities["sjobo"] == 1
    assert counts.municipalities["tomelilla"] == 0  # …but keep "open for responses".
    assert counts.status == {"": 2, "need": 0, "dialogue": 2, "tender": 0, "in_progress": 0, "completed": 0,
                             "cancelled": 0}
    assert counts.open == 2
    assert counts.deadline == {"": 2, "7": 1, "30": 1, "90": 2}
    assert counts.areas["vatten-och-avlopp"] == 1 and counts.areas["energi-och-klimat"] == 1


def test_query_string_is_the_state_in_the_order_the_script_writes_it() -> None:
    filters = Filters(q=" läckor  ", status=Status.TENDER, open=True, municipalities=frozenset({"ystad", "sjobo"}),
                      areas=frozenset({"maltider"}), deadline=30, sort=Sort.PUBLISHED)
    assert filters.query_string() == ("q=l%C3%A4ckor&status=tender&open=1&municipality=sjobo&municipality=ystad"
                                      "&area=maltider&deadline=30&sort=published")
    assert Filters().query_string() == ""
