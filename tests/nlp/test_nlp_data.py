"""The nlp word lists hold what the code expects."""

from sitrep.nlp.lexicon import data_path, read_table

KINDS = {
    "monitor",
    "NGO",
    "UN",
    "news agency",
    "state media",
    "media",
    "official",
    "armed forces",
    "armed group",
}


def test_claimant_rows_have_a_canonical_name_and_a_known_kind() -> None:
    rows = list(read_table(data_path("nlp", "claimants.tsv"), 3))
    assert len(rows) > 200
    assert all(alias and canonical and kind in KINDS for alias, canonical, kind in rows)
    aliases = [alias.lower() for alias, _, _ in rows]
    assert len(aliases) == len(set(aliases)), "an alias is listed twice"


def test_source_words_have_a_role() -> None:
    assert {role for _, role in read_table(data_path("nlp", "source_words.tsv"), 2)} == {"head", "part"}


def test_every_data_file_has_provenance() -> None:
    folder = data_path("nlp", "PROVENANCE.md").parent
    provenance = (folder / "PROVENANCE.md").read_text(encoding="utf-8")
    for path in folder.iterdir():
        if path.suffix in (".tsv", ".txt"):
            assert path.name in provenance, path.name
