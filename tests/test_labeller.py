"""The learned structure stage: pieces, features, the packaged model, grouping and explanations."""

from __future__ import annotations

import gzip
import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import make_pdf, text_page
from training.dataset import DATASET, decode, relabel_record
from training.loro import _Oracle, _samples_source, score, truth_roles
from training.train import data_hash, examples, read_dataset
from training.truth import label_pieces
from triage import explain_parse, label_pages, parse
from triage.cli import main
from triage.readers import read_document
from triage.structure import (
    Resume,
    Role,
    auto_structure,
    complete_roles,
    label,
    learned_structure,
    preferred_reading,
    structure,
)
from triage.structure.features import FEATURE_NAMES, feature_matrix
from triage.structure.labeller import LABELS, class_probabilities, header_consensus, load_model
from triage.structure.lines import line_text, reading_lines, section_kind
from triage.structure.pieces import normalise, split_pieces
from triage.vocabulary import letters_only, place_share, section_names
from triage.work_rights import country_of

SAMPLES = Path(__file__).resolve().parents[1] / "sample_resumes"


def _pieces(*lines: str) -> list[tuple[str, str]]:
    doc = read_document(make_pdf(text_page(lines)), "cv.pdf")
    return [(p.sep_before, p.text) for p in split_pieces(doc, reading_lines(doc))]


def test_a_header_line_is_cut_into_fields_with_the_dates_whole() -> None:
    assert _pieces("Data Engineer at Acme Corp, Berlin | Jan 2019 – Present") == [
        ("span", "Data Engineer"), ("at", "Acme Corp"), ("comma", "Berlin"),
        ("pipe", "Jan 2019 – Present")]


def test_a_style_switch_between_words_separates_fields() -> None:
    """Bold title and company, then the place in plain type: the switch is a field boundary; a
    switch inside a word or around a separator adds nothing."""

    def draw(pdf) -> None:
        x = 72.0
        for style, text in (("B", "Staff Nurse "), ("", "at "), ("B", "Royal Hospital Trust "),
                            ("I", "Leeds"), ("", ", UK")):
            pdf.set_font("Helvetica", style, 11)
            pdf.text(x, 72, text)
            x += pdf.get_string_width(text)

    doc = read_document(make_pdf(draw), "cv.pdf")
    assert [(p.sep_before, p.text) for p in split_pieces(doc, reading_lines(doc))] == [
        ("span", "Staff Nurse"), ("at", "Royal Hospital Trust"), ("style", "Leeds"),
        ("comma", "UK")]


def test_a_wrapped_header_line_starting_with_at_drops_it() -> None:
    assert _pieces("Chemistry Teacher", "at Tubman Academy, Chicago") == [
        ("span", "Chemistry Teacher"), ("at", "Tubman Academy"), ("comma", "Chicago")]


def test_truth_labels_join_a_field_wrapped_at_a_line_end() -> None:
    """The truth labeller (training/) sees 'Evanston' + 'Township School District 65' as the
    organisation, not the town, because the two lines together print that source field."""
    doc = read_document(make_pdf(text_page(["Substitute Teacher at Evanston",
                                            "Township School District 65, Evanston, IL"])),
                        "cv.pdf")
    pieces = split_pieces(doc, reading_lines(doc))
    source = {"work": [{"position": "Substitute Teacher", "location": "Evanston, IL",
                        "name": "Evanston Township School District 65"}]}
    assert [(p.text, lab) for p, lab in zip(pieces, label_pieces(pieces, source), strict=True)][
        :3] == [("Substitute Teacher", "title"), ("Evanston", "org"),
                ("Township School District 65", "org")]


def test_truth_labels_a_field_cut_by_its_own_commas_and_a_wrap() -> None:
    """'Harrow, Finch & Dunmore' / 'LLP' is one organisation in three pieces over two lines, and
    'Partner, Commercial Litigation' one title in two."""
    doc = read_document(make_pdf(text_page(["Harrow, Finch & Dunmore", "LLP",
                                            "Partner, Commercial Litigation"])), "cv.pdf")
    pieces = split_pieces(doc, reading_lines(doc))
    source = {"work": [{"position": "Partner, Commercial Litigation",
                        "name": "Harrow, Finch & Dunmore LLP"}]}
    assert [(p.text, lab) for p, lab in zip(pieces, label_pieces(pieces, source), strict=True)] == [
        ("Harrow", "org"), ("Finch & Dunmore", "org"), ("LLP", "org"), ("Partner", "title"),
        ("Commercial Litigation", "title")]
    # A part of the title that is also a skill is still the title's, where it is printed.
    doc = read_document(make_pdf(text_page(["Staff Nurse (Band 5), Acute Medicine"])), "cv.pdf")
    pieces = split_pieces(doc, reading_lines(doc))
    source = {"work": [{"position": "Staff Nurse (Band 5), Acute Medicine"}],
              "skills": [{"name": "Acute medicine"}]}
    assert label_pieces(pieces, source) == ["title"] * 3


def test_truth_labels_a_wrapped_bullet_tail_that_names_a_section_as_the_bullet() -> None:
    """'… through continuing' / 'education' is the end of a sentence, not an Education heading
    (a heading there would end the experience section for the grouping and the model)."""
    doc = read_document(make_pdf(text_page([
        "Carer", "Cared for a parent while keeping my registration through continuing",
        "education", "Social Worker"])), "cv.pdf")
    pieces = split_pieces(doc, reading_lines(doc))
    source = {"work": [{"position": "Carer", "highlights": [
        "Cared for a parent while keeping my registration through continuing education"]},
        {"position": "Social Worker"}]}
    labels = label_pieces(pieces, source)
    assert [(p.text, lab) for p, lab in zip(pieces, labels, strict=True)][2] == (
        "education", "bullet")
    # A real heading after a bullet stays one.
    doc = read_document(make_pdf(text_page(["Carer", "Cared for a parent", "Education"])),
                        "cv.pdf")
    pieces = split_pieces(doc, reading_lines(doc))
    source = {"work": [{"position": "Carer", "highlights": ["Cared for a parent"]}]}
    assert label_pieces(pieces, source)[-1] == "heading"


def test_truth_labels_the_headline_in_the_page_head_even_far_from_the_name() -> None:
    """A headline that equals the current job title, printed under a contact block (more than a
    few lines from the name) but above the first section heading, is the headline; the same
    words under Experience are the title."""
    doc = read_document(make_pdf(text_page([
        "Priya Raghunathan", "14 Wilmslow Road", "Manchester", "07700 900418",
        "priya@example.org", "Ward Manager", "Experience", "Ward Manager",
        "Royal Pennine Hospital"])), "cv.pdf")
    pieces = split_pieces(doc, reading_lines(doc))
    source = {"basics": {"name": "Priya Raghunathan", "label": "Ward Manager",
                         "email": "priya@example.org", "phone": "07700 900418",
                         "location": {"address": "14 Wilmslow Road", "city": "Manchester"}},
              "work": [{"position": "Ward Manager", "name": "Royal Pennine Hospital"}]}
    labels = label_pieces(pieces, source)
    assert [lab for p, lab in zip(pieces, labels, strict=True) if p.text == "Ward Manager"] == [
        "headline", "title"]


def test_roles_of_a_group_the_page_never_prints_are_not_counted() -> None:
    """A theme without a volunteer section cannot be read for it; a group with any entry on the
    page (title and organisation) counts whole."""
    source = {"work": [{"position": "Nurse", "name": "City Clinic", "startDate": "2020-01"}],
              "volunteer": [{"position": "Crisis Line Responder", "organization": "Crisis Centre"},
                            {"position": "Mentor", "organization": "Youth Club"}]}
    assert len(truth_roles(source)) == 3
    assert [r["title"] for r in truth_roles(source, "nurse city clinic 2020")] == ["nurse"]
    assert len(truth_roles(source, "nurse city clinic mentor youth club")) == 3
    # A title's word in a summary shows no entry: its organisation must be on the page too.
    assert len(truth_roles(source, "nurse city clinic mentor")) == 1
    # A wrap may put dates (or the next column's line) inside a printed organisation.
    assert len(truth_roles(source, "nurse city clinic mentor youth 2019 – 2021 club")) == 3


def test_a_long_header_is_still_cut_into_fields() -> None:
    """The date range and lone marks do not count towards the words that make a span prose."""
    assert _pieces("Harrow, Finch & Dunmore LLP | Sep 2020 - Dec 2022 (2 years 3 months)") == [
        ("span", "Harrow"), ("comma", "Finch & Dunmore LLP"), ("pipe", "Sep 2020 - Dec 2022"),
        ("paren", "2 years 3 months")]


def test_prose_is_one_piece_even_with_commas_and_years() -> None:
    sentence = ("Moved builds to GitHub Actions in 2021, which cut build times, failed deploys "
                "and pages")
    assert _pieces(sentence) == [("span", sentence)]
    # A sentence keeps the words of its date range; a header's range does not count.
    sentence = ("Before that, from 2018 to 2021, I was a data engineer at Northwind Logistics "
                "in Hamburg.")
    assert _pieces(sentence) == [("span", sentence)]
    header = ("Senior Data Engineer, Platform and Data Team, 2018 to 2021, Northwind Logistics "
              "of Hamburg Ltd.")
    assert len(_pieces(header)) > 1


@pytest.mark.parametrize(("printed", "read"), [
    ("Ing\u00b4enieur", "Ingénieur"), ("Infirmie`re", "Infirmière"),
    ("M I L K Y   W A Y", "MILKY WAY"), ("2019\u20112021", "2019–2021"), ("Caf\u00a0e", "Caf e"),
    # TeX puts an accent on i over a dotless i; macrons join their letter too.
    ("Econom´ıa", "Economía"), ("Cl´ınica jur´ıdica", "Clínica jurídica"),
    ("Waitemat¯a", "Waitematā"), ("¯Ot¯ahuhu", "Ōtāhuhu"),
    # A letter-spaced name's short last word or initial; a combining accent on its letter.
    ("N G", "NG"), ("A .", "A."), ("T H I\u0323", "THỊ"), ("Plan B", "Plan B"),
    ("Nguye\u0302\u0303n", "Nguyễn"), ("Nguy\u02dc\u00ean", "Nguyễn"),
])
def test_text_is_normalised_before_reading(printed: str, read: str) -> None:
    assert normalise(printed) == read


def test_section_names_in_other_words_and_languages() -> None:
    assert section_kind("Expériences pro") == "experience"
    assert section_kind("Berufserfahrung") == "experience"
    assert section_kind("Work") == "experience"  # JSON Resume's own name, printed by themes
    assert section_kind("Honors & Awards") == "awards"
    assert section_kind("Senior Data Engineer") is None


def test_a_section_name_with_and_is_known_with_an_ampersand_too() -> None:
    assert letters_only("Education & Training") in section_names()  # as the layout reader asks
    assert section_kind("EDUCATION & TRAINING") == "education"
    assert section_kind("Licenses & Certifications") == "certifications"


def test_place_names_and_region_codes() -> None:
    assert place_share("Toronto, ON") == 1.0
    assert place_share("München") == 1.0 and place_share("Remote") == 1.0
    assert place_share("Nexus AI, Berlin") == 0.5
    assert place_share("Ca") == 0.0  # a region code counts only in capitals
    assert place_share("Royal Pennine Hospital") == 0.0 and place_share("") == 0.0
    # A gazetteer's alternate name that is a legal form names no place.
    assert place_share("Acme, Inc.") == 0.0 and country_of("Acme, Inc.") is None


def test_the_labellers_tree_walk_gives_sklearns_probabilities() -> None:
    """`class_probabilities` calls sklearn's private tree walker for speed: it must give what
    `predict_proba` gives, on a real page and on rows with missing values."""
    model = load_model()
    doc = read_document((SAMPLES / "designer_two_column.pdf").read_bytes(), "cv.pdf")
    rows = label(doc).features.astype(np.float64)
    holes = rows[:5].copy()
    holes[:, ::3] = np.nan
    for features in (rows, holes):
        assert np.allclose(class_probabilities(model.classifier, features),
                           model.classifier.predict_proba(features), rtol=0, atol=1e-12)


def test_the_packaged_model_matches_the_code_and_the_committed_data() -> None:
    model = load_model()
    assert model.feature_names == FEATURE_NAMES
    assert model.importance.shape == (len(FEATURE_NAMES),)
    assert abs(model.importance.sum() - 1) < 1e-6
    assert model.data_hash == data_hash(DATASET), "retrain: python -m training.train"
    assert len(model.trained_on) >= 30


def test_same_input_same_labels() -> None:
    doc = read_document((SAMPLES / "senior_mlops.pdf").read_bytes(), "cv.pdf")
    first, second = label(doc), label(doc)
    assert first.labels == second.labels
    assert np.array_equal(first.probabilities, second.probabilities)
    assert set(first.labels) <= set(LABELS)
    assert first.features.shape == (len(first.pieces), len(FEATURE_NAMES))


def test_viterbi_prefers_likely_label_sequences() -> None:
    model = load_model()
    name, bullet = LABELS.index("name"), LABELS.index("bullet")
    proba = np.full((2, len(LABELS)), 1e-3)
    proba[0, name] = 0.9
    proba[1, name], proba[1, bullet] = 0.5, 0.49  # a second "name" right after the first ...
    path = model.decode(proba)
    assert path[0] == name
    # ... is decided by the transitions learned from real pages, not by a rule.
    expected = max((name, bullet), key=lambda j: np.log(proba[1, j])
                   + 0.5 * model.transitions[name, j])
    assert path[1] == expected


def _header_rows(*rows: dict[str, float]) -> np.ndarray:
    proba = np.full((len(rows), len(LABELS)), 1e-3)
    for i, row in enumerate(rows):
        for name, value in row.items():
            proba[i, LABELS.index(name)] = value
    return proba


def test_an_unsure_header_field_follows_the_others_in_its_type() -> None:
    proba = _header_rows({"title": 0.9, "org": 0.05}, {"title": 0.8, "org": 0.1},
                         {"title": 0.4, "org": 0.55},  # unsure, in the titles' type
                         {"org": 0.9, "title": 0.05}, {"bullet": 0.9, "title": 0.05})
    styles = np.array([0, 0, 0, 1, 0])
    mixed = header_consensus(proba, styles)
    assert [LABELS[i] for i in mixed.argmax(axis=1)] == ["title", "title", "title", "org",
                                                         "bullet"]
    assert np.allclose(mixed.sum(axis=1), proba.sum(axis=1))  # only the split moves
    assert np.array_equal(mixed[3:], proba[3:])  # alone in its type; not a header field
    # Two of a type are not enough to outvote one.
    assert np.array_equal(header_consensus(proba[1:], styles[1:]), proba[1:])


def _page_with_footer(number: int):
    def draw(pdf) -> None:
        text_page([f"Body line {row} of page {number}" for row in range(5)])(pdf)
        pdf.text(72, 760, "M 0671224018  E jeanluc.moreau@example.org")
        pdf.text(300, 775, f"Page {number}")
    return draw


def test_a_running_footer_with_an_email_is_read_once_and_page_numbers_never() -> None:
    doc = read_document(make_pdf(_page_with_footer(1), _page_with_footer(2)), "cv.pdf")
    texts = [line_text(line) for line in reading_lines(doc)]
    assert texts.count("M 0671224018 E jeanluc.moreau@example.org") == 1
    assert not any(t.startswith("Page") for t in texts)
    assert "Body line 4 of page 2" in texts


def test_features_of_an_empty_document_are_an_empty_matrix() -> None:
    doc = read_document(make_pdf(text_page(["Jane Roe"])), "cv.pdf")
    assert feature_matrix(doc, [], []).shape == (0, len(FEATURE_NAMES))


def _roles(resume: Resume) -> list[tuple]:
    return [(r.title, r.company, r.start, r.end) for r in resume.roles]


def test_the_default_parser_keeps_the_rules_only_where_they_read_more_complete_roles() -> None:
    """A theme the rules were never written for: they find fewer complete roles there, and the
    labeller's reading is kept. Where the two agree on the roles and the rules read as many
    complete ones, the rules' reading is kept; where they disagree, the labeller's."""
    wanted = {("html-kwan", "01_ward_manager_manchester")}
    (theme,) = examples(r for r in read_dataset() if (r["renderer"], r["source"]) in wanted)
    assert complete_roles(structure(theme.doc)) < complete_roles(learned_structure(theme.doc))
    assert _roles(auto_structure(theme.doc)) == _roles(learned_structure(theme.doc))

    doc = read_document((SAMPLES / "senior_mlops.pdf").read_bytes(), "cv.pdf")
    rules = structure(doc)
    fewer = replace(rules, roles=[replace(rules.roles[0], company=None), *rules.roles[1:]])
    assert preferred_reading(rules, fewer) is rules
    renamed = replace(rules, roles=[replace(r, title=f"Chief {r.title} Officer of Record")
                                    for r in rules.roles])
    assert preferred_reading(rules, renamed) is renamed
    assert preferred_reading(fewer, rules) is rules


def test_the_default_parser_cuts_a_shared_header_where_the_labeller_does() -> None:
    """The rules cut 'Manager, Tax & Advisory, Harrow LLP' at its first comma; where the
    labeller read the same words and dates with the cut elsewhere, its cut is kept."""
    doc = read_document((SAMPLES / "senior_mlops.pdf").read_bytes(), "cv.pdf")
    rules = structure(doc)
    first = rules.roles[0]
    cut_early = replace(rules, roles=[replace(first, title="Senior", company=f"MLOps Engineer "
                                              f"{first.company}"), *rules.roles[1:]])
    chosen = preferred_reading(cut_early, rules)
    assert _roles(chosen) == _roles(rules)
    assert chosen.roles[0].title_spans == first.title_spans
    # Other words or other dates: no re-cut.
    other = replace(rules, roles=[replace(first, title="Senior", company="Elsewhere GmbH"),
                                  *rules.roles[1:]])
    assert _roles(preferred_reading(cut_early, other))[0][:2] == (
        "Senior", f"MLOps Engineer {first.company}")


def test_the_default_parser_takes_the_labellers_header_where_the_rules_swapped_or_took_a_bullet(
        ) -> None:
    """Same dates: where the rules' employer is the labeller's title (and the reverse), or is
    one of the labeller's bullets, the labeller's header is kept; elsewhere the rules'."""
    doc = read_document((SAMPLES / "senior_mlops.pdf").read_bytes(), "cv.pdf")
    rules = structure(doc)
    first = rules.roles[0]
    swapped = replace(first, title=first.company, company=first.title)
    line = min(first.bullets, key=len)  # short enough to pass for a header field
    assert len(line.split()) <= 10
    bullet = replace(first, company=line)
    for misread in (swapped, bullet):
        chosen = preferred_reading(replace(rules, roles=[misread, *rules.roles[1:]]), rules)
        assert _roles(chosen) == _roles(rules)
    other = replace(first, company="Elsewhere GmbH")
    chosen = preferred_reading(replace(rules, roles=[other, *rules.roles[1:]]), rules)
    assert chosen.roles[0].company == "Elsewhere GmbH"


def test_dateless_roles_count_against_a_reading() -> None:
    doc = read_document((SAMPLES / "nurse_manager.pdf").read_bytes(), "cv.pdf")
    resume = structure(doc)
    complete = complete_roles(resume)
    resume.roles.append(Role("Staff Nurse", "Clinic", None, None, None, [], "Experience"))
    assert complete_roles(resume) == complete - 1
    resume.roles[0] = replace(resume.roles[0], end=None)  # a range read without its end
    assert complete_roles(resume) == complete - 2
    # A bullet's sentence read as the employer makes no complete role.
    resume.roles[1] = replace(resume.roles[1], company="Covered middle school science and math "
                              "classes on short notice for three schools")
    assert complete_roles(resume) == complete - 3


def test_grouping_rebuilds_the_roles_from_truth_labels() -> None:
    """With the truth labels of the samples (four formats), entries come out right: this isolates
    the grouping from the labeller."""
    items = examples(r for r in read_dataset() if r["renderer"].startswith("samples-"))
    assert len(items) == 28
    scores = [score(learned_structure(e.doc, _Oracle(e.labels)), _samples_source(e.source),
                    e.renderer, e.source) for e in items]
    right = sum(s.fields_right for s in scores) / (4 * sum(s.roles for s in scores))
    assert right >= 0.95
    assert sum(s.spurious for s in scores) <= 2


def test_dataset_documents_round_trip() -> None:
    record = next(read_dataset())
    doc = decode(record["doc"])
    assert len(split_pieces(doc, reading_lines(doc))) == len(record["labels"])


def test_the_stored_labels_are_what_the_truth_labeller_gives_today() -> None:
    """After a change to truth.py, the pieces or the reading lines, the dataset is relabelled
    (`python -m training.dataset --relabel`); the samples' documents show whether it was."""
    with gzip.open(DATASET, "rt", encoding="utf-8") as handle:
        stored = [line for line in handle if '"renderer":"samples-' in line[:40]]
    assert len(stored) == 28
    for line in stored:
        assert relabel_record(line)["labels"] == json.loads(line)["labels"]


def test_relabelling_reads_again_a_rendering_this_machine_has(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Renders are not committed; where one is on disk, a reader change reaches its record."""
    from training import dataset

    with gzip.open(DATASET, "rt", encoding="utf-8") as handle:
        line = next(ln for ln in handle if '"renderer":"perturb-' in ln[:40])
    item = json.loads(line)
    monkeypatch.setattr(dataset, "RENDERS", tmp_path)
    stored_text = [s[1] for ln in relabel_record(line)["doc"]["lines"] for s in ln[3]]
    rendering = tmp_path / item["renderer"] / f"{item['source']}.pdf"
    rendering.parent.mkdir()
    rendering.write_bytes((SAMPLES / "senior_mlops.pdf").read_bytes())  # a stand-in rendering
    read_text = [s[1] for ln in relabel_record(line)["doc"]["lines"] for s in ln[3]]
    assert read_text != stored_text and "Jonas Brandt" in " ".join(read_text)


def test_explain_and_overlay_show_every_piece(tmp_path: Path, capsys) -> None:
    path = SAMPLES / "senior_mlops.pdf"
    lines = explain_parse(path)
    resume = parse(path, parser="learned")
    assert any(" name " in ln and "Jonas Brandt" in ln for ln in lines)
    assert sum(" title " in ln for ln in lines) >= len(resume.roles) >= 3
    pages = label_pages(path)
    assert len(pages) == resume.pages and all(p.startswith(b"\x89PNG") for p in pages)
    assert main(["parse", str(path), "--overlay", str(tmp_path / "parse")]) == 0
    assert (tmp_path / "parse-1.png").exists() and (tmp_path / "parse-2.png").exists()
    assert main(["parse", str(path), "--explain"]) == 0
    assert "heading" in capsys.readouterr().out


def _roles_with_labels(rows: list[tuple[str, str]]) -> list[tuple]:
    """Roles grouped from hand labels (one piece per line), with no model involved."""
    doc = read_document(make_pdf(text_page([text for text, _ in rows])), "cv.pdf")
    pieces = split_pieces(doc, reading_lines(doc))
    assert [p.text for p in pieces] == [text for text, _ in rows]
    labels = np.array([LABELS.index(label) for _, label in rows])
    return [(r.title, r.company, r.start, r.end)
            for r in learned_structure(doc, _Oracle(labels)).roles]


@pytest.mark.parametrize("present_label", ["other", "location", "org", "title"])
def test_start_and_end_on_lines_of_their_own_make_one_range(present_label: str) -> None:
    """'Present' alone under a start date ends the range, whatever the labeller took it for."""
    assert _roles_with_labels([
        ("Experience", "heading"), ("Ward Manager", "title"), ("Royal Hospital", "org"),
        ("April 2022", "date"), ("Present", present_label), ("Led a team of nurses.", "bullet"),
        ("Staff Nurse", "title"), ("City Clinic", "org"), ("September 2018", "date"),
        ("March 2022", "date"), ("Cared for patients.", "bullet"),
    ]) == [("Ward Manager", "Royal Hospital", "2022-04", "present"),
           ("Staff Nurse", "City Clinic", "2018-09", "2022-03")]


def test_a_now_word_followed_by_a_duration_ends_the_range() -> None:
    assert _roles_with_labels([
        ("Experience", "heading"), ("Ward Manager", "title"), ("Royal Hospital", "org"),
        ("April 2022", "date"), ("Present 4 years", "other"), ("Led a team of nurses.", "bullet"),
    ]) == [("Ward Manager", "Royal Hospital", "2022-04", "present")]


def test_dates_repeated_under_the_bullets_are_not_a_new_entry() -> None:
    assert _roles_with_labels([
        ("Experience", "heading"), ("Ward Manager", "title"), ("Royal Hospital", "org"),
        ("April 2022 – Present", "date"), ("Led a team of nurses.", "bullet"),
        ("April 2022 – Present", "date"), ("Staff Nurse", "title"), ("City Clinic", "org"),
        ("Sep 2018 – Mar 2022", "date"), ("Cared for patients.", "bullet"),
    ]) == [("Ward Manager", "Royal Hospital", "2022-04", "present"),
           ("Staff Nurse", "City Clinic", "2018-09", "2022-03")]


def test_the_same_dates_leading_the_next_header_open_a_new_entry() -> None:
    assert _roles_with_labels([
        ("Experience", "heading"), ("2019 – 2021", "date"), ("Nurse", "title"),
        ("North Clinic", "org"), ("Ran the night shift.", "bullet"), ("2019 – 2021", "date"),
        ("Tutor", "title"), ("South College", "org"), ("Taught anatomy.", "bullet"),
    ]) == [("Nurse", "North Clinic", "2019", "2021"), ("Tutor", "South College", "2019", "2021")]


def test_employers_printed_after_the_activities_belong_to_the_role_above() -> None:
    """Europass order: dates, title, activities, then the employer; read top to bottom each
    employer sits before the next role's dates."""
    assert _roles_with_labels([
        ("Work experience", "heading"), ("04/2022 - present", "date"),
        ("Ward Manager", "title"), ("Led a team of nurses.", "bullet"),
        ("Royal Hospital", "org"), ("09/2018 - 03/2022", "date"), ("Staff Nurse", "title"),
        ("Cared for patients.", "bullet"), ("City Clinic", "org"),
    ]) == [("Ward Manager", "Royal Hospital", "2022-04", "present"),
           ("Staff Nurse", "City Clinic", "2018-09", "2022-03")]
    # Employer first, as most templates print it: nothing moves.
    assert _roles_with_labels([
        ("Work experience", "heading"), ("Royal Hospital", "org"), ("Ward Manager", "title"),
        ("04/2022 - present", "date"), ("Led a team of nurses.", "bullet"),
        ("City Clinic", "org"), ("Staff Nurse", "title"), ("09/2018 - 03/2022", "date"),
        ("Cared for patients.", "bullet"),
    ]) == [("Ward Manager", "Royal Hospital", "2022-04", "present"),
           ("Staff Nurse", "City Clinic", "2018-09", "2022-03")]


class _Unsure:
    """Stands in for a model: the labels given, each with the confidence given; the rest of a
    piece's probability is spread evenly, or given to a runner-up label {piece: label}."""

    def __init__(self, labels: list[str], confidences: list[float],
                 runner_up: dict[int, str] | None = None) -> None:
        self.labels, self.confidences, self.runner_up = labels, confidences, runner_up or {}

    def label(self, features: np.ndarray, styles: np.ndarray | None = None,
              ) -> tuple[list[str], np.ndarray]:
        proba = np.full((len(self.labels), len(LABELS)), 0.0)
        for row, (name, confidence) in enumerate(zip(self.labels, self.confidences, strict=True)):
            proba[row] = (1 - confidence) / (len(LABELS) - 1)
            if row in self.runner_up:
                proba[row] = 0.0
                proba[row, LABELS.index(self.runner_up[row])] = 1 - confidence
            proba[row, LABELS.index(name)] = confidence
        return self.labels, proba


def _header_roles(lines: list[str], pieces: list[tuple[str, str, float]]) -> list[tuple]:
    """Roles from `lines` (the second one, the header, in bold) labelled as `pieces` say."""

    def draw(pdf) -> None:
        for row, text in enumerate(lines):
            pdf.set_font("Helvetica", "B" if row == 1 else "", 11)
            pdf.text(72, 72 + 16 * row, text)

    doc = read_document(make_pdf(draw), "cv.pdf")
    assert [p.text for p in split_pieces(doc, reading_lines(doc))] == [t for t, _, _ in pieces]
    model = _Unsure([name for _, name, _ in pieces], [c for _, _, c in pieces])
    return [(r.title, r.company, r.start, r.end) for r in learned_structure(doc, model).roles]


def test_an_unsure_employer_on_the_title_line_is_the_title_qualifier_when_another_follows() -> None:
    """'Nurse Manager - Acute Medical Unit' over 'St. Brendan's Hospital': a header names one
    employer, so the unit the labeller was unsure of belongs to the title."""
    lines = ["Experience", "Nurse Manager - Acute Medical Unit", "St. Brendan's Hospital",
             "2019 - 2021", "Ran the unit."]
    pieces = [("Experience", "heading", 1.0), ("Nurse Manager", "title", 0.9),
              ("Acute Medical Unit", "org", 0.55), ("St. Brendan's Hospital", "org", 0.95),
              ("2019 - 2021", "date", 1.0), ("Ran the unit.", "bullet", 1.0)]
    assert _header_roles(lines, pieces) == [
        ("Nurse Manager - Acute Medical Unit", "St. Brendan's Hospital", "2019", "2021")]
    # Surer of the first employer than of the second: the first stays the employer, as the
    # labels say, and the dates under the second are the one header's.
    pieces[2], pieces[3] = ("Acute Medical Unit", "org", 0.95), ("St. Brendan's Hospital", "org",
                                                                0.55)
    assert _header_roles(lines, pieces) == [
        ("Nurse Manager", "Acute Medical Unit", "2019", "2021")]


def test_a_unit_and_its_parent_after_a_comma_are_one_employer() -> None:
    """'Hôpital Édouard-Herriot, Hospices Civils de Lyon': the labeller took the parent for a
    school, and it still belongs to the one employer, not to a new entry."""
    lines = ["Experience", "Intensive Care Nurse", "Edouard Herriot Hospital, Lyon Civil Hospices",
             "2019 - 2021", "Cared for patients."]
    pieces = [("Experience", "heading", 1.0), ("Intensive Care Nurse", "title", 1.0),
              ("Edouard Herriot Hospital", "org", 0.9), ("Lyon Civil Hospices", "edu_inst", 0.6),
              ("2019 - 2021", "date", 1.0), ("Cared for patients.", "bullet", 1.0)]
    assert _header_roles(lines, pieces) == [
        ("Intensive Care Nurse", "Edouard Herriot Hospital, Lyon Civil Hospices", "2019", "2021")]
    # On a line of its own, a second organisation is another header's.
    lines[2:3] = ["Edouard Herriot Hospital", "Lyon Civil Hospices"]
    assert _header_roles(lines, pieces)[0][:2] == ("Intensive Care Nurse",
                                                   "Edouard Herriot Hospital")


def test_a_place_opening_an_organisation_is_part_of_its_name() -> None:
    lines = ["Experience", "Tax Manager", "Harrow, Finch & Dunmore LLP", "2019 - 2021"]
    pieces = [("Experience", "heading", 1.0), ("Tax Manager", "title", 1.0),
              ("Harrow", "location", 0.6), ("Finch & Dunmore LLP", "org", 0.9),
              ("2019 - 2021", "date", 1.0)]
    assert _header_roles(lines, pieces) == [
        ("Tax Manager", "Harrow, Finch & Dunmore LLP", "2019", "2021")]
    # A place inside a header, not opening its span, is a place of its own.
    inside = ["Experience", "Tax Manager, Harrow, Finch & Dunmore LLP", "2019 - 2021"]
    assert _header_roles(inside, pieces) == [
        ("Tax Manager", "Finch & Dunmore LLP", "2019", "2021")]
    # After the organisation, a place stays a place.
    lines[2] = "Finch & Dunmore LLP, Harrow"
    pieces[2:4] = [("Finch & Dunmore LLP", "org", 0.9), ("Harrow", "location", 0.6)]
    assert _header_roles(lines, pieces) == [("Tax Manager", "Finch & Dunmore LLP", "2019",
                                             "2021")]


def test_a_field_wrapped_past_the_dates_beside_it_stays_one_field() -> None:
    """'Staff Nurse at Royal    Feb 2016 – Aug 2018' over 'Pennine Trust': the organisation
    wraps onto the next line past the dates to its right, and is still one organisation."""

    def draw(pdf) -> None:
        pdf.text(72, 72, "Experience")
        pdf.text(72, 90, "Staff Nurse at Royal")
        pdf.text(420, 90, "Feb 2016 – Aug 2018")
        pdf.text(72, 104, "Pennine Trust")
        pdf.text(72, 122, "Cared for patients on a busy ward.")

    doc = read_document(make_pdf(draw), "cv.pdf")
    pieces = split_pieces(doc, reading_lines(doc))
    assert [p.text for p in pieces] == ["Experience", "Staff Nurse", "Royal",
                                        "Feb 2016 – Aug 2018", "Pennine Trust",
                                        "Cared for patients on a busy ward."]
    labels = np.array([LABELS.index(name) for name in
                       ("heading", "title", "org", "date", "org", "bullet")])
    assert [(r.title, r.company, r.start, r.end)
            for r in learned_structure(doc, _Oracle(labels)).roles] == [
        ("Staff Nurse", "Royal Pennine Trust", "2016-02", "2018-08")]


def test_a_label_column_heading_wrapped_over_two_rows_is_one_heading() -> None:
    """'WORK' beside the first entry and 'EXPERIENCE' under it: one label, read before the
    entry it sits beside."""

    def draw(pdf) -> None:
        pdf.set_font("Helvetica", "B", 14)
        pdf.text(56, 72, "WORK")
        pdf.text(56, 90, "EXPERIENCE")
        pdf.text(200, 72, "Ward Manager at Royal Hospital")
        pdf.set_font("Helvetica", "", 11)
        for row in range(8):
            pdf.text(200, 90 + row * 14, f"Led the ward through change number {row}")

    doc = read_document(make_pdf(draw), "cv.pdf")
    texts = [ln.text for ln in reading_lines(doc)]
    assert texts[:3] == ["WORK EXPERIENCE", "Ward Manager at Royal Hospital",
                         "Led the ward through change number 0"]


def _margin_label_rows(pdf, first: str, second: str, beside: str, size: float) -> None:
    """`first` alone on its row, flush right at x=131, `second` under it beside `beside` (in
    `size`), then a few bullets; the moderncv layout of a section title wrapped in the margin."""
    pdf.set_font("Helvetica", "", 14)
    for top, text in ((72, first), (88, second)):
        pdf.text(131 - pdf.get_string_width(text), top, text)
    pdf.set_font("Helvetica", "", size)
    pdf.text(150, 88, beside)
    for row in range(4):
        pdf.text(150, 102 + row * 12, f"Booked sea freight number {row}")


def test_a_margin_label_wrapped_flush_right_beside_the_first_entry_is_one_heading() -> None:
    """'Employment' alone, 'History' under it, both flush right, beside the first employer in
    smaller type: one heading, and the employer's line no longer starts with 'History'."""
    doc = read_document(make_pdf(lambda pdf: _margin_label_rows(
        pdf, "Employment", "History", "Maasvlakte Container Services B.V.", 10)), "cv.pdf")
    texts = [ln.text for ln in reading_lines(doc)]
    assert texts[:2] == ["Employment History", "Maasvlakte Container Services B.V."]
    # Two short lines of one list in one type ("Python" over "Leadership") stay two lines.
    doc = read_document(make_pdf(lambda pdf: _margin_label_rows(
        pdf, "Python", "Leadership", "Maasvlakte Container Services B.V.", 14)), "cv.pdf")
    assert [ln.text for ln in reading_lines(doc)][:2] == ["Python", "Leadership"]


def test_an_unlabelled_piece_after_a_pipe_is_not_part_of_the_organisation() -> None:
    """'Acme Corp | https://acme.example' keeps the link out of the organisation; after a comma
    ('Kestrel Co., Ltd.') the piece is the rest of the name."""
    doc = read_document(make_pdf(text_page([
        "Experience", "Data Engineer", "Acme Corp | https://acme.example.com", "2019 - 2021",
        "Analyst", "Kestrel Co., Ltd.", "2017 - 2019"])), "cv.pdf")
    pieces = split_pieces(doc, reading_lines(doc))
    names = ("heading", "title", "org", "other", "date", "title", "org", "other", "date")
    assert [p.text for p in pieces] == ["Experience", "Data Engineer", "Acme Corp",
                                        "https://acme.example.com", "2019 - 2021", "Analyst",
                                        "Kestrel Co.", "Ltd.", "2017 - 2019"]
    labels = np.array([LABELS.index(name) for name in names])
    assert [r.company for r in learned_structure(doc, _Oracle(labels)).roles] == [
        "Acme Corp", "Kestrel Co., Ltd."]


class _Confident:
    """Stands in for a model: each piece's label, at the probability given for it (the rest of
    the mass spread over the other labels), so a test can set how sure the labeller was."""

    def __init__(self, rows: list[tuple[str, float]]) -> None:
        self.rows = rows

    def label(self, features: np.ndarray, styles: np.ndarray | None = None,
              ) -> tuple[list[str], np.ndarray]:
        proba = np.zeros((len(self.rows), len(LABELS)))
        for i, (name, p) in enumerate(self.rows):
            proba[i, :] = (1 - p) / (len(LABELS) - 1)
            proba[i, LABELS.index(name)] = p
        return [name for name, _ in self.rows], proba


def _read_with(lines: list[str], rows: list[tuple[str, float]]):
    doc = read_document(make_pdf(text_page(lines)), "cv.pdf")
    assert len(split_pieces(doc, reading_lines(doc))) == len(rows)
    return learned_structure(doc, _Confident(rows))


def test_a_dash_header_read_as_two_titles_gives_its_less_certain_part_to_the_employer() -> None:
    """'Data Engineer — Northwind Logistics' with both parts labelled title and no organisation
    near: the part the labeller was less sure was a title is the employer."""
    lines = ["Experience", "Data Engineer — Northwind Logistics", "Mar 2016 – Feb 2020"]
    rows = [("heading", 0.9), ("title", 0.99), ("title", 0.55), ("date", 0.99)]
    role = _read_with(lines, rows).roles[0]
    assert (role.title, role.company) == ("Data Engineer", "Northwind Logistics")
    # Equally sure of both parts: one title, as labelled.
    rows[2] = ("title", 0.99)
    role = _read_with(lines, rows).roles[0]
    assert (role.title, role.company) == ("Data Engineer — Northwind Logistics", None)


def test_a_place_split_off_the_contact_line_stays_in_the_location() -> None:
    lines = ["Siobhan Kelly", "Galway, Ireland | +353 87 555 2146"]
    rows = [("name", 0.99), ("contact", 0.7), ("location", 0.9), ("contact", 0.99)]
    assert _read_with(lines, rows).contact.location == "Galway, Ireland"
    rows[2] = ("other", 0.9)
    assert _read_with(lines, rows).contact.location == "Galway"


def _range_in_parts(pdf, parts: list[tuple[float, str]]) -> None:
    """Spans of one line in 7 pt at the given x, then a title in 10 pt beside them."""
    pdf.set_font("Helvetica", "B", 7)
    for x, text in parts:
        pdf.text(x, 72, text)
    pdf.set_font("Helvetica", "B", 10)
    pdf.text(220, 72, "Senior Accountant, Tax")


@pytest.mark.parametrize(("parts", "read"), [
    ([(80, "2020-09"), (113, "TO 2022-12")], "2020-09 TO 2022-12"),
    ([(80, "2023-01"), (113, "TO"), (128, "PRESENT")], "2023-01 TO PRESENT"),
    # A lone date beside other short text stays apart: only a range's end joins it; a range
    # does not join a place before it, nor an end set far from it.
    ([(80, "2020-09"), (113, "Toronto")], "2020-09"),
    ([(80, "Toronto"), (113, "2020 - 2022")], "Toronto"),
    ([(80, "2020-09"), (150, "TO 2022-12")], "2020-09"),
])
def test_a_range_printed_in_parts_on_one_line_is_one_span(parts, read: str) -> None:
    doc = read_document(make_pdf(lambda pdf: _range_in_parts(pdf, parts)), "cv.pdf")
    (line,) = reading_lines(doc)
    assert line.spans[0].text == read
