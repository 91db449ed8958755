"""Reading built HTML as a reader would: text, links, elements by class."""

from __future__ import annotations

from html.parser import HTMLParser


class Element:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Element | None):
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Element | str] = []

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def text(self) -> str:
        """The text as read: soft hyphens (invisible unless a line breaks there) left out."""
        return "".join(c.replace("\u00ad", "") if isinstance(c, str) else c.text() for c in self.children)

    def iter(self) -> list[Element]:
        out: list[Element] = [self]
        for c in self.children:
            if isinstance(c, Element):
                out += c.iter()
        return out

    def ancestors(self) -> list[Element]:
        """The elements around this one, nearest first."""
        out, node = [], self.parent
        while node is not None:
            out.append(node)
            node = node.parent
        return out

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Element]:
        return [e for e in self.iter() if (tag is None or e.tag == tag) and (cls is None or cls in e.classes)]

    def find(self, tag: str | None = None, cls: str | None = None) -> Element | None:
        found = self.find_all(tag, cls)
        return found[0] if found else None


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {}, None)
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        el = Element(tag, dict(attrs), self.current)
        self.current.children.append(el)
        if tag not in _VOID:
            self.current = el

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Element(tag, dict(attrs), self.current))

    def handle_endtag(self, tag: str) -> None:
        node: Element | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse(html: str) -> Element:
    builder = _Builder()
    builder.feed(html)
    return builder.root


def main_content(html: str) -> Element:
    """The article a reader reads (Material's .md-content)."""
    doc = parse(html)
    content = doc.find("article") or doc.find(cls="md-content")
    assert content is not None, "sidan saknar innehåll"
    return content
