"""The unit vocabulary: what ``value.unit`` may say, by dimension, and how to convert.

A unit is one of three things:

* an ISO 4217 currency code, upper case (``USD``, ``EUR``, ``TJS``), of the
  dimension ``currency``; currencies are never converted into each other;
* a symbol of the tables below (``km``, ``kg``, ``ha``, ``L``, ``kWh``, ``MW``,
  ``h``, ``%``), of a physical dimension, with its factor to that dimension's
  base unit, so ``125 mi`` and ``201 km`` can be compared;
* any other word, a thing counted (``people``, ``drones``, ``layers``,
  ``barrels``), of the dimension ``count``: free, so real ledgers keep
  validating. Two counts are the same unit when they are the same word
  (case and a plural ``s`` aside).

A word that names a known unit or currency in another spelling (``usd``,
``dollars``, ``kilometres``, ``km²``) is not a count: :func:`near_miss` gives
the symbol to write instead. The tables are ours, small and plain: the
vocabulary is documented in ``docs/format.md`` and needs no import of a
units library at start-up.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Literal, get_args

Dimension = Literal[
    "currency",
    "length",
    "mass",
    "area",
    "volume",
    "energy",
    "power",
    "speed",
    "time",
    "percent",
    "count",
]
DIMENSIONS: tuple[Dimension, ...] = get_args(Dimension)

#: Active ISO 4217 codes (the standard's list, public; funds and precious
#: metals left out). Kept here as data: a list this size costs less than
#: importing a package that carries every country's records.
_CODES = """
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD
    BTN BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB
    EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK
    JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA
    MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK
    PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN
    SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST
    XAF XCD XCG XOF XPF YER ZAR ZMW ZWG
"""
CURRENCIES: frozenset[str] = frozenset(_CODES.split())

#: Codes that are also everyday English words: written in lower case they are
#: most likely the word (a count of ``cups``), so they are not offered as a near miss.
_WORDLIKE_CODES = frozenset(
    {"ALL", "BAM", "BOB", "CUP", "ERN", "GEL", "MAD", "MOP", "PEN", "SOS", "TOP", "TRY"}
)

#: Physical units: symbol -> (dimension, factor to the dimension's base unit).
#: Bases: m, kg, m2, m3, J, W, m/s, s and %.
_PHYSICAL: dict[str, tuple[Dimension, float]] = {
    "m": ("length", 1.0),
    "km": ("length", 1e3),
    "cm": ("length", 1e-2),
    "mm": ("length", 1e-3),
    "mi": ("length", 1609.344),
    "nmi": ("length", 1852.0),
    "ft": ("length", 0.3048),
    "in": ("length", 0.0254),
    "yd": ("length", 0.9144),
    "kg": ("mass", 1.0),
    "g": ("mass", 1e-3),
    "mg": ("mass", 1e-6),
    "t": ("mass", 1e3),
    "lb": ("mass", 0.45359237),
    "oz": ("mass", 0.028349523125),
    "m2": ("area", 1.0),
    "km2": ("area", 1e6),
    "ha": ("area", 1e4),
    "acre": ("area", 4046.8564224),
    "mi2": ("area", 2589988.110336),
    "ft2": ("area", 0.09290304),
    "m3": ("volume", 1.0),
    "L": ("volume", 1e-3),
    "mL": ("volume", 1e-6),
    "gal": ("volume", 0.003785411784),
    "J": ("energy", 1.0),
    "kJ": ("energy", 1e3),
    "MJ": ("energy", 1e6),
    "GJ": ("energy", 1e9),
    "kcal": ("energy", 4184.0),
    "Wh": ("energy", 3.6e3),
    "kWh": ("energy", 3.6e6),
    "MWh": ("energy", 3.6e9),
    "GWh": ("energy", 3.6e12),
    "TWh": ("energy", 3.6e15),
    "W": ("power", 1.0),
    "kW": ("power", 1e3),
    "MW": ("power", 1e6),
    "GW": ("power", 1e9),
    "hp": ("power", 745.69987158227022),
    "m/s": ("speed", 1.0),
    "km/h": ("speed", 1 / 3.6),
    "mph": ("speed", 0.44704),
    "kn": ("speed", 1852 / 3600),
    "s": ("time", 1.0),
    "min": ("time", 60.0),
    "h": ("time", 3600.0),
    "d": ("time", 86400.0),
    "wk": ("time", 604800.0),
    "yr": ("time", 31557600.0),
    "%": ("percent", 1.0),
}

#: Other spellings of known units and currencies -> the symbols meant. A word
#: with two readings (``pounds``: mass or sterling) names both.
_SPELLINGS: dict[str, tuple[str, ...]] = {
    # currencies
    "$": ("USD",),
    "us$": ("USD",),
    "dollar": ("USD",),
    "dollars": ("USD",),
    "us dollars": ("USD",),
    "€": ("EUR",),
    "euro": ("EUR",),
    "euros": ("EUR",),
    "£": ("GBP",),
    "sterling": ("GBP",),
    "pound": ("lb", "GBP"),
    "pounds": ("lb", "GBP"),
    "¥": ("JPY", "CNY"),
    "yen": ("JPY",),
    "yuan": ("CNY",),
    "renminbi": ("CNY",),
    "rouble": ("RUB",),
    "roubles": ("RUB",),
    "ruble": ("RUB",),
    "rubles": ("RUB",),
    "rial": ("IRR",),
    "rials": ("IRR",),
    "somoni": ("TJS",),
    "tenge": ("KZT",),
    "manat": ("AZN", "TMT"),
    "manats": ("AZN", "TMT"),
    "hryvnia": ("UAH",),
    "hryvnias": ("UAH",),
    "lari": ("GEL",),
    "dram": ("AMD",),
    "drams": ("AMD",),
    "afghani": ("AFN",),
    "afghanis": ("AFN",),
    "rupee": ("INR",),
    "rupees": ("INR",),
    "lira": ("TRY",),
    "دلار": ("USD",),
    "دولار": ("USD",),
    # length
    "metre": ("m",),
    "metres": ("m",),
    "meter": ("m",),
    "meters": ("m",),
    "kilometre": ("km",),
    "kilometres": ("km",),
    "kilometer": ("km",),
    "kilometers": ("km",),
    "kms": ("km",),
    "centimetre": ("cm",),
    "centimetres": ("cm",),
    "centimeter": ("cm",),
    "centimeters": ("cm",),
    "millimetre": ("mm",),
    "millimetres": ("mm",),
    "millimeter": ("mm",),
    "millimeters": ("mm",),
    "mile": ("mi",),
    "miles": ("mi",),
    "nautical mile": ("nmi",),
    "nautical miles": ("nmi",),
    "foot": ("ft",),
    "feet": ("ft",),
    "inch": ("in",),
    "inches": ("in",),
    "yard": ("yd",),
    "yards": ("yd",),
    # mass
    "kilogram": ("kg",),
    "kilograms": ("kg",),
    "kilogramme": ("kg",),
    "kilogrammes": ("kg",),
    "kgs": ("kg",),
    "kilo": ("kg",),
    "kilos": ("kg",),
    "gram": ("g",),
    "grams": ("g",),
    "gramme": ("g",),
    "grammes": ("g",),
    "tonne": ("t",),
    "tonnes": ("t",),
    "ton": ("t",),
    "tons": ("t",),
    "metric ton": ("t",),
    "metric tons": ("t",),
    "lbs": ("lb",),
    "ounce": ("oz",),
    "ounces": ("oz",),
    # area
    "m²": ("m2",),
    "sq m": ("m2",),
    "square metre": ("m2",),
    "square metres": ("m2",),
    "square meter": ("m2",),
    "square meters": ("m2",),
    "km²": ("km2",),
    "sq km": ("km2",),
    "square kilometre": ("km2",),
    "square kilometres": ("km2",),
    "square kilometer": ("km2",),
    "square kilometers": ("km2",),
    "hectare": ("ha",),
    "hectares": ("ha",),
    "acres": ("acre",),
    "mi²": ("mi2",),
    "sq mi": ("mi2",),
    "square mile": ("mi2",),
    "square miles": ("mi2",),
    "ft²": ("ft2",),
    "sq ft": ("ft2",),
    "square feet": ("ft2",),
    # volume
    "m³": ("m3",),
    "cubic metre": ("m3",),
    "cubic metres": ("m3",),
    "cubic meter": ("m3",),
    "cubic meters": ("m3",),
    "litre": ("L",),
    "litres": ("L",),
    "liter": ("L",),
    "liters": ("L",),
    "millilitre": ("mL",),
    "millilitres": ("mL",),
    "milliliter": ("mL",),
    "milliliters": ("mL",),
    "gallon": ("gal",),
    "gallons": ("gal",),
    # energy and power
    "joule": ("J",),
    "joules": ("J",),
    "kilocalorie": ("kcal",),
    "kilocalories": ("kcal",),
    "calories": ("kcal",),
    "kilowatt-hour": ("kWh",),
    "kilowatt-hours": ("kWh",),
    "kilowatt hour": ("kWh",),
    "kilowatt hours": ("kWh",),
    "megawatt-hour": ("MWh",),
    "megawatt-hours": ("MWh",),
    "megawatt hours": ("MWh",),
    "gigawatt-hours": ("GWh",),
    "gigawatt hours": ("GWh",),
    "terawatt-hours": ("TWh",),
    "terawatt hours": ("TWh",),
    "watt": ("W",),
    "watts": ("W",),
    "kilowatt": ("kW",),
    "kilowatts": ("kW",),
    "megawatt": ("MW",),
    "megawatts": ("MW",),
    "gigawatt": ("GW",),
    "gigawatts": ("GW",),
    "horsepower": ("hp",),
    # speed
    "kph": ("km/h",),
    "km per hour": ("km/h",),
    "kilometres per hour": ("km/h",),
    "kilometers per hour": ("km/h",),
    "miles per hour": ("mph",),
    "knot": ("kn",),
    "knots": ("kn",),
    # time
    "sec": ("s",),
    "secs": ("s",),
    "second": ("s",),
    "seconds": ("s",),
    "mins": ("min",),
    "minute": ("min",),
    "minutes": ("min",),
    "hr": ("h",),
    "hrs": ("h",),
    "hour": ("h",),
    "hours": ("h",),
    "day": ("d",),
    "days": ("d",),
    "week": ("wk",),
    "weeks": ("wk",),
    "year": ("yr",),
    "years": ("yr",),
    "yrs": ("yr",),
    # percent
    "percent": ("%",),
    "per cent": ("%",),
    "pct": ("%",),
    "percentage": ("%",),
}


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit as the ledger names it: its symbol, its dimension, its factor to the base.

    ``factor`` is None for currencies and counts, which are compared only with
    themselves.
    """

    symbol: str
    dimension: Dimension
    factor: float | None = None

    @property
    def key(self) -> str:
        """What two comparable units share: the dimension, or the currency, or the word counted."""
        if self.factor is not None:
            return self.dimension
        if self.dimension == "count":
            return "count:" + _singular(self.symbol)
        return self.symbol

    def comparable(self, other: Unit) -> bool:
        """True when amounts in ``self`` and ``other`` measure the same kind of thing."""
        return self.key == other.key


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def _singular(word: str) -> str:
    folded = _fold(word)
    return folded[:-1] if len(folded) > 3 and folded.endswith("s") else folded


@cache
def _by_fold() -> dict[str, tuple[str, ...]]:
    """Every spelling, symbols and codes included, without case -> the symbols meant."""
    table: dict[str, list[str]] = {}
    for symbol in _PHYSICAL:
        table.setdefault(_fold(symbol), []).append(symbol)
    for code in sorted(CURRENCIES - _WORDLIKE_CODES):
        table.setdefault(_fold(code), []).append(code)
    for spelling, meant in _SPELLINGS.items():
        table.setdefault(_fold(spelling), []).extend(meant)
    return {key: tuple(dict.fromkeys(value)) for key, value in table.items()}


def known(symbol: str) -> Unit | None:
    """The unit ``symbol`` names exactly (``km``, ``USD``), else None."""
    if symbol in CURRENCIES:
        return Unit(symbol, "currency")
    physical = _PHYSICAL.get(symbol)
    if physical is not None:
        return Unit(symbol, physical[0], physical[1])
    return None


def near_miss(text: str) -> tuple[str, ...]:
    """The symbols ``text`` means when it spells a known unit another way; () when it does not.

    ``usd`` -> ``("USD",)``, ``kilometres`` -> ``("km",)``, ``pounds`` ->
    ``("lb", "GBP")``; ``km``, ``people`` and ``drones`` -> ``()``.
    """
    if known(text) is not None:
        return ()
    return _by_fold().get(_fold(text), ())


def unit_of(text: str) -> Unit:
    """The unit ``text`` names: a known one, the one it spells another way, or a count."""
    found = known(text)
    if found is not None:
        return found
    meant = near_miss(text)
    if len(meant) == 1:
        again = known(meant[0])
        assert again is not None
        return again
    return Unit(text, "count")


def base_amount(amount: float, unit: Unit) -> float:
    """``amount`` in the base unit of its dimension (itself for currencies and counts)."""
    return amount * unit.factor if unit.factor is not None else amount


def convert(amount: float, source: str, target: str) -> float | None:
    """``amount`` of ``source`` in ``target`` (``125 mi`` -> ``201.168 km``).

    None when the two units do not measure the same kind of thing.
    """
    a, b = unit_of(source), unit_of(target)
    if not a.comparable(b):
        return None
    if a.factor is None or b.factor is None:
        return amount
    return amount * a.factor / b.factor


def symbols(dimension: Dimension) -> tuple[str, ...]:
    """The symbols of one dimension, in table order (currencies sorted)."""
    if dimension == "currency":
        return tuple(sorted(CURRENCIES))
    return tuple(symbol for symbol, (dim, _) in _PHYSICAL.items() if dim == dimension)
