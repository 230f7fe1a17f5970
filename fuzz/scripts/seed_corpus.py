#!/usr/bin/env python3
"""Rebuilds fuzz/corpus/{parse,eval}/ seeds from the transcripts' inputs and the oracle scripts.

Usage: python3 fuzz/scripts/seed_corpus.py [ORACLE_DIR]
(ORACLE_DIR defaults to tests/data/oracle in the repository.)
Each seed is one complete input (a transcript entry, or one script chunk of an oracle .exs);
files are named by the SHA-1 of their content, as libFuzzer names its own.
"""
import hashlib
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
ORACLE = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests/data/oracle"
MAX_LEN = 512  # the eval target ignores longer inputs


def transcript_inputs(path):
    entries = []
    for line in path.read_text().splitlines():
        if line.startswith("iex> ") or line == "iex>":
            entries.append(line[5:] + "\n")
        elif (line.startswith("...> ") or line == "...>") and entries:
            entries[-1] += line[5:] + "\n"
    return [e for e in entries if not e.lstrip().startswith("#")]


def script_chunks(text):
    """Blank-line/comment separated chunks, `|>` lines joined to the previous one."""
    chunks, current = [], []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if current and not stripped.startswith("|>") and not current[-1].rstrip().endswith(("(", "[", "{", ",", "do", "->", "|>", "=")):
            depth = sum(l.count("(") + l.count("[") + l.count("{") - l.count(")") - l.count("]") - l.count("}") for l in current)
            depth += sum(len(re.findall(r"\b(do|fn)\b(?!:)", l)) - len(re.findall(r"\bend\b", l)) for l in current)
            if depth <= 0:
                chunks.append("\n".join(current) + "\n")
                current = []
        current.append(line)
    if current:
        chunks.append("\n".join(current) + "\n")
    return chunks


def main():
    seeds = []
    for path in sorted((ROOT / "tests/transcripts").glob("*.iex")):
        seeds += transcript_inputs(path)
    for path in sorted(ORACLE.glob("*.exs")):
        seeds += script_chunks(path.read_text())
    prelude = "require Ash.Query\n"
    for target in ("parse", "eval"):
        out = ROOT / "fuzz/corpus" / target
        out.mkdir(parents=True, exist_ok=True)
        for seed in seeds:
            if target == "eval" and "Ash.Query.filter" in seed:
                seed = prelude + seed
            data = seed.encode()
            if len(data) > MAX_LEN:
                continue
            (out / hashlib.sha1(data).hexdigest()).write_bytes(data)
        print(target, len(list(out.iterdir())), "seeds")


if __name__ == "__main__":
    main()
