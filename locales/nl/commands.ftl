# Commando's: hulp, stoppen, taal, privacy, vergeten.

help = Zo werkt het:
    • Kies een knop of typ uw antwoord.
    • /overslaan – deze vraag overslaan
    • /terug – naar de vorige vraag
    • /wijzig – uw antwoorden veranderen (zolang de ronde open is)
    • /taal – andere taal (Nederlands, English)
    • /privacy – wat we bewaren en hoe lang
    • /vergeet – alles wissen wat aan u gekoppeld is
    • /stop – geen berichten meer
    • /start – (opnieuw) beginnen
stopped = U bent gestopt. U krijgt geen berichten meer van ons. De antwoorden die u al gaf, blijven anoniem meetellen. Wilt u later weer meedoen? Stuur /start.
language-choose = Welke taal wilt u? / Which language do you prefer?
language-set = Ik spreek nu Nederlands met u.
language-unknown = De taal "{ $code }" ken ik niet. Kies Nederlands (nl) of English (en).
privacy = Wat bewaren we?
    • Uw antwoorden, zonder uw naam of telefoonnummer. Wie wat zei, is niet te zien.
    • Een code in plaats van uw chat-account, zodat we weten waar u was in het gesprek. Die code is niet terug te rekenen naar u.
    • Alleen de dag van uw antwoord, geen tijdstip.
    • Namen, telefoonnummers, adressen en dergelijke in uw antwoorden halen we weg voordat we iets bewaren.
    • Alleen als u vraagt om later bericht: waar we u kunnen bereiken, versleuteld en los van uw antwoorden.
    Als de ronde sluit, wissen we de koppeling tussen u en uw antwoorden. Daarna kan niemand meer zien wat u antwoordde, ook de gemeente niet.
    De adviesraad ziet alleen totalen. Kleine groepen laten we weg, zodat niemand herkenbaar is.
    Stuurt u ons lange tijd niets, dan wissen we uw gesprek.
    Met /stop of /vergeet wist u alles wat nog aan u gekoppeld is.
forgotten = Gedaan. We hebben alles gewist wat aan u gekoppeld was: uw gesprek, en antwoorden op een ronde die u nog niet had afgerond. Antwoorden van rondes die u al had afgerond, tellen anoniem mee en zijn niet meer aan u te koppelen zodra die ronde sluit.

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
official-status-open = Ronde { $id }: { $state }. Tot nu toe minstens { $count } inwoners (we tellen per { $step }). De antwoorden ziet u pas na sluiting.
