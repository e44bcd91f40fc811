#!/usr/bin/env python3
"""Derives the name lists the person detector embeds.

Sources: first and last names of faker's Latin-script person providers
(faker 40.x, MIT licence, https://github.com/joke2k/faker), plus
supplement.txt (hand-curated). The list of names that are also ordinary words
comes from the Debian word lists wdutch (OpenTaal, BSD/CC-BY) and wbritish.

Run in a venv with `pip install faker` and `apt-get install wdutch wbritish`:
    python3 derive.py
It rewrites first.txt, last.txt and ambiguous.txt beside it; commit those.
"""
import importlib
import os
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
LOCALES = ["nl_NL", "nl_BE", "tr_TR", "pl_PL", "en_GB", "en_US", "de_DE", "fr_FR", "es_ES",
           "pt_PT", "it_IT", "ro_RO", "id_ID"]
PARTICLES = {"van", "de", "der", "den", "het", "ter", "ten", "te", "'t", "in", "op", "el", "al",
             "bin", "abu", "da", "di", "du", "la", "le", "von", "zu", "dos", "das", "del", "y"}


def latin(s):
    return all("LATIN" in unicodedata.name(c, "") or c in "-' " for c in s)


def tokens(name):
    for part in name.replace("-", " ").split():
        p = part.strip("'").lower()
        if len(p) >= 2 and p not in PARTICLES:
            yield p


def collect(mod, attrs):
    out = []
    for a in attrs:
        v = getattr(mod, a, None)
        if v:
            out += list(v.keys()) if isinstance(v, dict) else list(v)
    return [x for x in out if latin(x)]


first, last = set(), set()
for loc in LOCALES:
    provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
    for n in collect(provider, ["first_names", "first_names_male", "first_names_female"]):
        first.update(tokens(n))
    for n in collect(provider, ["last_names", "last_names_male", "last_names_female"]):
        last.update(tokens(n))
with open(os.path.join(HERE, "supplement.txt"), encoding="utf-8") as f:
    for line in f:
        line = line.strip()
        if line and not line.startswith("#"):
            kind, name = line.split(" ", 1)
            (first if kind == "first" else last).update(tokens(name))

words = set()
for path in ["/usr/share/dict/dutch", "/usr/share/dict/british-english"]:
    with open(path, encoding="utf-8", errors="ignore") as f:
        for w in f:
            w = w.strip()
            if w and w == w.lower():  # lowercase entries only: proper nouns are capitalised
                words.add(w)
ambiguous = sorted((first | last) & words)

for name, items in [("first.txt", sorted(first)), ("last.txt", sorted(last)), ("ambiguous.txt", ambiguous)]:
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        f.write("\n".join(items) + "\n")
    print(name, len(items))
