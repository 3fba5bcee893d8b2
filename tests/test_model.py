from sitrep.model import Span, first_disjoint


def test_the_first_ranked_of_overlapping_spans_wins_and_the_rest_come_back_in_text_order() -> None:
    longest_first = [Span(10, 30), Span(0, 12), Span(28, 35), Span(40, 45), Span(30, 33), Span(5, 8)]
    assert first_disjoint(longest_first, lambda span: span) == [
        Span(5, 8),
        Span(10, 30),
        Span(30, 33),
        Span(40, 45),
    ]


def test_a_span_inside_a_kept_one_or_spanning_two_of_them_is_dropped() -> None:
    ranked = [Span(0, 4), Span(10, 14), Span(2, 3), Span(3, 11), Span(4, 10)]
    assert first_disjoint(ranked, lambda span: span) == [Span(0, 4), Span(4, 10), Span(10, 14)]
