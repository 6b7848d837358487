"""Each article's language, detected offline with py3langid (a naive Bayes model over byte
n-grams that ships inside the package: ~1 ms per article here).

Rules, in order: a language the source declares for the text is kept when detection is unsure;
texts of fewer than :data:`MIN_WORDS` words get no language (too short to tell); otherwise the
detected language when its probability reaches :data:`MIN_PROBABILITY`. Articles whose language
is known and not English are loaded and flagged, and the pipeline leaves them out of the
English analysis (:func:`analysable`).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Any

#: The kit's analysis language (ISO 639-1).
ANALYSIS_LANGUAGE = "en"
#: Fewer words than this: no language is assigned.
MIN_WORDS = 8
#: Detection below this probability is "unsure".
MIN_PROBABILITY = 0.8
#: Characters looked at (the start of an article says enough; long texts cost no more).
SAMPLE_CHARS = 4000

_WORD = re.compile(r"\w+")
_CODE = re.compile(r"^[a-z]{2,3}$")


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> tuple[str | None, float]:
    """``(ISO 639-1 code, probability)``, or ``(None, 0.0)`` for a text too short to tell."""
    sample = text[:SAMPLE_CHARS]
    if len(_WORD.findall(sample)) < MIN_WORDS:
        return None, 0.0
    code, probability = _identifier().classify(sample)
    return str(code), float(probability)


def declared_code(value: Any) -> str | None:
    """A declared language ("en-GB", "English", "ENGLISH; FRENCH") as a two-letter code."""
    if not isinstance(value, str) or not value.strip():
        return None
    first = re.split(r"[;,/ ]", value.strip().lower())[0]
    code = first.split("-")[0].split("_")[0]
    if _CODE.match(code) and len(code) == 2:
        return code
    return _NAMES.get(first)


_NAMES = {"english": "en", "french": "fr", "german": "de", "spanish": "es", "italian": "it",
          "portuguese": "pt", "dutch": "nl", "russian": "ru", "chinese": "zh", "japanese": "ja",
          "arabic": "ar", "polish": "pl", "swedish": "sv", "danish": "da", "norwegian": "no",
          "finnish": "fi", "turkish": "tr", "greek": "el", "czech": "cs", "hungarian": "hu"}


def language_of(text: str, declared: Any = None) -> str | None:
    """The language column's value for one article (see the module's rules)."""
    code, probability = detect(text)
    if code is not None and probability >= MIN_PROBABILITY:
        return code
    return declared_code(declared)


def analysable(language: Any) -> bool:
    """Whether an article in ``language`` goes through the English analysis (unknown: yes)."""
    return not isinstance(language, str) or not language or language.startswith(
        ANALYSIS_LANGUAGE)


class LanguageTally:
    """Labels loaded records with their language and counts those left out of the analysis."""

    def __init__(self) -> None:
        self.left_out: Counter[str] = Counter()

    def label(self, records: list[dict[str, Any]]) -> None:
        for rec in records:
            rec["language"] = language_of(str(rec.get("text", "")), rec.get("language"))
            if not analysable(rec["language"]):
                self.left_out[rec["language"]] += 1

    def summary(self) -> list[str]:
        if not self.left_out:
            return []
        n = sum(self.left_out.values())
        kinds = ", ".join(f"{code} {count}" for code, count in self.left_out.most_common())
        return [f"{n} article(s) not in English ({kinds}): loaded, with their language in the "
                "language column, and left out of the English analysis"]
