# Een vraag stellen: voortgang, uitleg bij het soort vraag, knoppen.

question-progress = Vraag { $number } van { $total }
hint-choice = Kies een knop. U mag ook het nummer typen.
hint-multi = Kies één of meer antwoorden en kies daarna "Klaar". U mag ook nummers typen, bijvoorbeeld: 1, 3
hint-scale = Kies een getal van { $min } tot en met { $max }.
hint-scale-labels = Kies een getal van { $min } tot en met { $max }. { $min } betekent: { $low }. { $max } betekent: { $high }.
hint-yesno = Kies ja of nee.
hint-open = Typ uw antwoord in een paar woorden (hoogstens { $max } tekens). Noem geen namen, telefoonnummers of adressen.
current-answer = Uw antwoord nu: { $answer }
answer-noted = Genoteerd: { $answer }.
answer-yes = Ja
answer-no = Nee
answer-skipped = overgeslagen
button-skip = Overslaan
button-back = ◀ Terug
button-done = Klaar ✔
button-keep = Zo laten
button-change = Antwoorden wijzigen
button-follow-up-yes = Ja, graag
button-follow-up-no = Nee, dank u

# The option every profile question (age band, neighbourhood) has.
option-rather-not-say = Zeg ik liever niet
