"""Read speaker resolutions on the BBC corpus: a working half and a held-out half.

    .venv/bin/python scripts/speaker_sample.py run  --half working --out /tmp/spk/base
    .venv/bin/python scripts/speaker_sample.py show --half working --out /tmp/spk/base
    .venv/bin/python scripts/speaker_sample.py diff --half heldout  --out /tmp/spk/base \
        --after /tmp/spk/new

The BBC files (``../shared/data/bbc``, read by path) are split by the file name: a file whose
``sha1("topic/name.txt")`` is even is in the working half, odd in the held-out half; a text that
repeats an earlier file's (the corpus has exact duplicates) is left out. ``run`` parses one half
and writes every quote's speaker mention and resolution to ``<out>/<half>.jsonl`` (outside the
project: it holds text from the corpus). ``show`` draws a fixed-seed sample of the quotes whose
speaker mention is a pronoun, a description or a short name ("Mr Reed", "Reed") and prints each
with its sentence, the sentences before it and the article's people, for reading. ``diff``
prints the sampled rows whose resolution differs between two runs, in a shuffled order and
without saying which run is which (A/B by a coin per row; the key is printed at the end).
Nothing read from the corpus is written into the project.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from helpers import entities, nlp, quotes  # noqa: E402
from helpers.lexicons import pronouns  # noqa: E402

BBC = ROOT.parent / "shared" / "data" / "bbc"
SEED = 13
SAMPLE = 120
HALVES = ("working", "heldout")


def half_of(rel: str) -> str:
    """The half of a BBC file by the sha1 of its ``topic/name.txt``."""
    return HALVES[int(hashlib.sha1(rel.encode()).hexdigest(), 16) % 2]


def files(bbc: Path, half: str) -> list[tuple[str, str]]:
    """(``topic/name.txt``, text) of one half, in name order; repeated texts left out."""
    seen: set[str] = set()
    found = []
    for path in sorted(bbc.glob("*/*.txt")):
        rel = f"{path.parent.name}/{path.name}"
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
        digest = hashlib.sha1(text.encode()).hexdigest()
        if digest in seen:
            continue
        seen.add(digest)
        if half_of(rel) == half:
            found.append((rel, text))
    return found


def mention_class(doc, start: int, end: int) -> str:  # noqa: ANN001
    """"pronoun", "description", "short_name" or "" (a full name, or no speaker)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return ""
    root = span.root
    if root.lower_ in pronouns() and root.pos_ in ("PRON", "DET"):
        return "pronoun"
    if root.pos_ == "PROPN":
        words = [t for t in span if t.is_alpha]
        if len(words) == 1 or (len(words) == 2 and words[0].text.rstrip(".") in (
                "Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Lord", "Lady", "Prof")):
            return "short_name"
        return ""
    if root.pos_ in ("NOUN", "PROPN", "ADJ"):
        return "description"
    return ""


def run(bbc: Path, half: str, out: Path) -> None:
    """Parse one half and write its quotes' speakers to ``<out>/<half>.jsonl``."""
    docs = files(bbc, half)
    language = nlp.load_model()
    out.mkdir(parents=True, exist_ok=True)
    with (out / f"{half}.jsonl").open("w") as fh:
        parsed = nlp.parse(language, (text for _rel, text in docs))
        for (rel, _text), doc in zip(docs, parsed, strict=True):
            ents = entities.from_doc(doc)
            people = sorted({e["canonical"] for e in ents
                             if e["label"] in ("PERSON", "ORG", "NORP", "GPE")})
            labels = {e["entity_id"]: e["label"] for e in ents}
            for q in quotes.from_doc(doc, ents):
                start, end = q.get("speaker_start"), q.get("speaker_end")
                has = start is not None and end is not None and start >= 0
                row = {
                    "doc": rel, "key": f"{rel}#{q['content_start']}-{q.get('cue_start')}",
                    "speaker": q.get("speaker"), "canonical": q.get("speaker_canonical"),
                    "entity_id": q.get("speaker_entity_id"), "rule": q.get("rule"),
                    "label": labels.get(q.get("speaker_entity_id")), "content": q["content"],
                    "cls": mention_class(doc, start, end) if has else "",
                    "sentence": doc.char_span(*_sentence(doc, start if has else
                                                         q["content_start"])).text,
                    "before": _before(doc, start if has else q["content_start"]),
                    "people": people,
                }
                fh.write(json.dumps(row) + "\n")
    print(f"{half}: {len(docs)} files -> {out / f'{half}.jsonl'}")


def _sentence(doc, pos: int) -> tuple[int, int]:  # noqa: ANN001
    tok = doc[min(doc.char_span(pos, pos + 1, alignment_mode="expand").start, len(doc) - 1)]
    return tok.sent.start_char, tok.sent.end_char


def _before(doc, pos: int, n: int = 3) -> str:  # noqa: ANN001
    """The ``n`` sentences before the one holding character ``pos``."""
    start, _ = _sentence(doc, pos)
    sents = [s for s in doc.sents if s.end_char <= start]
    return " | ".join(s.text.strip() for s in sents[-n:])


def load(out: Path, half: str) -> list[dict]:
    with (out / f"{half}.jsonl").open() as fh:
        return [json.loads(line) for line in fh]


def sample(rows: list[dict], seed: int = SEED, n: int = SAMPLE) -> list[dict]:
    """A fixed-seed sample of the rows whose speaker is a pronoun, description or short
    name."""
    pool = sorted((r for r in rows if r["cls"]), key=lambda r: r["key"])
    return random.Random(seed).sample(pool, min(n, len(pool)))


def show(rows: list[dict]) -> None:
    for i, r in enumerate(rows):
        print(f"--- [{i}] {r['key']} {r['cls']} rule={r['rule']}")
        print(f"  BEFORE: {r['before'][-700:]}")
        print(f"  SENT:   {r['sentence'][:500]}")
        print(f"  SPEAKER {r['speaker']!r} -> {r['canonical']!r}")
        print(f"  PEOPLE: {', '.join(r['people'])[:400]}")


def diff(base: list[dict], after: list[dict], seed: int) -> None:
    """The sampled rows (from ``base``) whose resolution differs in ``after``, blind. The
    two runs extract the same quotes in the same order (only speakers change), so rows
    pair by position."""
    if len(base) != len(after):
        sys.exit("the runs extracted different quotes: diff pairs rows by position")
    later = {id(r): new for r, new in zip(base, after, strict=True)}
    key_of: list[str] = []
    coin = random.Random(seed + 1)
    changed = [r for r in sample(base, seed)
               if (later[id(r)]["canonical"], later[id(r)]["speaker"])
               != (r["canonical"], r["speaker"])]
    random.Random(seed + 2).shuffle(changed)
    for i, r in enumerate(changed):
        new = later[id(r)]
        sides = [("old", r), ("new", new)]
        if coin.random() < 0.5:
            sides.reverse()
        key_of.append(f"[{i}] A={sides[0][0]}")
        print(f"--- [{i}] {r['key']} {r['cls']}")
        print(f"  BEFORE: {r['before'][-700:]}")
        print(f"  SENT:   {r['sentence'][:500]}")
        for name, (_side, row) in zip("AB", sides, strict=True):
            print(f"  {name}: {row['speaker']!r} -> {row['canonical']!r}")
    print("\nKEY: " + "; ".join(key_of))
    print(f"{len(changed)} of {min(SAMPLE, sum(1 for r in base if r['cls']))} sampled changed")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("command", choices=("run", "show", "diff"))
    ap.add_argument("--half", choices=HALVES, default="working")
    ap.add_argument("--bbc", type=Path, default=BBC)
    ap.add_argument("--out", type=Path, required=True, help="a folder outside the project")
    ap.add_argument("--after", type=Path, help="diff: the second run's folder")
    ap.add_argument("--seed", type=int, default=SEED)
    args = ap.parse_args()
    if ROOT in args.out.resolve().parents:
        sys.exit("--out must be outside the project: the rows hold corpus text")
    if args.command == "run":
        run(args.bbc, args.half, args.out)
    elif args.command == "show":
        show(sample(load(args.out, args.half), args.seed))
    else:
        diff(load(args.out, args.half), load(args.after, args.half), args.seed)


if __name__ == "__main__":
    main()
