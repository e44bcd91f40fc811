//! Person names. A word starts a name when it follows a title (mevrouw, meneer,
//! mw., dhr., juf, buurman, mijn zoon, oğlum, сусідка), follows a cue (ik heet,
//! mijn naam is, я, jestem), follows initials ("J.P. Jansen"), is a known first
//! name that is not also an ordinary word ("fatima", "kees" in lowercase too), or
//! is a known name or has a surname's shape (-ska, -oğlu, -енко) written with a
//! capital in the middle of a sentence ("ik heb Bakker gebeld", while "de bakker
//! op de hoek" stays). The name then runs on over particles (van, de, el) and
//! further capitalised or known names.
//!
//! Arabic script has no capitals: there a known name counts after a cue (أنا,
//! زوجتي) or when another name or a particle (بن, ابو) follows it.
//!
//! What looks like a name but is a place ("in Zwolle"), a shop ("Albert Heijn")
//! or something named after a person ("de Willem van Noortstraat", "het Pieter
//! Nieuwland College") is left alone.

use std::borrow::Cow;

use rustc_hash::FxHashMap as HashMap;

use super::{Candidate, PiiKind};

const FIRST: &str = include_str!("names/first.txt");
const LAST: &str = include_str!("names/last.txt");
const AMBIGUOUS: &str = include_str!("names/ambiguous.txt");

/// Words after which the next word is a name: titles, roles and kin, in the
/// languages residents write in.
const TITLES: &[&str] = &[
    // Dutch titles and roles.
    "mevrouw",
    "mevr",
    "mw",
    "meneer",
    "mijnheer",
    "mnr",
    "dhr",
    "heer",
    "juf",
    "juffrouw",
    "meester",
    "buurman",
    "buurvrouw",
    "buurjongen",
    "buurmeisje",
    "dokter",
    "dr",
    "zuster",
    "broeder",
    "tante",
    "oom",
    "neef",
    "nicht",
    "opa",
    "oma",
    "fam",
    "familie",
    "collega",
    "vriendin",
    "vriend",
    "huisarts",
    "wijkverpleegkundige",
    "verpleegkundige",
    "consulent",
    "consulente",
    "casemanager",
    "hulp",
    "thuishulp",
    "klantmanager",
    "mantelzorger",
    "begeleider",
    "begeleidster",
    "coach",
    "jongerencoach",
    "buurtcoach",
    "wijkagent",
    "leerkracht",
    "docent",
    "mentor",
    "maatje",
    "vrijwilliger",
    "vrijwilligster",
    // Dutch kin.
    "zoon",
    "zoontje",
    "dochter",
    "dochtertje",
    "man",
    "vrouw",
    "echtgenoot",
    "echtgenote",
    "partner",
    "moeder",
    "vader",
    "broer",
    "broertje",
    "zus",
    "zusje",
    "kleinzoon",
    "kleindochter",
    "schoonzoon",
    "schoondochter",
    "schoonmoeder",
    "schoonvader",
    "stiefvader",
    "stiefmoeder",
    "pleegzoon",
    "pleegdochter",
    // English.
    "mr",
    "mrs",
    "ms",
    "miss",
    "mister",
    "sir",
    "madam",
    "neighbour",
    "neighbor",
    "doctor",
    "nurse",
    "aunt",
    "uncle",
    "son",
    "daughter",
    "husband",
    "wife",
    "mother",
    "father",
    "mum",
    "mom",
    "dad",
    "brother",
    "sister",
    "grandson",
    "granddaughter",
    "grandmother",
    "grandfather",
    "grandma",
    "grandpa",
    "friend",
    "colleague",
    "teacher",
    "carer",
    "caregiver",
    // Turkish (possessive forms: "oğlum" is "my son").
    "oğlum",
    "kızım",
    "eşim",
    "kocam",
    "karım",
    "annem",
    "babam",
    "komşum",
    "arkadaşım",
    "abim",
    "ablam",
    "kardeşim",
    "dedem",
    "ninem",
    "anneannem",
    "babaannem",
    "teyzem",
    "amcam",
    "dayım",
    "halam",
    "torunum",
    "bay",
    "bayan",
    "sayın",
    // Polish.
    "pan",
    "pani",
    "panią",
    "panem",
    "pana",
    "panu",
    "syn",
    "córka",
    "mąż",
    "żona",
    "sąsiad",
    "sąsiadka",
    "brat",
    "siostra",
    "mama",
    "tata",
    "babcia",
    "dziadek",
    "wnuk",
    "wnuczka",
    "kolega",
    "koleżanka",
    // Ukrainian and Russian.
    "пан",
    "пані",
    "син",
    "сина",
    "синок",
    "донька",
    "дочка",
    "доня",
    "чоловік",
    "дружина",
    "сусід",
    "сусідка",
    "мама",
    "тато",
    "брат",
    "сестра",
    "бабуся",
    "дідусь",
    "онук",
    "онука",
    "друг",
    "подруга",
    "колега",
    "лікар",
    "лікарка",
    "вчитель",
    "вчителька",
    "сосед",
    "соседка",
    "сын",
    "дочь",
    "муж",
    "жена",
];

/// Titles that are written abbreviated, with a dot ("mevr. Jansen").
const ABBREVIATED: &[&str] = &["mevr", "mw", "mnr", "dhr", "dr", "fam", "mr", "mrs", "ms", "hr"];

/// Titles that name a person by surname, after which even a lowercase word that
/// is no ordinary word is a name ("fam. stook", "buurman ayse").
const SURNAME_TITLES: &[&str] = &[
    "mevrouw",
    "mevr",
    "mw",
    "meneer",
    "mijnheer",
    "mnr",
    "dhr",
    "juf",
    "juffrouw",
    "meester",
    "buurman",
    "buurvrouw",
    "fam",
    "familie",
    "heer",
    "neighbour",
    "neighbor",
    "mr",
    "mrs",
    "ms",
];

/// Ordinary lowercase words that follow a title ("juf is ziek", "buurman van
/// nummer 8", "fam. op de hoek"), and capitalised words that open a sentence
/// after an initial-like letter ("plan B. Daarna").
const ORDINARY: &[&str] = &[
    "is",
    "was",
    "en",
    "of",
    "die",
    "dat",
    "wat",
    "wie",
    "van",
    "met",
    "op",
    "in",
    "uit",
    "naar",
    "bij",
    "voor",
    "achter",
    "naast",
    "tegenover",
    "om",
    "tot",
    "aan",
    "door",
    "over",
    "onder",
    "na",
    "via",
    "zonder",
    "tegen",
    "sinds",
    "zei",
    "had",
    "heb",
    "kan",
    "kon",
    "wil",
    "zal",
    "zou",
    "mag",
    "moet",
    "ben",
    "gaf",
    "ging",
    "kwam",
    "zag",
    "deed",
    "hielp",
    "liep",
    "nam",
    "sprak",
    "las",
    "vond",
    "bleef",
    "riep",
    "zat",
    "stond",
    "lag",
    "kreeg",
    "bracht",
    "dacht",
    "werd",
    "word",
    "doe",
    "ga",
    "kom",
    "zie",
    "zeg",
    "help",
    "bel",
    "ook",
    "nog",
    "al",
    "niet",
    "geen",
    "wel",
    "nu",
    "toen",
    "dan",
    "daar",
    "hier",
    "er",
    "zelf",
    "zo",
    "maar",
    "want",
    "dus",
    "heel",
    "erg",
    "altijd",
    "nooit",
    "vaak",
    "soms",
    "even",
    "weer",
    "alleen",
    "samen",
    "graag",
    "echt",
    "gewoon",
    "meer",
    "veel",
    "weinig",
    "een",
    "de",
    "het",
    "mijn",
    "zijn",
    "haar",
    "hun",
    "onze",
    "ons",
    "jouw",
    "uw",
    "deze",
    "dit",
    "welke",
    "hoe",
    "waar",
    "wanneer",
    "waarom",
    "lief",
    "aardig",
    "boos",
    "ziek",
    "blij",
    "oud",
    "jong",
    "nieuw",
    "leuk",
    "goed",
    "slecht",
    "fijn",
    "druk",
    "moe",
    "dood",
    "beter",
    "thuis",
    "weg",
    "terug",
    "binnen",
    "buiten",
    "boven",
    "beneden",
    "hiernaast",
    "ernaast",
    "vroeger",
    "later",
    "gisteren",
    "vandaag",
    "morgen",
    "straks",
    "laatst",
    "ooit",
    "pas",
    "zelfs",
    "ik",
    "jij",
    "je",
    "hij",
    "zij",
    "ze",
    "we",
    "wij",
    "jullie",
    "u",
    "men",
    "iemand",
    "niemand",
    "iedereen",
    "alles",
    "niets",
    "nummer",
    "nr",
    "hé",
    "he",
    "hoor",
    "toch",
    "eens",
    "ja",
    "nee",
    "and",
    "or",
    "the",
    "a",
    "an",
    "it",
    "i",
    "she",
    "they",
    "we",
    "you",
    "who",
    "from",
    "next",
    "says",
    "said",
    "has",
    "lives",
    "daarna",
    "daarom",
    "daardoor",
    "verder",
    "als",
    "omdat",
    "hierna",
    "groep",
    "klas",
    "school",
    "gemeente",
    "wijkteam",
    "huis",
    "hoek",
    "overkant",
    "verderop",
    "schuin",
    "hiero",
    "allemaal",
    "allebei",
    "beiden",
    "twee",
    "drie",
    "bel",
    "mail",
    "app",
    "vraag",
    "stuur",
    "kijk",
    "call",
    "ask",
    "text",
    "email",
    "contact",
];

/// Name particles: part of a name when they sit between name words.
const PARTICLES: &[&str] = &[
    "van", "de", "der", "den", "het", "ter", "ten", "te", "t", "el", "al", "bin", "ben", "abu", "da", "di",
    "du", "la", "le", "von", "zu", "dos", "das", "del", "vd",
];

/// Particles of Arabic names: son or daughter of, father of, family, tribe of.
const ARABIC_PARTICLES: &[&str] = &["بن", "بنت", "ابن", "ابو", "أبو", "آل", "بنو", "عبد", "ابنة"];

/// Arabic words after which a known name is a person's: I am, my name is, my
/// wife, son, daughter, neighbour, mother, father, brother, sister, friend, Mr, Mrs.
const ARABIC_CUES: &[&str] = &[
    "أنا",
    "انا",
    "اسمي",
    "إسمي",
    "زوجتي",
    "زوجي",
    "ابني",
    "إبني",
    "ابنتي",
    "إبنتي",
    "بنتي",
    "جاري",
    "جارتي",
    "أخي",
    "اخي",
    "أختي",
    "اختي",
    "أمي",
    "امي",
    "أبي",
    "ابي",
    "والدي",
    "والدتي",
    "صديقي",
    "صديقتي",
    "زميلي",
    "زميلتي",
    "عمي",
    "عمتي",
    "خالي",
    "خالتي",
    "جدي",
    "جدتي",
    "حفيدي",
    "حفيدتي",
    "السيد",
    "السيدة",
    "الدكتور",
    "الدكتورة",
    "الأستاذ",
    "الأستاذة",
    "الاستاذ",
    "الاستاذة",
    "المعلم",
    "المعلمة",
];

/// Capitalised words that are never names here: services, apps, days, months,
/// languages, greetings.
const NEVER: &[&str] = &[
    "wmo",
    "uwv",
    "svb",
    "ggd",
    "cak",
    "wlz",
    "zvw",
    "cjg",
    "jeugdwet",
    "participatiewet",
    "wijkteam",
    "gemeente",
    "thuiszorg",
    "digid",
    "whatsapp",
    "telegram",
    "matrix",
    "signal",
    "google",
    "gmail",
    "hotmail",
    "outlook",
    "facebook",
    "instagram",
    "insta",
    "tiktok",
    "snapchat",
    "marktplaats",
    "oost",
    "west",
    "noord",
    "zuid",
    "centrum",
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "may",
    "june",
    "july",
    "august",
    "october",
    // Turkish months and days, capitalised in Turkish.
    "ocak",
    "şubat",
    "mart",
    "nisan",
    "mayıs",
    "haziran",
    "temmuz",
    "ağustos",
    "eylül",
    "ekim",
    "kasım",
    "aralık",
    "pazartesi",
    "salı",
    "çarşamba",
    "perşembe",
    "cuma",
    "cumartesi",
    "pazar",
    "kerst",
    "pasen",
    "ramadan",
    "ramazan",
    "suikerfeest",
    "offerfeest",
    "bayram",
    "god",
    "allah",
    "nederlands",
    "engels",
    "turks",
    "marokkaans",
    "pools",
    "oekraïens",
    "surinaams",
    "arabisch",
    "dutch",
    "english",
    "ok",
    "oke",
    "oké",
    "hoi",
    "hallo",
    "hey",
    "hi",
    "hello",
    "dear",
    "beste",
    "geachte",
    "merhaba",
    "selam",
    "dzień",
    "cześć",
    "dank",
    "bedankt",
    "thanks",
    "sorry",
    "ja",
    "nee",
    "yes",
    "no",
    // Who someone is, not their name: "ik ben Nederlander", "de Turkse bakker".
    "nederlander",
    "nederlandse",
    "marokkaan",
    "marokkaanse",
    "turk",
    "turkse",
    "pool",
    "poolse",
    "syriër",
    "syrische",
    "oekraïner",
    "oekraïense",
    "surinamer",
    "surinaamse",
    "antilliaan",
    "antilliaanse",
    "somaliër",
    "eritreeër",
    "afghaan",
    "koerd",
    "koerdische",
    "moslim",
    "christen",
    "amsterdammer",
    "utrechter",
    "rotterdammer",
    "hagenaar",
    // Companies, shops and clubs.
    "philips",
    "shell",
    "heineken",
    "ikea",
    "jumbo",
    "lidl",
    "aldi",
    "hema",
    "action",
    "kruidvat",
    "etos",
    "blokker",
    "gamma",
    "praxis",
    "karwei",
    "primark",
    "ns",
    "gvb",
    "ret",
    "htm",
    "qbuzz",
    "arriva",
    "connexxion",
    "ziggo",
    "kpn",
    "eneco",
    "vattenfall",
    "essent",
    "ajax",
    "psv",
    "feyenoord",
    "ukrainian",
    "polish",
    "turkish",
    "moroccan",
    "syrian",
    "eritrean",
    "somali",
    "afghan",
    "kurdish",
    "surinamese",
    "muslim",
    "christian",
    "mubarak",
    "eid",
    "groep",
    // Honorifics that follow a Turkish name: "Ayşe Hanım", "Mehmet Bey".
    "hanım",
    "hanim",
    "bey",
    "hoca",
    "sint",
];

/// Places: a capitalised place is no name ("ik woon in Zwolle"), though it may
/// sit inside one after a particle ("mevrouw van Soest").
const PLACES: &[&str] = &[
    "nederland",
    "holland",
    "belgië",
    "marokko",
    "turkije",
    "polen",
    "oekraïne",
    "syrië",
    "suriname",
    "duitsland",
    "europa",
    "polska",
    "türkiye",
    "amsterdam",
    "rotterdam",
    "utrecht",
    "haag",
    "eindhoven",
    "groningen",
    "tilburg",
    "almere",
    "breda",
    "nijmegen",
    "arnhem",
    "haarlem",
    "enschede",
    "zwolle",
    "leiden",
    "maastricht",
    "dordrecht",
    "zoetermeer",
    "delft",
    "deventer",
    "amersfoort",
    "apeldoorn",
    "hertogenbosch",
    "den",
    "bosch",
    "zaanstad",
    "haarlemmermeer",
    "hoofddorp",
    "leeuwarden",
    "alkmaar",
    "emmen",
    "venlo",
    "westland",
    "helmond",
    "heerlen",
    "hilversum",
    "oss",
    "sittard",
    "geleen",
    "amstelveen",
    "purmerend",
    "roosendaal",
    "schiedam",
    "spijkenisse",
    "lelystad",
    "alphen",
    "leidschendam",
    "voorburg",
    "hoorn",
    "vlaardingen",
    "gouda",
    "almelo",
    "capelle",
    "assen",
    "veenendaal",
    "zeist",
    "nieuwegein",
    "houten",
    "ijsselstein",
    "maarssen",
    "woerden",
    "vleuten",
    "meern",
    "katwijk",
    "hengelo",
    "roermond",
    "oosterhout",
    "kampen",
    "harderwijk",
    "ede",
    "wageningen",
    "barneveld",
    "doetinchem",
    "zutphen",
    "tiel",
    "culemborg",
    "weert",
    "soest",
    "baarn",
    "bussum",
    "huizen",
    "heerhugowaard",
    "den helder",
    "middelburg",
    "vlissingen",
    "goes",
    "terneuzen",
    "bergen",
    "drachten",
    "sneek",
    "heerenveen",
    "meppel",
    "hoogeveen",
    "steenwijk",
    "urk",
    "texel",
    "ameland",
    "schiphol",
    "brussel",
    "antwerpen",
    "gent",
    "istanbul",
    "ankara",
    "izmir",
    "warschau",
    "warszawa",
    "krakau",
    "kraków",
    "kyiv",
    "kiev",
    "kharkiv",
    "lviv",
    "odesa",
    "casablanca",
    "rabat",
    "tanger",
    "nador",
    "paramaribo",
    "damascus",
    "aleppo",
    "rijn",
    "maas",
    "waal",
    "vecht",
    "amstel",
    "ijssel",
    "dam",
    "uithof",
    "bijlmer",
    "veluwe",
    "randstad",
    "jaarbeurs",
    // Surnames that mostly mean something else: names only after a title or particle.
    "koning",
    "koningin",
    "keizer",
    "paus",
    "україна",
    "україни",
    "україні",
    "нідерланди",
    "нідерландах",
    "нідерландів",
    "голландія",
    "голландії",
    "київ",
    "києва",
    "харків",
    "львів",
    "одеса",
];

/// Prepositions before places: a capitalised surname after them is a town.
const PLACE_PREPOSITIONS: &[&str] = &[
    "in", "uit", "naar", "te", "vanuit", "richting", "door", "rond", "nabij",
];

/// Things named after people, which are not people: the end of a word in the
/// span that is no known name itself ("Schaepmanschool", "Mark Rutte-brug").
const NAMED_THINGS: &[&str] = &[
    "straat",
    "laan",
    "weg",
    "plein",
    "gracht",
    "kade",
    "singel",
    "steeg",
    "dreef",
    "school",
    "college",
    "lyceum",
    "gymnasium",
    "ziekenhuis",
    "kliniek",
    "brug",
    "kerk",
    "moskee",
    "park",
    "plantsoen",
    "centrum",
    "stichting",
    "academie",
    "instituut",
    "markt",
    "boulevard",
    "tunnel",
    "museum",
    "stadion",
    "fonds",
    "prijs",
    "zaal",
    "gebouw",
    "wijk",
    "buurt",
    "universiteit",
    "hogeschool",
    "bibliotheek",
    "zwembad",
    "street",
    "road",
    "square",
    "bridge",
    "hospital",
];

/// Words before a name that make it a public figure, a saint, or a place or
/// business named after one ("Prins Claus", "Sint Maarten", "Café De Zwaan",
/// "Snackbar Mario").
const PUBLIC: &[&str] = &[
    "prins",
    "prinses",
    "koning",
    "koningin",
    "sint",
    "st",
    "saint",
    "san",
    "santa",
    "keizer",
    "paus",
    "king",
    "queen",
    "prince",
    "princess",
    "café",
    "cafe",
    "bakkerij",
    "slagerij",
    "snackbar",
    "restaurant",
    "kapsalon",
    "kapper",
    "winkel",
    "supermarkt",
    "toko",
    "stichting",
    "buurthuis",
    "speeltuin",
    "moskee",
    "kerk",
    "camii",
    "school",
    "basisschool",
    "huize",
    "villa",
    "hotel",
    "pizzeria",
    "shoarma",
    "döner",
];

/// Articles: after them a capitalised surname names a thing ("the King", "het
/// Bosch"), unless it is a first name.
const ARTICLES: &[&str] = &["the", "het", "een", "a", "an"];

/// Words that, written apart, make the name before them a thing even when they
/// are surnames too ("Anne Frank Huis", "de Zuilense Ring").
const NAMED_WORDS: &[&str] = &[
    "huis",
    "ring",
    "weg",
    "laan",
    "straat",
    "plein",
    "park",
    "kade",
    "singel",
    "baan",
    "markt",
    "brug",
    "kerk",
    "moskee",
    "camii",
    "school",
    "college",
    "ziekenhuis",
    "museum",
    "hal",
    "centrum",
    "fonds",
    "stichting",
];

/// Shops named after people, which are not people.
const BRANDS: &[&str] = &["albert heijn", "jan linders", "hans anders", "kees smit"];

/// What the lists say about a lowercase word, one bit per list.
mod kind {
    pub const FIRST: u32 = 1;
    pub const LAST: u32 = 1 << 1;
    pub const AMBIGUOUS: u32 = 1 << 2;
    pub const NEVER: u32 = 1 << 3;
    pub const PLACE: u32 = 1 << 4;
    pub const TITLE: u32 = 1 << 5;
    pub const PARTICLE: u32 = 1 << 6;
    pub const ORDINARY: u32 = 1 << 7;
    pub const SURNAME_TITLE: u32 = 1 << 8;
    pub const ABBREVIATED: u32 = 1 << 9;
    pub const PUBLIC: u32 = 1 << 10;
    pub const ARTICLE: u32 = 1 << 11;
    pub const PLACE_PREPOSITION: u32 = 1 << 12;
    pub const ARABIC_CUE: u32 = 1 << 13;
    pub const ARABIC_PARTICLE: u32 = 1 << 14;
    pub const NAMED_WORD: u32 = 1 << 15;
    pub const NAME: u32 = FIRST | LAST;
}

pub(super) struct Detector {
    /// Every listed word with the lists it is on: one lookup per word.
    words: HashMap<&'static str, u32>,
}

#[derive(Debug, Clone, Copy)]
struct Token<'t> {
    start: usize,
    end: usize,
    text: &'t str,
}

/// Splits text into words of letters, with inner hyphens ("Jan-Willem") and
/// the apostrophe of Irish, French and Italian surnames ("O'Brien", "D'Souza",
/// "d'Hondt": one capital or a d, the apostrophe, a capital; not "Anne's").
fn tokens(text: &str) -> Vec<Token<'_>> {
    // About one word in six bytes of chat text: one allocation, seldom regrown.
    let mut out = Vec::with_capacity(text.len() / 6 + 2);
    let mut start = None;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let inner_hyphen = c == '-' && start.is_some() && iter.peek().is_some_and(|(_, n)| n.is_alphabetic());
        let surname_apostrophe = matches!(c, '\'' | '’')
            && start.is_some_and(|s| {
                let so_far = &text[s..i];
                so_far.chars().count() == 1 && so_far.chars().all(|c| c.is_uppercase() || c == 'd')
            })
            && iter.peek().is_some_and(|(_, n)| n.is_uppercase());
        if c.is_alphabetic() || inner_hyphen || surname_apostrophe {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(Token {
                start: s,
                end: i,
                text: &text[s..i],
            });
        }
    }
    if let Some(s) = start {
        out.push(Token {
            start: s,
            end: text.len(),
            text: &text[s..],
        });
    }
    out
}

/// A text's words with what the lists say about each, looked up once.
struct Words<'t> {
    text: &'t str,
    toks: Vec<Token<'t>>,
    lower: Vec<Cow<'t, str>>,
    kinds: Vec<u32>,
}

impl Words<'_> {
    fn is(&self, k: usize, bits: u32) -> bool {
        self.kinds[k] & bits != 0
    }

    fn first(&self, k: usize) -> bool {
        self.is(k, kind::FIRST)
    }

    fn last(&self, k: usize) -> bool {
        self.is(k, kind::LAST)
    }

    fn name(&self, k: usize) -> bool {
        self.is(k, kind::NAME)
    }

    fn lc(&self, k: usize) -> &str {
        self.lower[k].as_ref()
    }

    fn capital(&self, k: usize) -> bool {
        capitalised(self.toks[k].text)
    }

    /// Whether exactly one space (or an apostrophe for 't) separates words `a` and `a + 1`.
    fn joined(&self, a: usize) -> bool {
        joined(self.text, &self.toks[a], &self.toks[a + 1])
    }

    /// Whether words `a..=b` are joined by single spaces.
    fn chain_joined(&self, a: usize, b: usize) -> bool {
        (a..b).all(|k| self.joined(k))
    }

    /// The first word at or after `i` that is not a particle.
    fn next_non_particle(&self, i: usize) -> Option<usize> {
        (i..self.toks.len()).find(|&k| !self.is(k, kind::PARTICLE))
    }

    /// A name word that needs no context: a known name that is not an ordinary word.
    fn unambiguous(&self, k: usize) -> bool {
        self.name(k)
            && !self.is(k, kind::AMBIGUOUS | kind::NEVER | kind::PLACE)
            && self.lc(k).chars().count() > 2
    }

    /// A lowercase word after a surname title ("fam. stook"): a known name, or a
    /// word that is neither an ordinary word nor shaped like a verb or adjective.
    fn lowercase_surname(&self, k: usize) -> bool {
        if self.is(k, kind::NEVER | kind::PLACE | kind::ORDINARY) {
            return false;
        }
        if self.name(k) {
            return true;
        }
        let lc = self.lc(k);
        let inflected = ["t", "en", "de", "te", "ig", "lijk", "baar", "isch", "je", "tje"]
            .iter()
            .any(|s| lc.ends_with(s))
            || lc.starts_with("ge") && lc.ends_with('d');
        lc.chars().count() >= 3 && !inflected && lc.chars().all(|c| c.is_alphabetic() || c == '-')
    }
}

impl Detector {
    pub(super) fn new() -> Self {
        let mut words: HashMap<&'static str, u32> = HashMap::default();
        let mut add = |list: &mut dyn Iterator<Item = &'static str>, bit: u32| {
            for w in list {
                *words.entry(w).or_default() |= bit;
            }
        };
        let lines = |s: &'static str| s.lines().map(str::trim).filter(|l| !l.is_empty());
        add(&mut lines(FIRST), kind::FIRST);
        add(&mut lines(LAST), kind::LAST);
        add(&mut lines(AMBIGUOUS), kind::AMBIGUOUS);
        for (list, bit) in [
            (TITLES, kind::TITLE),
            (PARTICLES, kind::PARTICLE),
            (NEVER, kind::NEVER),
            (PLACES, kind::PLACE),
            (ORDINARY, kind::ORDINARY),
            (SURNAME_TITLES, kind::SURNAME_TITLE),
            (ABBREVIATED, kind::ABBREVIATED),
            (PUBLIC, kind::PUBLIC),
            (ARTICLES, kind::ARTICLE),
            (PLACE_PREPOSITIONS, kind::PLACE_PREPOSITION),
            (ARABIC_CUES, kind::ARABIC_CUE),
            (ARABIC_PARTICLES, kind::ARABIC_PARTICLE),
            (NAMED_WORDS, kind::NAMED_WORD),
        ] {
            add(&mut list.iter().copied(), bit);
        }
        Self { words }
    }

    /// The lists a lowercase word is on. A hyphenated word ("jan-willem",
    /// "el-amrani") is a first name when all its parts are names, a surname when
    /// all are surnames or particles, and never a name when one part never is.
    fn kinds(&self, lc: &str) -> u32 {
        if let Some(k) = self.words.get(lc) {
            return *k;
        }
        if !lc.contains('-') {
            return 0;
        }
        let parts: Vec<u32> = lc
            .split('-')
            .map(|p| self.words.get(p).copied().unwrap_or(0))
            .collect();
        let mut k = 0;
        if parts.iter().all(|p| p & kind::NAME != 0) {
            k |= kind::FIRST;
        }
        if parts.iter().all(|p| p & (kind::LAST | kind::PARTICLE) != 0) {
            k |= kind::LAST;
        }
        if parts.iter().any(|p| p & kind::NEVER != 0) {
            k |= kind::NEVER;
        }
        k
    }

    /// Account names made of an initial and a surname, written in lowercase
    /// ("j.jansen", "p.devries", "m.vandijk", "j.de.vries", "j.jansen88"): no
    /// capital marks them as a name, but the shape does. The surname may carry
    /// its particles glued on or dotted, and digits after it.
    pub(super) fn find_initial_accounts(&self, text: &str, out: &mut Vec<Candidate>) {
        static SHAPE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
            regex::Regex::new(
                r"(?-u:\b)[a-z]\.((?:(?:van|de|der|den|ter|ten|te|el|al)\.)*[a-z]{3,})[0-9]{0,4}(?-u:\b)",
            )
            .expect("valid pattern")
        });
        const GLUED: &[&str] = &[
            "vanden", "vander", "vande", "van", "den", "der", "de", "ter", "ten", "te",
        ];
        for m in SHAPE.captures_iter(text) {
            let (whole, surname) = (m.get(0).expect("a match"), &m[1]);
            let before = text[..whole.start()].chars().next_back();
            let mut after = text[whole.end()..].chars();
            let glued_on = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || "@./_".contains(c));
            let continues = matches!(after.next(), Some('.' | '@' | '_' | '/'))
                && after.next().is_some_and(char::is_alphanumeric);
            if glued_on(before) || continues {
                continue;
            }
            // Particles may be dotted as well: "j.de.vries".
            let surname = surname.rsplit('.').next().unwrap_or(surname);
            let bare = GLUED
                .iter()
                .find_map(|p| surname.strip_prefix(p).filter(|rest| rest.len() >= 3))
                .unwrap_or(surname);
            let listed = |w: &str| {
                let k = self.kinds(w);
                k & kind::LAST != 0 && k & kind::NEVER == 0
            };
            if listed(surname) || listed(bare) {
                out.push(Candidate {
                    start: whole.start(),
                    end: whole.end(),
                    kind: PiiKind::Person,
                });
            }
        }
    }

    pub(super) fn find(&self, text: &str, out: &mut Vec<Candidate>) {
        let toks = tokens(text);
        let mut lower: Vec<Cow<'_, str>> = Vec::with_capacity(toks.len());
        let mut kinds = Vec::with_capacity(toks.len());
        for t in &toks {
            let lc = lowercase(t.text);
            kinds.push(self.kinds(&lc));
            lower.push(lc);
        }
        let w = Words {
            text,
            toks,
            lower,
            kinds,
        };
        let n = w.toks.len();
        let mut i = 0;
        // Words before `floor` belong to an earlier finding.
        let mut floor = 0;
        while i < n {
            let (mut begin, first) = match initials(&w, i) {
                Some(surname) => (i, surname),
                None => match name_start(&w, i) {
                    Some(first) => (first, first),
                    None => {
                        i += 1;
                        continue;
                    }
                },
            };
            let last = if arabic(w.toks[first].text) {
                arabic_end(&w, first)
            } else {
                name_end(&w, first)
            };
            // "Jan de Vries", "Kees van Dijk": a first name before the particles
            // of a found surname belongs to it, also at the start of a sentence.
            let mut p = begin;
            while p > floor && w.is(p - 1, kind::PARTICLE) && w.joined(p - 1) {
                p -= 1;
            }
            if p < begin
                && p > floor
                && w.joined(p - 1)
                && w.capital(p - 1)
                && w.first(p - 1)
                && !w.is(p - 1, kind::NEVER | kind::PLACE | kind::TITLE | kind::PUBLIC)
            {
                begin = p - 1;
            }
            // Capitalised words just before a found name, in mid-sentence, are part
            // of it too: "de consulent, Sevda Hendriks" where only Hendriks is known.
            // At the start of a sentence only a first name joins: "Mark Jansen belde".
            while begin > floor && begin == first && w.joined(begin - 1) && w.capital(begin - 1) && {
                let b = begin - 1;
                (!sentence_start(text, w.toks[b].start)
                    || w.first(b) && !w.first(begin) && !w.is(b, kind::ORDINARY))
                    && !w.is(b, kind::NEVER | kind::PLACE | kind::TITLE | kind::PUBLIC)
                    && !after_cue(&w.lower, begin)
                    && !(b >= 1 && w.is(b - 1, kind::ARTICLE) && !w.first(b))
            } {
                begin -= 1;
                if sentence_start(text, w.toks[begin].start) {
                    break;
                }
            }
            // A shop named after a person opens the span: skip it.
            let brand = BRANDS
                .iter()
                .filter_map(|b| span_starts_with(&w.lower, begin, last, b))
                .max();
            if let Some(after) = brand {
                i = after;
                floor = after;
                continue;
            }
            if !named_thing(&w, begin, last) {
                out.push(Candidate {
                    start: w.toks[begin].start,
                    end: w.toks[last].end,
                    kind: PiiKind::Person,
                });
            }
            i = last + 1;
            floor = i;
        }
    }
}

/// Whether a word in the span is a street, school or bridge named after a person
/// ("Willem van Noortstraat", "Pieter Nieuwland College"), or the span follows a
/// word that makes it a public figure or a business ("Prins Claus", "Café De
/// Zwaan"). The words just after the span count too ("Jeroen Bosch Ziekenhuis",
/// "Vincent van Gogh museum").
fn named_thing(w: &Words<'_>, a: usize, b: usize) -> bool {
    let mut end = b;
    while end + 1 < w.toks.len()
        && end < b + 3
        && w.joined(end)
        && (w.capital(end + 1) || w.is(end + 1, kind::NAMED_WORD))
    {
        end += 1;
    }
    let after_public = a > 0 && w.is(a - 1, kind::PUBLIC);
    after_public
        || (a..=end).any(|k| {
            w.is(k, kind::NAMED_WORD) || !w.name(k) && NAMED_THINGS.iter().any(|s| w.lc(k).ends_with(s))
        })
}

/// Initials and the surname after them: "J. Mulder", "J.P. de Vries",
/// "E.H.M. Michielsen". Returns the surname's word.
fn initials(w: &Words<'_>, i: usize) -> Option<usize> {
    let (text, toks) = (w.text, &w.toks);
    let is_initial = |k: usize| {
        let t = &toks[k];
        let mut chars = t.text.chars();
        chars.next().is_some_and(char::is_uppercase)
            && chars.next().is_none()
            && text[t.end..].starts_with('.')
    };
    if !is_initial(i) || text[..toks[i].start].ends_with('.') {
        return None;
    }
    let mut k = i;
    while k + 1 < toks.len()
        && is_initial(k + 1)
        && matches!(&text[toks[k].end..toks[k + 1].start], "." | ". ")
    {
        k += 1;
    }
    let count = k - i + 1;
    let mut s = k + 1;
    if s >= toks.len() || !matches!(&text[toks[k].end..toks[s].start], "." | ". ") {
        return None;
    }
    while s + 1 < toks.len() && w.is(s, kind::PARTICLE) && w.joined(s) {
        s += 1;
    }
    let ok = w.capital(s)
        && w.lc(s).chars().count() >= 2
        && !w.is(s, kind::NEVER)
        && (s > k + 1 || !w.is(s, kind::PLACE))
        && (count > 1 || s > k + 1 || !w.is(s, kind::ORDINARY));
    ok.then_some(s)
}

/// The last word of a name that starts at `first`: further capitalised or known
/// names, over particles ("Fatima el Amrani", "Wilma van den Berg").
fn name_end(w: &Words<'_>, first: usize) -> usize {
    let mut last = first;
    let mut j = first + 1;
    while j < w.toks.len() && w.joined(j - 1) {
        let after_particle = w.is(j - 1, kind::PARTICLE);
        // A name that starts at its particles (after a title: "mevrouw de
        // Groep") takes the word after them, as `name_start` decided.
        let surname_of_particles = |k: usize| {
            (first..k).all(|p| w.is(p, kind::PARTICLE)) && !prepositional(w, first, k) && surname_word(w, k)
        };
        if w.is(j, kind::NEVER) && !surname_of_particles(j)
            || w.is(j, kind::PLACE) && !after_particle
            || arabic(w.toks[j].text)
        {
            break;
        }
        // "fatima bakker": in a lowercase name a surname may be a word too.
        // After a title's particles, as `name_start` decided: "mevrouw de jong".
        let after_particles =
            (first..j).all(|p| w.is(p, kind::PARTICLE)) && !w.is(j, kind::NEVER | kind::PLACE);
        let lowercase_surname =
            !w.capital(first) && !w.capital(j) && w.last(j) && (!w.is(j, kind::ORDINARY) || after_particles);
        if w.capital(j) && w.lc(j).chars().count() > 1 || w.unambiguous(j) || lowercase_surname {
            last = j;
            j += 1;
            continue;
        }
        let Some(k) = w.next_non_particle(j).filter(|_| w.is(j, kind::PARTICLE)) else {
            break;
        };
        // "Jan de Vries van de Zorggroep": the name ends before an organisation.
        if w.chain_joined(j, k)
            && (w.capital(k) || w.last(k))
            && (!w.is(k, kind::NEVER) || !prepositional(w, j, k) && surname_word(w, k))
            && !organisation(w.lc(k))
        {
            last = k;
            j = k + 1;
        } else {
            break;
        }
    }
    last
}

/// The last word of an Arabic name: further known names, the word after a
/// particle ("ابتهال ابو الحاج"), and a family name with the article.
fn arabic_end(w: &Words<'_>, first: usize) -> usize {
    let mut last = first;
    let mut j = first + 1;
    while j < w.toks.len() && w.joined(j - 1) && arabic(w.toks[j].text) {
        if w.is(j, kind::ARABIC_PARTICLE) && j + 1 < w.toks.len() && w.joined(j) {
            last = j + 1;
            j += 2;
        } else if w.name(j) && !w.is(j, kind::ARABIC_CUE) {
            last = j;
            j += 1;
        } else {
            // "فاطمة الزهراء", "محمد العلوي"
            let lc = w.lc(j);
            if lc.starts_with("ال") && lc.chars().count() > 3 {
                last = j;
            }
            break;
        }
    }
    last
}

/// Where an Arabic name starts at word `i`: a known name after a cue, or a known
/// first name that is no word after "يا" (O) or "مع" (with) or before another
/// name or a particle.
fn arabic_start(w: &Words<'_>, i: usize) -> Option<usize> {
    if !w.name(i) || w.is(i, kind::ARABIC_CUE | kind::ARABIC_PARTICLE) {
        return None;
    }
    let joined_prev = i > 0 && w.joined(i - 1);
    let cue = joined_prev && w.is(i - 1, kind::ARABIC_CUE);
    let plain_first = w.first(i) && !w.is(i, kind::AMBIGUOUS);
    let weak_cue = joined_prev && matches!(w.lc(i - 1), "يا" | "مع") && plain_first;
    let followed =
        i + 1 < w.toks.len() && w.joined(i) && (w.name(i + 1) || w.is(i + 1, kind::ARABIC_PARTICLE));
    (cue || weak_cue || plain_first && followed).then_some(i)
}

/// Where a name starting at word `i` begins (a particle after a title may begin
/// it: "mevrouw de Vries"), or `None`.
fn name_start(w: &Words<'_>, i: usize) -> Option<usize> {
    let (text, toks) = (w.text, &w.toks);
    // "jan. 2025", "15 jan": a month, not Jan.
    if w.lc(i) == "jan" {
        let after = text[toks[i].end..].trim_start_matches(['.', ' ']);
        let before = text[..toks[i].start].trim_end();
        if after.starts_with(|c: char| c.is_ascii_digit()) || before.ends_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
    }
    if arabic(toks[i].text) {
        return arabic_start(w, i);
    }
    let capital = w.capital(i);
    let prev_title = i > 0 && w.is(i - 1, kind::TITLE);
    let cue = after_cue(&w.lower, i);
    // Most words are lowercase ordinary words: settle them with one lookup.
    if !capital && !prev_title && !cue {
        if !w.first(i) {
            return None;
        }
        if w.unambiguous(i) && !w.is(i, kind::TITLE) {
            return Some(i);
        }
        // "mark de vries": a first name that is also a word, and a surname that is not.
        let surname = || {
            w.next_non_particle(i + 1)
                .is_some_and(|k| w.chain_joined(i, k) && w.last(k) && w.unambiguous(k))
        };
        let first_name = !w.is(i, kind::NEVER | kind::ORDINARY);
        return (first_name && w.lc(i).chars().count() > 2 && surname()).then_some(i);
    }
    if w.is(i, kind::NEVER | kind::TITLE) || w.lc(i).chars().count() < 2 && !capital {
        return None;
    }
    let mid_sentence = !sentence_start(text, toks[i].start);
    let after_title = prev_title && title_gap(text, &toks[i - 1], &toks[i], w.is(i - 1, kind::ABBREVIATED));
    let after_cue = cue && (i == 0 || near(text, &toks[i - 1], &toks[i]));
    // "ik ben Vrijwilliger", "I am Polish": after "ben", "am" or "jestem" an
    // unknown capitalised word is a name only with a second one after it.
    let weak_cue = after_cue && !after_title && weak_cue(&w.lower, i);
    if weak_cue && capital && !w.name(i) && !surname_shape(w.lc(i)) {
        let full_name = i + 1 < toks.len()
            && w.joined(i)
            && (w.capital(i + 1) || w.is(i + 1, kind::PARTICLE))
            && !w.is(i + 1, kind::NEVER);
        if !full_name {
            return None;
        }
    }
    if after_title || after_cue {
        // "mevrouw de Vries" starts at the particle; "de hulp van Truus" does not.
        // "de hulp van de Zorggroep" is an organisation; "mevrouw de Groep" is
        // a name although "Groep" is never one alone (no "van" before it, as
        // in "een mevrouw van de Groep").
        if w.is(i, kind::PARTICLE) {
            let surname = w.next_non_particle(i).is_some_and(|k| {
                let never =
                    w.is(k, kind::NEVER) && !(after_title && !prepositional(w, i, k) && surname_word(w, k));
                // "mevrouw van dijk": lowercase, a known surname after a
                // surname title, unless it reads as "from the" ("mevrouw van
                // de bakker" is someone from the bakery).
                // A surname that is also an ordinary word counts here too
                // ("mevrouw de jong", "meneer de boer").
                let lowercase = !w.capital(k)
                    && after_title
                    && w.is(i - 1, kind::SURNAME_TITLE)
                    && w.last(k)
                    && (w.lowercase_surname(k)
                        || w.is(k, kind::ORDINARY) && !w.is(k, kind::NEVER | kind::PLACE))
                    && !matches!(
                        (i..k).map(|p| w.lc(p)).collect::<Vec<_>>().as_slice(),
                        ["van", "de" | "het" | "t"]
                    );
                (w.capital(k) || lowercase)
                    && w.chain_joined(i, k)
                    && !never
                    && !organisation(w.lc(k))
                    && (w.last(k) || !w.first(k))
            });
            return surname.then_some(i);
        }
        // A capital, or a name that is no ordinary word: "buurman Henk",
        // "ik heet fatima", but not "geen hulp meer".
        if capital && (after_title || !w.is(i, kind::PLACE)) || w.unambiguous(i) {
            return Some(i);
        }
        // "fam. stook", "juf emily": lowercase, but after a surname title.
        let surname_title = after_title && w.is(i - 1, kind::SURNAME_TITLE);
        return (surname_title && !capital && w.lowercase_surname(i)).then_some(i);
    }
    let after_public = i > 0 && w.is(i - 1, kind::PUBLIC);
    if w.is(i, kind::PLACE) || capital && after_public {
        return None;
    }
    if w.unambiguous(i) && w.first(i) {
        return Some(i);
    }
    if capital && mid_sentence && !all_caps(toks[i].text) {
        // "in Emmen" is a town even though Emmen is a surname too; "the King"
        // and "Prins Claus" are no residents.
        let prev = |bits| i > 0 && w.is(i - 1, bits);
        if prev(kind::PLACE_PREPOSITION) && !w.first(i) || prev(kind::ARTICLE) {
            return None;
        }
        if w.name(i) || surname_shape(w.lc(i)) {
            return Some(i);
        }
    }
    None
}

/// An ordinary word that is never a name alone but may be a surname after a
/// title and its particles ("mevrouw de Groep"); not a service, a language or
/// a day ("de Wmo").
fn surname_word(w: &Words<'_>, k: usize) -> bool {
    w.is(k, kind::ORDINARY) && !w.is(k, kind::TITLE | kind::PUBLIC | kind::PLACE)
}

/// Whether the particles from `a` up to `b` also read as "from (the)": "een
/// mevrouw van de Groep" is someone from a group, "mevrouw van der Groep" and
/// "mevrouw de Groep" are names.
fn prepositional(w: &Words<'_>, a: usize, b: usize) -> bool {
    let words: Vec<&str> = (a..b).map(|k| w.lc(k)).collect();
    matches!(words.as_slice(), ["van"] | ["van", "de" | "het" | "t"])
}

/// Organisations ("Zorggroep", "Buurtzorg", "Wijkteam"): a compound with an
/// ending that ends no surname on the lists. After "van de" such a word is who
/// helps, not who someone is.
fn organisation(lc: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "groep",
        "zorg",
        "team",
        "dienst",
        "diensten",
        "stichting",
        "vereniging",
        "gemeente",
        "raad",
        "fonds",
        "organisatie",
        "instelling",
        "corporatie",
        "kantoor",
        "loket",
        "afdeling",
        "bedrijf",
        "partner",
        "partners",
    ];
    ENDINGS.iter().any(|e| lc.len() > e.len() && lc.ends_with(e))
}

/// Surname endings that mark a capitalised word as a name even when it is not
/// on the lists: Polish, Ukrainian (in Latin and Cyrillic script), Turkish.
fn surname_shape(lc: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "ski",
        "ska",
        "ską",
        "skiej",
        "skim",
        "skiego",
        "cki",
        "cka",
        "cką",
        "ckiej",
        "ckim",
        "ckiego",
        "dzki",
        "dzka",
        "wicz",
        "czyk",
        "czak",
        "enko",
        "chuk",
        "czuk",
        "iuk",
        "yuk",
        "ovych",
        "evych",
        "oğlu",
        "oglu",
        "енко",
        "чук",
        "щук",
        "юк",
        "ський",
        "ська",
        "цький",
        "цька",
        "ович",
        "евич",
        "ишин",
        "ьких",
    ];
    lc.chars().count() >= 5 && ENDINGS.iter().any(|e| lc.ends_with(e))
}

/// Whether the word is written in Arabic script.
fn arabic(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
}

/// If tokens from `a` (up to `b`) open with `words` (lowercase, space-separated),
/// the token after them.
fn span_starts_with(lower: &[Cow<'_, str>], a: usize, b: usize, words: &str) -> Option<usize> {
    let mut k = a;
    for w in words.split(' ') {
        if k > b || lower[k].as_ref() != w {
            return None;
        }
        k += 1;
    }
    Some(k)
}

/// "ik heet", "mijn naam is", "genaamd", "my name is", "called", "ik ben", "i am",
/// "jestem", "ben" (Turkish "I"), "adım", "я", "мене звати", "namens", "groet".
fn after_cue(lower: &[Cow<'_, str>], i: usize) -> bool {
    let w = |k: usize| {
        i.checked_sub(k)
            .and_then(|x| lower.get(x))
            .map_or("", |c| c.as_ref())
    };
    matches!(
        w(1),
        "heet"
            | "genaamd"
            | "called"
            | "named"
            | "heette"
            | "ben"
            | "jestem"
            | "nazywam"
            | "adım"
            | "ismim"
            | "я"
            | "звати"
            | "зовут"
            | "namens"
            | "groet"
            | "groeten"
            | "gr"
            | "mvg"
            | "vriendelijke"
            | "regards"
            | "pozdrawiam"
            | "saygılarımla"
    ) || (w(1) == "is" && matches!(w(2), "naam" | "name"))
        || (w(1) == "się" && w(2) == "nazywam")
        || (w(1) == "am" && w(2) == "i")
        || (w(1) == "m" && w(2) == "i")
        || (w(1) == "for" && w(2) == "ask")
        || (w(1) == "naar" && w(2) == "vraag")
        || (w(1) == "v" && w(2) == "n" && w(3) == "t")
}

/// Cues after which a word may also say what someone is ("ik ben Moslima", "I am
/// Polish", "Ben Türküm") rather than who.
fn weak_cue(lower: &[Cow<'_, str>], i: usize) -> bool {
    let w = |k: usize| {
        i.checked_sub(k)
            .and_then(|x| lower.get(x))
            .map_or("", |c| c.as_ref())
    };
    matches!(w(1), "ben" | "jestem" | "я" | "namens")
        || (w(1) == "am" && w(2) == "i")
        || (w(1) == "m" && w(2) == "i")
}

/// A lowercase form, borrowed when the word is lowercase already (most are).
/// A Turkish dotted capital İ lowercases to a plain i.
fn lowercase(word: &str) -> Cow<'_, str> {
    if word.chars().any(char::is_uppercase) {
        let lc = word.to_lowercase();
        if word.contains('İ') {
            Cow::Owned(lc.replace("i\u{307}", "i"))
        } else {
            Cow::Owned(lc)
        }
    } else {
        Cow::Borrowed(word)
    }
}

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase) && !all_caps(word)
}

fn all_caps(word: &str) -> bool {
    word.chars().count() > 1 && word.chars().all(|c| !c.is_lowercase())
}

/// Whether only a space (and an abbreviation dot) separates two words.
fn near(text: &str, a: &Token<'_>, b: &Token<'_>) -> bool {
    let gap = &text[a.end..b.start];
    !gap.is_empty() && gap.len() <= 3 && gap.chars().all(|c| c == ' ' || c == '.')
}

/// Whether a title and the next word are close enough: a space, and a dot only
/// after an abbreviated title ("mevr. Jansen", but not "mijn zoon. Daarna").
fn title_gap(text: &str, a: &Token<'_>, b: &Token<'_>, abbreviated: bool) -> bool {
    if abbreviated {
        near(text, a, b)
    } else {
        &text[a.end..b.start] == " "
    }
}

/// Whether exactly one space (or an apostrophe for 't) separates two name words.
fn joined(text: &str, a: &Token<'_>, b: &Token<'_>) -> bool {
    matches!(&text[a.end..b.start], " " | " '" | "' ")
}

/// Whether the word at `at` opens a sentence (so its capital says nothing).
fn sentence_start(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches([' ', '\t', '"', '\'', '(', '“', '‘']);
    match before.chars().next_back() {
        None => true,
        Some(c) => {
            matches!(
                c,
                '.' | '!' | '?' | '\n' | ':' | ';' | '…' | '-' | '–' | '•' | '*'
            ) || !(c.is_alphanumeric() || c == ',')
        }
    }
}
