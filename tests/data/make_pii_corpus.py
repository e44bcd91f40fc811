#!/usr/bin/env python3
"""Builds tests/data/pii_corpus.jsonl: realistic chat answers with exact spans.

Each line is {"text": ..., "spans": [{"start", "end", "type"}]}, offsets in
characters. Templates mark entities as {KIND}; values are generated fresh
(valid IBAN and BSN checksums, many phone formats, names from several
communities). Hand-written negatives sit at the bottom. Seeded, so the file is
reproducible: python3 tests/data/make_pii_corpus.py > tests/data/pii_corpus.jsonl

Conventions (what a span covers): a PERSON span is the name without its title
("mevrouw [de Vries]"); an ADDRESS is street plus house number, without postcode
or town; a DATE_OF_BIRTH is the date only.
"""
import json
import random
import re

R = random.Random(20261123)

FIRST = ["Fatima", "Mohamed", "Kees", "Henk", "Anna", "Sanne", "Yusuf", "Olena", "Oksana", "Priya", "Anand",
         "Piotr", "Agnieszka", "Mehmet", "Ayşe", "Emre", "Khadija", "Youssef", "Ingrid", "Gerrit", "Truus",
         "Marieke", "Thijs", "Daan", "Lotte", "Sevda", "Iryna", "Dmytro", "Radjesh", "Sunita", "Winston",
         "Mustafa", "Naima", "Karin", "Wilma", "Johan", "Maarten", "Fenna", "Hüseyin", "Katarzyna"]
LAST = ["de Vries", "Jansen", "Bakker", "Visser", "Yilmaz", "Kaya", "el Amrani", "Benali", "Shevchenko",
        "Kowalski", "Nowak", "Ramdin", "Pinas", "van den Berg", "de Jong", "Smit", "Meijer", "Öztürk",
        "Bouzid", "Mulder", "van Dijk", "Kovalenko", "Sardjoe", "Hendriks", "Demir", "Wiśniewski"]
# Names our lists do not hold: only context (a title or a cue) can find them.
UNLISTED_FIRST = ["Sjanie", "Gerbrich", "Tjitske", "Xandra", "Jildou", "Rinske", "Douwe", "Hiske"]
TITLES = ["mevrouw", "meneer", "mw.", "dhr.", "juf", "buurman", "buurvrouw", "dokter", "mijn hulp", "tante"]
STREETS = ["Kerkstraat", "Dorpsstraat", "Molenweg", "Julianalaan", "Beatrixplein", "Van Goghstraat",
           "Prins Hendrikkade", "Oudegracht", "Hoofdstraat", "Stationsweg", "Marktplein", "Lindenlaan",
           "Laan van Meerdervoort", "Burgemeester de Vlugtlaan", "Eikenlaan", "Schoolstraat", "Havenkade",
           "Zuiderpark", "Weverstraat", "Rozengracht", "Nieuwe Binnenweg"]
DOMAINS = ["gmail.com", "hotmail.com", "ziggo.nl", "kpnmail.nl", "outlook.com", "live.nl", "xs4all.nl"]
BANKS = ["ABNA", "RABO", "INGB", "SNSB", "TRIO", "ASNB", "KNAB", "BUNQ"]
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]


def digits(n):
    return "".join(R.choice("0123456789") for _ in range(n))


def phone():
    mob = "6" + digits(8)
    land = R.choice(["20", "10", "30", "70", "40", "50", "13", "15", "71", "72"]) + digits(7)
    f = R.randrange(14)
    if f == 0: return "0" + mob[:1] + "-" + mob[1:]
    if f == 1: return "0" + mob[:1] + " " + mob[1:5] + " " + mob[5:]
    if f == 2: return "0" + mob
    if f == 3: return "+31 " + mob[0] + " " + mob[1:]
    if f == 4: return "+31 " + mob[0] + " " + mob[1:5] + " " + mob[5:]
    if f == 5: return "0031 " + mob[0] + " " + mob[1:]
    if f == 6: return "+31 (0)" + mob[0] + " " + mob[1:]
    if f == 7: return "0" + land[:2] + "-" + land[2:]
    if f == 8: return "0" + land[:2] + " " + land[2:5] + " " + land[5:]
    if f == 9: return "(0" + land[:2] + ") " + land[2:5] + " " + land[5:7] + " " + land[7:]
    if f == 10: return "06." + ".".join(mob[1:][i:i + 2] for i in range(0, 8, 2))
    if f == 11: return "06 " + " ".join(mob[1:][i:i + 2] for i in range(0, 8, 2))
    if f == 12: return "+31" + mob
    return "06 - " + mob[1:]


def iban():
    bank = R.choice(BANKS)
    account = digits(10)
    num = "".join(str(ord(c) - 55) if c.isalpha() else c for c in bank + account + "NL00")
    check = 98 - int(num) % 97
    s = f"NL{check:02d}{bank}{account}"
    style = R.randrange(4)
    if style == 0: return " ".join(s[i:i + 4] for i in range(0, len(s), 4))
    if style == 1: return s.lower()
    return s


def bsn():
    while True:
        d = [R.randrange(10) for _ in range(8)]
        total = sum(x * w for x, w in zip(d, range(9, 1, -1)))
        last = total % 11
        if last < 10 and any(d):
            s = "".join(map(str, d + [last]))
            style = R.randrange(3)
            if style == 1: return f"{s[:3]}.{s[3:6]}.{s[6:]}"
            if style == 2: return f"{s[:4]} {s[4:6]} {s[6:]}"
            return s


def not_bsn():
    while True:
        s = digits(9)
        d = list(map(int, s))
        if s[0] != "0" and (sum(x * w for x, w in zip(d[:8], range(9, 1, -1))) - d[8]) % 11 != 0:
            return s


def postcode():
    letters = "".join(R.choice("ABCDEFGHJKLMNPRTVWXZ") for _ in range(2))
    n = str(R.randrange(1000, 10000))
    style = R.randrange(3)
    if style == 0: return f"{n} {letters}"
    if style == 1: return f"{n}{letters}"
    return f"{n}{letters.lower()}"


def address():
    return f"{R.choice(STREETS)} {R.randrange(1, 300)}{R.choice(['', '', '', 'a', 'b', ' A', '-2', ' bis'])}"


def dob():
    d, m, y = R.randrange(1, 29), R.randrange(1, 13), R.randrange(1925, 2005)
    style = R.randrange(5)
    if style == 0: return f"{d:02d}-{m:02d}-{y}"
    if style == 1: return f"{d}/{m}/{y}"
    if style == 2: return f"{d} {MONTHS[m - 1]} {y}"
    if style == 3: return f"{d}.{m}.{y}"
    return f"{d}-{m}-{y}"


def en_dob():
    return f"{EN_MONTHS[R.randrange(12)]} {R.randrange(1, 29)}, {R.randrange(1930, 2000)}"


def url():
    style = R.randrange(4)
    path = R.choice(["afspraak", "wmo/aanvraag", "contact", "p/12345", "fotos/oma"])
    if style == 0: return f"https://www.{R.choice(['mijnzorg', 'buurtapp', 'fotoalbum', 'mijnsite'])}.nl/{path}"
    if style == 1: return f"www.{R.choice(['facebook', 'instagram', 'youtube'])}.com/{R.choice(['henk.j', 'fatima88', 'oma.truus'])}"
    if style == 2: return f"http://{R.choice(['bit', 'tinyurl'])}.{R.choice(['ly', 'com'])}/{digits(5)}"
    return f"{R.choice(['mijnverhaal', 'buurtfotos', 'zorgblog'])}.nl/{path}"


def plate():
    L = lambda n: "".join(R.choice("BDFGHJKLNPRSTVXZ") for _ in range(n))
    D = lambda n: digits(n)
    return R.choice([f"{L(2)}-{D(2)}-{D(2)}", f"{D(2)}-{L(2)}-{L(2)}", f"{D(2)}-{L(3)}-{D(1)}",
                     f"{D(1)}-{L(3)}-{D(2)}", f"{L(2)}-{D(3)}-{L(1)}", f"{L(1)}-{D(3)}-{L(2)}",
                     f"{L(3)}-{D(2)}-{L(1)}", f"{D(1)}-{L(2)}-{D(3)}"])


def handle():
    return "@" + R.choice(["fatima_88", "henkie1950", "oma_truus", "yusuf.k", "buurtmama", "olena_ua", "piet.bakker"])


def email():
    f, l = R.choice(FIRST).lower(), R.choice(LAST).lower().replace(" ", "")
    f = f.replace("ş", "s").replace("ü", "u").replace("ö", "o").replace("ś", "s")
    l = l.replace("ş", "s").replace("ü", "u").replace("ö", "o").replace("ś", "s")
    return R.choice([f"{f}.{l}", f"{f}{R.randrange(10, 99)}", f"{f[0]}.{l}"]) + "@" + R.choice(DOMAINS)


def person():
    style = R.randrange(5)
    if style == 0: return R.choice(FIRST)
    if style == 1: return R.choice(FIRST) + " " + R.choice(LAST)
    if style == 2: return R.choice(FIRST).lower()
    return R.choice(FIRST) + " " + R.choice(LAST)


def surname_capital():
    last = R.choice(LAST)
    return last[0].upper() + last[1:] if not last.startswith(("de ", "van ", "el ")) else last


GEN = {"PHONE": phone, "IBAN": iban, "BSN": bsn, "POSTCODE": postcode, "ADDRESS": address, "DOB": dob,
       "EN_DOB": en_dob, "URL": url, "PLATE": plate, "HANDLE": handle, "EMAIL": email, "PERSON": person,
       "SURNAME": surname_capital, "UNLISTED": lambda: R.choice(UNLISTED_FIRST)}
TYPE = {"DOB": "DATE_OF_BIRTH", "EN_DOB": "DATE_OF_BIRTH", "SURNAME": "PERSON", "UNLISTED": "PERSON"}

TEMPLATES = [
    # Phones
    "Bel me gerust op {PHONE}, dan leg ik het uit.",
    "mijn nummer is {PHONE}",
    "U kunt mijn dochter bellen: {PHONE}.",
    "Ik heb al 3 keer gebeld naar {PHONE} maar niemand neemt op",
    "Please call me at {PHONE} after 5 pm",
    "Graag terugbellen op {PHONE} (liefst 's ochtends)",
    "tel {PHONE}",
    # Names
    "De hulp van {PERSON} is heel fijn, ze komt altijd op tijd.",
    "Ik heb gesproken met {PERSON} van het wijkteam maar er gebeurde niets",
    "{TITLE} {PERSON} komt elke dinsdag en doet het prima",
    "Sinds {TITLE} {SURNAME} er is gaat het veel beter.",
    "Vroeger kwam {TITLE} {PERSON} maar die is weg, nu is het steeds iemand anders",
    "Mijn naam is {PERSON} en ik wil graag meedenken",
    "ik heet {PERSON}",
    "{TITLE} {UNLISTED} helpt mij met boodschappen",
    "Ik ben {UNLISTED} en ik woon hier al 40 jaar",
    "My name is {PERSON}, I moved here from Ukraine last year",
    "Our helper {PERSON} is great but always in a hurry",
    "Ik heb {=PERSON:Bakker} van de gemeente gesproken en {PERSON} ook",
    "de consulent, {PERSON}, zei dat het nog 6 weken duurt",
    "Groetjes, {PERSON}",
    "Mijn buurman {PERSON} en ik willen een bankje bij de speeltuin",
    # E-mail, links, handles
    "Mail me maar op {EMAIL} als er nieuws is",
    "Mijn mail is {EMAIL}",
    "Stuur het naar {EMAIL} of bel {PHONE}",
    "Kijk op {URL} daar staan foto's van de stoep",
    "Ik heb het allemaal opgeschreven op {URL}",
    "See {URL} for the pictures",
    "Volg ons buurtinitiatief op Instagram: {HANDLE}",
    "stuur een berichtje naar {HANDLE} op Telegram",
    # Bank and BSN
    "Het geld moet terug naar {IBAN}",
    "Mijn rekening is {IBAN}, daar is de eigen bijdrage twee keer vanaf gegaan",
    "Ze vroegen mijn bsn ({BSN}) drie keer aan de telefoon",
    "BSN {BSN} staat op alle brieven, is dat wel veilig?",
    "My BSN is {BSN} in case you need it",
    # Places
    "Ik woon op de {ADDRESS} en de stoep is daar heel slecht",
    "Mijn adres: {ADDRESS}, {POSTCODE} Utrecht",
    "Kom maar langs op {ADDRESS}",
    "Postcode {POSTCODE}, daar is geen pinautomaat meer",
    "In {POSTCODE} zijn de lantaarnpalen al weken kapot",
    "We live at {ADDRESS} near the park",
    "Het speeltuintje bij {ADDRESS} is gevaarlijk",
    # Dates of birth
    "Ik ben geboren op {DOB} en heb nog nooit zo lang moeten wachten",
    "geboortedatum {DOB}",
    "Mijn moeder (geb. {DOB}) krijgt te weinig uren",
    "Ik ben van {DOB} dus ik kan niet meer zo goed lopen",
    "I was born on {EN_DOB} and I need help with stairs",
    # Plates
    "De auto met kenteken {PLATE} staat altijd op de stoep",
    "Er rijdt elke avond een scooter {PLATE} veel te hard",
    "de bus van de thuiszorg ({PLATE}) blokkeert de uitrit",
    # Mixed
    "{TITLE} {PERSON} ({PHONE}) weet er alles van",
    "Bel {PERSON} op {PHONE} of mail {EMAIL}",
    "Ik woon op {ADDRESS}, {POSTCODE}. Bel {PHONE}.",
    "Mijn vader {PERSON}, geboren {DOB}, woont alleen",
]

NEGATIVES = """Ik krijg al 3 maanden geen hulp meer
De eigen bijdrage van € 1.250 per jaar is te hoog
In 2024 en 2025 ging het beter
Er wonen 1234 mensen in onze wijk en er is maar 1 buurthuis
Volgens artikel 2.3.5 van de Wmo heb ik recht op hulp
Bus lijn 12 rijdt niet meer na 19:00 uur
Het UWV en de SVB sturen elkaar steeds door
De Jeugdwet en de Participatiewet zijn te ingewikkeld
Bij het CAK duurt alles te lang
De bakker op de hoek is de enige die nog praat met de ouderen
Ik wil graag dezelfde hulp elke week
De hulp komt 2 keer per week, 3 uur per keer
Het duurt 6 tot 8 weken voordat er iemand komt
Ik ben 82 jaar en woon alleen
Wil de gemeente meer doen aan eenzaamheid?
Ben ik de enige die dit vindt?
Mark my words: this will get worse
Roos is mijn lievelingsbloem, plant er meer van
Fijn dat jullie het vragen!
Te weinig tijd voor een praatje
Op maandag 12 februari was ik jarig en kwam er niemand
Mijn afspraak is op 01-02-2027 om 10:00
Het formulier heeft nummer 123456789 en is kwijt
Factuurnummer 2024-001234 klopt niet
Ik betaal 19,50 per uur, dat is veel
Sinds 1 januari 2025 is de hulp minder
We hebben 10.000 handtekeningen verzameld
De wachtlijst is 450 mensen lang
Het is al 20 jaar hetzelfde verhaal
Meer bankjes in de schaduw graag
De stoep bij de Kerkstraat is slecht
De Kerkstraat is 's avonds donker
Ik woon in de Molenwijk, daar is niks te doen
Meer groen en minder auto's
Er is geen pinautomaat meer in het dorp
De huisarts is goed bereikbaar
Mijn mantelzorger is mijn dochter
Ik wil meedenken over het plan
Nee, ik voel me niet veilig 's avonds
Ja, als het kan
Goed zo, ga zo door!
Het was 100% beter vroeger
Rond 16.30 uur is het druk bij de school
Ik heb 2 kinderen van 4 en 7
Tafel 3 in het buurthuis is altijd vrij
Het kost 0,75 euro per rit
We zijn met 25 vrijwilligers
De A12 is altijd vol
Ik fiets 15 km per dag
Pagina 12 van de brief is onduidelijk
Het loket op de 2e verdieping is dicht
Sinds de coronatijd (2020-2022) is het stil
Wmo-consulent kwam pas na 3 weken
Mijn scootmobiel is al 2 maanden kapot
Het wijkteam Oost doet goed werk
Vaker dezelfde persoon zou fijn zijn
Ze doen hun best maar hebben te weinig tijd
Geen idee eigenlijk
Mooi initiatief
Zo laten zoals het is
Graag een zebrapad bij de school
Het speeltuintje is te klein voor 30 kinderen
Er is 1 afvalbak voor het hele plein
The help is fine, but it changes too often
I would like more benches in the park
We need better street lights
It takes 6 weeks to get an answer
The bus stopped running in 2023
I am 79 and live alone
Can you send the letter in English?
Will the municipality listen this time?
I have lived here for 12 years
The cost went up by 15 percent
Mijn zoon van 16 wil een sportveldje
Bij de Jumbo is het altijd druk
De Albert Heijn heeft geen bezorging meer hier
Het GGD-loket is verhuisd
Hulp bij het huishouden is heel belangrijk voor mij
Ik geef het een 7
Cijfer 4 van 5
Ik heb 3 vragen overgeslagen
Eerst 1 keer per week, nu 1 keer per 2 weken
Het budget van 2,5 miljoen is niet genoeg
De wijk heeft 4 speeltuinen maar geen enkele bank
Meer dan 50% van de straat is het ermee eens
Lijn 4 en lijn 7 moeten blijven
Het huis is van 1932 en slecht geïsoleerd
De brief van 12 november kwam te laat
Ik wacht sinds 3 oktober op antwoord
Op 5 december is het sinterklaasfeest in het buurthuis
Om 8 uur 's ochtends is het al vol
Een rekening van de thuiszorg klopte niet
Ik heb een bsn-brief gekregen maar snap hem niet
Ik heb geen mail en geen computer
Wat is een link eigenlijk?
Bel de gemeente, die weten het
Ik wil graag op de hoogte blijven
Dank jullie wel
Hoop dat er iets mee gedaan wordt
Ik ben blij met de hulp
Mijn vrouw en ik zijn beiden 80
Het nummer van de gemeente is 14 020
Hij heeft 200 euro betaald
De ramen zijn 2x per jaar gewassen
De visser op de markt heeft verse vis
Op de markt is het gezellig
Kan de gemeente de bankjes schoonmaken?
Meer toezicht in het park graag
Het gaat om 12 tot 15 mensen per dag
Ik heb geen klachten
""".strip().splitlines()

# Hand-written lines, labelled with {=TYPE:text}: harder cases, not templates.
HARD = """Ik heb contact gehad met {=PERSON:Sjaak} van de thuiszorg maar hij belt niet terug
Mijn schoonzoon {=PERSON:Bas} helpt me met de boodschappen
de wijkverpleegkundige ({=PERSON:Ellen}) is top!!
Groeten van ome {=PERSON:Jan}
{=HANDLE:@Henk} kun je dit doorsturen?
Ik ben {=PERSON:Marloes}, 34, moeder van twee
vraag maar naar mevr. {=PERSON:Pietersen-de Boer}
ik bel wel met {=PERSON:yusuf} hierover
{=PERSON:mohammed} en ik hebben samen een petitie
My neighbour {=PERSON:Tom} helps me every week
Het Wit-Gele Kruis doet het goed in onze wijk
Op de Prins Clausplein rotonde is het gevaarlijk
Koningsdag in het park was gezellig
Ik woon aan de {=ADDRESS:Jan Pieterszoon Coenstraat 12}
tel. {=PHONE:06-1234 5678} (na 18u)
Bereikbaar op {=PHONE:+32 470 12 34 56} (Belgisch nummer)
mijn iban is {=IBAN:NL02 ABNA 0123 4567 89}
bsn: {=BSN:123456782}
Mijn moeder is op {=DATE_OF_BIRTH:4 juli 1938} geboren en woont nog thuis
{=EMAIL:info.familie.jansen@ziggo.nl} is ons adres
stuur naar {=EMAIL:K.Yilmaz@Hotmail.com}
Ik woon in {=POSTCODE:2511 CV} Den Haag
kenteken {=PLATE:GZ-446-F} rijdt hier elke nacht
zie {=URL:https://t.me/buurtpreventie_oost} voor de groep
Dank aan {=PERSON:Anouk} en {=PERSON:Rachid} van het buurthuis
{=PERSON:Annie} (85) woont alleen op nummer 12 en krijgt geen hulp
De familie {=PERSON:Öztürk} is al jaren mantelzorger
Ik ben zelf {=PERSON:Ingrid de Graaf}, ik ben vrijwilliger
Help, mijn buurvrouw {=PERSON:Ria} valt steeds
mevrouw {=PERSON:van der Linden} kwam niet opdagen
Lieve groet, {=PERSON:Oksana}
De Mark Rutte-brug? Nooit van gehoord
De Jansen-methode werkt niet voor ons
Bij Kruidvat is het goedkoper
Ik sprak {=PERSON:Dirk} bij de Jumbo
Roos en Iris zijn mooie bloemen voor het plein
""".strip().splitlines()


def render(template):
    text, spans = "", []
    for part in re.split(r"(\{[A-Z_]+\}|\{=[A-Z_]+:[^}]+\})", template):
        literal = re.fullmatch(r"\{=([A-Z_]+):([^}]+)\}", part)
        if literal:
            start = len(text)
            text += literal.group(2)
            spans.append({"start": start, "end": len(text), "type": literal.group(1)})
            continue
        m = re.fullmatch(r"\{([A-Z_]+)\}", part)
        if not m:
            text += part
            continue
        key = m.group(1)
        if key == "TITLE":
            text += R.choice(TITLES)
            continue
        value = GEN[key]()
        start = len(text)
        text += value
        spans.append({"start": start, "end": len(text), "type": TYPE.get(key, key)})
    return {"text": text, "spans": spans}


def main():
    lines = []
    for _ in range(7):
        for t in TEMPLATES:
            lines.append(render(t))
    for h in HARD:
        lines.append(render(h))
    for n in NEGATIVES:
        lines.append({"text": n, "spans": []})
    for _ in range(30):
        lines.append({"text": f"Het dossiernummer {not_bsn()} staat op de brief", "spans": []})
    for line in lines:
        print(json.dumps(line, ensure_ascii=False))


main()
