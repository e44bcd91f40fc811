#!/usr/bin/env python3
"""Derives the name lists the person detector embeds.

Sources:
- faker 40.x (MIT licence, https://github.com/joke2k/faker): first and last
  names of its person providers, in Latin script (LATIN), Cyrillic (CYRILLIC:
  uk_UA, ru_RU) and Arabic script (ARABIC). Polish surnames come in the male
  form, so the female forms (-ski -> -ska, -cki -> -cka, -dzki -> -dzka) are
  added. Ukrainian names are also transliterated to Latin script with the
  official Ukrainian passport table (KMU 2010), as residents write them in Dutch
  ("Вадим" -> "vadym", "Розалія" -> "rozaliia").
- gender-guesser 0.4 (its nam_dict.txt by Jörg Michael, GNU FDL 1.2): first
  names with a frequency in the Netherlands, Belgium, Poland, Ukraine, Turkey
  or Arabia/Persia.
- supplement.txt (hand-curated, this project): names faker lacks, and ("word")
  Turkish, Polish, Ukrainian and Arabic words that are also names.
The list of names that are also ordinary words comes from the Debian word lists
wdutch (OpenTaal, BSD/CC-BY) and wbritish.

Run in a venv with `pip install faker gender-guesser` and
`apt-get install wdutch wbritish`:
    python3 derive.py
It rewrites first.txt, last.txt and ambiguous.txt beside it; commit those.
"""
import importlib
import os
import unicodedata

import gender_guesser

HERE = os.path.dirname(os.path.abspath(__file__))
LATIN = ["nl_NL", "nl_BE", "tr_TR", "pl_PL", "en_GB", "en_US", "de_DE", "fr_FR", "es_ES",
         "pt_PT", "it_IT", "ro_RO", "id_ID"]
CYRILLIC = ["uk_UA", "ru_RU"]
ARABIC = ["ar_AA", "ar_SA", "ar_PS", "ar_DZ"]
FIRST_ATTRS = ["first_names", "first_names_male", "first_names_female"]
LAST_ATTRS = ["last_names", "last_names_male", "last_names_female", "male_last_names",
              "unisex_last_names"]
PARTICLES = {"van", "de", "der", "den", "het", "ter", "ten", "te", "'t", "in", "op", "el", "al",
             "bin", "abu", "da", "di", "du", "la", "le", "von", "zu", "dos", "das", "del", "y",
             # Arabic: son/daughter of, father of, family, tribe of.
             "بن", "بنت", "ابن", "ابو", "أبو", "آل", "بنو", "عبد", "الله", "الدين", "الدّين"}
# gender-guesser's nam_dict.txt: a frequency digit per country, in these columns.
COUNTRY_COLUMNS = {"Belgium": 38, "Netherlands": 40, "Poland": 53, "Ukraine": 71, "Turkey": 76,
                   "Arabia/Persia": 77}
# Ukrainian passport transliteration (KMU 2010): at the start of a word, then inside it.
UK_START = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
UK = {"а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh",
      "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n",
      "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
      "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "'": "", "’": ""}


def script(s, word):
    return all(word in unicodedata.name(c, "") or c in "-' " for c in s)


def tokens(name):
    for part in name.replace("-", " ").split():
        # Python lowercases "İ" to "i" and a combining dot; the detector to "i".
        p = part.strip("'").lower().replace("i\u0307", "i")
        if len(p) >= 2 and p not in PARTICLES:
            yield p


def collect(loc, attrs):
    mod = importlib.import_module(f"faker.providers.person.{loc}").Provider
    out = []
    for a in attrs:
        v = getattr(mod, a, None)
        if v:
            out += list(v.keys()) if isinstance(v, dict) else list(v)
    return out


def polish_female(name):
    for male, female in [("dzki", "dzka"), ("cki", "cka"), ("ski", "ska")]:
        if name.endswith(male):
            return name[: -len(male)] + female
    return None


def transliterate(word):
    word = word.lower().replace("зг", "зґ")  # "zgh", not "zh"
    out = []
    for i, c in enumerate(word):
        t = UK_START.get(c) if i == 0 else None
        out.append(t if t is not None else UK.get(c, c))
    return "".join(out).replace("zg", "zgh")


first, last = set(), set()
for loc in LATIN:
    first.update(t for n in collect(loc, FIRST_ATTRS) if script(n, "LATIN") for t in tokens(n))
    for n in collect(loc, LAST_ATTRS):
        if script(n, "LATIN"):
            last.update(tokens(n))
            female = polish_female(n) if loc == "pl_PL" else None
            if female:
                last.update(tokens(female))
for loc in CYRILLIC:
    first.update(t for n in collect(loc, FIRST_ATTRS) if script(n, "CYRILLIC") for t in tokens(n))
    last.update(t for n in collect(loc, LAST_ATTRS) if script(n, "CYRILLIC") for t in tokens(n))
    if loc == "uk_UA":
        first.update(transliterate(t) for n in collect(loc, FIRST_ATTRS) for t in tokens(n))
        last.update(transliterate(t) for n in collect(loc, LAST_ATTRS) for t in tokens(n))
for loc in ARABIC:
    first.update(t for n in collect(loc, FIRST_ATTRS) if script(n, "ARABIC") for t in tokens(n))
    last.update(t for n in collect(loc, LAST_ATTRS) if script(n, "ARABIC") for t in tokens(n))

nam_dict = os.path.join(os.path.dirname(gender_guesser.__file__), "data", "nam_dict.txt")
with open(nam_dict, encoding="utf-8", errors="replace") as f:
    for line in f:
        # Skip comments, equivalences and the second spelling of expanded umlauts.
        if line.startswith(("#", "=")) or len(line) < 30 or line[29] == "+":
            continue
        name = line[3:29].strip()
        freq = [line[c] for c in COUNTRY_COLUMNS.values() if len(line) > c]
        if "+" not in name and script(name, "LATIN") and any(c.strip() for c in freq):
            first.update(tokens(name))

# Names that are also ordinary words in a language without a word list here.
words_too = set()
with open(os.path.join(HERE, "supplement.txt"), encoding="utf-8") as f:
    for line in f:
        line = line.strip()
        if line and not line.startswith("#"):
            kind, name = line.split(" ", 1)
            {"first": first, "last": last, "word": words_too}[kind].update(tokens(name))

words = set()
for path in ["/usr/share/dict/dutch", "/usr/share/dict/british-english"]:
    with open(path, encoding="utf-8", errors="ignore") as f:
        for w in f:
            w = w.strip()
            if w and w == w.lower():  # lowercase entries only: proper nouns are capitalised
                words.add(w)
# Common Dutch first names whose word sense is rare in chat answers ("jan" as
# January, "kees" as a dog breed): counted as names, also at the start of a
# sentence ("Kees komt nooit op tijd") and in lowercase ("ik ben jan").
NOT_AMBIGUOUS = {"jan", "kees", "piet", "wim", "klaas", "joop", "dirk", "geert", "jaap"}
ambiguous = sorted(((first | last) & (words | words_too)) - NOT_AMBIGUOUS)

for name, items in [("first.txt", sorted(first)), ("last.txt", sorted(last)), ("ambiguous.txt", ambiguous)]:
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        f.write("\n".join(items) + "\n")
    print(name, len(items))
