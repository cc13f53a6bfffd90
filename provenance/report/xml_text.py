"""Text made safe for XML 1.0: characters XML cannot carry are shown as ``\\xNN`` escapes."""

from __future__ import annotations

# C0 controls other than tab, LF and CR, and the two non-characters XML 1.0 forbids (built once).
_FORBIDDEN = {code: f"\\x{code:02x}" for code in range(0x20) if code not in (0x09, 0x0A, 0x0D)}
_FORBIDDEN.update({0xFFFE: "\\ufffe", 0xFFFF: "\\uffff"})
_FORBIDDEN.update({code: f"\\u{code:04x}" for code in range(0xD800, 0xE000)})


def xml_safe(text: str) -> str:
    """`text` with every character XML 1.0 cannot represent replaced by a visible escape."""
    return text.translate(_FORBIDDEN)
