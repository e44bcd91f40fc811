# Samenvatting voor de adviesraad (Wmo-raad, cliëntenraad, adviesraad sociaal domein).

summary-heading = Samenvatting: { $title }
summary-facts = Ronde `{ $round }` · onderwerp: { $topic } · fase in de beleidscyclus: { $phase } · status: { $state }
summary-period = Gepland van { $opens } tot { $closes }.
summary-period-real = Open geweest van { $opened } tot { $closed }.
summary-period-open = Open sinds { $opened }, gepland tot { $closes }.
summary-council = Voor: { $council }
summary-audience = Doelgroep: { $audience }
summary-participation = Wie deed mee?
summary-respondents = Begonnen: { $started } inwoners · de hele ronde afgemaakt: { $completed }.
summary-respondents-open = { $count ->
        [0] Tot nu toe deden minder dan { $k } inwoners mee.
       *[other] Tot nu toe deden minstens { $count } inwoners mee.
    } Dit getal gaat per { $k } omhoog.
summary-legend = { $mark } = niet getoond. Zo is niemand te herkennen: we tonen geen groepen van 1 tot { $below } inwoners, en ook geen getallen waaruit je zo'n groep kunt uitrekenen. Een { $mark } kan dus ook een groter aantal zijn.
summary-draft = De ronde is nog niet geopend: er zijn nog geen antwoorden. Uitkomsten tonen we pas na sluiting (gepland { $date }).
summary-hidden = De ronde is nog open. Uitkomsten tonen we pas na sluiting (gepland { $date }), zodat ze de antwoorden niet sturen.
summary-live = Tussenstand van een open ronde: alleen inwoners die de ronde afmaakten. De stand verandert pas als er minstens { $k } bij zijn gekomen.
summary-col-answer = Antwoord
summary-col-count = Aantal
summary-col-percent = % van beantwoord
summary-answered = Beantwoord: { $answered } · overgeslagen: { $skipped }
summary-follow-up = Vervolgvraag: alleen gesteld aan wie bij vraag { $number } antwoordde: { $answers }.
summary-scale = Gemiddelde: { $mean } · mediaan: { $median }
summary-scale-hidden = Gemiddelde en mediaan tonen we niet: ze zouden verborgen aantallen verraden.
summary-quotes = Wat inwoners schreven
summary-quotes-withheld = Open antwoorden tonen we hier niet: het zijn er te weinig (of geen), of hun aantal is verborgen. Zo is niemand te herkennen.
summary-groups = In groepen: anonieme peilingen
summary-groups-note = In Telegram-groepen stemden mensen anoniem. Telegram geeft alleen totalen. Tel ze niet op bij de antwoorden hierboven: dezelfde mensen kunnen op beide plekken hebben gestemd.
summary-group-votes = { $votes } stemmen in { $polls } peiling(en)
summary-phase-agenda = agenda (het onderwerp wordt nog bepaald)
summary-phase-preparation = voorbereiding (beleid wordt voorbereid)
summary-phase-decision = besluit (een besluit volgt binnenkort)
summary-phase-evaluation = evaluatie (terugkijken op beleid)
summary-state-draft = concept
summary-state-open = open
summary-state-closed = gesloten
summary-state-archived = gearchiveerd

# Het rapport (HTML) voor de raad: een bijlage bij het advies.
report-title = Rapport: { $title }
report-kicker = Informele raadpleging · bijlage bij het advies
report-fact-phase = Fase in de beleidscyclus
report-fact-period = Periode
report-fact-state = Status
report-fact-council = Voor
report-fact-audience = Doelgroep
report-fact-round = Ronde
report-chart-alt = Staafdiagram van de antwoorden op vraag { $number }. Dezelfde cijfers staan in de tabel eronder.
report-group-chart-alt = Staafdiagram van de stemmen in de groepen: { $title }. Dezelfde cijfers staan in de tabel eronder.
report-hidden-cell = niet getoond
report-table-caption = Vraag { $number }: hoe vaak elk antwoord gekozen is, en welk deel van wie de vraag beantwoordde
report-method-heading = Zo is dit rapport gemaakt
report-method-how = Inwoners beantwoordden de vragen in een chat met de gemeente. Wie meedeed, koos daar zelf voor: dit is geen steekproef. De cijfers laten zien wat deze inwoners zeggen, niet wat alle inwoners vinden. Ze zijn een signaal naast het eigen advies van de raad.
report-method-anonymous = De antwoorden zijn zonder naam bewaard. Bij een antwoord staat geen telefoonnummer, gebruikersnaam of chat. Als de ronde sluit, wordt de koppeling tussen inwoner en antwoorden vernietigd. Uit open antwoorden zijn namen, telefoonnummers, e-mailadressen, adressen en andere persoonsgegevens weggehaald voordat ze werden bewaard.
report-method-suppression = Groepen van minder dan { $k } inwoners tonen we niet ({ $mark }), en ook geen getallen waaruit zo'n groep te berekenen is. Percentages gaan over wie de vraag beantwoordde; wie een vraag oversloeg, telt daar niet mee.
report-made-on = Dit rapport is gemaakt op { $date } met meepraten.
report-more-quotes = Er zijn meer open antwoorden. Ze staan allemaal in de samenvatting: meepraten summary { $round } --format md (of json, of de xlsx).

# Het spreadsheet (xlsx).
xlsx-overview = Overzicht
xlsx-opened = Geopend op
xlsx-closed = Gesloten op
xlsx-at-least = Minstens zoveel inwoners deden mee
xlsx-started = Inwoners begonnen
xlsx-completed = Inwoners die de hele ronde afmaakten
xlsx-answered = Beantwoord
xlsx-skipped = Overgeslagen
xlsx-open-answers = Open antwoorden
xlsx-question = Vraag
xlsx-answer = Antwoord
xlsx-returning = Deden eerder mee
xlsx-rate-ratio = Laagste gedeeld door hoogste deelname (1 is gelijk)
xlsx-similarity = Gelijkenis met de inwoners (1 is een afspiegeling)

# Welk formeel advies deze ronde gebruikte.
summary-advice-heading = Gebruikt voor dit advies
summary-advice-item = { $title } ({ $date })

# Per kanaal: waar inwoners begonnen.
summary-channels = Per kanaal begonnen: { $list }.
xlsx-started-on = Inwoners begonnen via { $channel }

# Thema's in open antwoorden.
summary-themes = Thema's in de open antwoorden
summary-themes-note = Antwoorden met hetzelfde woord (of een vorm ervan) staan bij elkaar. De computer zocht de woorden; lees de antwoorden zelf voor wat ze betekenen.
summary-theme-size = { $size } antwoorden
xlsx-theme = Thema (taal)

## Who was reached: profile questions beside the population.
summary-reach-heading = Wie we bereikten
summary-reach-intro = Met de profielvragen vergelijken we wie meedeed met alle inwoners (cijfers: { $source }). Een groep is minder bereikt (▼) als zijn aandeel onder de deelnemers kleiner is dan vier vijfde van zijn aandeel onder de inwoners. Deelnemers kozen zelf om mee te doen: dit is geen steekproef.
summary-reach-no-population = Voor deze vraag is er geen tabel met cijfers over de inwoners. U ziet alleen wie meedeed.
summary-reach-col-group = Groep
summary-reach-col-reached = Deelnemers
summary-reach-col-reached-share = Aandeel deelnemers (%)
summary-reach-col-population-share = Aandeel inwoners (%)
summary-reach-col-per-thousand = Deelnemers per 1.000 inwoners
summary-reach-under = ▼ minder bereikt
summary-reach-scores = Laagste gedeeld door hoogste deelname: { $ratio } (1 is gelijk bereikt). Gelijkenis met de inwoners: { $similarity } (1 is een precieze afspiegeling).
summary-reach-withheld = De scores, en de aandelen van verborgen groepen, staan er niet bij: een groep is kleiner dan { $k } en zou daaruit te herleiden zijn.
summary-reach-rather-not-say = "Zeg ik liever niet": { $count }. Vraag overgeslagen: { $skipped }. Zij tellen niet mee in de aandelen.
summary-reach-caption = { $question }: deelnemers naast alle inwoners

## What the municipality did with the input ("you said, we did").
summary-outcomes-heading = Wat de gemeente met de inbreng deed
summary-outcome-in-advice = Meegenomen in het advies
summary-outcome-adopted = Overgenomen
summary-outcome-partly-adopted = Deels overgenomen
summary-outcome-not-adopted = Niet overgenomen
summary-outcome-item = { $date } · { $status }
summary-outcome-review-by = De volgende stand van zaken komt uiterlijk { $date }.
summary-outcome-days = De eerste terugkoppeling kwam { $days } dagen na het sluiten van de ronde.
summary-outcomes-none = De gemeente heeft nog niet gemeld wat zij met de inbreng deed.

## A round beside the earlier round it repeats (`follows`).
summary-compare-heading = Vergeleken met de vorige ronde
summary-compare-intro = Deze ronde stelt vragen uit “{ $title }” ({ $period }) opnieuw. Het zijn niet per se dezelfde mensen, en wie meedeed koos dat zelf. Een verschil is dus een signaal, geen meting.
summary-compare-not-closed = De vorige ronde “{ $title }” is nog niet gesloten. Vergelijken kan als de uitkomsten bekend zijn.
summary-compare-missing = De vorige ronde `{ $round }` staat niet in deze database, dus er is niets om mee te vergelijken.
summary-compare-caption = { $question }: toen en nu
summary-compare-col-earlier = Toen (%)
summary-compare-col-now = Nu (%)
summary-compare-col-change = Verschil (procentpunten)
summary-compare-answered = Beantwoord: toen { $earlier }, nu { $now }.
summary-compare-mean = Gemiddelde: toen { $earlier }, nu { $now }.
summary-returning = Van hen deden er { $returning } eerder mee aan een ronde.

## Across rounds: the seeds' questions in figures (`report --all`).
overview-kicker = Informele raadplegingen · overzicht voor de adviesraad
overview-heading = Informele raadplegingen sinds { $date }
overview-heading-all = Alle informele raadplegingen
overview-intro = Dit overzicht laat zien of inwoners op tijd zijn gevraagd, wie we bereikten en of zij hoorden wat er met hun inbreng gebeurde.
overview-fact-rounds = Rondes
overview-fact-early = Vroeg in de beleidscyclus (agenda of voorbereiding)
overview-fact-feedback = Gesloten rondes met een terugkoppeling
overview-fact-days = Dagen van sluiten tot de eerste terugkoppeling (mediaan)
overview-fact-overdue = Rondes waarvan de beloofde volgende stand van zaken te laat is
overview-part-of = { $part } van { $total } ({ $percent }%)
overview-caption = Elke ronde: fase, periode, deelnemers en terugkoppeling
overview-col-round = Ronde
overview-col-phase = Fase
overview-col-period = Periode
overview-col-respondents = Deelnemers
overview-col-returning = Deden eerder mee
overview-col-feedback = Terugkoppeling
overview-feedback-after = { $status }, { $days } dagen na sluiten
overview-feedback-not-yet = nog niet
overview-feedback-overdue = volgende stand van zaken te laat
overview-still-open = nog open, ten minste { $count }
overview-none = Er zijn in deze periode geen rondes gehouden.
overview-method = Elk getal per ronde komt uit de samenvatting van die ronde, met dezelfde regel voor kleine groepen: { $mark } is niet getoond. "Deden eerder mee" telt deelnemers die al aan een eerdere ronde meededen; dat wordt geteld als een ronde sluit, en alleen zolang de bewaartermijn loopt.
summary-unfinished-left-out = "Begonnen" telt hier alleen wie de ronde ook afmaakte. Een paar inwoners (minder dan { $k }) begonnen maar maakten de ronde niet af. Zij en hun antwoorden tellen in deze cijfers niet mee, zodat niemand te herkennen is.
overview-still-open-few = nog open
