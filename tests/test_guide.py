"""Pages in docs/ are validated content, and guide and catalogue link to each other."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support import ROOT, Build, catalogue_settings
from utmaningskatalogen.guide import MARKERS, load_guide
from utmaningskatalogen.problems import ContentError
from utmaningskatalogen.schema import CHALLENGE_FIELDS
from utmaningskatalogen.statuses import Status

STAGES = {"need": "behov", "dialogue": "dialog", "tender": "upphandla", "in_progress": "genomfora",
          "completed": "folja-upp", "cancelled": "avbryta"}


def page(title: str = "Sida", description: str = "Om sidan.", body: str = "Text.\n", **extra: str) -> str:
    fields = {"title": title, "description": description, **extra}
    front = "".join(f"{key}: {value}\n" for key, value in fields.items() if value is not None)
    return f"---\n{front}---\n\n{body}"


def docs_with(tmp_path: Path, extra: dict[str, str] | None = None, skip_stage: str | None = None) -> Path:
    docs = tmp_path / "docs"
    (docs / "guide").mkdir(parents=True)
    for status, name in STAGES.items():
        if status != skip_stage:
            (docs / "guide" / f"{name}.md").write_text(page(title=name, stage=status), encoding="utf-8")
    for name, text in (extra or {}).items():
        (docs / name).write_text(text, encoding="utf-8")
    return docs


def problems(docs: Path) -> list[str]:
    with pytest.raises(ContentError) as raised:
        load_guide(docs)
    return [str(p) for p in raised.value.problems]


def test_shipped_pages_are_valid_and_every_public_status_has_one_stage_page() -> None:
    guide = load_guide(ROOT / "docs")
    assert set(guide.stage_urls()) == {s for s in Status if s.is_public}
    assert guide.stage_page(Status.DIALOGUE).src_uri == "arbetsmodell/marknadsdialog.md"


def test_unknown_stage(tmp_path: Path) -> None:
    docs = docs_with(tmp_path, {"extra.md": page(stage="förhandling")})
    assert problems(docs) == [
        "docs/extra.md:4: stage: 'förhandling' är inget skede; menade du 'tender' (Upphandling)? "
        "använd en av: need (Behov), dialogue "
        "(Marknadsdialog), tender (Upphandling), in_progress (Genomförande), completed (Avslutad), "
        "cancelled (Avbruten)"]


def test_a_stage_written_as_a_swedish_word_gets_a_suggestion(tmp_path: Path) -> None:
    docs = docs_with(tmp_path, {"extra.md": page(stage="Upphandlingen")})
    assert problems(docs)[0].startswith(
        "docs/extra.md:4: stage: 'Upphandlingen' är inget skede; menade du 'tender' (Upphandling)? använd en av: ")


def test_two_pages_for_one_stage(tmp_path: Path) -> None:
    docs = docs_with(tmp_path, {"zz-dialog.md": page(stage="dialogue")})
    assert problems(docs) == [
        "docs/zz-dialog.md:4: stage: docs/guide/dialog.md beskriver redan skedet dialogue (Marknadsdialog); "
        "bara en sida per skede, ta bort stage på den ena"]


def test_public_status_without_a_stage_page(tmp_path: Path) -> None:
    assert problems(docs_with(tmp_path, skip_stage="cancelled")) == [
        "docs/:1: stage: ingen sida beskriver skedet cancelled (Avbruten); lägg till 'stage: cancelled' i "
        "front matter på guidesidan om det skedet"]


def test_missing_description(tmp_path: Path) -> None:
    docs = docs_with(tmp_path, {"om.md": page(description=None)})
    assert problems(docs) == [
        "docs/om.md:1: description: fältet saknas men krävs på varje sida; skriv description: följt av en "
        "eller två meningar om sidan"]


def test_unknown_key_on_a_page_suggests_the_nearest(tmp_path: Path) -> None:
    docs = docs_with(tmp_path, {"om.md": page(descripton="Om sidan.")})
    assert "docs/om.md:4: descripton: 'descripton' är inget känt fält för en sida; menade du 'description'? " \
           "kända fält: title, description, stage, hide, search" in problems(docs)


def test_unknown_marker_names_its_line(tmp_path: Path) -> None:
    docs = docs_with(tmp_path, {"om.md": page(body="Första raden.\n\n<!-- katalog: nya -->\n")})
    known = ", ".join(f"'katalog: {name}' ({what})" for name, what in MARKERS.items())
    assert problems(docs) == [f"docs/om.md:8: markör: 'katalog: nya' är ingen känd markör; kända är {known}"]
    assert known.startswith("'katalog: öppna-utmaningar' (utmaningarna som är öppna för svar), "
                            "'katalog: fältreferens' (referensen över alla fält i en utmaning)")


def test_scripts_are_rejected_in_pages_too(tmp_path: Path) -> None:
    docs = docs_with(tmp_path, {"om.md": page(body="<script>alert(1)</script>\n")})
    assert problems(docs)[0].startswith("docs/om.md:6: brödtext: HTML-taggen <script> är inte tillåten")


def test_each_stage_page_lists_the_published_challenges_in_that_stage(shipped_site: Build) -> None:
    html = shipped_site.read("arbetsmodell/marknadsdialog/index.html")
    assert "Utmaningar i det här skedet" in html
    assert set(re.findall(r'data-slug="([^"]+)"', html)) == {
        "vattenlackor-i-ledningsnatet", "enklare-bygglov-med-digitalt-stod"}
    assert re.findall(r'data-slug="([^"]+)"', shipped_site.read("arbetsmodell/avbryta/index.html")) == [
        "flexibel-skolskjuts-pa-landsbygden"]


def test_status_label_on_a_challenge_links_to_its_stage_page(shipped_site: Build) -> None:
    html = shipped_site.read("utmaningar/vattenlackor-i-ledningsnatet/index.html")
    assert re.search(r'<a class="uk-status-link" href="../../arbetsmodell/marknadsdialog/">'
                     r'<span class="uk-status uk-status--dialogue">Marknadsdialog</span>', html)


def test_field_reference_lists_every_field_status_and_key_from_the_schema(shipped_site: Build) -> None:
    html = shipped_site.read("redigera/falt-i-en-utmaning/index.html")
    for field in CHALLENGE_FIELDS:
        assert f'id="falt-{field.name.replace("_", "-")}"' in html, field.name
        for sub in field.fields:
            assert f"<code>{sub.name}</code>" in html, (field.name, sub.name)
    for status in Status:
        assert f"<td><code>{status.value}</code></td><td>{status.label}</td>" in html
    assert "<code>simrishamn</code> (Simrishamns kommun)" in html
    assert "<code>maltider</code> (Måltider)" in html


def test_editing_guide_quotes_the_messages_the_check_gives_today(shipped_site: Build) -> None:
    html = shipped_site.read("redigera/index.html")
    assert ("challenges/smart-snorojning.md:4: status: &#39;öppen&#39; är ingen känd status; menade du "
            "&#39;dialogue&#39; (Marknadsdialog) eller &#39;tender&#39; (Upphandling)? använd en av: need (Behov)"
            ) in html.replace("'", "&#39;")
    assert "challenges/smart-snorojning.md:7: published: &#39;2026-02-30&#39; är inget riktigt datum" in \
        html.replace("'", "&#39;")


def test_guide_titles_from_front_matter_are_escaped(tmp_path: Path) -> None:
    import shutil

    from support import build_fixture

    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    (docs / "om-katalogen.md").write_text(page(title='"<img src=x onerror=alert(1)>"', body="Text.\n"),
                                          encoding="utf-8")
    # MkDocs' own reader gives up on a date that does not exist and would publish the YAML as text,
    # with the description's <meta> live; the catalogue's reading is all MkDocs gets.
    refresh = '<meta http-equiv="refresh" content="0;url=https://evil.example/">'
    (docs / "om-natverket.md").write_text(
        page(title="2026-02-30", description=f"'Om nätverket. {refresh}'", body="Obs: text.\n"), encoding="utf-8")
    result = build_fixture(tmp_path, {}, docs_dir=str(docs))
    assert result.returncode == 0, result.log
    html = result.read("om-katalogen/index.html")
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    html = result.read("om-natverket/index.html")
    assert 'http-equiv="refresh"' not in html and "&lt;meta http-equiv=" in html
    assert "<title>2026-02-30 - Utmaningskatalogen</title>" in html
    assert "<p>Obs: text.</p>" in html and "description:" not in html


def test_mkdocs_gets_the_body_and_the_checked_metadata_only(tmp_path: Path) -> None:
    docs = docs_with(tmp_path, {"om.md": page(title="Om", body="---\nTitel: x\n---\n", hide="[toc]")})
    guide = load_guide(docs)
    assert guide.markdown("om.md") == "\n\n---\nTitel: x\n---\n"
    assert guide.meta("om.md") == {"title": "Om", "description": "Om sidan.", "hide": ["toc"]}


@pytest.mark.parametrize("extra, message", [
    ({"hide": "[sidebar]"}, "docs/om.md:4: den första punkten i listan (hide): 'sidebar' går inte att dölja; använd en av: navigation, toc, "
                            "footer, path, tags, feedback"),
    ({"search": "{exclude: ja}"}, "docs/om.md:4: search.exclude: ska vara true eller false"),
    ({"search": "{weight: 2}"}, "docs/om.md:4: search.weight: 'weight' är ingen inställning för sökningen; "
                                "använd en av: exclude, boost"),
    ({"title": "Om\x7f"}, "docs/om.md:2: title: texten innehåller ett osynligt styrtecken (U+007F DELETE), som "
                           "inte får stå i filen; ta bort tecknet (det följer ofta med när text klistras in från "
                           "ett annat program)"),
    ({"hide": "!!set {toc: null}"}, "docs/om.md:4: hide: YAML-taggen !!set är inte tillåten; ta bort taggen och "
                                    "skriv värdet som vanlig text, ett tal, true/false eller en lista"),
])
def test_every_page_setting_is_checked(tmp_path: Path, extra: dict[str, str], message: str) -> None:
    fields = {"title": "Sida", **extra}
    assert problems(docs_with(tmp_path, {"om.md": page(**fields)})) == [message]


def test_a_fifo_or_a_link_out_of_docs_is_an_error_not_a_hang(tmp_path: Path) -> None:
    import os

    docs = docs_with(tmp_path)
    os.mkfifo(docs / "ror.md")
    (tmp_path / "ute.md").write_text(page(), encoding="utf-8")
    (docs / "lank.md").symlink_to(tmp_path / "ute.md")
    assert problems(docs) == [
        "docs/lank.md:1: fil: filen är en länk (symbolisk länk) till en fil utanför mappen; sådana granskas inte "
        "och publiceras därför inte. Lägg filen själv här i stället",
        "docs/ror.md:1: fil: är en namngiven rörledning (FIFO), inte en vanlig fil; ta bort den och lägg en "
        "vanlig textfil här"]


def test_every_challenge_and_guide_page_links_to_its_real_source_file(shipped_site: Build) -> None:
    import yaml

    edit_url = catalogue_settings(yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8")))["edit_url"]
    sources = {}
    for html_file in shipped_site.site.rglob("*.html"):
        links = re.findall(rf'<a href="{re.escape(edit_url)}([^"]+)">Redigera sidan \(för personal i kommunerna\)</a>',
                           html_file.read_text(encoding="utf-8"))
        if links:
            sources[html_file.relative_to(shipped_site.site).as_posix()] = links[0]
    for page_path, source in sources.items():
        assert (ROOT / source).is_file(), (page_path, source)
    docs_pages = {p.relative_to(ROOT).as_posix() for p in (ROOT / "docs").rglob("*.md")}
    challenge_pages = {f"challenges/{p.parent.name}.md"
                       for p in (shipped_site.site / "utmaningar").glob("*/index.html")}
    assert set(sources.values()) == docs_pages | challenge_pages
    assert sources["utmaningar/vattenlackor-i-ledningsnatet/index.html"] == \
        "challenges/vattenlackor-i-ledningsnatet.md"
    assert "utmaningar/index.html" not in sources  # generated lists have no source to edit


def test_guide_pages_show_their_last_change_from_git(tmp_path: Path) -> None:
    import os
    import shutil
    import subprocess

    from support import build_fixture

    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    env = {**os.environ, "GIT_AUTHOR_DATE": "2026-03-03T10:00:00+01:00",
           "GIT_COMMITTER_DATE": "2026-03-03T10:00:00+01:00", "GIT_CONFIG_GLOBAL": os.devnull}
    for command in (["init", "-q"], ["add", "docs"],
                    ["-c", "user.name=Test", "-c", "user.email=t@example.org", "commit", "-qm", "Guide"]):
        subprocess.run(["git", *command], cwd=tmp_path, env=env, check=True)
    result = build_fixture(tmp_path, {}, docs_dir=str(tmp_path / "docs"))
    assert result.returncode == 0, result.log
    assert "Senast uppdaterad 3 mars 2026" in result.read("arbetsmodell/marknadsdialog/index.html")
