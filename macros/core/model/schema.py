"""The schema of every kind of front matter, defined once.

Front-matter keys are Swedish because editors write them; attribute names are
English because code reads them. Field aliases bridge the two, and the JSON
Schema that editors' tools use is exported from these same classes
(``macros.core.model.jsonschema``), so the rules live here and nowhere else.
The classes are pydantic models, built once at import; their errors are told in
Swedish by ``macros.core.load.schema_errors``.

Types are strict where a mistake must not pass quietly: text is text (``titel:
2023`` is an error, not "2023") and whole numbers are numbers (``ordning:
false`` or ``ordning: "3"`` is an error, not 0 or 3). Enums take their Swedish
values, text is stripped of surrounding space, unknown keys are errors, and a
key may be given by its Swedish name or by the attribute's name.
"""

from __future__ import annotations

import datetime as _dt
import re
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    WithJsonSchema,
    model_validator,
)

from macros.core.model.dates import FORMS, PATTERN, normalise, parse

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
VERSION_ID_RE = re.compile(r"^(\d{4})-(\d{4})$")

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
    """Where a programme version stands, derived from its recorded decisions and statements
    (``macros.engine.validity.standing``), never written by hand."""

    FORSLAG = "förslag"
    REMISS = "remiss"
    ANTAGEN = "antagen"
    #: A source says the version applies, but none records its adoption.
    GALLER_ENLIGT_KALLA = "gäller enligt källa"
    UPPHAVD = "upphävd"


#: The statuses of a version that has applied at some time.
HAS_APPLIED = frozenset({Status.ANTAGEN, Status.GALLER_ENLIGT_KALLA, Status.UPPHAVD})


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


class HeadingOrigin(StrEnum):
    """Where a section's heading comes from, when not from the version's own sources."""

    #: The site's own words: the sources give the topic, not a heading.
    EGEN = "egen"
    #: Taken from another version of the programme.
    LANAD = "lånad"


class Assessment(StrEnum):
    """How an annual report judges the programme's goal."""

    UPPFYLLT = "uppfyllt"
    DELVIS_UPPFYLLT = "delvis uppfyllt"
    EJ_UPPFYLLT = "ej uppfyllt"


class Degree(StrEnum):
    """How far a goal was met, in one body's own judgement."""

    HELT = "helt"
    DELVIS = "delvis"
    INTE = "inte"


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
    """Date text as precise as the source gives it (``macros.core.model.dates``); raises ValueError."""
    return normalise(value)


#: A date as precise as the source gives it: a day, a month, a season or a year, or only
#: bounded (``../2026-12-02``: on or before). YAML reads ``2023`` as a number and
#: ``2023-10-26`` as a date; both are taken as text. See ``macros.core.model.dates``.
PartialDate = Annotated[str, BeforeValidator(normalise_partial_date), WithJsonSchema({
    "description": "Datum så exakt som källan anger: " + FORMS,
    "anyOf": [
        {"type": "string", "pattern": PATTERN},
        {"type": "integer", "minimum": 1900, "maximum": 2200},
    ],
})]


def date_bounds(value: str) -> tuple[_dt.date | None, _dt.date | None]:
    """The first and last day a date can mean; None where the source sets no bound."""
    d = parse(value)
    return d.earliest, d.latest


def _check_slug(value: str) -> str:
    if not SLUG_RE.match(value):
        raise ValueError(
            "id får bara innehålla små bokstäver a–z, siffror och bindestreck "
            "(inte å, ä, ö, mellanslag, / eller punkter), till exempel forebyggande-arbete"
        )
    return value


#: A stable id: the part of a URL that must never change. The rule is checked by
#: ``_check_slug`` (for its Swedish message) and exported as a pattern.
SlugId = Annotated[StrictStr, Field(min_length=1, max_length=80, json_schema_extra={"pattern": SLUG_RE.pattern}),
                   AfterValidator(_check_slug)]


def _check_version_id(value: str) -> str:
    if not VERSION_ID_RE.match(value):
        raise ValueError("versionens id skrivs ÅÅÅÅ-ÅÅÅÅ, till exempel 2024-2027")
    return value


#: A version's id: its period, as the name of its folder.
VersionId = Annotated[StrictStr, AfterValidator(_check_version_id), Field(json_schema_extra={"pattern": VERSION_ID_RE.pattern})]
SourceRef = Annotated[StrictStr, Field(min_length=1, description="id för en källa i program/kallor.yml")]


def _check_https(value: str) -> str:
    if not re.match(r"^https://[^\s/]+\.[^\s]+$", value):
        raise ValueError("adressen ska vara en fullständig https-adress, till exempel https://start.stockholm/…")
    return value


#: A public web address; only https, because the site links it.
HttpsUrl = Annotated[StrictStr, AfterValidator(_check_https),
                     Field(json_schema_extra={"pattern": r"^https://[^\s/]+\.[^\s]+$"})]
#: Text and whole numbers as front matter must write them (see the module's docstring).
Text = StrictStr
Whole = StrictInt


class Strict(BaseModel):
    """Base: unknown keys are errors, Swedish aliases are the keys editors write, values cannot change."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True, str_strip_whitespace=True)


class Period(Strict):
    start: Whole = Field(alias="från", ge=1900, le=2200, description="Första året")
    end: Whole = Field(alias="till", ge=1900, le=2200, description="Sista året")

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.start > self.end:
            raise ValueError(f"perioden börjar ({self.start}) efter att den slutar ({self.end})")
        return self


class Decision(Strict):
    """A decision in a version's life: proposed, sent on consultation, adopted … (never a
    statement that it applies: that is an ``Observation``)."""

    kind: DecisionKind = Field(alias="typ")
    body: Text = Field(alias="organ", min_length=1, description="Vem som beslutade, t.ex. Kommunfullmäktige")
    date: PartialDate | None = Field(None, alias="datum", description="Så exakt som källan anger; utelämna om okänt")
    what: Text = Field(alias="beskrivning", min_length=1)
    sources: list[SourceRef] = Field(default_factory=list, alias="källor")


class Observation(Strict):
    """A source's statement that a version applies, without a recorded decision (for example
    the city's web page saying that its work now rests on the programme)."""

    what: Text = Field(alias="beskrivning", min_length=1, description="Vad källan säger, med egna ord")
    date: PartialDate | None = Field(
        None, alias="datum",
        description="När uppgiften gällde; utelämnas det gäller källans datum, eller för en odaterad webbsida när den lästes",
    )
    sources: list[SourceRef] = Field(alias="källor", min_length=1)


class VersionPerspective(Strict):
    id: Text
    label: Text = Field(alias="benämning", min_length=1, description="Vad versionen själv kallar perspektivet")
    note: Text | None = Field(None, alias="anmärkning", min_length=1,
                              description="En kort anmärkning om benämningen, visas på perspektivsidorna")
    inferred: Text | None = Field(
        None, alias="härledd", min_length=1,
        description="Skälet, när benämningen är webbplatsens tolkning och inte står klart i källan (t.ex. en OCR-text)",
    )


class News(Strict):
    """What the sources say is new in a version compared with the one it replaces, in the site's
    own words; shown first on the version's page and on comparisons with the version it replaces."""

    points: list[Text] = Field(alias="punkter", min_length=1, description="En kort mening per nyhet, med egna ord")
    sources: list[SourceRef] = Field(alias="källor", min_length=1)


class Version(Strict):
    """A programme version: the ``index.md`` of ``program/<id>/``."""

    id: VersionId = Field(description="Versionens id, samma som mappens namn, t.ex. 2024-2027")
    title: Text = Field(alias="titel", min_length=1)
    period: Period
    dnr: Text | None = None
    decisions: list[Decision] = Field(default_factory=list, alias="beslut")
    applies_per: list[Observation] = Field(
        default_factory=list, alias="gäller_enligt",
        description="Källor som säger att versionen gäller, när inget beslut om antagande finns i källorna",
    )
    supersedes: Text | None = Field(None, alias="ersätter", description="Id för versionen som denna ersätter")
    news: News | None = Field(
        None, alias="nytt",
        description="Vad källorna säger är nytt jämfört med versionen som ersätts; utelämna när källorna inte säger det",
    )
    text: TextAvailability = Field(alias="texten", description="Hur mycket av versionens egen text webbplatsen har")
    listing: SectionListing = Field(
        SectionListing.FULLSTANDIG,
        alias="avsnittsförteckning",
        description="'ofullständig' när källorna inte nämner alla avsnitt: ett avsnitt som saknas är då okänt, inte borttaget",
    )
    perspectives: list[VersionPerspective] = Field(default_factory=list, alias="perspektiv")
    related: list[SourceRef] = Field(
        default_factory=list, alias="närliggande",
        description="Källor som gäller versionen utan att vara en del av den (t.ex. en revisionsrapport); visas på versionens sida",
    )
    sources: list[SourceRef] = Field(alias="källor", min_length=1)


class SectionPerspective(Strict):
    id: Text
    how: Text = Field(alias="hur", min_length=1, description="En rad om hur avsnittet tar upp perspektivet")


class Lineage(Strict):
    kind: LineageKind = Field(alias="typ")
    sources: list[Text] = Field(alias="från", min_length=1, description="Avsnitts-id i versionen som ersätts")


class SourcePage(Strict):
    """Where a section starts in a source document (a PDF with page numbers)."""

    source: SourceRef = Field(alias="källa")
    number: Whole = Field(alias="nummer", ge=1, description="Sidnumret som dokumentet självt anger")


class Section(Strict):
    """One section of a version: ``program/<version>/<id>.md``."""

    id: SlugId
    title: Text = Field(alias="titel", min_length=1)
    order: Whole = Field(alias="ordning", ge=0)
    kind: SectionKind = Field(alias="typ")
    parent: Text | None = Field(None, alias="förälder")
    perspectives: list[SectionPerspective] = Field(default_factory=list, alias="perspektiv")
    documents: list[Text] = Field(default_factory=list, alias="styrdokument")
    lineage: Lineage | None = Field(None, alias="ursprung")
    page: SourcePage | None = Field(None, alias="sida", description="Sidan där avsnittet börjar i källans dokument")
    heading: HeadingOrigin | None = Field(
        None, alias="rubrik",
        description="'egen' när rubriken är webbplatsens egen, 'lånad' när den är lånad från en annan version; utelämna när källan ger rubriken",
    )
    sources: list[SourceRef] = Field(alias="källor", min_length=1)


class SteeringDocument(Strict):
    """A steering document the programme relies on: ``program/styrdokument/<id>.md``."""

    id: SlugId
    title: Text = Field(alias="titel", min_length=1)
    kind: DocumentKind = Field(alias="typ")
    issuer: Text | None = Field(None, alias="utfärdare")
    reference: Text | None = Field(None, alias="beteckning", description="SFS-nummer eller diarienummer")
    adopted: PartialDate | None = Field(None, alias="antagen", description="När dokumentet antogs eller utfärdades")
    revised: list[PartialDate] = Field(default_factory=list, alias="reviderad", description="När dokumentet reviderades")
    valid_from: PartialDate | None = Field(None, alias="giltig_från")
    valid_to: PartialDate | None = Field(None, alias="giltig_till")
    replaced_by: Text | None = Field(None, alias="ersatt_av")
    sources: list[SourceRef] = Field(alias="källor", min_length=1)


class Body(Strict):
    name: Text = Field(alias="namn", min_length=1)
    kind: BodyKind = Field(alias="typ")


class RemissPoint(Strict):
    """One point a remissvar makes, tied to sections of the version it answers."""

    id: SlugId
    title: Text | None = Field(None, alias="rubrik", min_length=1, description="Kort rubrik för punkten, några ord")
    sections: list[Text] = Field(default_factory=list, alias="avsnitt", description="Tomt = hela programmet")
    stance: PointStance = Field(alias="hållning")
    summary: Text = Field(alias="sammanfattning", min_length=1)
    outcome: Outcome | None = Field(None, alias="utfall")
    reason: Text | None = Field(None, alias="motivering")
    shows_in: Text | None = Field(None, alias="syns_i", description="Avsnitts-id i följande version")

    @model_validator(mode="after")
    def _reason_for_unassessed(self) -> Self:
        if self.outcome == Outcome.EJ_BEDOMD and not self.reason:
            raise ValueError("utfall 'ej bedömd' kräver en motivering (till exempel: källorna säger inte)")
        return self


class BoardDecision(Strict):
    """What the board itself decided on its administration's proposal."""

    date: PartialDate | None = Field(None, alias="datum")
    what: Text = Field(alias="beskrivning", min_length=1)
    sources: list[SourceRef] = Field(alias="källor", min_length=1)


class Remissvar(Strict):
    """A consultation response: ``program/remissvar/<id>.md``.

    Often the document is the administration's (förvaltningens) tjänsteutlåtande, which
    proposes a decision to its board: ``förvaltning`` names the administration, and the
    site attributes the stance to it. Until ``nämndbeslut`` records the board's own
    decision, the site says that decision is not in the sources.
    """

    id: SlugId
    body: Body = Field(alias="instans")
    administration: Text | None = Field(
        None, alias="förvaltning", min_length=1,
        description="Förvaltningen som skrev svaret och föreslog nämnden ett beslut, t.ex. Utbildningsförvaltningen",
    )
    board_decision: BoardDecision | None = Field(None, alias="nämndbeslut",
                                                 description="Nämndens eget beslut, när en källa anger det")
    dnr: Text | None = None
    meeting: PartialDate | None = Field(None, alias="sammanträde")
    answers: Text = Field(alias="svarar_på", description="Id för versionen som remissen gällde")
    proposed_decision: Text = Field(alias="förslag_till_beslut", min_length=1)
    stance: Stance = Field(alias="hållning")
    summary: Text = Field(alias="sammanfattning", min_length=1)
    points: list[RemissPoint] = Field(default_factory=list, alias="punkter")
    sources: list[SourceRef] = Field(alias="källor", min_length=1)


class Discouraged(Strict):
    reason: Text = Field(alias="skäl", min_length=1)
    raised_by: Text = Field(alias="väckt_av", min_length=1, description="Id för remissvaret eller vem som väckte frågan")


class TermDefinition(Strict):
    version: Text
    definition: Text = Field(min_length=1)
    sources: list[SourceRef] = Field(alias="källor", min_length=1)


class Term(Strict):
    """A term of the begreppsram: ``program/begrepp/<id>.md``."""

    id: SlugId
    term: Text = Field(min_length=1)
    forms: list[Text] = Field(default_factory=list, alias="former", description="Böjningsformer i löptext")
    related: list[Text] = Field(default_factory=list, alias="relaterade")
    discouraged: Discouraged | None = Field(None, alias="avrådd")
    definitions: list[TermDefinition] = Field(default_factory=list, alias="definitioner")
    dropped_in: list[Text] = Field(
        default_factory=list,
        alias="utgår_i",
        description="Versioner där begreppet inte längre ingår (tills en senare version definierar det igen)",
    )
    sources: list[SourceRef] = Field(alias="källor", min_length=1)


class SourceKind(StrEnum):
    """What kind of document a source is; a web page must say when it was read."""

    TJANSTEUTLATANDE = "tjänsteutlåtande"
    WEBBSIDA = "webbsida"
    PROGRAM = "program"
    ARSREDOVISNING = "årsredovisning"
    RAPPORT = "rapport"
    LAG = "lag"
    OVERENSKOMMELSE = "överenskommelse"
    ANNAT = "annat"


class Source(Strict):
    """An entry in ``program/kallor.yml``: a public document facts are traced to.

    Named on the site by its title, issuer and date, never by ``fil`` (where the
    document lies in the project's source collection, for fact-checkers only).
    """

    id: SlugId
    kind: SourceKind = Field(alias="typ")
    file: Text | None = Field(
        None, alias="fil", min_length=1,
        description="Filen i källsamlingen som uppgifterna lästes i (för granskare; publiceras aldrig)",
    )
    title: Text = Field(alias="titel", min_length=1)
    issuer: Text | None = Field(None, alias="utgivare")
    date: PartialDate | None = Field(None, alias="datum", description="Dokumentets eget datum")
    read: PartialDate | None = Field(
        None, alias="läst",
        description="När dokumentet lästes; krävs för en webbsida (../ÅÅÅÅ-MM-DD = senast det datumet)",
    )
    reference: Text | None = Field(None, alias="beteckning", min_length=1,
                                   description="Diarienummer, SFS-nummer eller annan beteckning")
    address: HttpsUrl | None = Field(None, alias="adress", description="Offentlig adress där dokumentet lästes (https)")
    public_copy: StrictBool = Field(False, alias="läst_i_kopia",
                                    description="true när dokumentet lästes i en offentlig kopia, inte hos utgivaren")
    note: Text | None = Field(None, alias="anmärkning")

    @model_validator(mode="after")
    def _web_page_read(self) -> Self:
        if self.kind is SourceKind.WEBBSIDA and self.read is None:
            raise ValueError("en webbsida behöver 'läst': när sidan lästes (till exempel 2026-12-02, "
                             "eller ../2026-12-02 för senast det datumet)")
        return self


class Counts(Strict):
    """A total and how it divides; a count the report does not give is unknown (None), never 0."""

    _PARTS: ClassVar[tuple[str, ...]] = ("full", "partly", "not_met")

    total: Whole = Field(alias="totalt", ge=1)
    full: Whole | None = Field(None, alias="helt", ge=0)
    partly: Whole | None = Field(None, alias="delvis", ge=0)
    not_met: Whole | None = Field(None, alias="inte", ge=0)

    def parts(self) -> dict[str, int | None]:
        return {name: getattr(self, name) for name in self._PARTS}

    @model_validator(mode="after")
    def _known(self) -> Self:
        # A count the report leaves out is 0 when the given ones already add up to the total
        # (then it can be nothing else); otherwise it stays unknown.
        parts = self.parts()
        if sum(n for n in parts.values() if n is not None) != self.total:
            return self
        return self.model_copy(update={name: 0 for name, n in parts.items() if n is None})


class BoardCounts(Counts):
    """How many boards judged the goal met, and how far."""


class IndicatorCounts(Counts):
    """The council's indicators for the goal: how many met their target, and how many could not be followed up."""

    _PARTS: ClassVar[tuple[str, ...]] = ("full", "partly", "not_met", "not_followed")

    not_followed: Whole | None = Field(None, alias="ej_uppföljda", ge=0)
    reason: Text | None = Field(None, alias="skäl", min_length=1, description="Varför indikatorer inte kunde följas upp")


class FollowUp(Strict):
    """A follow-up of the programme's goal in an annual report: ``program/uppfoljning/<id>.md``."""

    id: SlugId
    title: Text = Field(alias="titel", min_length=1)
    year: Whole = Field(alias="år", ge=1900, le=2200, description="Året som uppföljningen gäller")
    goal: Text = Field(alias="mål", min_length=1, description="Målet som följs upp, med källans ordalydelse")
    assessment: Assessment = Field(alias="bedömning")
    boards: BoardCounts | None = Field(None, alias="nämnder")
    company: Degree | None = Field(None, alias="stadshus_ab", description="Stockholms Stadshus AB:s bedömning")
    indicators: IndicatorCounts | None = Field(None, alias="indikatorer")
    versions: list[VersionId] = Field(alias="versioner", min_length=1, description="Versionerna som uppföljningen gäller")
    sources: list[SourceRef] = Field(alias="källor", min_length=1)


#: Front-matter kind -> model, for the loader and the JSON Schema export.
KINDS: dict[str, type[Strict]] = {
    "version": Version,
    "avsnitt": Section,
    "styrdokument": SteeringDocument,
    "remissvar": Remissvar,
    "begrepp": Term,
    "kalla": Source,
    "uppfoljning": FollowUp,
}
