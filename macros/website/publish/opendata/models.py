"""The shape of the open data files, defined once.

Records that mirror content files extend the content schema
(``macros.core.model.schema``, made into pydantic models by ``mirror``), so the open
data has exactly the front-matter keys editors write (Swedish) plus a few added
keys (``url``, ``markdown``, ``klartext`` …). The published JSON Schemas are
exported from these classes (``json_schema``), so the files and their schemas
cannot drift apart. Only the build's second process writes the open data, so
only it imports this module (and pydantic).
"""

from __future__ import annotations

import inspect
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from macros.core.model.records import MISSING, Shape
from macros.core.model.records import Record as ContentRecord
from macros.core.model.schema import Remissvar, Section, Source, SteeringDocument, Term, Version
from macros.engine.diff.align import Change

#: Bumped when a key is removed or changes meaning; additions keep the major number.
SCHEMA_VERSION = "1.0"

Url = str


#: Every record's validator is built when first used, not on import.
LAZY = ConfigDict(defer_build=True)
#: What the content records hold to (``macros.core.model.records``), for their mirrors.
_CONTENT = ConfigDict(extra="forbid", populate_by_name=True, frozen=True, str_strip_whitespace=True, **LAZY)
_MIRRORS: dict[type[ContentRecord], type[BaseModel]] = {}


def _annotation(shape: Shape) -> Any:
    if shape.kind == "optional" and shape.inner is not None:
        return _annotation(shape.inner) | None
    if shape.kind == "list" and shape.inner is not None:
        base: Any = list[_annotation(shape.inner)]  # type: ignore[misc]
    elif shape.kind == "enum":
        return shape.cls
    elif shape.kind == "record" and shape.cls is not None:
        return mirror(shape.cls)
    else:
        base = str if shape.kind == "str" else int
    limits = {k: getattr(shape, k) for k in ("min_length", "max_length", "ge", "le", "description")
              if getattr(shape, k) is not None}
    return Annotated[base, Field(**limits)] if limits else base


def mirror(record: type[ContentRecord]) -> type[BaseModel]:
    """A pydantic model with the fields, keys and constraints of a content record (the values are
    already checked; the model gives the open data its JSON Schema)."""
    if record not in _MIRRORS:
        fields: dict[str, Any] = {}
        for spec in record.FIELDS.values():
            info = spec.info
            default = {"default_factory": info.default_factory} if info.default_factory else (
                {} if info.default is MISSING else {"default": info.default})
            fields[spec.name] = (_annotation(spec.shape), Field(alias=info.alias, description=info.description, **default))
        _MIRRORS[record] = create_model(record.__name__, __config__=_CONTENT, __doc__=inspect.cleandoc(record.__doc__) if record.__doc__ else None,
                                        __module__=__name__, **fields)
    return _MIRRORS[record]


class Record(BaseModel):
    """Base of the records that do not mirror a content file."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True, **LAZY)


class SectionRecord(mirror(Section)):  # type: ignore[misc]
    """Ett avsnitt: avsnittsfilens fält plus versionen, adressen och texten."""

    model_config = LAZY

    version: str = Field(description="Id för versionen avsnittet hör till")
    url: Url | None = Field(description="Avsnittssidans adress, relativ till webbplatsens rot")
    body_markdown: str = Field(alias="markdown", description="Avsnittets text i Markdown, som på avsnittssidan; relativa länkar utgår från avsnittssidan")
    body_text: str = Field(alias="klartext", description="Avsnittets text utan formatering; stycken skiljs med en tom rad")


class VersionRecord(mirror(Version)):  # type: ignore[misc]
    """En version: versionsfilens fält plus adresser, efterföljare och avsnitten i läsordning."""

    model_config = LAZY

    superseded_by: str | None = Field(alias="ersatt_av", description="Id för versionen som ersätter denna, om någon")
    url: Url | None = Field(description="Versionssidans adress, relativ till webbplatsens rot")
    print_url: Url | None = Field(alias="utskrift_url", description="Utskriftsversionens adress")
    data_url: Url = Field(alias="data_url", description="Den här versionens egen datafil")
    body_markdown: str = Field(alias="markdown", description="Versionens inledande text i Markdown")
    body_text: str = Field(alias="klartext", description="Versionens inledande text utan formatering")
    sections: list[SectionRecord] = Field(alias="avsnitt", description="Avsnitten i läsordning (efter ordning)")


class DocumentRecord(mirror(SteeringDocument)):  # type: ignore[misc]
    """Ett styrdokument: styrdokumentfilens fält plus sidans adress."""

    model_config = LAZY

    url: Url | None
    body_text: str = Field(alias="klartext", description="Webbplatsens beskrivning av styrdokumentet utan formatering")


class RemissvarRecord(mirror(Remissvar)):  # type: ignore[misc]
    """Ett remissvar: remissvarsfilens fält (med punkter och utfall) plus sidans adress."""

    model_config = LAZY

    url: Url | None
    body_text: str = Field(alias="klartext", description="Webbplatsens sammanfattning av remissvaret utan formatering")


class TermRecord(mirror(Term)):  # type: ignore[misc]
    """Ett begrepp: begreppsfilens fält plus sidans adress."""

    model_config = LAZY

    url: Url | None
    body_text: str = Field(alias="klartext", description="Webbplatsens text om begreppet utan formatering")


class SourceRecord(mirror(Source)):  # type: ignore[misc]
    """En källa ur källförteckningen."""

    model_config = LAZY


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


class Programme(Record):
    """Hela trygghetsprogrammet: data/trygghetsprogrammet.json."""

    schema_version: str = Field(alias="schemaversion")
    generated: str | None = Field(None, alias="genererad", description="När filen skapades (UTC); bara när bygget anger en fast tidpunkt")
    versions: list[VersionRecord] = Field(alias="versioner")
    documents: list[DocumentRecord] = Field(alias="styrdokument")
    remissvar: list[RemissvarRecord]
    terms: list[TermRecord] = Field(alias="begrepp")
    perspectives: list[PerspectiveRecord] = Field(alias="perspektiv")
    comparisons: list[ComparisonRecord] = Field(alias="jämförelser")
    sources: list[SourceRecord] = Field(alias="källor")


class VersionFile(Record):
    """En version: data/<version>.json."""

    schema_version: str = Field(alias="schemaversion")
    generated: str | None = Field(None, alias="genererad")
    version: VersionRecord
    remissvar: list[RemissvarRecord] = Field(description="Remissvar på just den här versionen")
    terms: list[TermRecord] = Field(alias="begrepp", description="Begrepp med definitioner i den här versionen (bara dem)")
    comparisons: list[ComparisonRecord] = Field(alias="jämförelser", description="Jämförelser där versionen ingår")


def json_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The published JSON Schema (draft 2020-12) of a file, keys as in the file."""
    schema = model.model_json_schema(by_alias=True, mode="serialization")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
