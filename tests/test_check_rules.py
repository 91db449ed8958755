"""The reference and version-graph checks (engine/checks/references.py), each rule broken once on
a copy of the fixtures: the exact messages are the golden file ``checks/every-rule.txt``
(regenerate with ``--update-golden``). Mutation testing found these rules held by no fixture test."""

from __future__ import annotations

from pathlib import Path

from macros.core.clock import build_date
from macros.engine.checks import check_repository
from tests.conftest import assert_golden

#: (file under program/, text in it, replacement); an empty "text in it" writes a new file.
BREAKAGES = [
    # versions: supersedes itself (and so a cycle), a period that is not its id, perspectives unknown and twice
    ("2001-2003/index.md", "texten: saknas\n", "ersätter: 2001-2003\ntexten: saknas\n"),
    ("2004-2006/index.md", "period: {från: 2004, till: 2006}", "period: {från: 2004, till: 2005}"),
    ("2004-2006/index.md", "  - {id: jamstalldhet, benämning: jämställdhetsperspektiv}\n",
     "  - {id: jamstalldhet, benämning: jämställdhetsperspektiv}\n  - {id: barn, benämning: igen}\n"
     "  - {id: klimat, benämning: klimatperspektiv}\n"),
    # sections: an order taken, parents in a circle, a perspective the version does not declare, an
    # unknown steering document, a reserved id
    ("2004-2006/fritid.md", "ordning: 4", "ordning: 3"),
    ("2004-2006/arbetssatt.md", "typ: kapitel\n", "typ: kapitel\nförälder: skola\n"),
    ("2004-2006/fritid.md", "förälder: arbetssatt\n",
     "förälder: arbetssatt\nperspektiv:\n  - {id: aldre, hur: Nämns.}\nstyrdokument: [plan-z]\n"),
    ("2004-2006/jamfor.md", "",
     "---\nid: jamfor\ntitel: Jämför\nordning: 9\ntyp: annat\nkällor: [kalla-program]\n---\nText.\n"),
    # steering documents: replaced by itself, replacing each other, valid until before it was valid
    ("styrdokument/lag-x.md", "typ: lag\n", "typ: lag\nersatt_av: lag-x\n"),
    ("styrdokument/plan-b.md", "typ: plan\n", "typ: plan\nersatt_av: plan-a\n"),
    ("styrdokument/strategi-c.md", "typ: strategi\n", "typ: strategi\ngiltig_från: 2010\ngiltig_till: 2008\n"),
    ("styrdokument/strategi-c.md", "utfärdare: Fiktiva staden\n", "utfärdare: Fiktiva staden\nersatt_av: strategi-d\n"),
]


def _apply(root: Path, rel: str, old: str, new: str) -> None:
    path = root / "program" / rel
    if not old:
        path.write_text(new, encoding="utf-8")
        return
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{rel}: '{old}' finns inte; fixturen har ändrats"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_every_reference_rule_reports_its_own_message(fixture_copy: Path, update_golden: bool) -> None:
    for rel, old, new in BREAKAGES:
        _apply(fixture_copy, rel, old, new)
    _, problems = check_repository(fixture_copy, build_date())
    assert_golden("checks/every-rule.txt", "".join(p.format() + "\n" for p in problems), update_golden)
    assert {f"program/{rel}" for rel, _, _ in BREAKAGES} <= {p.file for p in problems}
