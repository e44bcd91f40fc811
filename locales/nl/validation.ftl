# Als een antwoord niet past: vriendelijk zeggen wat wel kan.

invalid-choice = Dat antwoord ken ik niet. Kies een van de knoppen. U mag ook het nummer van uw antwoord typen (1 tot en met { $count }), of een woord eruit.
invalid-multi = Dat antwoord ken ik niet. Kies knoppen, of typ de nummers van uw antwoorden (1 tot en met { $count }), bijvoorbeeld: 1, 3
invalid-scale = Kies een getal van { $min } tot en met { $max }. Wilt u deze vraag liever niet beantwoorden? Kies dan "Overslaan".
invalid-yesno = Antwoord met ja of nee. Wilt u deze vraag liever niet beantwoorden? Kies dan "Overslaan".
open-too-long = Uw antwoord is { $length } tekens lang. Dat is te lang: het mag hoogstens { $max } tekens zijn. Wilt u het korter maken?
open-done-word = Wilt u hier niets zeggen? Kies dan "Overslaan". Anders typt u uw antwoord in een paar woorden.
open-no-words = Ik zie geen woorden in uw antwoord. Wilt u het in een paar woorden typen? Of stuur /overslaan.
multi-nothing-chosen = U heeft nog niets gekozen. Kies één of meer antwoorden, of kies "Overslaan".
empty-message = Uw bericht is leeg. Typ uw antwoord, of kies een knop.
unsupported-message = Ik kan alleen tekst lezen, geen foto's, stickers of spraakberichten. Wilt u uw antwoord typen?
stale-button = Die knop werkt niet meer: de vraag is al voorbij of de ronde is gesloten. Stuur /start om te zien wat er open is.
already-moved-on = Die vraag was al klaar. Dit is de volgende vraag:
personal-data-removed = Ik heb iets weggehaald waaraan iemand herkend kan worden, zoals een naam of telefoonnummer. Zo blijft uw antwoord anoniem. Wilt u het anders zeggen? Stuur dan /terug (of /wijzig als u klaar bent).
first-question = Dit is de eerste vraag. Verder terug kan niet.
not-now = Dat kan nu niet. U bent niet bezig met vragen. Stuur /start om te beginnen.
unknown-command = Het commando { $command } ken ik niet. Stuur /hulp voor een lijst.
flood-notice = U stuurt veel berichten vlak na elkaar. Die kan ik niet allemaal lezen. Wacht even, en stuur dan uw antwoord nog een keer.
matrix-shared-room = In deze chat zitten meer mensen dan u en ik. Iedereen hier zou uw antwoorden zien, met uw naam. Daarom stel ik hier geen vragen. Begin een privégesprek met mij (alleen u en ik), dan gaan we daar verder.
matrix-edit-too-late = U heeft een eerder antwoord veranderd. Dat neem ik niet over: die vraag is al voorbij. Wilt u het toch veranderen? Stuur !terug om een vraag terug te gaan.
matrix-undecryptable = Ik kon uw laatste bericht niet lezen: het was versleuteld met een sleutel die ik niet heb. Wilt u het nog een keer sturen?
