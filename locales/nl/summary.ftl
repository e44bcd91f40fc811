# Samenvatting voor de adviesraad (Wmo-raad, cliëntenraad, adviesraad sociaal domein).

summary-heading = Samenvatting: { $title }
summary-facts = Ronde `{ $round }` · onderwerp: { $topic } · fase: { $phase } · status: { $state } · looptijd: { $opens } tot { $closes }
summary-council = Voor: { $council }
summary-audience = Doelgroep: { $audience }
summary-participation = Wie deed mee?
summary-respondents = { $started } inwoners begonnen, { $completed } maakten de ronde af.
summary-suppression = Groepen kleiner dan { $k } tonen we niet (“{ $suppressed }”), zodat niemand herkenbaar is.
summary-hidden = De ronde is nog open. Uitkomsten tonen we pas na sluiting ({ $date }), zodat ze de antwoorden niet sturen.
summary-col-answer = Antwoord
summary-col-count = Aantal
summary-col-percent = % van gevraagd
summary-answered = Gevraagd: { $asked } · beantwoord: { $answered } · overgeslagen: { $skipped }
summary-scale = Gemiddelde: { $mean } · mediaan: { $median }
summary-quotes = Wat inwoners schreven
summary-quotes-withheld = Er zijn open antwoorden, maar van minder dan { $k } inwoners. We tonen ze niet, zodat niemand herkenbaar is.
summary-suppressed = <{ $k }
summary-groups = In groepen: anonieme peilingen
summary-groups-note = In Telegram-groepen stemden mensen anoniem. Telegram geeft alleen totalen. Tel ze niet op bij de antwoorden hierboven: dezelfde mensen kunnen op beide plekken hebben gestemd.
summary-group-votes = { $votes } stemmen in { $polls } peiling(en)
