"""Geography: the gazetteer, toponym recognition and resolution, and where each event happened."""

from sitrep.geo.gazetteer import Gazetteer

__all__ = ["Gazetteer"]
