from sitrep.nlp.sentences import SentenceSplitter

SPLITTER = SentenceSplitter.load()


def sentences(text: str) -> list[str]:
    return [span.of(text) for span in SPLITTER.split(text)]


def test_splits_at_terminal_punctuation_and_line_breaks() -> None:
    text = "Clashes erupted in Homs. Four died!\nHeadline without a stop\nWas it over? Nobody knows."
    assert sentences(text) == [
        "Clashes erupted in Homs.",
        "Four died!",
        "Headline without a stop",
        "Was it over?",
        "Nobody knows.",
    ]


def test_titles_initials_and_month_abbreviations_do_not_end_sentences() -> None:
    text = "Gen. Ali met George W. Bush on Feb. 6 in St. Louis. Then he left."
    assert sentences(text) == ["Gen. Ali met George W. Bush on Feb. 6 in St. Louis.", "Then he left."]


def test_dotted_acronym_ends_a_sentence_only_before_a_sentence_opener() -> None:
    text = "Troops from the U.S. Army arrived. They came from the U.S. The base is new."
    assert sentences(text) == [
        "Troops from the U.S. Army arrived.",
        "They came from the U.S.",
        "The base is new.",
    ]


def test_quotes_close_the_sentence_they_end() -> None:
    text = 'He said: "We will fight." The army denied it. "Why?" he asked.'
    assert sentences(text) == ['He said: "We will fight."', "The army denied it.", '"Why?" he asked.']


def test_spans_exclude_surrounding_whitespace() -> None:
    text = "  First one.   Second one.  "
    spans = SPLITTER.split(text)
    assert [(s.start, s.end) for s in spans] == [(2, 12), (15, 26)]
