"""The shape of the open data files, defined once.

Records that mirror content files extend the content models
(``macros.core.model.schema``) directly, so the open data has exactly the
front-matter keys editors write (Swedish) plus a few added keys (``url``,
``markdown``, ``klartext`` …). The published JSON Schemas are exported from
these classes (``json_schema``), so the files and their schemas cannot drift
apart.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from macros.core.model.schema import FollowUp, Remissvar, Section, Source, Status, SteeringDocument, Term, Version
from macros.engine.layers.lineage import Change

#: Bumped when a key is removed or changes meaning; additions keep the major number.
SCHEMA_VERSION = "2.0"

Url = str


#: The export models' validators are built when first used, not on import: only a build that
#: writes the open data needs them.
LAZY = ConfigDict(defer_build=True)


class Record(BaseModel):
    """Base of the records that do not mirror a content file."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True, **LAZY)


class SectionRecord(Section):
    """Ett avsnitt: avsnittsfilens fält plus versionen, adressen och texten."""

    model_config = LAZY

    version: str = Field(description="Id för versionen avsnittet hör till")
    url: Url | None = Field(description="Avsnittssidans adress, relativ till webbplatsens rot")
    body_markdown: str = Field(alias="markdown", description="Avsnittets text i Markdown, som på avsnittssidan; relativa länkar utgår från avsnittssidan")
    body_text: str = Field(alias="klartext", description="Avsnittets text utan formatering; stycken skiljs med en tom rad")


class VersionRecord(Version):
    """En version: versionsfilens fält plus adresser, efterföljare och avsnitten i läsordning."""

    model_config = LAZY

    superseded_by: str | None = Field(alias="ersatt_av", description="Id för versionen som ersätter denna, om någon")
    status: Status = Field(description="Status enligt versionens beslut och uppgifter: förslag, remiss, antagen, "
                                       "gäller enligt källa eller upphävd")
    status_text: str = Field(alias="status_text", description="Versionens läge i en mening, som på webbplatsen")
    start: DateWindow = Field(alias="började_gälla", description="När versionen kan ha börjat gälla, enligt källorna")
    url: Url | None = Field(description="Versionssidans adress, relativ till webbplatsens rot")
    print_url: Url | None = Field(alias="utskrift_url", description="Utskriftsversionens adress")
    data_url: Url = Field(alias="data_url", description="Den här versionens egen datafil")
    body_markdown: str = Field(alias="markdown", description="Versionens inledande text i Markdown")
    body_text: str = Field(alias="klartext", description="Versionens inledande text utan formatering")
    sections: list[SectionRecord] = Field(alias="avsnitt", description="Avsnitten i läsordning (efter ordning)")


class DateWindow(Record):
    """Dagarna då något kan ha skett: tidigast och senast (null = källorna sätter ingen gräns)."""

    earliest: str | None = Field(alias="tidigast")
    latest: str | None = Field(alias="senast")
    earliest_reason: str | None = Field(alias="tidigast_skäl", description="Varför, med källans eller webbplatsens skäl")
    latest_reason: str | None = Field(alias="senast_skäl")


class DocumentRecord(SteeringDocument):
    """Ett styrdokument: styrdokumentfilens fält plus sidans adress."""

    model_config = LAZY

    url: Url | None
    body_text: str = Field(alias="klartext", description="Webbplatsens beskrivning av styrdokumentet utan formatering")


class RemissvarRecord(Remissvar):
    """Ett remissvar: remissvarsfilens fält (med punkter och utfall) plus sidans adress."""

    model_config = LAZY

    url: Url | None
    body_text: str = Field(alias="klartext", description="Webbplatsens sammanfattning av remissvaret utan formatering")


class TermRecord(Term):
    """Ett begrepp: begreppsfilens fält plus sidans adress."""

    model_config = LAZY

    url: Url | None
    body_text: str = Field(alias="klartext", description="Webbplatsens text om begreppet utan formatering")


Count = int | None
_UNSTATED = "; null när uppföljningen inte anger antalet och det inte följer av totalt"


class BoardCountsRecord(Record):
    """Nämndernas bedömningar, så som uppföljningen anger dem."""

    total: int = Field(alias="totalt", description="Antalet nämnder")
    full: Count = Field(alias="helt", description="Nämnder som bedömde målet som helt uppfyllt" + _UNSTATED)
    partly: Count = Field(alias="delvis", description="Nämnder som bedömde målet som delvis uppfyllt" + _UNSTATED)
    not_met: Count = Field(alias="inte", description="Nämnder som bedömde målet som inte uppfyllt" + _UNSTATED)


class IndicatorCountsRecord(Record):
    """Kommunfullmäktiges indikatorer för målet, så som uppföljningen anger dem."""

    total: int = Field(alias="totalt", description="Antalet indikatorer")
    full: Count = Field(alias="helt", description="Indikatorer som nådde årets mål helt" + _UNSTATED)
    partly: Count = Field(alias="delvis", description="Indikatorer som nådde årets mål delvis" + _UNSTATED)
    not_met: Count = Field(alias="inte", description="Indikatorer som inte nådde årets mål" + _UNSTATED)
    not_followed: Count = Field(alias="ej_uppföljda", description="Indikatorer som inte kunde följas upp" + _UNSTATED)
    reason: str | None = Field(alias="skäl", description="Varför indikatorer inte kunde följas upp")


class FollowUpRecord(FollowUp):
    """En uppföljning av målet i en årsredovisning: uppföljningsfilens fält plus sidans adress.

    Ett antal som filen inte anger är 0 bara när de angivna redan blir totalt; annars null (okänt).
    """

    model_config = LAZY

    # The export shape of the counts replaces the schema's (descriptions, no validation); a
    # FollowUpRecord is only ever written out, never used where a FollowUp is expected.
    boards: BoardCountsRecord | None = Field(alias="nämnder", description="Nämndernas bedömningar, eller null")  # type: ignore[assignment]
    indicators: IndicatorCountsRecord | None = Field(  # type: ignore[assignment]
        alias="indikatorer", description="Indikatorerna, eller null")
    url: Url | None
    body_text: str = Field(alias="klartext", description="Webbplatsens text om uppföljningen utan formatering")


class SourceRecord(Source):
    """En källa ur källförteckningen, namngiven av sitt dokument (aldrig av en fil)."""

    model_config = LAZY

    file: None = Field(None, alias="fil", exclude=True)


class PerspectiveNaming(Record):
    version: str
    label: str = Field(alias="benämning", description="Vad versionen själv kallar perspektivet")


class PerspectiveUse(Record):
    version: str
    section: str = Field(alias="avsnitt")
    how: str = Field(alias="hur", description="Avsnittets egen rad om hur det tar upp perspektivet")


class PerspectiveRecord(Record):
    """Ett av de fem perspektiven: den fasta listan, versionernas benämningar och avsnittens angivelser."""

    id: str
    label: str = Field(alias="benämning", description="Webbplatsens benämning när en version inte själv namnger perspektivet")
    url: Url | None
    versions: list[PerspectiveNaming] = Field(alias="versioner")
    sections: list[PerspectiveUse] = Field(alias="avsnitt")


class SectionChange(Record):
    """En grupp avsnitt i en jämförelse: vilka avsnitt före och efter, och vad som hände."""

    before: list[str] = Field(alias="avsnitt_före", description="Avsnittens id i den äldre versionen (tom: inget)")
    after: list[str] = Field(alias="avsnitt_efter", description="Avsnittens id i den nyare versionen (tom: inget)")
    change: Change = Field(alias="ändring", description="Vad som hände med avsnittet")
    label: str = Field(alias="beskrivning", description="Som i jämförelsens tabell, t.ex. 'bytt namn och ändrad'")
    url: Url | None = Field(description="Avsnittet på jämförelsesidan, om sidan finns")


class ComparisonRecord(Record):
    """En jämförelse mellan två versioner och listan över avsnitt som ändrats."""

    before: str = Field(alias="från", description="Den äldre versionen")
    after: str = Field(alias="till", description="Den nyare versionen")
    url: Url | None
    method: str = Field(alias="metod", description="Hur avsnitten parades ihop och jämfördes")
    sections: list[SectionChange] = Field(alias="avsnitt")


LICENCE = "Filernas licens enligt utgivarens inställning (till exempel CC0 1.0); null när utgivaren inte har angett någon"


class Programme(Record):
    """Hela trygghetsprogrammet: data/trygghetsprogrammet.json."""

    schema_version: str = Field(alias="schemaversion")
    generated: str | None = Field(None, alias="genererad", description="När filen skapades (UTC); bara när bygget anger en fast tidpunkt")
    licence: str | None = Field(None, alias="licens", description=LICENCE)
    versions: list[VersionRecord] = Field(alias="versioner")
    documents: list[DocumentRecord] = Field(alias="styrdokument")
    remissvar: list[RemissvarRecord]
    terms: list[TermRecord] = Field(alias="begrepp")
    perspectives: list[PerspectiveRecord] = Field(alias="perspektiv")
    comparisons: list[ComparisonRecord] = Field(alias="jämförelser")
    followups: list[FollowUpRecord] = Field(alias="uppföljningar", description="Årsredovisningarnas uppföljningar av målet")
    sources: list[SourceRecord] = Field(alias="källor")


class VersionFile(Record):
    """En version: data/<version>.json."""

    schema_version: str = Field(alias="schemaversion")
    generated: str | None = Field(None, alias="genererad")
    licence: str | None = Field(None, alias="licens", description=LICENCE)
    version: VersionRecord
    remissvar: list[RemissvarRecord] = Field(description="Remissvar på just den här versionen")
    terms: list[TermRecord] = Field(alias="begrepp", description="Begrepp med definitioner i den här versionen (bara dem)")
    comparisons: list[ComparisonRecord] = Field(alias="jämförelser", description="Jämförelser där versionen ingår")
    followups: list[FollowUpRecord] = Field(alias="uppföljningar", description="Uppföljningar som gäller den här versionen")


def json_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The published JSON Schema (draft 2020-12) of a file, keys as in the file."""
    schema = model.model_json_schema(by_alias=True, mode="serialization")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
