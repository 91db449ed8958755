"""The schema of every kind of front matter, defined once.

Front-matter keys are Swedish because editors write them; attribute names are
English because code reads them. Field aliases bridge the two, and the JSON
Schema that editors' tools use is exported from these same classes
(``macros.core.model.jsonschema``), so the rules live here and nowhere else. The
classes are records (``macros.core.model.records``): validation with no
dependencies, so a build does not import a validation library.
"""

from __future__ import annotations

import datetime as _dt
import re
from enum import StrEnum
from typing import Annotated, Any

from macros.core.model.records import After, Before, Field, Record, check

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
VERSION_ID_RE = re.compile(r"^(\d{4})-(\d{4})$")
PARTIAL_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

#: Page names that a section id may not take, because generated pages of a
#: version live beside its sections.
RESERVED_SECTION_IDS = frozenset(
    {"index", "jamfor", "remissammanstallning", "begrepp", "perspektiv", "utskrift", "data", "assets"}
)

#: The five perspectives, a fixed list: id -> the label the site uses when a
#: version does not name it itself. Versions record their own naming (hbtq in
#: 2020-2023, hbtqi in 2024-2027) in ``Version.perspectives``.
PERSPECTIVES: dict[str, str] = {
    "barn": "Barnperspektiv",
    "jamstalldhet": "Jämställdhetsperspektiv",
    "funktionshinder": "Funktionshinderperspektiv",
    "hbtqi": "Hbtqi-perspektiv",
    "aldre": "Äldreperspektiv",
}


class Status(StrEnum):
    """Where a programme version stands."""

    FORSLAG = "förslag"
    REMISS = "remiss"
    ANTAGEN = "antagen"
    #: The city says the version applies, but no source gives the date of its adoption.
    GALLER_ENLIGT_STADEN = "gäller enligt staden"
    UPPHAVD = "upphävd"


#: The statuses of a version that can be the one in force (``Corpus.latest_adopted``).
IN_FORCE = frozenset({Status.ANTAGEN, Status.GALLER_ENLIGT_STADEN})


class TextAvailability(StrEnum):
    """How much of a version's own text the site holds."""

    FULLTEXT = "fulltext"
    SAMMANFATTNING = "sammanfattning"
    SAKNAS = "saknas"


class SectionListing(StrEnum):
    """Whether the sources list every section of a version or only some."""

    FULLSTANDIG = "fullständig"
    OFULLSTANDIG = "ofullständig"


class DecisionKind(StrEnum):
    FORSLAG = "förslag"
    REMISS = "remiss"
    REMISSTID = "remisstid"
    ANTAGANDE = "antagande"
    REVIDERING = "revidering"
    UPPHAVANDE = "upphävande"
    IKRAFTTRADANDE = "ikraftträdande"
    ANNAT = "annat"


class SectionKind(StrEnum):
    INLEDNING = "inledning"
    BEGREPPSRAM = "begreppsram"
    KAPITEL = "kapitel"
    MALOMRADE = "målområde"
    FOKUSOMRADE = "fokusområde"
    PERSPEKTIV = "perspektiv"
    UPPFOLJNING = "uppföljning"
    ANNAT = "annat"


class LineageKind(StrEnum):
    """What a section was in the version this one supersedes."""

    NAMNBYTE = "namnbyte"
    FLYTT = "flytt"
    DELNING = "delning"
    SAMMANSLAGNING = "sammanslagning"


class DocumentKind(StrEnum):
    PROGRAM = "program"
    OVERENSKOMMELSE = "överenskommelse"
    LAG = "lag"
    VISION = "vision"
    AGENDA = "agenda"
    STRATEGI = "strategi"
    PLAN = "plan"
    RIKTLINJE = "riktlinje"
    VERKTYG = "verktyg"
    ANNAT = "annat"


class BodyKind(StrEnum):
    STADSDELSNAMND = "stadsdelsnämnd"
    FACKNAMND = "facknämnd"
    BOLAG = "bolag"
    EXTERN = "extern"


class Stance(StrEnum):
    """A remissvar's overall stance."""

    TILLSTYRKER = "tillstyrker"
    TILLSTYRKER_MED_SYNPUNKTER = "tillstyrker med synpunkter"
    TVEKSAM = "tveksam"
    AVSTYRKER = "avstyrker"


class PointStance(StrEnum):
    """The stance of one point in a remissvar."""

    INSTAMMER = "instämmer"
    FORSLAG = "förslag"
    INVANDNING = "invändning"
    TVEKSAM = "tveksam"
    FRAGA = "fråga"


class Outcome(StrEnum):
    BEAKTAD = "beaktad"
    DELVIS_BEAKTAD = "delvis beaktad"
    EJ_BEAKTAD = "ej beaktad"
    EJ_BEDOMD = "ej bedömd"


def normalise_partial_date(value: Any) -> Any:
    """A partial date as text (``2023``, ``2023-10``, ``2023-10-26``); raises ValueError."""
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str):
        match = PARTIAL_DATE_RE.match(value.strip())
        if not match:
            raise ValueError("datum skrivs ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD, till exempel 2023-10-26")
        year, month, day = match.groups()
        try:
            _dt.date(int(year), int(month or 1), int(day or 1))
        except ValueError:
            raise ValueError(f"{value!r} är inget verkligt datum") from None
        return value.strip()
    raise ValueError("datum skrivs ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD")


#: A date as precise as the source gives it: a year, a month or a day.
PartialDate = Annotated[str, Before(normalise_partial_date)]


def date_bounds(value: str) -> tuple[_dt.date, _dt.date]:
    """The first and last day a partial date can mean."""
    year, month, day = PARTIAL_DATE_RE.match(value).groups()  # type: ignore[union-attr]
    y = int(year)
    if day:
        d = _dt.date(y, int(month), int(day))
        return d, d
    if month:
        m = int(month)
        last = (_dt.date(y + (m == 12), m % 12 + 1, 1) - _dt.timedelta(days=1))
        return _dt.date(y, m, 1), last
    return _dt.date(y, 1, 1), _dt.date(y, 12, 31)


def _check_slug(value: str) -> str:
    if not SLUG_RE.match(value):
        raise ValueError(
            "id får bara innehålla små bokstäver a–z, siffror och bindestreck "
            "(inte å, ä, ö, mellanslag, / eller punkter), till exempel forebyggande-arbete"
        )
    return value


#: A stable id: the part of a URL that must never change.
SlugId = Annotated[str, Field(min_length=1, max_length=80), After(_check_slug)]
def _check_version_id(value: str) -> str:
    if not VERSION_ID_RE.match(value):
        raise ValueError("versionens id skrivs ÅÅÅÅ-ÅÅÅÅ, till exempel 2024-2027")
    return value


#: A version's id: its period, as the name of its folder.
VersionId = Annotated[str, After(_check_version_id)]
SourceRef = Annotated[str, Field(min_length=1, description="id för en källa i program/kallor.yml")]


class Strict(Record):
    """Base: unknown keys are errors, Swedish aliases are the keys editors write (``macros.core.model.records``)."""


class Period(Strict):
    start: int = Field(alias="från", ge=1900, le=2200, description="Första året")
    end: int = Field(alias="till", ge=1900, le=2200, description="Sista året")

    @check
    def _ordered(self) -> None:
        if self.start > self.end:
            raise ValueError(f"perioden börjar ({self.start}) efter att den slutar ({self.end})")


class Decision(Strict):
    """A step in a version's life: proposed, sent on consultation, adopted …"""

    kind: DecisionKind = Field(alias="typ")
    body: str = Field(alias="organ", min_length=1, description="Vem som beslutade, t.ex. Kommunfullmäktige")
    date: PartialDate | None = Field(None, alias="datum", description="Så exakt som källan anger; utelämna om okänt")
    what: str = Field(alias="beskrivning", min_length=1)
    sources: list[SourceRef] = Field(default_factory=list, alias="källor")


class VersionPerspective(Strict):
    id: str
    label: str = Field(alias="benämning", min_length=1, description="Vad versionen själv kallar perspektivet")


class Version(Strict):
    """A programme version: the ``index.md`` of ``program/<id>/``."""

    id: VersionId = Field(description="Versionens id, samma som mappens namn, t.ex. 2024-2027")
    title: str = Field(alias="titel", min_length=1)
    period: Period
    status: Status
    dnr: str | None = None
    decisions: list[Decision] = Field(default_factory=list, alias="beslut")
    supersedes: str | None = Field(None, alias="ersätter", description="Id för versionen som denna ersätter")
    text: TextAvailability = Field(alias="texten", description="Hur mycket av versionens egen text webbplatsen har")
    listing: SectionListing = Field(
        SectionListing.FULLSTANDIG,
        alias="avsnittsförteckning",
        description="'ofullständig' när källorna inte nämner alla avsnitt: ett avsnitt som saknas är då okänt, inte borttaget",
    )
    perspectives: list[VersionPerspective] = Field(default_factory=list, alias="perspektiv")
    sources: list[SourceRef] = Field(alias="källor", min_length=1)


class SectionPerspective(Strict):
    id: str
    how: str = Field(alias="hur", min_length=1, description="En rad om hur avsnittet tar upp perspektivet")


class Lineage(Strict):
    kind: LineageKind = Field(alias="typ")
    sources: list[str] = Field(alias="från", min_length=1, description="Avsnitts-id i versionen som ersätts")


class Section(Strict):
    """One section of a version: ``program/<version>/<id>.md``."""

    id: SlugId
    title: str = Field(alias="titel", min_length=1)
    order: int = Field(alias="ordning", ge=0)
    kind: SectionKind = Field(alias="typ")
    parent: str | None = Field(None, alias="förälder")
    perspectives: list[SectionPerspective] = Field(default_factory=list, alias="perspektiv")
    documents: list[str] = Field(default_factory=list, alias="styrdokument")
    lineage: Lineage | None = Field(None, alias="ursprung")
    sources: list[SourceRef] = Field(alias="källor", min_length=1)


class SteeringDocument(Strict):
    """A steering document the programme relies on: ``program/styrdokument/<id>.md``."""

    id: SlugId
    title: str = Field(alias="titel", min_length=1)
    kind: DocumentKind = Field(alias="typ")
    issuer: str | None = Field(None, alias="utfärdare")
    reference: str | None = Field(None, alias="beteckning", description="SFS-nummer eller diarienummer")
    valid_from: PartialDate | None = Field(None, alias="giltig_från")
    valid_to: PartialDate | None = Field(None, alias="giltig_till")
    replaced_by: str | None = Field(None, alias="ersatt_av")
    sources: list[SourceRef] = Field(alias="källor", min_length=1)


class Body(Strict):
    name: str = Field(alias="namn", min_length=1)
    kind: BodyKind = Field(alias="typ")


class RemissPoint(Strict):
    """One point a remissvar makes, tied to sections of the version it answers."""

    id: SlugId
    title: str | None = Field(None, alias="rubrik", min_length=1, description="Kort rubrik för punkten, några ord")
    sections: list[str] = Field(default_factory=list, alias="avsnitt", description="Tomt = hela programmet")
    stance: PointStance = Field(alias="hållning")
    summary: str = Field(alias="sammanfattning", min_length=1)
    outcome: Outcome | None = Field(None, alias="utfall")
    reason: str | None = Field(None, alias="motivering")
    shows_in: str | None = Field(None, alias="syns_i", description="Avsnitts-id i följande version")

    @check
    def _reason_for_unassessed(self) -> None:
        if self.outcome == Outcome.EJ_BEDOMD and not self.reason:
            raise ValueError("utfall 'ej bedömd' kräver en motivering (till exempel: källorna säger inte)")


class Remissvar(Strict):
    """A consultation response: ``program/remissvar/<id>.md``."""

    id: SlugId
    body: Body = Field(alias="instans")
    dnr: str | None = None
    meeting: PartialDate | None = Field(None, alias="sammanträde")
    answers: str = Field(alias="svarar_på", description="Id för versionen som remissen gällde")
    proposed_decision: str = Field(alias="förslag_till_beslut", min_length=1)
    stance: Stance = Field(alias="hållning")
    summary: str = Field(alias="sammanfattning", min_length=1)
    points: list[RemissPoint] = Field(default_factory=list, alias="punkter")
    sources: list[SourceRef] = Field(alias="källor", min_length=1)


class Discouraged(Strict):
    reason: str = Field(alias="skäl", min_length=1)
    raised_by: str = Field(alias="väckt_av", min_length=1, description="Id för remissvaret eller vem som väckte frågan")


class TermDefinition(Strict):
    version: str
    definition: str = Field(min_length=1)
    sources: list[SourceRef] = Field(alias="källor", min_length=1)


class Term(Strict):
    """A term of the begreppsram: ``program/begrepp/<id>.md``."""

    id: SlugId
    term: str = Field(min_length=1)
    forms: list[str] = Field(default_factory=list, alias="former", description="Böjningsformer i löptext")
    related: list[str] = Field(default_factory=list, alias="relaterade")
    discouraged: Discouraged | None = Field(None, alias="avrådd")
    definitions: list[TermDefinition] = Field(default_factory=list, alias="definitioner")
    dropped_in: list[str] = Field(
        default_factory=list,
        alias="utgår_i",
        description="Versioner där begreppet inte längre ingår (tills en senare version definierar det igen)",
    )
    sources: list[SourceRef] = Field(alias="källor", min_length=1)


class Source(Strict):
    """An entry in ``program/kallor.yml``: a public document facts are traced to."""

    id: SlugId
    file: str = Field(alias="fil", min_length=1)
    title: str = Field(alias="titel", min_length=1)
    issuer: str | None = Field(None, alias="utgivare")
    date: PartialDate | None = Field(None, alias="datum")
    note: str | None = Field(None, alias="anmärkning")


#: Front-matter kind -> model, for the loader and the JSON Schema export.
KINDS: dict[str, type[Strict]] = {
    "version": Version,
    "avsnitt": Section,
    "styrdokument": SteeringDocument,
    "remissvar": Remissvar,
    "begrepp": Term,
    "kalla": Source,
}
