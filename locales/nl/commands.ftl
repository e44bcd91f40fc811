# Commando's: hulp, stoppen, taal, privacy, vergeten.

help = Zo werkt het:
    • Kies een knop of typ uw antwoord.
    • /overslaan – deze vraag overslaan
    • /terug – naar de vorige vraag
    • /wijzig – uw antwoorden veranderen (zolang de ronde open is)
    • /abonneer – onderwerpen volgen: u krijgt een bericht bij nieuwe vragen
    • /opzeggen – niet meer volgen
    • /resultaten – wat kwam er uit gesloten rondes, en wat deed de gemeente ermee
    • /taal – andere taal (Nederlands, English)
    • /privacy – wat we bewaren en hoe lang
    • /vergeet – wissen wat we van u bewaren
    • /stop – geen berichten meer
    • /start – (opnieuw) beginnen
stopped = U bent gestopt. U krijgt geen berichten meer van ons. De antwoorden die u al gaf, bewaren we zonder uw naam. Ze tellen mee. Alleen als maar een paar mensen halverwege stoppen, laten we hun antwoorden weg: zo is niemand te herkennen. Wilt u later weer meedoen? Stuur /start.
language-choose = Welke taal wilt u? / Which language do you prefer?
language-set = Ik spreek nu Nederlands met u.
language-unknown = De taal "{ $code }" ken ik niet. Kies Nederlands (nl) of English (en).
privacy = Wat bewaren we van u?
    • Uw antwoorden. Niet uw naam, niet uw telefoonnummer.
    • Namen, telefoonnummers, adressen en andere gegevens over mensen halen we uit uw tekst. Dat doen we voordat we iets bewaren.
    • Een code in plaats van uw chat-account. Zo weten we waar u was in het gesprek. Uit die code is niet te halen wie u bent.
    • Van uw gesprek alleen de maand van uw laatste bericht. Geen dag en geen tijd.
    • Volgt u een onderwerp, of vroeg u om later bericht? Dan bewaren we waar we u kunnen bereiken, uw taal en uw buurt. Versleuteld, en apart van uw antwoorden. Welke onderwerpen u volgt, staat bij uw code.
    • Dat u aan een ronde meedeed, niet wat u antwoordde. Zo tellen we hoeveel mensen vaker meedoen, en weten we wie om bericht vroeg. Ook dit wissen we na de bewaartijd.
    Als de ronde sluit, wissen we de koppeling tussen u en uw antwoorden. Daarna kan niemand zien wat u antwoordde. Ook de gemeente niet.
    De adviesraad krijgt een samenvatting. Daarin staan aantallen, en zinnen uit de antwoorden (zonder namen of andere gegevens). Kleine groepen laten we weg. Zo is niemand te herkennen.
    Stuurt u ons { $days } dagen niets? Dan wissen we uw gesprek, uiterlijk een maand later. Maar niet als u nog bezig bent met een open ronde.
    Met /vergeet wist u wat we van u bewaren. Antwoorden op een ronde die u afmaakte, blijven meetellen. Met /stop krijgt u geen berichten meer.
forgotten = Gedaan. We hebben gewist: uw gesprek, uw taalkeuze, waar we u konden bereiken, en uw antwoorden op een ronde die u nog niet had afgemaakt. Had u een ronde wel afgemaakt? Die antwoorden tellen mee. Er staat geen naam of nummer bij. Zolang de ronde loopt, kan de bot ze nog bij u vinden: begint u opnieuw aan die ronde, dan wissen we de oude antwoorden meteen, en tellen uw nieuwe. Als de ronde sluit, is ook dat verband weg.
# Korte uitleg bij de commando's in het menu van de chat-app.
command-start = Beginnen of verdergaan
command-help = Hoe werkt het?
command-language = Andere taal kiezen
command-privacy = Wat bewaren we?
command-forget = Alles over mij wissen
command-stop = Geen berichten meer

# Voor medewerkers van de gemeente (alleen hun Telegram-account).
official-rounds = Rondes:
official-no-rounds = Er zijn nog geen rondes.
official-opened = Ronde { $id } is open tot { $date }.
official-closed = Ronde { $id } is gesloten. De antwoorden zijn niet meer aan inwoners te koppelen.
official-status = Ronde { $id }: { $state }. { $started } inwoners begonnen, { $completed } maakten de ronde af.
official-refused = Dat lukte niet: { $reason }
official-unknown-round = Er is geen ronde { $id }. Stuur !rondes (of /rondes) voor de lijst.
official-not-now = Dat kan niet: ronde { $id } is { $state }. Een ronde gaat van concept naar open, dan gesloten, dan gearchiveerd.
official-status-open = Ronde { $id }: { $state }. { $count ->
        [0] Tot nu toe minder dan { $step } inwoners (we tellen per { $step }).
       *[other] Tot nu toe minstens { $count } inwoners (we tellen per { $step }).
    } De antwoorden ziet u pas na sluiting.
