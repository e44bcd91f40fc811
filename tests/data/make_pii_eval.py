#!/usr/bin/env python3
"""Generate an independent, labelled PII evaluation set for the meepraten scrubber.

Outputs (JSON Lines, UTF-8, one object per line):

* ``pii_dev.jsonl``     -- about 300 lines. DEVELOPMENT set: developers may look
  at it and tune detectors on it.
* ``pii_heldout.jsonl`` -- about 600 lines. HELD-OUT set. It must NEVER be used
  for tuning, debugging individual misses, or choosing thresholds/patterns. Only
  report aggregate scores on it. If you had to look at held-out lines to fix
  something, the set is burned: regenerate a new one with new templates, names
  and seed.

Line format::

    {"text": "...", "spans": [{"start": S, "end": E, "type": "KIND"}]}

S/E are offsets in Unicode code points (Python ``str`` indices, *not* bytes and
not UTF-16 units), ``end`` exclusive. KIND is one of PERSON, EMAIL, PHONE, IBAN,
BSN, POSTCODE, ADDRESS, DATE_OF_BIRTH, URL, PLATE, HANDLE. Spans never overlap.
Lines with ``"spans": []`` are negatives with look-alikes (cities, amounts,
times, appointment dates, bus lines, ``@iedereen``, street names without a
house number, organisation names, words that are also surnames, ...).

How it was made
---------------
The author wrote this file without reading the scrubber's source code
(``src/``) or the older ``pii_corpus.jsonl`` generator, so the set is
independent of the detectors. All messages are synthetic: hand-written chat
templates (municipal participation round about Wmo care at home, youth care, a
neighbourhood square, public transport, loneliness, benefits) in Dutch,
English, Ukrainian, Arabic, Turkish and Polish, filled with synthetic values.

The dev and held-out sets use two DISJOINT template sets (asserted below), two
disjoint halves of every name list (even vs. odd positions of faker's lists;
separate hand lists), and different random seeds.

Sources and licences
--------------------
* First/last names: the ``faker`` package (MIT licence), person providers of
  the locales nl_NL, en_GB, uk_UA, ar_AA, tr_TR and pl_PL (name lists are read
  directly from the provider classes and sampled with ``random.Random``).
  Generated with faker 40.63.0; another faker version may ship different name
  lists and will then produce different (still valid) files -- the script
  warns about this.
* Polish surnames, Moroccan-Dutch, Surinamese-Dutch names, Dutch street
  names, neighbourhoods and towns: short hand-made lists of common names
  (facts, no copyright), written for this file.
* Phone numbers, IBANs (valid ISO 13616 mod-97 check digits), BSNs (valid
  Dutch 11-test), postcodes, licence plates (Dutch side codes), e-mail
  addresses, URLs and handles are generated here; any match with a real
  person is coincidental.
* The templates are original text written for this project (same licence as
  the repository).

Labelling conventions are documented in the brief this was written from and
summarised in ``KINDS`` / the template comments below: e.g. titles such as
"juf", "meester", "mevrouw", "fam." are outside PERSON spans; a postcode glued
to a house number ("4852BK287") is one POSTCODE span; street + house number is
one ADDRESS span; only dates that are a birth date by context are
DATE_OF_BIRTH.

Run: ``python3 make_pii_eval.py`` (needs ``faker``; e.g.
``python3 -m venv /tmp/pii-venv && /tmp/pii-venv/bin/pip install faker``).
Deterministic: running it again regenerates both files byte for byte.
"""

import json
import os
import random
import re
import sys
import unicodedata

import faker
from faker.providers.person.ar_AA import Provider as ArProvider
from faker.providers.person.en_GB import Provider as EnProvider
from faker.providers.person.nl_NL import Provider as NlProvider
from faker.providers.person.pl_PL import Provider as PlProvider
from faker.providers.person.tr_TR import Provider as TrProvider
from faker.providers.person.uk_UA import Provider as UkProvider

FAKER_VERSION_USED = "40.63.0"
OUT_DIR = os.path.dirname(os.path.abspath(__file__))
KINDS = ("PERSON", "EMAIL", "PHONE", "IBAN", "BSN", "POSTCODE", "ADDRESS",
         "DATE_OF_BIRTH", "URL", "PLATE", "HANDLE")

SETS = {
    # name: (file, random seed, name-list parity, target line counts per language)
    "dev": ("pii_dev.jsonl", 20240917, 0,
            {"nl": 165, "en": 45, "uk": 23, "ar": 22, "tr": 22, "pl": 23}),
    "heldout": ("pii_heldout.jsonl", 88172351, 1,
                {"nl": 330, "en": 90, "uk": 45, "ar": 45, "tr": 45, "pl": 45}),
}
NEG_SHARE = 0.35


# --------------------------------------------------------------------------
# name lists
# --------------------------------------------------------------------------
def _lst(x):
    return list(dict.fromkeys(x.keys() if isinstance(x, dict) else x))


def _half(xs, parity):
    return [x for i, x in enumerate(xs) if i % 2 == parity]


_NL_LAST_RE = re.compile(
    r"^(?:(?:van|de|den|der|ter|ten|te|van de|van den|van der|van 't|in 't|op de|uit de|in de) )?"
    r"[A-Z][a-zë]+(?:-[A-Z][a-zë]+)?$")
_AR_LAST_BAD = ("بن", "أولاد")
# faker's nl_NL list also holds medieval nobility ("van Wessex"); keep ordinary surnames
_NL_LAST_BAD = ("Allemanië", "Alenburg", "Arnsberg", "Beaumont", "Beieren", "Bentheim", "Bernicia",
                "Boulogne", "Brunswijk", "Dagsburg", "Drenthe", "Egisheim", "Engeland", "Este",
                "Formbach", "Hamaland", "Haspengouw", "Henegouwen", "Herstal", "Holland", "Hostaden",
                "Limburg", "Luxemburg", "Maasgouw", "Metz", "Nederlotharingen", "Northeim",
                "Opper-Lotharingen", "Orleans", "Parijs", "Rheineck", "Saksen", "Schweinfurt",
                "Susa", "Tours", "Verdun", "Vermandois", "Vlaanderen", "Wessex", "Westfalen",
                "Zwaben", "Elzas", "Noordmark", "Darnau", "Laon", "Haag", "Kijnder", "Coterlet",
                "Marduras", "Plantard", "Gratie", "Gruson", "Wickerode", "Lucel")

# hand lists: index 0 = dev, 1 = held-out
MOR_FIRST = (
    {"f": ["Fatima", "Khadija", "Nadia", "Samira", "Naima", "Ilham"],
     "m": ["Mohamed", "Youssef", "Said", "Karim", "Hamza", "Rachid"]},
    {"f": ["Hanane", "Zineb", "Meryem", "Ikram", "Latifa", "Hafsa", "Loubna", "Siham"],
     "m": ["Soufiane", "Bilal", "Anouar", "Ayoub", "Mustafa", "Redouan", "Najib", "Abdelkader"]},
)
MOR_LAST = (
    ["El Amrani", "Bouzid", "Ouali", "El Idrissi", "Benali", "Azzouzi", "Chaouch",
     "Boukhari", "El Khatib", "Ziani"],
    ["Aït Taleb", "Haddouchi", "Bakkali", "El Hamdaoui", "Tahiri", "Achahbar", "Mansouri",
     "Ouchan", "El Ouahabi", "Boussaid", "Amezian", "Rifi", "El Moussaoui", "Belhaj",
     "Kasmi", "Zaouali"],
)
SUR_FIRST = (
    {"f": ["Shanti", "Priya", "Dewi", "Sunita", "Marcia"],
     "m": ["Rishi", "Anand", "Ravi", "Kenneth", "Glenn"]},
    {"f": ["Roshni", "Nisha", "Sharmila", "Xaviera", "Reshma", "Gerda", "Chandra", "Soraya"],
     "m": ["Romano", "Jerrel", "Giovanni", "Urvin", "Rodney", "Winston", "Ashwin", "Quincy"]},
)
SUR_LAST = (
    ["Sewdien", "Ramdin", "Kartosen", "Pinas", "Doelwijt", "Brunings", "Sitaldin",
     "Ramsaran", "Jagessar", "Mahabier"],
    ["Kromodimedjo", "Soekhai", "Tjon-A-Fat", "Wijngaarde", "Zeefuik", "Amatmoekrim",
     "Biharie", "Sabajo", "Karijopawiro", "Ramautar", "Lachmon", "Haarloo", "Eersel",
     "Bhagwandin", "Sno", "Bouterse"],
)
PL_LAST = (
    [("Nowak", "Nowak"), ("Kowalski", "Kowalska"), ("Wiśniewski", "Wiśniewska"),
     ("Wójcik", "Wójcik"), ("Kamiński", "Kamińska"), ("Lewandowski", "Lewandowska"),
     ("Zieliński", "Zielińska"), ("Szymański", "Szymańska"), ("Woźniak", "Woźniak"),
     ("Dąbrowski", "Dąbrowska"), ("Kozłowski", "Kozłowska"), ("Mazur", "Mazur"),
     ("Krawczyk", "Krawczyk"), ("Grabowski", "Grabowska")],
    [("Jankowski", "Jankowska"), ("Kwiatkowski", "Kwiatkowska"), ("Piotrowski", "Piotrowska"),
     ("Pawłowski", "Pawłowska"), ("Michalski", "Michalska"), ("Król", "Król"),
     ("Wieczorek", "Wieczorek"), ("Jabłoński", "Jabłońska"), ("Wróbel", "Wróbel"),
     ("Majewski", "Majewska"), ("Olszewski", "Olszewska"), ("Stępień", "Stępień"),
     ("Malinowski", "Malinowska"), ("Jaworski", "Jaworska"), ("Adamczyk", "Adamczyk"),
     ("Dudek", "Dudek"), ("Nowicki", "Nowicka"), ("Pawlak", "Pawlak"), ("Górski", "Górska"),
     ("Witkowski", "Witkowska"), ("Walczak", "Walczak"), ("Sikora", "Sikora"),
     ("Rutkowski", "Rutkowska"), ("Szewczyk", "Szewczyk"), ("Ostrowski", "Ostrowska"),
     ("Tomaszewski", "Tomaszewska"), ("Zalewski", "Zalewska"), ("Sokołowski", "Sokołowska"),
     ("Kołodziej", "Kołodziej"), ("Czarnecki", "Czarnecka"), ("Głowacki", "Głowacka")],
)
STREETS = (
    ["Kerkstraat", "Dorpsstraat", "Molenweg", "Lange Nieuwstraat", "Burgemeester de Withstraat",
     "Vleutenseweg", "Marnixlaan", "Prinses Irenelaan", "Stationsweg", "Wilhelminastraat",
     "Beatrixlaan", "Oudegracht", "Biltstraat", "Zonnebloemstraat", "Merelstraat",
     "Tulpstraat", "Kastanjelaan", "Hoofdstraat", "Nieuweweg", "Jan van Scorelstraat"],
    ["Schoolstraat", "Julianalaan", "Amsterdamsestraatweg", "Kanaalweg", "Eikenlaan",
     "Koningin Julianaweg", "Burgemeester Norbruislaan", "Van Heemstraweg",
     "Pieter de Hoochstraat", "Sint Jacobsstraat", "Groenestraat", "Berkenlaan",
     "Rozenstraat", "Parkweg", "Dr. Schaepmanstraat", "Van Lieflandlaan",
     "Eerste Oosterparkstraat", "Kardinaal de Jongweg", "Ds. Martin Luther Kingweg",
     "Hendrik Marsmanlaan"],
)

UK_LAT = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie",
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "",
    "ю": "iu", "я": "ia", "'": "", "’": "",
}
UK_LAT_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}


def uk_translit(s):
    out = []
    for i, ch in enumerate(s):
        low = ch.lower()
        start = i == 0 or not s[i - 1].isalpha()
        t = (UK_LAT_INITIAL.get(low) if start else None) or UK_LAT.get(low, low)
        if ch != low and t:
            t = t[0].upper() + t[1:]
        out.append(t)
    return "".join(out)


def ascii_fold(s):
    s = s.replace("ı", "i").replace("ł", "l").replace("Ł", "L").replace("ß", "ss")
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


class Names:
    def __init__(self, parity):
        h = lambda xs: _half(_lst(xs), parity)
        self.nl_first = {"f": h(NlProvider.first_names_female), "m": h(NlProvider.first_names_male)}
        self.nl_last = h([x for x in _lst(NlProvider.last_names) if _NL_LAST_RE.match(x)
                          and x.split()[-1] not in _NL_LAST_BAD])
        self.en_first = {"f": h(EnProvider.first_names_female), "m": h(EnProvider.first_names_male)}
        self.en_last = h(EnProvider.last_names)
        self.uk_first = {"f": h(UkProvider.first_names_female), "m": h(UkProvider.first_names_male)}
        self.uk_last = {"f": h(UkProvider.last_names_female), "m": h(UkProvider.last_names_male)}
        self.ar_first = {"f": h(ArProvider.first_names_female), "m": h(ArProvider.first_names_male)}
        self.ar_last = h([x for x in _lst(ArProvider.last_names)
                          if len(x.split()) <= 2 and len(x) <= 12
                          and not any(b in x.split() for b in _AR_LAST_BAD)])
        self.tr_first = {"f": h(TrProvider.first_names_female), "m": h(TrProvider.first_names_male)}
        self.tr_last = h(TrProvider.last_names)
        self.pl_first = {"f": h(PlProvider.first_names_female), "m": h(PlProvider.first_names_male)}
        self.pl_last = PL_LAST[parity]
        self.mor_first, self.mor_last = MOR_FIRST[parity], MOR_LAST[parity]
        self.sur_first, self.sur_last = SUR_FIRST[parity], SUR_LAST[parity]
        self.streets = STREETS[parity]


# --------------------------------------------------------------------------
# value generators
# --------------------------------------------------------------------------
class Gen:
    def __init__(self, rng, names):
        self.r = rng
        self.n = names

    def c(self, xs):
        return self.r.choice(xs)

    # ---- names ----
    def raw_name(self, pool, gender=None):
        """Return (first, last) in the pool's script."""
        r, n = self.r, self.n
        g = gender or r.choice("fm")
        if pool == "nlmix":
            pool = r.choices(["nl", "mor", "sur", "tr_nl", "uk_lat", "pl"],
                             [55, 15, 12, 10, 4, 4])[0]
        elif pool == "enmix":
            pool = r.choices(["en", "nl", "mor", "sur", "tr_nl"], [72, 10, 6, 6, 6])[0]
        if pool == "nl":
            return self.c(n.nl_first[g]), self.c(n.nl_last)
        if pool == "en":
            return self.c(n.en_first[g]), self.c(n.en_last)
        if pool == "mor":
            return self.c(n.mor_first[g]), self.c(n.mor_last)
        if pool == "sur":
            return self.c(n.sur_first[g]), self.c(n.sur_last)
        if pool in ("uk", "uk_lat"):
            f, l = self.c(n.uk_first[g]), self.c(n.uk_last[g])
            return (uk_translit(f), uk_translit(l)) if pool == "uk_lat" else (f, l)
        if pool == "ar":
            return self.c(n.ar_first[g]), self.c(n.ar_last)
        if pool in ("tr", "tr_nl"):
            f, l = self.c(n.tr_first[g]), self.c(n.tr_last)
            if pool == "tr_nl" and r.random() < 0.5:
                f, l = ascii_fold(f), ascii_fold(l)
            return f, l
        if pool == "pl":
            m, fem = self.c(n.pl_last)
            return self.c(n.pl_first[g]), (fem if g == "f" else m)
        raise ValueError(pool)

    def person(self, flags, pool):
        gender = "f" if "f" in flags else "m" if "m" in flags else None
        first, last = self.raw_name(pool, gender)
        form = next((x for x in flags if x in ("full", "first", "last", "init",
                                               "lowerfirst", "lowerlast", "lowerfull")), "full")
        if form == "full":
            return f"{first} {last}"
        if form == "first":
            return first
        if form == "last":
            # "mevrouw De Vries" vs "mevrouw de Vries": both occur in chat
            return last[0].upper() + last[1:] if self.r.random() < 0.5 else last
        if form == "init":
            inits = first[0] + "."
            if self.r.random() < 0.4:
                inits += self.c("ACEHJLMPRW") + "."
            if self.r.random() < 0.15:
                inits += self.c("AJMW") + "."
            return f"{inits} {last}"
        if form == "lowerfirst":
            return first.lower()
        if form == "lowerlast":
            return last.lower()
        if form == "lowerfull":
            return f"{first} {last}".lower()
        raise ValueError(form)

    def latin_name(self, pool):
        p = {"uk": "uk_lat", "ar": "mor", "tr": "tr_nl", "nl": "nlmix", "en": "enmix"}.get(pool, pool)
        f, l = self.raw_name(p)
        f = ascii_fold(f).lower().replace(" ", "").replace("'", "")
        l = ascii_fold(l).lower().replace(" ", "").replace("'", "").replace("-", "")
        return f, l

    # ---- contact ----
    def email(self, flags, pool):
        f, l = self.latin_name(pool)
        r = self.r
        local = r.choice([f"{f}.{l}", f"{f[0]}.{l}", f"{f}{l}{r.randint(1, 99)}",
                          f"{f}_{r.randint(60, 99)}", f"{l}.{f}", f"{f}.{l}{r.randint(70, 99)}",
                          f"{f}{r.choice(['xx', '123', 'tje', '_nl'])}"])
        doms = {"uk": ["ukr.net", "gmail.com", "i.ua", "meta.ua"],
                "pl": ["wp.pl", "o2.pl", "gmail.com", "onet.pl", "interia.pl"],
                "tr": ["hotmail.com", "gmail.com", "hotmail.com.tr", "yandex.com"],
                "ar": ["hotmail.com", "gmail.com", "live.nl", "outlook.com"],
                "en": ["gmail.com", "outlook.com", "yahoo.co.uk", "protonmail.com", "icloud.com"]}
        dom = self.c(doms.get(pool, ["gmail.com", "hotmail.com", "ziggo.nl", "kpnmail.nl",
                                     "live.nl", "outlook.com", "planet.nl", "xs4all.nl"]))
        e = f"{local}@{dom}"
        if r.random() < 0.08:
            e = e[0].upper() + e[1:]
        return e

    def handle(self, flags, pool):
        f, l = self.latin_name(pool)
        r = self.r
        return "@" + r.choice([f"{f}_{l}", f"{f}.{l[0]}", f"{f}{r.randint(1, 99)}",
                                f"{l}_{f}", f"{f}.{l}", f"{f}_{l[:3]}_", f"the_{f}",
                                f"{f}{l}", f"{f}__{r.randint(10, 99)}"])

    def phone(self, flags, pool):
        r = self.r
        kind = next((x for x in flags if x in ("mobile", "land", "ua", "pl", "tr", "uk", "ma", "de")),
                    None)
        if kind is None:
            kind = {"uk": r.choice(["ua", "ua", "mobile"]), "pl": r.choice(["pl", "pl", "mobile"]),
                    "tr": r.choice(["tr", "tr", "mobile"]), "ar": r.choice(["mobile", "mobile", "ma"]),
                    "en": r.choice(["mobile", "mobile", "land", "uk"])}.get(
                        pool, r.choice(["mobile", "mobile", "mobile", "land"]))
        d = lambda k: "".join(str(r.randint(0, 9)) for _ in range(k))
        if kind == "mobile":
            s = str(r.randint(1, 9)) + d(7)
            return r.choice([
                f"06-{s}", f"06 {s}", f"06{s}", f"06 {s[:2]} {s[2:4]} {s[4:6]} {s[6:]}",
                f"+31 6 {s[:4]} {s[4:]}", f"+31{'6' + s}", f"0031{'6' + s}",
                f"+31 (0)6 {s}", f"06-{s[:3]} {s[3:5]} {s[5:]}", f"+316-{s}"])
        if kind == "land":
            if r.random() < 0.6:
                a = r.choice(["010", "020", "030", "040", "050", "070", "071", "073", "038"])
                s = str(r.randint(2, 9)) + d(6)
                return r.choice([f"{a}-{s}", f"{a} {s[:3]} {s[3:]}", f"({a}) {s[:3]} {s[3:5]} {s[5:]}",
                                 f"+31 {a[1:]} {s[:3]} {s[3:]}", f"{a}{s}", f"{a} - {s}"])
            a = r.choice(["0346", "0318", "0575", "0172", "0348", "0294", "0523"])
            s = str(r.randint(2, 9)) + d(5)
            return r.choice([f"{a}-{s}", f"{a} {s[:2]} {s[2:4]} {s[4:]}", f"({a}) {s}",
                             f"+31 {a[1:]} {s}"])
        if kind == "ua":
            op = r.choice(["67", "68", "50", "63", "66", "93", "97", "98", "95"])
            s = d(7)
            return r.choice([f"+380 {op} {s[:3]} {s[3:]}", f"+380{op}{s}", f"0{op} {s[:3]} {s[3:5]} {s[5:]}",
                             f"+380 ({op}) {s[:3]}-{s[3:5]}-{s[5:]}", f"+380 {op} {s[:3]} {s[3:5]} {s[5:]}"])
        if kind == "pl":
            s = r.choice("5678") + d(8)
            return r.choice([f"+48 {s[:3]} {s[3:6]} {s[6:]}", f"+48{s}", f"{s[:3]}-{s[3:6]}-{s[6:]}",
                             f"0048 {s[:3]} {s[3:6]} {s[6:]}"])
        if kind == "tr":
            s = "5" + r.choice("0345") + d(8)
            return r.choice([f"+90 {s[:3]} {s[3:6]} {s[6:8]} {s[8:]}", f"0{s[:3]} {s[3:6]} {s[6:8]} {s[8:]}",
                             f"+90{s}", f"0 ({s[:3]}) {s[3:6]} {s[6:8]} {s[8:]}"])
        if kind == "uk":
            s = d(6)
            return r.choice([f"+44 7{d(3)} {s}", f"07{d(3)} {s}"])
        if kind == "ma":
            s = d(8)
            return r.choice([f"+212 6 {s[:2]} {s[2:4]} {s[4:6]} {s[6:]}", f"+2126{s}",
                             f"00212 6{s[:2]} {s[2:5]} {s[5:]}"])
        if kind == "de":
            return f"+49 15{r.randint(1, 9)} {d(8)}"
        raise ValueError(kind)

    # ---- numbers with checksums ----
    @staticmethod
    def iban_check(country, bban):
        digits = "".join(str(int(ch, 36)) for ch in bban + country + "00")
        return f"{98 - int(digits) % 97:02d}"

    def iban(self, flags, pool):
        r = self.r
        d = lambda k: "".join(str(r.randint(0, 9)) for _ in range(k))
        cc = next((x for x in flags if x in ("nl", "de", "be", "pl")), None)
        if cc is None:
            foreign = {"pl": "pl", "en": "de", "tr": "de", "uk": "pl", "ar": "be"}.get(pool, "de")
            cc = foreign if r.random() < 0.22 else "nl"
        if cc == "nl":
            bban = r.choice(["ABNA", "INGB", "RABO", "SNSB", "ASNB", "TRIO", "KNAB", "BUNQ", "RBRB"]) + d(10)
        elif cc == "de":
            bban = str(r.randint(1, 8)) + d(7) + d(10)
        elif cc == "be":
            first = d(10)
            chk = int(first) % 97 or 97
            bban = first + f"{chk:02d}"
        else:
            bban = d(24)
            bban = str(r.randint(1, 9)) + bban[1:]
        C = cc.upper()
        iban = C + self.iban_check(C, bban) + bban
        assert int("".join(str(int(ch, 36)) for ch in iban[4:] + iban[:4])) % 97 == 1
        style = r.random()
        if style < 0.5:
            out = " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))
        elif style < 0.93:
            out = iban
        else:
            out = iban.lower()
        return out

    def bsn(self, flags, pool):
        r = self.r
        while True:
            ds = [r.randint(1, 9)] + [r.randint(0, 9) for _ in range(7)]
            s = sum(dd * w for dd, w in zip(ds, range(9, 1, -1)))
            last = s % 11
            if last == 10:
                continue
            ds.append(last)
            num = "".join(map(str, ds))
            assert sum(int(x) * w for x, w in zip(num, [9, 8, 7, 6, 5, 4, 3, 2, -1])) % 11 == 0
            break
        style = next((x for x in flags if x in ("dots", "dashes", "plain")), None)
        if style is None:
            style = r.choices(["plain", "dots", "dashes", "spaces"], [60, 18, 12, 10])[0]
        if style == "dots":
            return f"{num[:3]}.{num[3:6]}.{num[6:]}"
        if style == "dashes":
            return f"{num[:3]}-{num[3:6]}-{num[6:]}"
        if style == "spaces":
            return f"{num[:4]} {num[4:6]} {num[6:]}"
        return num

    # ---- location ----
    def _pc(self):
        r = self.r
        while True:
            letters = r.choice("ABCDEGHJKLMNPRSTVWXZ") + r.choice("ABCDEGHJKLMNPRSTVWXZ")
            if letters not in ("SA", "SD", "SS"):
                return str(r.randint(1000, 9999)), letters

    def postcode(self, flags, pool):
        r = self.r
        num, let = self._pc()
        if "glued" in flags:
            hn = str(r.randint(1, 350)) + (r.choice(["", "", "", "a", "B"]))
            return f"{num}{let}{hn}" if r.random() < 0.8 else f"{num}{let.lower()}{hn}"
        return r.choice([f"{num} {let}", f"{num} {let}", f"{num}{let}", f"{num}{let.lower()}",
                         f"{num} {let.lower()}"])

    def address(self, flags, pool):
        r = self.r
        st = self.c(self.n.streets)
        n = str(r.randint(1, 240))
        hn = r.choices([n, n + r.choice("abc"), n + r.choice("ABC"), n + "-bis", n + " bis",
                        n + "-" + str(r.randint(1, 4)), n + " hs", n + "-II", n + " " + r.choice("AB")],
                       [50, 10, 6, 4, 3, 8, 5, 5, 5])[0]
        a = f"{st} {hn}"
        if pool in ("nl", "en") and r.random() < 0.15:
            a = a.lower()
        return a

    # ---- dates of birth ----
    NL_M = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
            "september", "oktober", "november", "december"]
    NL_MA = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
    EN_M = ["January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December"]
    UK_M = ["січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня",
            "вересня", "жовтня", "листопада", "грудня"]
    TR_M = ["Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos",
            "Eylül", "Ekim", "Kasım", "Aralık"]
    PL_M = ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia",
            "września", "października", "listopada", "grudnia"]
    AR_M = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
            "أكتوبر", "نوفمبر", "ديسمبر"]

    @staticmethod
    def nl_words(n):
        units = ["nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen"]
        teens = ["tien", "elf", "twaalf", "dertien", "veertien", "vijftien", "zestien",
                 "zeventien", "achttien", "negentien"]
        tens = {2: "twintig", 3: "dertig", 4: "veertig", 5: "vijftig", 6: "zestig",
                7: "zeventig", 8: "tachtig", 9: "negentig"}
        if n < 10:
            return units[n]
        if n < 20:
            return teens[n - 10]
        t, u = divmod(n, 10)
        if u == 0:
            return tens[t]
        uw = units[u]
        return uw + ("ën" if uw.endswith("e") else "en") + tens[t]

    def nl_year_words(self, y):
        if y >= 2000:
            return "tweeduizend" + ("" if y == 2000 else self.nl_words(y - 2000))
        yy = y - 1900
        if yy < 10 or self.r.random() < 0.25:
            return "negentienhonderd" + ("" if yy == 0 else self.nl_words(yy))
        return "negentien" + self.nl_words(yy)

    def dob(self, flags, pool):
        r = self.r
        y = (r.randint(2006, 2021) if "child" in flags else r.randint(1930, 1962) if "old" in flags
             else r.randint(1932, 2003))
        m, d = r.randint(1, 12), r.randint(2, 28)
        yy = y % 100
        lang = "nl" if "nl" in flags else pool
        style = next((x for x in flags if x in ("apos", "dots", "iso", "words", "slash", "text")), None)
        if style == "iso":
            return f"{y}-{m:02d}-{d:02d}"
        if style == "dots":
            return f"{d:02d}.{m:02d}.{y}"
        if style == "slash":
            return f"{d:02d}/{m:02d}/{y}" if r.random() < 0.7 else f"{d}/{m}/{y}"
        if lang == "nl":
            if style == "apos":
                return f"{d} {self.NL_M[m - 1]} '{yy:02d}"
            if style == "words":
                return f"{self.nl_words(d)} {self.NL_M[m - 1]} {self.nl_year_words(y)}"
            if style == "text":
                return f"{d} {self.NL_M[m - 1]} {y}"
            return r.choice([f"{d:02d}-{m:02d}-{y}", f"{d}-{m}-{y}", f"{d} {self.NL_M[m - 1]} {y}",
                             f"{d} {self.NL_MA[m - 1]} {y}", f"{d:02d}-{m:02d}-{yy:02d}",
                             f"{d}/{m}/{y}", f"{d:02d}.{m:02d}.{y}", f"{d} {self.NL_M[m - 1]} '{yy:02d}"])
        if lang == "en":
            suf = "th" if 11 <= d <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
            return r.choice([f"{d:02d}/{m:02d}/{y}", f"{d} {self.EN_M[m - 1]} {y}",
                             f"{self.EN_M[m - 1]} {d}, {y}", f"{d}{suf} of {self.EN_M[m - 1]} {y}",
                             f"{self.EN_M[m - 1][:3]} {d} {y}", f"{y}-{m:02d}-{d:02d}"])
        if lang == "uk":
            return r.choice([f"{d:02d}.{m:02d}.{y}", f"{d:02d}.{m:02d}.{y}", f"{d} {self.UK_M[m - 1]} {y}"])
        if lang == "tr":
            return r.choice([f"{d:02d}.{m:02d}.{y}", f"{d} {self.TR_M[m - 1]} {y}", f"{d:02d}/{m:02d}/{y}"])
        if lang == "pl":
            return r.choice([f"{d:02d}.{m:02d}.{y}", f"{d} {self.PL_M[m - 1]} {y}", f"{d:02d}-{m:02d}-{y}"])
        if lang == "ar":
            s = r.choice([f"{d:02d}/{m:02d}/{y}", f"{y}/{m:02d}/{d:02d}", f"{d} {self.AR_M[m - 1]} {y}",
                          f"{d:02d}-{m:02d}-{y}"])
            if r.random() < 0.25:
                s = s.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
            return s
        raise ValueError(lang)

    # ---- other ----
    def url(self, flags, pool):
        r = self.r
        tok = lambda k: "".join(r.choice("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
                                for _ in range(k))
        slug = self.c(["plein", "buurtplein", "wmo", "jeugdhulp", "ov", "samen", "buurthuis",
                       "eenzaamheid", "toeslagen", "speeltuin"])
        return self.c([
            f"https://www.{self.c(['utrecht', 'zwolle', 'amersfoort', 'nieuwegein'])}.nl/{slug}",
            f"www.{self.c(['buurtinitiatief', 'onswijkje', 'meedoen-in-de-wijk', 'plein-petitie'])}.nl/{slug}",
            f"bit.ly/{tok(7)}", f"https://bit.ly/{tok(6)}", f"tinyurl.com/{tok(8).lower()}",
            f"https://forms.gle/{tok(10)}", f"https://chat.whatsapp.com/{tok(16)}",
            f"https://www.facebook.com/groups/{slug}{r.randint(10, 999)}",
            f"http://{slug}-{self.c(['lombok', 'overvecht', 'zuilen', 'hoograven'])}.nl",
            f"https://youtu.be/{tok(11)}", f"https://petities.nl/petitions/{slug}-nu?locale=nl",
            f"https://www.instagram.com/p/{tok(11)}/", f"https://linktr.ee/{slug}{r.randint(1, 99)}",
        ])

    def plate(self, flags, pool):
        r = self.r
        L = lambda k: "".join(r.choice("BDFGHJKLNPRSTVXZ") for _ in range(k))
        D = lambda k: str(r.randint(1, 9)) + "".join(str(r.randint(0, 9)) for _ in range(k - 1))
        parts = r.choice([
            (L(2), D(2), D(2)), (D(2), D(2), L(2)), (D(2), L(2), D(2)), (L(2), D(2), L(2)),
            (L(2), L(2), D(2)), (D(2), L(2), L(2)), (D(2), L(3), D(1)), (D(1), L(3), D(2)),
            (L(2), D(3), L(1)), (L(1), D(3), L(2)), (L(3), D(2), L(1)), (L(1), D(2), L(3)),
            (D(1), L(2), D(3)), (D(3), L(2), D(1)),
        ])
        s = r.random()
        if s < 0.7:
            return "-".join(parts)
        if s < 0.9:
            return "".join(parts)
        return "-".join(parts).lower()


# --------------------------------------------------------------------------
# fillers (never labelled)
# --------------------------------------------------------------------------
FILL = {
    "year": [str(y) for y in range(1998, 2024)],
    "wijk": ["Kanaleneiland", "Overvecht", "Lombok", "Zuilen", "Hoograven", "Lunetten",
             "Leidsche Rijn", "Vleuten", "De Meern", "Tuindorp", "Ondiep", "Transwijk",
             "Wittevrouwen", "Oog in Al", "Holtenbroek", "Stadshagen", "Diezerpoort",
             "Kattenbroek", "Presikhaaf", "Schilderswijk"],
    "city": ["Utrecht", "Zwolle", "Amersfoort", "Nieuwegein", "Houten", "Zeist", "Arnhem",
             "Rotterdam", "Den Haag", "Almere", "Tilburg", "Deventer", "Enschede", "Apeldoorn",
             "Leeuwarden", "Groningen", "'s-Hertogenbosch", "Maarssen", "IJsselstein"],
    "city_uk": ["Утрехті", "Амстердамі", "Роттердамі", "Гаазі", "Зволле", "Амерсфорті"],
    "amount": ["€ 12,50", "€12,50", "€ 1.250", "19 euro", "€ 21,40", "€ 600", "€ 1.100,-",
               "EUR 85", "€ 3,20", "€ 47,80 per maand", "€ 975", "€19,90", "€ 214,-"],
    "time": ["14:30", "9.00", "half 3", "10 uur", "19:45", "kwart over 8", "16.15", "22:00",
             "8 uur 's ochtends", "13:00"],
    "time_en": ["2.30pm", "10am", "7:45", "half past six", "noon", "18:00"],
    "dur": ["20 minuten", "een half uur", "45 min", "anderhalf uur", "2,5 uur", "40 minuten",
            "een kwartier", "ruim een uur"],
    "dur_en": ["20 minutes", "half an hour", "45 mins", "an hour and a half", "15 min"],
    "dur_long": ["3 maanden", "een half jaar", "8 weken", "ruim een jaar", "14 maanden",
                 "twee jaar", "6 weken", "bijna 10 maanden"],
    "dur_long_en": ["3 months", "half a year", "8 weeks", "over a year", "14 months"],
    "dur_uk": ["40 хвилин", "годину", "пів години", "понад годину"],
    "dur_ar": ["ساعة كاملة", "نصف ساعة", "40 دقيقة", "أكثر من ساعة"],
    "dur_tr": ["40 dakika", "bir saat", "yarım saat", "bir buçuk saat"],
    "dur_pl": ["40 minut", "godzinę", "pół godziny", "ponad godzinę"],
    "line": ["2", "3", "8", "12", "28", "34", "41", "47", "73", "77", "200", "9"],
    "hn": ["14", "23b", "7", "112", "6a", "41", "88", "19A", "201", "3"],
    "art": ["2.3.5", "2.1.2", "1.1.1", "2.3.2 lid 4", "2.3.6", "8.1.1"],
    "pct": ["30%", "12 procent", "40 %", "15%", "bijna 60%", "8,5%", "2/3"],
    "age": [str(a) for a in range(67, 93)],
    "age_child": [str(a) for a in range(4, 16)],
    "age_child_ar": [str(a) for a in range(3, 11)],
    "count": [str(c) for c in range(2, 16)],
    "appt": ["3 maart", "maandag 14 oktober", "dinsdag", "12 april", "vrijdag 9 februari",
             "woensdagmiddag", "1 november", "zaterdag 22 juni", "donderdag de 5e"],
    "appt_num": ["12-04-2024", "3/3", "17-10-2023", "05.06.2024", "8-1", "21-11", "2024-02-13"],
    "appt_en": ["March 3rd", "Tuesday 12 Nov", "the 14th", "12/04/2024", "Monday", "1 June"],
    "appt_uk": ["3 березня", "у вівторок", "12.04.2024", "в понеділок", "1 червня"],
    "appt_ar": ["الثلاثاء", "3 مارس", "12/04/2024", "يوم الاثنين", "الخميس القادم"],
    "appt_tr": ["3 Mart", "salı günü", "12.04.2024", "pazartesi", "geçen perşembe"],
    "appt_pl": ["3 marca", "we wtorek", "12.04.2024", "w poniedziałek", "w czwartek"],
    "deadline": ["1 juni", "31-12-2024", "eind maart", "15 september", "30-06"],
    "street": ["Kerkstraat", "Jan van Galenstraat", "Amsterdamsestraatweg", "Vleutenseweg",
               "Marco Pololaan", "Europalaan", "Kardinaal de Jongweg", "Johannes Vermeerstraat",
               "Pieter Baastraat", "Burgemeester Reigerstraat", "Willem van Noortstraat",
               "Gerrit Rietveldlaan"],
    "school": ["de Jan Ligthartschool", "de Rietendakschool", "het Pieter Nieuwland College",
               "de Anne Frankschool", "de Dr. Schaepmanschool", "de Juliana van Stolbergschool",
               "het Christiaan Huygens College"],
    "m2": ["48", "55", "62", "70", "38"],
    "km": ["2", "3.5", "1.8", "4"],
    "dom": ["24", "28", "1", "15", "23"],
}

# --------------------------------------------------------------------------
# templates
#   {KIND}, {KIND:flag,flag}, {KIND@pool}, {KIND:flags@pool}: labelled value
#   {f:name}: unlabelled filler from FILL
#   a leading "[mix]" marks a line mixing Dutch with another language
# --------------------------------------------------------------------------
T_DEV = {
    "nl": {
        "pos": [
            "ik ben {PERSON:full}, woon in {f:wijk} en mis echt een plek om koffie te drinken met anderen",
            "geboren op {DOB}, alleenstaand, geen familie in de buurt. tel {PHONE}",
            "geb. {DOB:apos} en nog steeds vitaal hoor 💪 maar de stoepen zijn levensgevaarlijk",
            "mijn zoon is van {DOB:child,dots} en krijgt nu pas hulp van jeugdzorg",
            "{DOB:iso} is mijn geboortedatum, dat vroegen ze bij de aanvraag",
            "hierbij mijn gegevens: {PERSON:init}, {ADDRESS}, {POSTCODE} {f:city}",
            "de hulp van {PERSON:first} (thuiszorg) is top, alleen veel te kort",
            "Kunt u mij bellen? {PHONE:mobile}. mvg {PERSON:full}",
            "rekening {IBAN} bsn {BSN}",
            "mijn mailadres is {EMAIL}, groet {PERSON:first}",
            "juf {PERSON:lowerfirst} heeft gezegd dat we een gesprek met het wijkteam moeten hebben",
            "mijn buurman {PERSON:lowerfirst} heeft geen familie meer, ik doe zijn boodschappen",
            "meester {PERSON:lowerlast} van de bso is heel betrokken",
            "de fam. {PERSON:lowerlast} op nummer 8 heeft hulp nodig met de tuin",
            "kijk op {URL} daar staat de agenda, of vraag {PERSON:first}",
            "mijn kenteken is {PLATE}, ik heb een gehandicaptenparkeerkaart aangevraagd. gr {PERSON:init}",
            "volg ons op {HANDLE} voor updates over het plein",
            "Mevrouw {PERSON:last} van de gemeente heeft me beloofd terug te bellen",
            "mijn schoonzoon {PERSON:full,m} is mijn mantelzorger, zijn mail is {EMAIL}",
            "ik ({PERSON:full}) woon op {ADDRESS} en mijn postcode is {POSTCODE}",
            "{POSTCODE:glued} is mijn adres, de bus stopt niet meer in de straat",
            "bsn {BSN:dots}, nog steeds geen bericht over mijn bijzondere bijstand",
            "Graag contact met {PERSON:full} of met mij ({PHONE:land})",
            "mijn oma {PERSON:full,f} woont op {ADDRESS} en zit de hele dag alleen",
            "{PERSON:first} en ik hebben samen de buurtapp opgezet, bereikbaar via {PHONE:mobile}",
            "de auto van buurman {PERSON:first,m} ({PLATE}) staat altijd op de stoep",
            "mijn IBAN is {IBAN}, daar moet de kwijtschelding op",
            "{PERSON:full} zegt dat er in {f:wijk} ook veel eenzame mensen zijn",
            "Mijn dochter is geboren op {DOB:child,words}, ze heeft een rugzakje nodig",
            "de link naar de enquete: {URL} 😊",
            "geboren op {DOB:words} en nog nooit zo'n slechte busverbinding gezien",
            "{PERSON:full} ({PHONE}) wil graag vrijwilliger worden bij de buurtkamer",
            "in de appgroep van {f:wijk}: {PERSON:first,f} heeft een lijst gemaakt, mail haar op {EMAIL}",
            "mn parkeerplaats wordt steeds bezet door een busje, kenteken {PLATE} 😡",
            "ik ben {PERSON:full} en mijn bsn is {BSN}, ik wacht al {f:dur_long} op antwoord",
            "contact: {PERSON:init} / {PHONE} / {ADDRESS}",
            "vraag maar naar {PERSON:first} bij de inloop, of app {HANDLE}",
            "onze wijkverpleegkundige {PERSON:first,f} is een engel 😇",
            "namens {PERSON:full} en mijzelf: meer bankjes aub",
            "ik ben {PERSON:full}, op mijn site staan de plannen voor het plein: {URL}",
            "{PERSON:full,f} ({HANDLE} op insta) organiseert de buurtbarbecue",
            "de jongerencoach {PERSON:full,m} zegt dat er te weinig te doen is voor tieners",
            "hulp bij de formulieren kreeg ik van {PERSON:init}, super!",
            "meneer {PERSON:last} van nr 5 rijdt de ouderen naar de markt, {PHONE:mobile} als je mee wilt",
            "overmaken kan op {IBAN} t.n.v. {PERSON:init}",
            "doneren kan via {URL} of op {IBAN}",
            "de witte bus met kenteken {PLATE} staat elke nacht op de parkeerplaats bij de school",
            "mijn bsn is {BSN:dashes} en geboortedatum {DOB}",
            "postcode {POSTCODE} en huisnummer {f:hn}, graag een nieuwe container",
        ],
        "neg": [
            "Soms sta ik {f:dur} op de bus te wachten in de regen",
            "Graag een zebrapad bij de school, het is gevaarlijk",
            "Helaas kan ik niet naar de avond op {f:appt}, ik werk dan",
            "de kosten zijn {f:amount} per uur, dat is te duur voor ons",
            "lijn {f:line} moet weer door {f:wijk} rijden!!",
            "ik woon sinds {f:year} in {f:city} en het wordt steeds drukker",
            "@iedereen wie komt er {f:appt} helpen met opruimen?",
            "volgens artikel {f:art} Wmo moet de gemeente binnen 6 weken beslissen",
            "mijn huis heeft nummer {f:hn} maar de post komt steeds bij de buren",
            "een visser uit Urk vertelde dat het in hun dorp veel beter geregeld is",
            "de bakker op de hoek geeft oud brood aan de voedselbank, top! ({f:count} zakken per dag)",
            "{f:pct} van de mensen in onze flat is boven de 75",
            "op {f:appt_num} is de afspraak bij het CJG om {f:time}",
            "{f:wijk} heeft meer groen nodig en minder beton",
            "we zijn met {f:count} gezinnen in de straat die hulp krijgen van de voedselbank",
            "Wmo-vervoer komt altijd {f:dur} te laat",
            "de huur is {f:amount}, de huurtoeslag dekt maar een deel",
            "De Albert Heijn in {f:wijk} heeft geen bezorging meer voor ouderen",
            "Zorg dat de {f:street} een fietsstraat wordt, nu is het levensgevaarlijk",
            "mijn zoon zit op {f:school} en daar zijn {f:count} kinderen met een indicatie",
        ],
    },
    "en": {
        "pos": [
            "Hello, my name is {PERSON:full}, phone {PHONE}",
            "born {DOB:slash}, I'm a single mum and need help with childcare",
            "email me: {EMAIL} (ask for {PERSON:first})",
            "{PERSON:full} here, I live at {ADDRESS} ({POSTCODE})",
            "my daughter {PERSON:first,f} is waiting for youth care since {f:year}",
            "IBAN {IBAN} – please refund the parking fine",
            "see {URL} for the petition",
            "car {PLATE} is mine, I need a disabled parking spot near the square",
            "I follow {HANDLE} for news about the neighbourhood",
            "my father {PERSON:full,m} was born {DOB:old} and lives alone since mum died",
            "BSN {BSN}, case still open after {f:dur_long_en}",
            "my wife {PERSON:full,f} volunteers at the food bank",
            "I'm {PERSON:full}, my blog about the neighbourhood: {URL}",
            "send donations to {IBAN}, thanks {PERSON:first}!",
            "my car is {PLATE} and my BSN {BSN} for the parking permit",
        ],
        "neg": [
            "Please add more lighting on the square, it's scary at night",
            "The bus (line {f:line}) only runs every {f:dur_en}",
            "I have an appointment on {f:appt_en} at the municipality",
            "Rent is {f:amount}, we can't afford it",
            "@all thanks for organising this!",
            "Loneliness is a big problem in {f:wijk}, especially for older people",
        ],
    },
    "uk": {
        "pos": [
            "Добрий день, я {PERSON:full}, мій телефон {PHONE:ua}",
            "дата народження {DOB}, живу в {f:city_uk}",
            "пошта {EMAIL}, {PERSON:full}",
            "адреса {ADDRESS}, {POSTCODE}",
            "[mix]ik ben {PERSON:full@uk_lat}, mijn zoon {PERSON:first,m@uk_lat} zoekt een school",
            "рахунок {IBAN}, {PERSON:full}",
            "Моя сусідка {PERSON:full,f} теж шукає роботу",
            "Я {PERSON:full,f}, мама двох дітей, Instagram {HANDLE}",
            "[mix]mijn man {PERSON:first,m@uk_lat} werkt, ik ben alleen thuis met de kinderen",
        ],
        "neg": [
            "Автобус {f:line} часто запізнюється",
            "Ми в Нідерландах з {f:year} року",
            "зустріч {f:appt_uk} о {f:time}",
            "Дякую за допомогу 🙏",
        ],
    },
    "ar": {
        "pos": [
            "أنا {PERSON:full} ورقم هاتفي {PHONE}",
            "تاريخ ميلادي {DOB}",
            "البريد: {EMAIL} - {PERSON:full}",
            "أسكن في {ADDRESS}",
            "[mix]hoi, ik ben {PERSON:full@mor}, mijn bsn is {BSN}",
            "ابنتي {PERSON:first,f} تحتاج مساعدة في المدرسة",
            "لوحة سيارتي {PLATE} وأحتاج موقف قريب من البيت",
            "[mix]ik ben {PERSON:full,f@mor}, mijn instagram is {HANDLE}",
            "زوجتي {PERSON:full,f} تحتاج كرسي متحرك",
        ],
        "neg": [
            "الحافلة {f:line} لا تأتي في الوقت",
            "أعيش في {f:city} منذ {f:year}",
            "موعدي {f:appt_ar}",
            "نحتاج مكان للنساء في الحي 🙏",
        ],
    },
    "tr": {
        "pos": [
            "Merhaba, ben {PERSON:full}, tel: {PHONE:tr}",
            "doğum tarihim {DOB}",
            "mail adresim {EMAIL}, ben {PERSON:full}",
            "ev adresi: {ADDRESS} {POSTCODE}",
            "[mix]ik ben {PERSON:full@tr_nl} en mijn moeder woont alleen op {ADDRESS}",
            "IBAN numaram {IBAN}",
            "instagram hesabım {HANDLE}",
            "kızım {PERSON:first,f} okulda çok yalnız",
            "[mix]mijn opa {PERSON:full,m@tr_nl} woont alleen, dedem çok yalnız",
        ],
        "neg": [
            "Otobüs {f:line} çok kalabalık",
            "{f:year} yılından beri Overvecht'te oturuyoruz",
            "randevum {f:appt_tr} saat {f:time}",
            "Teşekkürler, meydan güzel olacak inşallah",
        ],
    },
    "pl": {
        "pos": [
            "Dzień dobry, jestem {PERSON:full}, tel. {PHONE:pl}",
            "data urodzenia: {DOB}",
            "mail: {EMAIL}, {PERSON:full}",
            "mieszkam na {ADDRESS}, {POSTCODE}",
            "[mix]ik heet {PERSON:full@pl} en mijn rekening is {IBAN}",
            "kenteken mojego auta {PLATE}",
            "link do ankiety {URL}",
            "moja córka {PERSON:first,f} czeka na terapię od {f:year} roku",
            "[mix]mijn collega {PERSON:full@pl} zegt hetzelfde, we wachten al lang",
        ],
        "neg": [
            "Autobus {f:line} jest zawsze pełny",
            "Mieszkam w Holandii od {f:year} roku",
            "spotkanie {f:appt_pl} o {f:time}",
            "Dzięki, fajna inicjatywa 👍",
        ],
    },
}

T_HELDOUT = {
    "nl": {
        "pos": [
            "hoi, ik ben {PERSON:full} en ik krijg sinds {f:year} huishoudelijke hulp via de wmo. bel me gerust op {PHONE}",
            "Mijn moeder ({PERSON:full,f}, geboren {DOB:old}) woont alleen in {f:wijk} en ziet bijna niemand meer 😔",
            "de thuiszorg komt maar 1x per week, kunt u contact opnemen met mijn dochter {PERSON:first,f}? haar nummer is {PHONE:mobile}",
            "adres: {ADDRESS}, {POSTCODE} {f:city}. ik kan zelf niet meer naar het loket komen",
            "ik heb de toeslag terug moeten betalen, mijn rekeningnummer is {IBAN} en bsn {BSN}",
            "mail mij maar op {EMAIL} dan stuur ik de foto's van het plein, groetjes {PERSON:first}",
            "juf {PERSON:lowerfirst,f} van groep 5 zegt dat mijn zoon een indicatie voor jeugdzorg nodig heeft",
            "meester {PERSON:lowerlast} heeft ons doorverwezen naar het buurtteam, maar daar hoorden we niks meer van",
            "De buurvrouw, mevrouw {PERSON:last}, zit al 2 jaar in een rolstoel en kan de bus niet in",
            "zoek maar op {HANDLE} op insta, daar post ik foto's van de kapotte bankjes op het plein",
            "het formulier staat op {URL} maar die link werkt niet op mijn telefoon, kan iemand het naar {EMAIL} sturen?",
            "m'n zoon is van {DOB:child} en wacht al 9 maanden op een plek bij de jeugd-ggz",
            "ik parkeer mijn auto ({PLATE}) altijd op het plein omdat er geen plek is voor mindervaliden",
            "{PERSON:init} hier, mantelzorger van mijn man. wij wonen op {ADDRESS} en de stoep is te smal voor de rollator",
            "ik ben {PERSON:full} ({DOB}) en ik heb een wmo-taxipas nodig, tel {PHONE:land}",
            "graag terugbellen op {PHONE} of mailen naar {EMAIL}, groet {PERSON:full}",
            "mijn buurman {PERSON:lowerfirst,m} is erg eenzaam sinds zijn vrouw overleden is, misschien kan iemand langsgaan op {ADDRESS}",
            "postcode {POSTCODE}, huisnr {f:hn}. de lantaarnpaal voor de deur is al weken stuk",
            "wij (fam. {PERSON:lowerlast}) wonen op {POSTCODE:glued} en de bus stopt niet meer bij ons",
            "bsn van mijn vader ({PERSON:full,m}) is {BSN}, kunnen jullie zijn aanvraag voor de scootmobiel checken?",
            "die bijstand is gestort op het verkeerde rekeningnummer. het goede is {IBAN}, bsn {BSN}",
            "Geboren op {DOB:words}, dus ik ben al wat ouder 😅 maar ik wil best meedenken over het plein",
            "{PERSON:full} van het wijkteam heeft ons echt geholpen!! 👍",
            "kenteken {PLATE}, de wagen van mijn schoonvader die mij naar de dagbesteding brengt. wordt steeds weggesleept bij de {f:street}",
            "de jongeren op het plein hebben een groep, {URL} , misschien handig voor jullie",
            "ik woon {ADDRESS} {POSTCODE} en heb geen contact meer met de buren",
            "Mijn dochter {PERSON:first,f} (geb. {DOB:child}) heeft autisme en de wachtlijst is 14 maanden",
            "mijn naam: {PERSON:full}\nemail: {EMAIL}\ntelefoon: {PHONE}",
            "volg de actie tegen het sluiten van de buurthuiskamer via {HANDLE} en {URL}",
            "de wmo-consulent {PERSON:init} zei dat ik geen recht had op hulp, maar ik kan niet eens zelf douchen",
            "mn ex {PERSON:full} betaalt geen alimentatie meer dus ik zit nu in de bijstand",
            "ik ben opa {PERSON:lowerfirst,m} 😊 mijn kleinkinderen spelen graag op het plein maar de glijbaan is kapot",
            "{PERSON:first} en {PERSON:first} van de voedselbank doen echt goed werk",
            "mijn rekening is {IBAN} bsn {BSN} graag de vergoeding voor de traplift daarop",
            "bel {PERSON:first,f} op {PHONE:mobile}, zij regelt de koffieochtend voor ouderen in {f:wijk}",
            "het gaat om mijn oom, {PERSON:full,m}, woonachtig {ADDRESS} te {f:city}",
            "auto met kenteken {PLATE} staat al 3 weken op de invalidenparkeerplaats zonder kaart",
            "mijn moeder is geboren {DOB:old} in Paramaribo en spreekt slecht nederlands, de brieven van de gemeente snapt ze niet",
            "stuur de uitnodiging naar {EMAIL} aub, mijn post komt niet aan op {ADDRESS} {POSTCODE}",
            "de leerplichtambtenaar, dhr. {PERSON:last}, wil een gesprek maar mijn zoon ({PERSON:first,m}, {DOB:child}) is ziek thuis",
            "Ik ben {PERSON:full}, {f:age} jaar. Eenzaamheid? ja. sinds mijn pensioen zie ik alleen de thuiszorg",
            "tante {PERSON:lowerfirst,f} woont op {ADDRESS} ({POSTCODE}) maar kan de trap niet meer op",
            "mijn bsn: {BSN}\nmijn iban: {IBAN}",
            "zie {URL} voor de petitie over lijn {f:line}. groet, {PERSON:init}",
            "{HANDLE} heeft een filmpje gemaakt van de gevaarlijke oversteek bij het plein, echt kijken",
            "bellen kan naar {PHONE:land} (vaste lijn) of {PHONE:mobile}",
            "de parkeerplaats bij de huisarts is altijd vol, gisteren stond er weer een bus met kenteken {PLATE} dwars",
            "{PERSON:full} en ik ({PERSON:full}) willen graag in de klankbordgroep voor het plein",
            "geboortedatum {DOB}, bsn {BSN}, dat vroeg de consulent allemaal maar ik weet niet waarom",
            "vriendin van me, {PERSON:full,f}, heeft ook die brief van het UWV gekregen",
            "mijn kind zit op {f:school}, en meneer {PERSON:last} daar zegt dat ze een rugzakje moet krijgen",
            "voor vragen over de bewonersavond: {EMAIL} of {PHONE} (vraag naar {PERSON:first})",
            "ons nieuwe adres is {ADDRESS}\n{POSTCODE} {f:city}",
            "ik ben {PERSON:full}, 2e generatie, en ik zie dat veel ouderen in {f:wijk} de weg niet vinden naar de wmo",
            "hallo {PERSON:first}! (sorry dat was voor mijn zus) 🙈",
            "mijn schoonmoeder {PERSON:full,f} moet elke week naar de dialyse en de regiotaxi is altijd te laat",
            "bij {PERSON:first} thuis ({ADDRESS}) is het altijd gezellig, zo'n plek moet er op het plein komen",
            "ik ({PERSON:full}, geb. {DOB:text}) heb {f:dur_long} gewacht op een scootmobiel",
            "{PERSON:lowerfull} hier. de bankjes op het plein zijn echt te laag voor ouderen",
            "de moeder van {PERSON:first} en {PERSON:first} zit ook in de bijstand, ze durft het niet te vragen",
            "whatsapp mij op {PHONE:mobile} of stuur een berichtje naar {HANDLE}",
            "overleg met {PERSON:init} (ouderenadviseur) was fijn, maar daarna niks meer gehoord ivm personeelstekort",
            "Wij zijn {PERSON:first,f} & {PERSON:first,m}, we wonen met 4 kinderen op 3 hoog zonder lift",
            "mijn zus {PERSON:full,f} en haar man {PERSON:first,m} zorgen voor onze vader, maar ze zijn zelf ook op",
            "Complimenten voor buurtconciërge {PERSON:first}, die houdt het plein schoon 👏",
            "ik heb gebeld met {PERSON:init} van de gemeente maar die wist van niks",
            "namens mijn buren {PERSON:full} en {PERSON:full}: graag een bankje bij de bushalte",
            "de kinderen van {PERSON:lowerfull} spelen altijd op straat omdat het plein kapot is",
            "mevr. {PERSON:last} (88) van nr {f:hn} heeft al {f:dur_long} geen bezoek gehad",
            "ik doe vrijwilligerswerk met {PERSON:first,m} uit {f:wijk}, hij kent iedereen die eenzaam is",
            "de jongerenwerker, {PERSON:full}, is de enige die de jongeren op het plein nog bereikt",
            "Wie is de contactpersoon? Ik had eerst {PERSON:full} maar die is weg, nu hoor ik niks",
            "de crowdfunding voor het speeltoestel: {URL} (of direct naar {IBAN} t.n.v. Buurtvereniging)",
            "mijn busje ({PLATE}) mag niet meer de stad in, en met de bus ben ik {f:dur} onderweg naar mijn moeder",
            "iedereen die mee wil doen: volg {HANDLE} of kijk op {URL}",
            "de gemeente moet de boete terugstorten op {IBAN}, het ging om mijn auto {PLATE} die op de gehandicaptenplek stond mét kaart",
            "tiktok {HANDLE} 🔥 daar zie je hoe vies het plein is",
        ],
        "neg": [
            "Soms denk ik dat niemand in {f:wijk} weet dat er een buurthuis is.",
            "Graag meer bankjes op het plein, nu moet je {f:dur} staan wachten op lijn {f:line}",
            "Helaas is de eigen bijdrage voor de wmo weer omhoog naar {f:amount} per maand",
            "de bakker op de hoek is dicht sinds {f:year}, nu moeten ouderen naar de Albert Heijn in {f:wijk}",
            "op {f:appt} had ik een afspraak met het wijkteam maar niemand kwam opdagen",
            "@iedereen kom {f:appt} om {f:time} naar de bijeenkomst over het plein!!",
            "volgens artikel {f:art} Wmo heb je recht op een maatwerkvoorziening, maar dat duurt {f:dur_long}",
            "ik woon op nummer {f:hn} en het lawaai van het plein gaat door tot {f:time}",
            "Verder vind ik dat {f:pct} van het budget naar jeugdzorg moet",
            "ik ben {f:age} jaar en heb {f:count} kleinkinderen, ze wonen allemaal in {f:city}",
            "de deadline voor de energietoeslag is {f:deadline}, dat is veel te kort",
            "Eerlijk gezegd snap ik niks van de brieven van de Belastingdienst 🤷",
            "mijn vader was een visser, nu zit hij in een verpleeghuis in {f:city} en krijgt {f:count} keer per maand bezoek",
            "bus {f:line} rijdt na {f:time} niet meer, hoe moet ik dan thuiskomen van mijn werk?",
            "de smid aan de {f:street} heeft een mooi hek gemaakt voor het plein 😊",
            "Zilveren Kruis vergoedt maar {f:count} behandelingen, de rest moet ik zelf betalen ({f:amount})",
            "ik ben geboren en getogen in {f:city}, maar zo slecht als nu was het nooit",
            "Misschien kan de Gemeente Utrecht een wijkbus regelen voor {f:wijk}",
            "sinds {f:year} wacht ik op een aangepaste woning, ik sta nummer {f:count} op de lijst",
            "de trein van {f:time} naar Zwolle is altijd vol, en de NS zegt dat het normaal is",
            "wij wonen met {f:count} personen in een flat van {f:m2} m2",
            "In {f:wijk} is de helft van de lantaarns kapot, al {f:dur_long}",
            "kan de gemeente niet @allemaal een brief sturen in makkelijke taal?",
            "de Participatiewet is veel te streng, {f:amount} per maand is niet genoeg om van te leven",
            "Jeugdzorg heeft {f:dur_long} niks van zich laten horen, en de huisarts zegt ook niks",
            "op de {f:street} wordt altijd te hard gereden, doe daar wat aan",
            "Houd het plein groen!! minder stenen, meer bomen 🌳🌳",
            "de koffieochtend is elke dinsdag van {f:time} tot {f:time} in het buurthuis",
            "Groot probleem: de lift in flat {f:hn} is al {f:dur_long} kapot",
            "mijn uitkering van {f:amount} komt altijd pas op de {f:dom}e van de maand",
            "ik heb een afspraak op {f:appt_num} om {f:time} bij het UWV, maar geen idee waarvoor",
            "bij de Kruidvat op het plein is geen pinautomaat meer, {f:pct} van de ouderen heeft geen app",
            "Wij hebben als bewoners {f:count}00 handtekeningen opgehaald voor een zebrapad",
            "Bel in nood altijd 112, maar voor overlast kun je beter de wijkagent mailen via het formulier",
            "onze wijk {f:wijk} heeft {f:pct} werkloosheid, de hoogste van {f:city}",
            "Welzijn op Recept is een goed idee, mijn huisarts in {f:city} doet het al sinds {f:year}",
            "de Leger des Heils inloop op {f:appt} was vol, {f:count} mensen moesten weg",
            "Jammer dat de Wmo-loket maar {f:count} uur per week open is",
        ],
    },
    "en": {
        "pos": [
            "Hi, I'm {PERSON:full}, I moved here from Manchester in {f:year}. Please call me on {PHONE}",
            "My mum {PERSON:full,f} (born {DOB:old}) needs help at home but the Wmo forms are only in Dutch",
            "you can reach me at {EMAIL}, I'm happy to join the square redesign group",
            "we live at {ADDRESS}, {POSTCODE} and the bus stop was moved 800m away",
            "our son was born on {DOB:child} and has been on the youth care waiting list for a year",
            "Check {URL} for photos of the broken playground, taken by {PERSON:full}",
            "My neighbour {PERSON:first} is really lonely, maybe someone from the team can visit?",
            "DM me {HANDLE} if you want to help organise a street party",
            "there's a car ({PLATE}) that has been parked on the disabled spot for weeks",
            "my BSN is {BSN} and IBAN {IBAN}, the benefit still hasn't been paid",
            "Ms {PERSON:last} from the social team said I'd get a call back, never happened. phone: {PHONE:mobile}",
            "regards, {PERSON:init}\n{ADDRESS}\n{POSTCODE} {f:city}",
            "Teacher {PERSON:first} told us to contact the buurtteam, their number didn't work so I mailed {EMAIL}",
            "I'm an expat (UK), my number is {PHONE:uk}, DOB {DOB} if you need it for the registration",
            "licence plate {PLATE} keeps blocking the ramp to our building",
            "my partner {PERSON:full} uses a wheelchair and line {f:line} buses don't have ramps",
            "{PERSON:full} and {PERSON:full} run the repair cafe, amazing people 🙌",
            "date of birth: {DOB}\nBSN: {BSN}\nemail: {EMAIL}",
            "shoutout to {PERSON:first,f} from the community centre, she really listens",
            "My husband {PERSON:full,m} and I (both pensioners) rely on bus {f:line}",
            "contact person: {PERSON:init}, {PHONE}",
            "{PERSON:first,f} (my carer) only gets {f:dur_en} per visit, it's not enough",
            "fundraiser for the playground: {URL}, or transfer to {IBAN}",
            "follow {HANDLE} for the campaign, my car ({PLATE}) has the sticker 😄",
        ],
        "neg": [
            "Honestly the square needs more shade, it was 34 degrees last summer",
            "Sometimes the bus is {f:dur_en} late and there's no info at the stop",
            "I had an appointment on {f:appt_en} but nobody showed up",
            "@everyone please come to the meeting on {f:appt_en} at {f:time_en}",
            "We pay {f:amount} a month for home care, that's too much for pensioners",
            "Living in {f:wijk} since {f:year}, never seen it this bad",
            "the baker on the corner closed, now the nearest shop is {f:km} km away",
            "Article {f:art} of the Wmo says you have a right to support, but it takes {f:dur_long_en}",
            "About {f:pct} of the kids in our street don't have a place to play",
            "Please, more benches and a toilet. Thanks!",
            "I was born and raised in {f:city}, moved back in {f:year}",
        ],
    },
    "uk": {
        "pos": [
            "Мене звати {PERSON:full}, я з Харкова, живу в {f:city_uk} з {f:year} року. Телефон {PHONE:ua}",
            "Моя мама {PERSON:full,f}, дата народження {DOB:old}, потребує допомоги вдома",
            "Пишіть на {EMAIL}, я не дуже добре розмовляю нідерландською",
            "Наша адреса: {ADDRESS}, {POSTCODE} {f:city}",
            "мій номер {PHONE:mobile}, Viber/WhatsApp, {PERSON:full}",
            "Соціальна працівниця {PERSON:full,f} дуже допомогла з документами 🙏",
            "син народився {DOB:child}, він досі не може знайти школу",
            "IBAN {IBAN}, BSN {BSN} — гроші за житло ще не прийшли",
            "Мій instagram {HANDLE}, там фото зламаних лавок на площі",
            "[mix]hallo, ik ben {PERSON:full@uk_lat}, sorry mijn Nederlands is niet goed. мій телефон {PHONE:ua}",
            "[mix]ik woon op {ADDRESS} met mijn dochter {PERSON:first,f@uk_lat}, ze is geboren op {DOB:child,nl}",
            "машина {PLATE} (моя) стоїть на парковці біля дому, мені дали штраф",
            "посилання на групу українців: {URL}",
            "Я {PERSON:full,f}, мама двох дітей. Мій син {PERSON:first,m} ходить до школи в {f:city_uk}",
            "[mix]onze contactpersoon {PERSON:full,f@nlmix} van Vluchtelingenwerk helpt ons, але вона дуже зайнята",
            "Дякую пані {PERSON:first,f@nlmix} з wijkteam, вона нам дуже допомогла",
            "номер авто {PLATE}, я отримав штраф, хоча маю дозвіл на паркування",
            "[mix]volg ons op {HANDLE}, we organiseren українські вечори in het buurthuis",
        ],
        "neg": [
            "Автобус {f:line} ходить дуже рідко, інколи треба чекати {f:dur_uk}",
            "Я живу в {f:wijk} з {f:year} року і мені дуже самотньо",
            "У мене була зустріч {f:appt_uk}, але ніхто не прийшов",
            "Оренда {f:amount} на місяць, це дуже дорого",
            "дякую за все! Нідерланди нам дуже допомогли ❤️",
            "[mix]ik wacht al {f:dur_long} op een huis, в гуртожитку {f:count} людей в одній кімнаті",
        ],
    },
    "ar": {
        "pos": [
            "اسمي {PERSON:full} وأسكن في {f:city} منذ {f:year}. رقمي {PHONE:mobile}",
            "والدتي {PERSON:full,f} من مواليد {DOB:old} وتحتاج إلى مساعدة في البيت",
            "بريدي الإلكتروني {EMAIL} واسمي {PERSON:full}",
            "عنواني {ADDRESS}، {POSTCODE} {f:city}",
            "رقم الحساب {IBAN} ورقم BSN {BSN}",
            "ابني {PERSON:first,m} عمره {f:age_child_ar} سنوات وينتظر مساعدة من الشباب (jeugdzorg)",
            "[mix]ik ben {PERSON:full@mor}, mijn moeder spreekt alleen Arabisch. تاريخ ميلادها {DOB:old}",
            "[mix]mijn neef {PERSON:first,m@mor} helpt mij met de brieven, zijn nummer {PHONE}",
            "تابعوني على {HANDLE}",
            "السيارة رقم {PLATE} تقف دائماً في موقف المعاقين",
            "الرابط: {URL}",
            "جارتي {PERSON:full,f} وحيدة جداً ولا يزورها أحد",
            "زوجي {PERSON:full,m} مريض ويحتاج إلى رعاية منزلية",
            "[mix]mijn moeder {PERSON:full,f@mor} is geboren op {DOB:old,nl} en woont alleen, ze heeft hulp nodig",
            "شكراً للسيدة {PERSON:first,f@nlmix} من الفريق الاجتماعي",
            "[mix]mijn auto {PLATE} is weggesleept, رقم حسابي {IBAN}",
        ],
        "neg": [
            "الحافلة رقم {f:line} تتأخر كثيراً، أحياناً {f:dur_ar}",
            "أسكن في {f:wijk} منذ {f:year} وأشعر بالوحدة",
            "كان عندي موعد يوم {f:appt_ar} ولم يأتِ أحد",
            "الإيجار {f:amount} في الشهر وهذا كثير جداً",
            "شكراً للبلدية 🌹 نحتاج حديقة للأطفال",
            "@iedereen الاجتماع يوم {f:appt_ar} الساعة {f:time}",
        ],
    },
    "tr": {
        "pos": [
            "Benim adım {PERSON:full}, {f:year} yılından beri {f:city} şehrinde yaşıyorum. Telefonum {PHONE:tr}",
            "Annem {PERSON:full,f}, doğum tarihi {DOB:old}, evde bakıma ihtiyacı var",
            "doğum tarihim {DOB}, BSN numaram {BSN}",
            "e-posta: {EMAIL}, {PERSON:full}",
            "adresim {ADDRESS}, {POSTCODE} {f:city}",
            "komşumuz {PERSON:first,f} Hanım çok yalnız, kimse ziyaret etmiyor",
            "hesap numaram {IBAN}, yardım parası hâlâ gelmedi",
            "arabamın plakası {PLATE}, belediye park yeri vermiyor",
            "[mix]ik ben {PERSON:full@tr_nl}, mijn vader spreekt geen nederlands. babamın telefonu {PHONE:mobile}",
            "instagram {HANDLE} takip edin, meydan için imza topluyoruz",
            "formu buradan doldurabilirsiniz: {URL}",
            "oğlumun öğretmeni {PERSON:first,m} Bey çok yardımcı oldu",
            "eşim {PERSON:full,m} hasta, evde bakım lazım",
            "[mix]de buurvrouw {PERSON:full,f@tr_nl} is echt alleen, kimse ziyaret etmiyor",
            "sosyal görevli {PERSON:full@nlmix} bize çok yardım etti",
            "[mix]mijn auto {PLATE} staat op de invalidenplek, engelli kartım var",
            "bağış için IBAN {IBAN}, web sitemiz {URL}",
        ],
        "neg": [
            "{f:line} numaralı otobüs çok geç geliyor, bazen {f:dur_tr} bekliyoruz",
            "Kanaleneiland'da oturuyorum ve akşamları meydanda çok gürültü var",
            "{f:appt_tr} randevum vardı ama kimse gelmedi",
            "kira {f:amount}, emekli maaşı yetmiyor",
            "Lütfen meydana daha fazla bank ve ağaç koyun 🙏",
            "[mix]ik woon al sinds {f:year} in {f:wijk}, çocuklar için oyun alanı yok",
        ],
    },
    "pl": {
        "pos": [
            "Nazywam się {PERSON:full}, mieszkam w {f:city} od {f:year} roku. Mój numer: {PHONE:pl}",
            "Moja mama {PERSON:full,f}, data urodzenia {DOB:old}, potrzebuje opieki w domu",
            "proszę pisać na {EMAIL} albo dzwonić {PHONE:pl}, {PERSON:full}",
            "adres: {ADDRESS}, {POSTCODE} {f:city}",
            "nr konta {IBAN} BSN {BSN}",
            "sąsiadka pani {PERSON:first,f} jest bardzo samotna",
            "auto o numerze rejestracyjnym {PLATE} ciągle stoi na miejscu dla niepełnosprawnych",
            "[mix]hoi, ik ben {PERSON:full@pl}, ik werk in de kassen en mijn kinderen gaan hier naar school. tel {PHONE}",
            "syn {PERSON:first,m} urodził się {DOB:child}, BSN {BSN}, czeka na miejsce w jeugdzorg",
            "link do grupy: {URL}",
            "mój insta {HANDLE}",
            "opiekunka {PERSON:full,f} przychodzi tylko raz w tygodniu",
            "mój mąż {PERSON:full,m} pracuje w nocy, ja jestem sama z dziećmi",
            "[mix]mijn buurman {PERSON:full,m@pl} is eenzaam, nie ma rodziny tutaj",
            "pani {PERSON:full,f@nlmix} z gminy obiecała oddzwonić",
            "[mix]volg {HANDLE}, piszemy o problemach Polaków w {f:city}",
            "wpłaty na {IBAN}, więcej info: {URL}",
        ],
        "neg": [
            "Autobus {f:line} jeździ za rzadko, czasem czekam {f:dur_pl}",
            "Mieszkam w {f:wijk} od {f:year} roku i czuję się samotna",
            "miałam spotkanie {f:appt_pl} ale nikt nie przyszedł",
            "czynsz to {f:amount} miesięcznie, za drogo",
            "Dziękuję, plac jest ładny, ale brakuje ławek 🙂",
            "@all spotkanie w buurthuis o {f:time}",
        ],
    },
}

TEMPLATES = {"dev": T_DEV, "heldout": T_HELDOUT}

PH_RE = re.compile(r"\{(?:f:([a-z_0-9]+)|([A-Z_]+)(?::([a-z_,0-9]+))?(?:@([a-z_]+))?)\}")
DEFAULT_POOL = {"nl": "nlmix", "en": "enmix", "uk": "uk", "ar": "ar", "tr": "tr", "pl": "pl"}
KIND_OF = {"PERSON": "PERSON", "EMAIL": "EMAIL", "PHONE": "PHONE", "IBAN": "IBAN", "BSN": "BSN",
           "POSTCODE": "POSTCODE", "ADDRESS": "ADDRESS", "DOB": "DATE_OF_BIRTH", "URL": "URL",
           "PLATE": "PLATE", "HANDLE": "HANDLE"}


def render(gen, template, lang):
    mixed = template.startswith("[mix]")
    if mixed:
        template = template[len("[mix]"):]
    out, spans, pos = [], [], 0
    for m in PH_RE.finditer(template):
        out.append(template[pos:m.start()])
        pos = m.end()
        filler, kind, flags, pool = m.groups()
        if filler:
            out.append(gen.c(FILL[filler]))
            continue
        flags = tuple(flags.split(",")) if flags else ()
        value_pool = pool or DEFAULT_POOL[lang]
        meth = {"PERSON": gen.person, "EMAIL": gen.email, "PHONE": gen.phone, "IBAN": gen.iban,
                "BSN": gen.bsn, "POSTCODE": gen.postcode, "ADDRESS": gen.address, "DOB": gen.dob,
                "URL": gen.url, "PLATE": gen.plate, "HANDLE": gen.handle}[kind]
        # contact data of foreign-language writers use their Latin pools
        if kind in ("EMAIL", "HANDLE", "PHONE", "IBAN", "DOB", "ADDRESS") and pool is None:
            value_pool = lang
        value = meth(flags, value_pool)
        start = sum(len(x) for x in out)
        out.append(value)
        spans.append({"start": start, "end": start + len(value), "type": KIND_OF[kind],
                      "_value": value})
    out.append(template[pos:])
    text = "".join(out)
    return text, spans, mixed


def check_line(text, spans):
    prev_end = 0
    for s in spans:
        assert s["type"] in KINDS, s
        assert 0 <= s["start"] < s["end"] <= len(text), (text, s)
        assert s["start"] >= prev_end, ("overlap", text, spans)
        assert text[s["start"]:s["end"]] == s["_value"], (text, s)
        assert text[s["start"]:s["end"]] == text[s["start"]:s["end"]].strip(), (text, s)
        prev_end = s["end"]


def build(name):
    fname, seed, parity, quota = SETS[name]
    rng = random.Random(seed)
    gen = Gen(rng, Names(parity))
    tmpl = TEMPLATES[name]
    lines, seen, stats = [], set(), {"mixed": 0, "neg": 0, "lang": {}}
    for lang, total in quota.items():
        n_neg = round(total * NEG_SHARE)
        for pol, n in (("neg", n_neg), ("pos", total - n_neg)):
            order = []
            for i in range(n):
                if not order:
                    order = list(tmpl[lang][pol])
                    rng.shuffle(order)
                t = order.pop()
                for attempt in range(200):
                    if attempt and attempt % 10 == 0:
                        # template without (enough) variable parts: use another one
                        t = rng.choice(tmpl[lang][pol])
                    text, spans, mixed = render(gen, t, lang)
                    if text not in seen:
                        break
                else:
                    raise RuntimeError(f"cannot make a unique line from {t!r}")
                seen.add(text)
                check_line(text, spans)
                assert (pol == "neg") == (not spans), t
                lines.append((text, spans))
                stats["lang"][lang] = stats["lang"].get(lang, 0) + 1
                stats["mixed"] += mixed
                stats["neg"] += not spans
    rng.shuffle(lines)
    out = []
    for text, spans in lines:
        obj = {"text": text,
               "spans": [{"start": s["start"], "end": s["end"], "type": s["type"]} for s in spans]}
        out.append(json.dumps(obj, ensure_ascii=False))
    with open(os.path.join(OUT_DIR, fname), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out) + "\n")
    return out, stats


def verify_file(path):
    counts, n, neg = {k: 0 for k in KINDS}, 0, 0
    with open(path, encoding="utf-8") as f:
        for raw in f:
            obj = json.loads(raw)
            assert list(obj) == ["text", "spans"], obj
            n += 1
            neg += not obj["spans"]
            prev = 0
            for s in obj["spans"]:
                assert list(s) == ["start", "end", "type"] and s["type"] in KINDS
                assert prev <= s["start"] < s["end"] <= len(obj["text"])
                prev = s["end"]
                counts[s["type"]] += 1
    return n, neg, counts


def main():
    if faker.VERSION != FAKER_VERSION_USED:
        print(f"warning: faker {faker.VERSION} != {FAKER_VERSION_USED}; name lists may differ, "
              "output will not be byte-identical to the committed files", file=sys.stderr)
    # the two template sets must not share any template text
    flat = {k: {t.removeprefix("[mix]") for lang in v.values() for pol in lang.values() for t in pol}
            for k, v in TEMPLATES.items()}
    shared = flat["dev"] & flat["heldout"]
    assert not shared, shared
    results = {}
    for name in SETS:
        results[name] = build(name)
    dev_lines = set(results["dev"][0])
    assert not dev_lines & set(results["heldout"][0]), "dev and held-out share a line"
    for name in SETS:
        path = os.path.join(OUT_DIR, SETS[name][0])
        n, neg, counts = verify_file(path)
        st = results[name][1]
        print(f"{SETS[name][0]}: {n} lines, {neg} negative ({neg / n:.0%}), "
              f"mixed-language {st['mixed']}, languages {st['lang']}", file=sys.stderr)
        print("  " + ", ".join(f"{k}={v}" for k, v in counts.items()), file=sys.stderr)


if __name__ == "__main__":
    main()
