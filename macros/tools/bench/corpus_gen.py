"""Synthetic corpora in the real format, for measuring the build at scale.

Deterministic from a seed: N versions × M sections × about W words of
Swedish-like text (real words from the programme's vocabulary), with renames
recorded between versions, remissvar with points, terms, perspectives and
steering documents. The output is a repository tree that `trygghet check`
accepts and MkDocs builds like the real one.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from macros.core.model.schema import PERSPECTIVES

WORDS = (
    "staden arbetar förebyggande trygghetsskapande brottsförebyggande nämnder bolagsstyrelser samverkan polisen "
    "lägesbild orsaksanalys åtgärder uppföljning trygghet otrygghet offentlig miljö stadsdelsområde platssamverkan "
    "välfärdsbrott otillåten påverkan skolan socialtjänsten barn unga kvinnor män äldre funktionsnedsättning "
    "jämställdhet hbtqi perspektiv ansvar struktur kunskapsbaserat arbete insatser riktade sociala stadsutveckling "
    "belysning nedskräpning klotter skadegörelse kameror ordningsvakter fastighetsägare näringsliv civilsamhälle "
    "region lag kommuner samordning funktion åtgärdsplan mätning resultat mål halverad långsiktigt och att i på "
    "för med som ska det är av till en ett de om har inom genom från mellan"
).split()


@dataclass(frozen=True)
class Size:
    name: str
    versions: int
    sections: int
    words: int


SIZES = {
    "1x": Size("1x", 10, 40, 180),
    "2x": Size("2x", 10, 80, 180),
    "4x": Size("4x", 10, 160, 180),
}


def _dump(meta: dict, body: str) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + body


def _word(rng: random.Random, terms: list[str]) -> str:
    """A word of the vocabulary, now and then a law number."""
    return rng.choice(WORDS + terms) if rng.random() > 0.02 else "2023:196"


def _paragraphs(rng: random.Random, words: int, terms: list[str]) -> str:
    out, left = [], words
    while left > 0:
        n = min(left, rng.randint(30, 70))
        left -= n
        sentences, buf = [], []
        for _ in range(n):
            buf.append(_word(rng, terms))
            if len(buf) >= rng.randint(8, 18):
                sentences.append(" ".join(buf).capitalize() + ".")
                buf = []
        if buf:
            sentences.append(" ".join(buf).capitalize() + ".")
        out.append(" ".join(sentences))
        if rng.random() < 0.3:
            out.append("\n".join(f"- {rng.choice(WORDS)} {rng.choice(WORDS)}" for _ in range(3)))
    return "\n\n".join(out) + "\n"


def _sentence(rng: random.Random, terms: list[str]) -> str:
    words = [_word(rng, terms) for _ in range(rng.randint(8, 18))]
    return " ".join(words).capitalize() + "."


def _edited(rng: random.Random, text: str, words: int, terms: list[str]) -> str:
    """The next version of a section's text, as programmes change: most paragraphs kept,
    some with a sentence rewritten, added or dropped, a few replaced or added whole."""
    out: list[str] = []
    for block in text.strip().split("\n\n"):
        roll = rng.random()
        if roll < 0.6 or block.startswith("- "):
            out.append(block)
        elif roll < 0.85:
            sentences = [t if t.endswith(".") else t + "." for t in block.split(". ")]
            i = rng.randrange(len(sentences))
            change = rng.random()
            if change < 0.5:
                sentences[i] = _sentence(rng, terms)
            elif change < 0.8:
                sentences.insert(i, _sentence(rng, terms))
            elif len(sentences) > 1:
                del sentences[i]
            out.append(" ".join(sentences))
        elif roll < 0.95:
            out.append(_paragraphs(rng, rng.randint(30, 70), terms).strip())
    if rng.random() < 0.2 or not out:
        out.append(_paragraphs(rng, min(words, rng.randint(30, 70)), terms).strip())
    return "\n\n".join(out) + "\n"


def generate(root: Path, size: Size, seed: int = 1, *, independent: bool = False) -> Path:
    """Write a synthetic repository at ``root`` (program/ plus the site config).

    Each version's sections are edits of the previous version's (see ``_edited``);
    with ``independent`` every version is new random text instead: the worst case
    for the comparison engine, since every paragraph then differs from every other.
    """
    rng = random.Random(seed)
    repo = Path(__file__).resolve().parents[3]
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    for name in ("docs", "overrides"):
        shutil.copytree(repo / name, root / name)
    shutil.copy(repo / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copy(repo / "pyproject.toml", root / "pyproject.toml")
    program = root / "program"
    program.mkdir()
    (program / "kallor.yml").write_text(yaml.safe_dump([{"id": "syntet", "typ": "annat", "fil": "syntetisk.txt", "titel": "Syntetisk källa"}],
                                                       allow_unicode=True), encoding="utf-8")
    docs = [f"dokument-{i}" for i in range(8)]
    for i, did in enumerate(docs):
        (program / "styrdokument").mkdir(exist_ok=True)
        (program / "styrdokument" / f"{did}.md").write_text(_dump(
            {"id": did, "titel": f"Styrdokument {i}", "typ": "program", "giltig_från": f"{2000 + i}", "källor": ["syntet"]},
            "Ett syntetiskt styrdokument.\n"), encoding="utf-8")
    terms = [f"begrepp{i}" for i in range(12)]
    # The last version is 2020-2023, which the hand-written pages (docs/) link to as their example;
    # every decision lies before the bench's fixed build date (2023).
    first = 1984
    vids = [f"{first + 4 * i}-{first + 4 * i + 3}" for i in range(size.versions)]
    ids = [f"avsnitt-{j}" for j in range(size.sections)]
    previous_ids: list[str] = []
    texts: dict[str, str] = {}  # section id -> its text in the previous version
    for n, vid in enumerate(vids):
        vdir = program / vid
        vdir.mkdir()
        status = "upphävd" if n < len(vids) - 2 else ("antagen" if n == len(vids) - 2 else "remiss")
        meta = {"id": vid, "titel": f"Trygghetsprogram {vid}", "period": {"från": int(vid[:4]), "till": int(vid[5:])},
                "dnr": f"KS {vid[:4]}/{n + 1}",
                "beslut": [{"typ": "antagande", "organ": "Kommunfullmäktige", "datum": f"{vid[:4]}-03-0{1 + n % 9}",
                            "beskrivning": "Syntetiskt beslut.", "källor": ["syntet"]}]
                + ([{"typ": "upphävande", "organ": "Kommunfullmäktige", "datum": f"{int(vid[:4]) + 4}-03-01",
                     "beskrivning": "Syntetiskt beslut.", "källor": ["syntet"]}] if status == "upphävd" else [])
                if status != "remiss" else
                [{"typ": "remiss", "organ": "Kommunstyrelsen", "beskrivning": "Syntetiskt beslut.", "källor": ["syntet"]}],
                "texten": "sammanfattning",
                "perspektiv": [{"id": p, "benämning": f"{p}perspektiv"} for p in PERSPECTIVES], "källor": ["syntet"]}
        if n:
            meta["ersätter"] = vids[n - 1]
        (vdir / "index.md").write_text(_dump(meta, _paragraphs(rng, 60, terms)), encoding="utf-8")
        current = list(ids)
        renamed: dict[str, str] = {}
        if n:  # one recorded rename per version, to exercise lineage
            old = ids[n % len(ids)]
            new = f"{old}-ny{n}"
            renamed[new] = old
            current[current.index(old)] = new
        for order, sid in enumerate(current, start=1):
            smeta: dict = {"id": sid, "titel": f"Avsnitt {order} i {vid}" if rng.random() < 0.1 else f"Avsnitt {order}",
                           "ordning": order, "typ": "fokusområde",
                           "perspektiv": [{"id": p, "hur": "Syntetisk beskrivning."} for p in rng.sample(list(PERSPECTIVES), 2)],
                           "styrdokument": rng.sample(docs, 2), "källor": ["syntet"]}
            if sid in renamed and renamed[sid] in previous_ids:
                smeta["ursprung"] = {"typ": "namnbyte", "från": [renamed[sid]]}
            before = texts.get(renamed.get(sid, sid))
            body = _paragraphs(rng, size.words, terms) if independent or before is None else \
                _edited(rng, before, size.words, terms)
            texts[sid] = body
            (vdir / f"{sid}.md").write_text(_dump(smeta, body), encoding="utf-8")
        previous_ids, ids = current, current
    (program / "begrepp").mkdir()
    for t in terms:
        (program / "begrepp" / f"{t}.md").write_text(_dump(
            {"id": t, "term": t, "former": [t, f"{t}en"],
             "definitioner": [{"version": v, "definition": f"Definition av {t} i {v}.", "källor": ["syntet"]} for v in vids[::3]],
             "källor": ["syntet"]}, "Ett syntetiskt begrepp.\n"), encoding="utf-8")
    (program / "remissvar").mkdir()
    for n, vid in enumerate(vids):
        sections = sorted(p.stem for p in (program / vid).glob("*.md") if p.stem != "index")
        for r in range(2):
            rid = f"remissvar-{n}-{r}"
            points = [{"id": f"punkt-{k}", "avsnitt": [rng.choice(sections)], "hållning": "förslag",
                       "sammanfattning": "En syntetisk synpunkt.", "utfall": "ej bedömd", "motivering": "Syntetiskt."}
                      for k in range(5)]
            (program / "remissvar" / f"{rid}.md").write_text(_dump(
                {"id": rid, "instans": {"namn": f"Nämnd {n}-{r}", "typ": "facknämnd"}, "svarar_på": vid,
                 "förslag_till_beslut": "Syntetiskt.", "hållning": "tillstyrker med synpunkter",
                 "sammanfattning": "Ett syntetiskt remissvar.", "punkter": points, "källor": ["syntet"]}, ""), encoding="utf-8")
    return root
