# Summary for the advisory council (Wmo council, client council, social domain council).

summary-heading = Summary: { $title }
summary-facts = Round `{ $round }` · topic: { $topic } · phase: { $phase } · state: { $state } · runs: { $opens } to { $closes }
summary-council = For: { $council }
summary-audience = Audience: { $audience }
summary-participation = Who took part?
summary-respondents = { $started } residents started, { $completed } finished the round.
summary-suppression = Groups smaller than { $k } are not shown (“{ $suppressed }”), so nobody can be recognised.
summary-hidden = The round is still open. Results are shown only after it closes ({ $date }), so they do not steer the answers.
summary-col-answer = Answer
summary-col-count = Count
summary-col-percent = % of asked
summary-answered = Asked: { $asked } · answered: { $answered } · skipped: { $skipped }
summary-scale = Mean: { $mean } · median: { $median }
summary-quotes = What residents wrote
summary-quotes-withheld = There are open answers, but from fewer than { $k } residents. They are not shown, so nobody can be recognised.
summary-suppressed = <{ $k }
summary-groups = In groups: anonymous polls
summary-groups-note = In Telegram groups people voted anonymously. Telegram only gives totals. Do not add them to the answers above: the same people may have voted in both places.
summary-group-votes = { $votes } votes in { $polls } poll(s)
