from sitrep.nlp.countries import Countries

COUNTRIES = Countries.load()


def test_names_demonyms_aliases_and_possessives_give_acled_spelling() -> None:
    assert COUNTRIES.get("Syrian").name == "Syria"
    assert COUNTRIES.get("Syria's").name == "Syria"
    assert COUNTRIES.get("DRC").of_name == "the Democratic Republic of Congo"
    assert COUNTRIES.normalise("Democratic Republic of the Congo") == "Democratic Republic of Congo"
    assert COUNTRIES.normalise("Atlantis") == "Atlantis"


def test_abbreviations_match_only_in_capitals() -> None:
    text = "Let us see: US troops and UK ships left the U.S. base."
    assert [(s.of(text), c.name) for s, c in COUNTRIES.finditer(text)] == [
        ("US", "United States"),
        ("UK", "United Kingdom"),
        ("U.S.", "United States"),
    ]
