"""The placeholder of generated drafts (``macros.core.placeholder``) must not reach the site.

Every line of every file under program/ is read as written, so nothing a draft left unfilled
passes, whatever the field, whether or not the file loads. (Where the schema also refuses the
value, such as a placeholder where a fixed choice is expected, the loader reports the same
problem, and it is shown once.)
"""

from __future__ import annotations

from collections.abc import Iterator

from macros.core.load.corpus import Corpus
from macros.core.load.frontmatter_file import read_text, rel_path
from macros.core.placeholder import HINT, MESSAGE, PLACEHOLDER
from macros.core.problems import Problem


def check_placeholders(corpus: Corpus) -> Iterator[Problem]:
    program = corpus.root / "program"
    if not program.is_dir():
        return
    for path in sorted(program.rglob("*")):
        if path.suffix not in (".md", ".yml") or not path.is_file() or path.is_symlink():
            continue
        text, problems = read_text(corpus.root, path)
        if text is None or problems:
            continue  # reported by the loader
        rel = rel_path(corpus.root, path)
        for number, line in enumerate(text.split("\n"), start=1):
            if PLACEHOLDER in line:
                yield Problem(rel, number, MESSAGE, hint=HINT)


CHECKS = [check_placeholders]
