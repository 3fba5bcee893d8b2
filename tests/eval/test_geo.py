"""Geoparsing scorers on tiny corpora written here in the gold files' layouts (the real ones are slow)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.eval import geo
from sitrep.geo import Gazetteer

GEOWEBNEWS = """<?xml version="1.0" ?>
<articles><article file="0"><title>t</title>
<text>Shelling hit Homs and the citizens of Aleppo fled.</text>
<toponyms>
<toponym><extractedName>Homs</extractedName><type>Literal</type><start>13</start><end>17</end>
<geonamesID>169577</geonamesID><latitude>34.72682</latitude><longitude>36.72339</longitude></toponym>
<toponym><extractedName>citizens</extractedName><type>Non_Lit_Expression</type><start>26</start><end>34</end>
</toponym>
<toponym><extractedName>Aleppo</extractedName><type>Literal</type><start>38</start><end>44</end>
<latitude>36.20124</latitude><longitude>37.16117</longitude></toponym>
</toponyms></article></articles>
"""
GEOVIRUS = """<articles><article><source>s</source><text>Cases rose in Damascus.</text><locations>
<location><name>Damascus</name><start>15</start><end>23</end><lat>33.5</lat><lon>36.3</lon></location>
</locations></article></articles>
"""


@pytest.fixture
def corpora(tmp_path: Path) -> Path:
    (tmp_path / "GeoWebNews.xml").write_text(GEOWEBNEWS, encoding="utf-8")
    (tmp_path / "GeoVirus.xml").write_text(GEOVIRUS, encoding="utf-8")
    return tmp_path


def test_readers_skip_expressions_and_realign_offsets(corpora: Path) -> None:
    [article] = geo.read_corpus("GeoWebNews", corpora)
    assert [t.span.of(article.text) for t in article.toponyms] == ["Homs", "Aleppo"]
    [virus] = geo.read_corpus("GeoVirus", corpora)  # gold offsets one character off, as in the real file
    assert [t.span.of(virus.text) for t in virus.toponyms] == ["Damascus"]


def test_geocoding_and_recognition_scores(corpora: Path) -> None:
    gazetteer = Gazetteer.open(None)
    articles = geo.read_corpus("GeoWebNews", corpora)
    geocoding = geo.score_geocoding(gazetteer, "GeoWebNews", articles)
    assert (geocoding.gold, geocoding.within, geocoding.with_id, geocoding.same_id) == (2, 2, 1, 1)
    recognition = geo.score_recognition(gazetteer, "GeoWebNews", articles)
    assert recognition.f1(recognition.exact) == (1.0, 1.0, 1.0)


def test_admin1_spellings_agree() -> None:
    same = geo.same_admin1
    assert same("Idlib", "Idleb", "SY")
    assert same("Erbil", "Arbil", "IQ")
    assert same("Seoul", "Seoul Special City", "KR")  # less the kind word
    assert same("Kherson", "Kherson Oblast")
    assert same("Bavaria", "Bayern", "DE")  # two names of one division in the gazetteer
    assert same("Bavaria", "Bayern")  # in any country
    assert not same("Homs", "Hama", "SY")
    assert not same("Bavaria", "Sachsen", "DE")
    assert not same("Capital", "Central")  # nothing but kind words: compared whole
    assert not same(None, "Hama")


def test_admin1_spellings_known_only_to_the_gazetteer_are_one_region() -> None:
    assert geo.same_admin1("Bavaria", "Bayern")  # only the gazetteer's division names know these are one
    assert not geo.same_admin1("Bavaria", "Sachsen")


@pytest.mark.slow
def test_shared_corpora_meet_a_floor() -> None:
    if not geo.available():
        pytest.skip("../shared/data/geoparsing-gold is absent")
    gazetteer = Gazetteer.open(None)
    articles = geo.read_corpus("GeoWebNews")
    recognition = geo.score_recognition(gazetteer, "GeoWebNews", articles)
    assert recognition.f1(recognition.overlap)[2] >= 0.80
    assert geo.score_geocoding(gazetteer, "GeoVirus", geo.read_corpus("GeoVirus")).accuracy >= 0.65
