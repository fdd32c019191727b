"""Helpers for inline SVG charts under a strict Content-Security-Policy."""

import xml.etree.ElementTree as ET


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
