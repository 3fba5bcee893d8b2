from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reconcile_builders import (
    CIVILIANS,
    COAST_PROVINCE,
    COAST_TOWN,
    COUNTRYWIDE,
    MILITIA,
    NORTH_CITY,
    PORT_CITY,
    STATE,
    UNIDENTIFIED,
    claim,
    event,
    report,
)

from sitrep.reconcile import (
    CachedSimilarity,
    MatchConfig,
    Matcher,
    MemoryIndex,
    Reconciler,
    TermFrequencyEncoder,
)

CLASH = "Security forces clashed with pro-Assad gunmen in the coastal town, leaving over 70 people dead."
ARREST = "Security forces arrested a former head of air force intelligence during the operation."
KILLING = "Security forces shot dead four civilians at a checkpoint in the coastal town."
OTHER_CLASH = "Rebels and army troops fought for control of the northern city's old quarter."


def _articles() -> dict[str, list]:
    """Articles by id: an original, a syndicated copy, a rewrite and unrelated reports of the same day."""
    return {
        "a": [
            report(event("a", 0, claims=[claim(71, qualifier="over")]), CLASH, outlet="Wire"),
            report(event("a", 1, sub_event_type="Arrests", actors=(STATE,)), ARREST, outlet="Wire"),
        ],
        "b": [
            report(event("b", 0, claims=[claim(71, qualifier="over")]), CLASH, outlet="Paper"),
            report(event("b", 1, sub_event_type="Arrests", actors=(STATE,)), ARREST, outlet="Paper"),
        ],
        "c": [
            report(
                event("c", 0, actors=(), claims=[claim(48)]),
                "Over 70 people died when security forces clashed with pro-Assad gunmen in the coastal town.",
                published=date(2025, 3, 8),
            )
        ],
        "d": [report(event("d", 0, sub_event_type="Attack", actors=(STATE, CIVILIANS)), KILLING)],
        "e": [report(event("e", 0, place=NORTH_CITY, actors=(STATE, MILITIA)), OTHER_CLASH)],
    }


@pytest.fixture(scope="module")
def reconciler() -> Reconciler:
    # The threshold is pinned: these hand-built texts test the clustering, not the calibrated default.
    return Reconciler(Matcher(CachedSimilarity(TermFrequencyEncoder()), MatchConfig(link_threshold=0.95)))


def _partition(states) -> set[frozenset[str]]:
    return {frozenset(state.incident.event_ids) for state in states}


def _ingest_one_by_one(reconciler: Reconciler, order: list[str]):
    articles, index = _articles(), MemoryIndex()
    for article_id in order:
        index.apply(reconciler.attach(articles[article_id], index))
    return index.incidents()


def test_copies_and_rewrites_of_one_story_collapse_and_other_events_stay_apart(reconciler):
    incidents = reconciler.cluster([r for reports in _articles().values() for r in reports])
    assert _partition(incidents) == {
        frozenset({"a-e0", "b-e0", "c-e0"}),
        frozenset({"a-e1", "b-e1"}),
        frozenset({"d-e0"}),  # same place and day, different actor pair: ACLED's other event
        frozenset({"e-e0"}),
    }
    clash = next(s.incident for s in incidents if "c-e0" in s.incident.event_ids)
    assert clash.article_ids == ["a", "b", "c"]
    assert clash.sources == ["Paper", "Wire"]
    assert (clash.fatalities.best, clash.fatalities.low, clash.fatalities.high) == (48, 48, 71)
    assert len(clash.claims) == 3


@settings(max_examples=25, deadline=None)
@given(order=st.permutations(["a", "b", "c", "d", "e"]))
def test_incidents_do_not_depend_on_arrival_order(reconciler, order):
    batch = reconciler.cluster([r for reports in _articles().values() for r in reports])
    incremental = _ingest_one_by_one(reconciler, list(order))
    assert [s.incident for s in incremental] == [s.incident for s in batch]
    assert [s.history for s in incremental] == [s.history for s in batch]


def test_a_vague_report_linking_two_incidents_does_not_chain_them(reconciler):
    vague = report(
        event("f", 0, sub_event_type="Armed clash", actors=(), place=COAST_PROVINCE),
        f"{CLASH} {KILLING}",  # a round-up that tells both
    )
    clash, killing = _articles()["a"][0], _articles()["d"][0]
    assert reconciler.matcher.link(clash, vague) is not None
    assert reconciler.matcher.link(killing, vague) is not None
    incidents = _partition(reconciler.cluster([clash, killing, vague]))
    assert not any({"a-e0", "d-e0"} <= incident for incident in incidents)
    assert len(incidents) == 2


def test_attaching_a_report_touches_only_the_components_it_links_to(reconciler):
    index = MemoryIndex()
    for article_id in ("a", "d", "e"):
        index.apply(reconciler.attach(_articles()[article_id], index))
    change = reconciler.attach(_articles()["b"], index)
    touched = {s.component_id for s in index.incidents() if {"a-e0", "a-e1"} & set(s.incident.event_ids)}
    assert set(change.replaced_components) == touched
    assert _partition(change.incidents) == {frozenset({"a-e0", "b-e0"}), frozenset({"a-e1", "b-e1"})}


def test_incident_ids_are_stable_when_reports_join(reconciler):
    index = MemoryIndex()
    index.apply(reconciler.attach(_articles()["a"], index))
    before = {s.incident.incident_id for s in index.incidents()}
    index.apply(reconciler.attach(_articles()["c"], index))
    assert {s.incident.incident_id for s in index.incidents()} == before


def test_reingesting_a_stored_event_changes_nothing(reconciler):
    index = MemoryIndex()
    index.apply(reconciler.attach(_articles()["a"], index))
    change = reconciler.attach(_articles()["a"], index)
    assert change.incidents == [] and change.replaced_components == []


_PLACES = [COAST_TOWN, PORT_CITY, COAST_PROVINCE, NORTH_CITY, None, COUNTRYWIDE]
_ACTOR_SETS = [(STATE, MILITIA), (STATE, CIVILIANS), (STATE,), (), (MILITIA, UNIDENTIFIED), (CIVILIANS,)]
# Texts naming another report's place (the rule that lifts place conflicts) and sharing tolls.
_SENTENCES = [CLASH, ARREST, KILLING, OTHER_CLASH, f"{CLASH} {KILLING}", f"{OTHER_CLASH} Jablah and Aleppo."]
_TOLLS = [(), (claim(71, qualifier="over"),), (claim(48),), (claim(16), claim(28))]
_random_event = st.tuples(
    st.integers(0, len(_PLACES) - 1),
    st.integers(0, len(_ACTOR_SETS) - 1),
    st.integers(0, len(_SENTENCES) - 1),
    st.integers(0, len(_TOLLS) - 1),
    st.integers(0, 3),  # day offset, or no date at all
    st.sampled_from([1, 1, 2, 3]),  # time precision
    st.sampled_from(["Armed clash", "Attack", "Shelling/artillery/missile attack"]),
)


@settings(max_examples=60, deadline=None)
@given(
    articles=st.lists(st.lists(_random_event, min_size=1, max_size=2), min_size=2, max_size=7),
    seed=st.randoms(),
)
def test_random_reports_cluster_the_same_whatever_the_order(reconciler, articles, seed):
    reports = {
        f"x{a}": [
            report(
                event(
                    f"x{a}",
                    n,
                    place=_PLACES[p],
                    actors=_ACTOR_SETS[s],
                    claims=_TOLLS[toll],
                    day=date(2025, 3, 3 + d) if d < 3 else None,
                    precision=precision,
                    sub_event_type=sub,
                ),
                _SENTENCES[t],
            )
            for n, (p, s, t, toll, d, precision, sub) in enumerate(found)
        ]
        for a, found in enumerate(articles)
    }
    order = list(reports)
    seed.shuffle(order)
    index = MemoryIndex()
    for article_id in order:
        index.apply(reconciler.attach(reports[article_id], index))
    batch = reconciler.cluster([r for found in reports.values() for r in found])
    assert [s.incident for s in index.incidents()] == [s.incident for s in batch]
