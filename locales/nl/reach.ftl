# Onderwerpen volgen, en wat de bot uit zichzelf stuurt: een uitnodiging, één
# herinnering, een bedankje, en wat er met de antwoorden is gedaan.
# Taalniveau B1: korte zinnen, gewone woorden, "u".

subscribe-menu = Over welke onderwerpen wilt u een bericht als er nieuwe vragen zijn? Tik op een onderwerp om het aan of uit te zetten.
subscribe-no-topics = Er zijn nog geen onderwerpen om te volgen. Kijk later nog eens.
subscribed-to = U krijgt een bericht als er nieuwe vragen over { $topic } zijn. Wilt u dat niet meer? Stuur /opzeggen.
unsubscribed-from = U krijgt geen berichten meer over { $topic }.
unsubscribed-all = U volgt geen onderwerpen meer. U krijgt geen uitnodigingen meer van ons.
topic-unknown = Het onderwerp "{ $topic }" ken ik niet. Kies er een uit de lijst.
area-choose = Over welke buurt wilt u vragen krijgen? Vragen voor de hele gemeente krijgt u altijd.
button-area = Buurt: { $area }
button-area-all = Hele gemeente
subscriptions-saved = Opgeslagen. Als er nieuwe vragen zijn, stuur ik u een bericht. Niet vaker dan een paar keer per week, en niet 's nachts.
subscriptions-none = U volgt geen onderwerpen. U krijgt dus geen uitnodigingen.
command-subscribe = Onderwerpen volgen
command-unsubscribe = Niet meer volgen
outbox-invite =
    Nieuwe vragen: { $title }

    { $intro }

    Meedoen kan tot { $closes }. Beginnen? Stuur /start { $id }
    U krijgt dit bericht omdat u { $topic } volgt. Stoppen? Stuur /opzeggen.
outbox-reminder = U bent begonnen aan "{ $title }". Meedoen kan nog tot { $closes }. Wilt u de laatste vragen nog beantwoorden? Stuur /start { $id }
outbox-thanks = Dank u wel voor uw antwoorden over "{ $title }". De ronde is nu gesloten. Als de gemeente laat weten wat ze ermee doet, hoort u het hier.
outbox-feedback =
    Wat deed de gemeente met uw antwoorden over "{ $title }"?

    { $status }

    { $text }
button-continue = Verder gaan
results-choose = Van deze rondes zijn de uitkomsten bekend. Welke wilt u zien?
results-none = Er zijn nog geen uitkomsten. Als een ronde sluit, kunt u hier zien wat eruit kwam.
results-unknown = Van die ronde zijn (nog) geen uitkomsten.
results-outcomes = Wat deed de gemeente ermee?
results-no-outcome = De gemeente heeft nog niet laten weten wat ze met de uitkomsten doet. Vroeg u om bericht? Dan hoort u het hier.
command-results = Uitkomsten van rondes
# Voor medewerkers van de gemeente: de terugkoppeling aan deelnemers is over tijd.
official-review-due = Ronde { $id } ({ $title }): de volgende terugkoppeling aan de deelnemers was gepland voor { $day }. Er is sindsdien niets nieuws gepubliceerd. Laat weten wat er met hun inbreng gebeurt: meepraten round feedback { $id } --status ... --file ...
