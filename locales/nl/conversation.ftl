# Het gesprek: welkom, een ronde kiezen, beginnen en afronden.
# Taalniveau B1: korte zinnen, gewone woorden, "u".

welcome = Welkom! Met deze chat denkt u mee met de gemeente. U beantwoordt een paar korte vragen. U hoeft uw naam niet te geven. Wat u zegt, helpt de gemeente en de adviesraad.
no-open-rounds = Op dit moment staan er geen vragen klaar. Kijk later nog eens.
choose-round = Er staan meerdere vragenrondes klaar. Kies er één.
round-title = 📋 { $title }
round-how-it-works = Het gaat om { $count ->
        [one] één vraag
       *[other] { $count } vragen
    }. Elke vraag mag u overslaan. Uw antwoorden zijn anoniem: de gemeente ziet niet wie wat heeft gezegd.
round-how-it-works-range = Het gaat om { $fewest } tot { $count } vragen: dat hangt af van uw antwoorden. Elke vraag mag u overslaan. Uw antwoorden zijn anoniem: de gemeente ziet niet wie wat heeft gezegd.
round-closes = U kunt meedoen tot { $date }.
phase-agenda = De gemeente begint pas met dit onderwerp. Uw mening kan dus nog bepalen waar het over gaat.
phase-preparation = De gemeente bereidt nieuw beleid voor. Er ligt nog niets vast.
phase-decision = De gemeente neemt binnenkort een besluit. Uw antwoorden gaan mee naar de adviesraad en de gemeente.
phase-evaluation = De gemeente kijkt terug: hoe werkt het beleid in het dagelijks leven?
resume = U was nog bezig. We gaan verder waar u was.
finished = Dank u wel! Uw antwoorden zijn opgeslagen. Wilt u iets veranderen? Stuur /wijzig, dat kan tot { $date }.
finished-all-skipped = U heeft alle vragen overgeslagen. Dat mag. Wilt u toch iets invullen? Stuur /wijzig, dat kan tot { $date }.
follow-up-ask = Wilt u later horen wat de gemeente met de uitkomsten doet? Dan krijgt u in deze chat een bericht als de ronde sluit, en als de gemeente laat weten wat ze ermee doet.
follow-up-yes = Goed! Als de gemeente laat weten wat er met de uitkomsten gebeurt, krijgt u een bericht. Wilt u dat toch niet? Stuur /stop.
follow-up-no = Prima. Daarover sturen we u geen bericht. U kunt deze chat gewoon blijven gebruiken.
already-took-part = U heeft al meegedaan aan deze ronde. Dank u wel! Wilt u een antwoord veranderen? Dat kan tot { $date }.
finished-idle = U heeft alle vragen beantwoord. Wilt u iets veranderen? Kies "Antwoorden wijzigen". Hulp nodig? Stuur /hulp.
round-closed = De ronde "{ $title }" is gesloten sinds { $date }. U kunt niet meer antwoorden. De antwoorden die u al gaf, tellen mee (stopten maar een paar mensen halverwege, dan laten we die antwoorden weg: zo is niemand te herkennen). Dank u wel!
round-closed-meanwhile = De ronde waaraan u meedeed, is intussen gesloten. U kunt niet meer antwoorden. De antwoorden die u al gaf, tellen mee (stopten maar een paar mensen halverwege, dan laten we die antwoorden weg: zo is niemand te herkennen). Dank u wel!
round-closed-newcomer = De vragenronde "{ $title }" is al gesloten. Meedoen kan niet meer. Dank u voor uw belangstelling! Stuur /start om te zien of er nu een andere ronde open is.
round-closed-early = De ronde "{ $title }" is gesloten. U kunt niet meer antwoorden. De antwoorden die u al gaf, tellen mee (stopten maar een paar mensen halverwege, dan laten we die antwoorden weg: zo is niemand te herkennen). Dank u wel!
round-unknown = Deze vragenronde ken ik niet, of hij is nog niet begonnen.
stopped-hint = U bent gestopt. U krijgt geen berichten meer van ons. Wilt u weer meedoen? Stuur /start.

# In een groepsgesprek: antwoorden zou iedereen zien, dus we nodigen uit voor een privégesprek.
group-invite = Meedoen kan alleen in een privégesprek met mij. Dan ziet niemand in deze groep wat u antwoordt. Tik op de knop om te beginnen.
button-take-part = Meedoen

# In een aankondigingsruimte: een nieuwe ronde. Nooit vragen hier: iedereen ziet wie wat antwoordt.
announce-opened =
    Nieuwe ronde: { $title }

    { $intro }

    Voor wie: { $audience }
    Meedoen kan tot { $closes }.

    U antwoordt in een privégesprek met mij, zodat niemand hier ziet wat u zegt. Begin het gesprek hier: { $link }
    Uw antwoorden worden zonder naam bewaard. Als de ronde klaar is, zet ik de uitkomsten in deze ruimte.
# In een aankondigingsruimte: de ronde is klaar, de samenvatting volgt.
announce-closed = De ronde „{ $title }” is klaar. Dank aan iedereen die meedeed! Dit kwam eruit:
audience-everyone = iedereen in de gemeente
