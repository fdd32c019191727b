"""Helpers for inline SVG charts under a strict Content-Security-Policy."""

import xml.etree.ElementTree as ET

import matplotlib

# Text in charts is data (an organisation, a client's PI), never markup: a name with '$' would
# otherwise be parsed as mathtext and fail the whole page or PDF (issue 11).
matplotlib.rcParams["text.parse_math"] = False


def style_to_presentation_attributes(element: ET.Element) -> None:
    """Rewrite ``style="a: b; ..."`` into SVG presentation attributes (a strict CSP blocks it)."""
    style = element.attrib.pop("style", None)
    if not style:
        return
    for declaration in style.split(";"):
        if ":" not in declaration:
            continue
        name, value = (part.strip() for part in declaration.split(":", 1))
        if name == "font":
            family = []
            for token in value.split():
                if token.endswith("px"):
                    element.set("font-size", token)
                elif token in ("bold", "normal") or token.isdigit():
                    element.set("font-weight", token)
                elif token in ("italic", "oblique"):
                    element.set("font-style", token)
                else:
                    family.append(token.strip("'\""))
            if family:
                element.set("font-family", " ".join(family))
        else:
            element.set(name, value)


SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"

# What a chart mark says to screen readers and tests: (title text, data-* attributes) per gid.
Annotations = dict[str, tuple[str, dict[str, str]]]


def parse_matplotlib_svg(svg: str) -> ET.Element:
    """Our own matplotlib output, without <style>/<metadata> and with presentation attributes."""
    root = ET.fromstring(svg)  # noqa: S314 (our own matplotlib output)
    for parent in root.iter():
        for child in list(parent):
            if child.tag in (f"{{{SVG_NS}}}style", f"{{{SVG_NS}}}metadata"):
                parent.remove(child)
    for element in root.iter():
        style_to_presentation_attributes(element)
    return root


def annotate_marks(
    root: ET.Element, annotations: Annotations, *, mark_class: str | None = None
) -> None:
    """Give each annotated mark a <title> and data-* attributes (and optionally a class)."""
    for element in root.iter():
        gid = element.get("id")
        if gid in annotations:
            text, data = annotations[gid]
            heading = ET.Element(f"{{{SVG_NS}}}title")
            heading.text = text
            element.insert(0, heading)
            if mark_class:
                element.set("class", mark_class)
            for key, value in data.items():
                element.set(f"data-{key}", value)


def labelled_svg_string(root: ET.Element, *, title: str, title_id: str, css_class: str) -> str:
    """Set role, accessible title and class on the root, and serialise for inline HTML.

    Inline SVG in HTML needs the default namespace (no "svg:" or "ns0:" prefixes). The prefix
    map is global and other libraries (WeasyPrint's dependencies) register their own, so ours
    is set right before serialising.
    """
    root.set("role", "img")
    root.set("aria-labelledby", title_id)
    root.set("class", css_class)
    heading = ET.Element(f"{{{SVG_NS}}}title", {"id": title_id})
    heading.text = title
    root.insert(0, heading)
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    return ET.tostring(root, encoding="unicode")
