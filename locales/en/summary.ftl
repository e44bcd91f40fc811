# Summary for the advisory council (Wmo council, client council, social domain council).

summary-heading = Summary: { $title }
summary-facts = Round `{ $round }` · topic: { $topic } · phase in the policy cycle: { $phase } · state: { $state }
summary-period = Planned from { $opens } to { $closes }.
summary-period-real = Was open from { $opened } to { $closed }.
summary-period-open = Open since { $opened }, planned until { $closes }.
summary-council = For: { $council }
summary-audience = Audience: { $audience }
summary-participation = Who took part?
summary-respondents = Started: { $started } residents · finished the whole round: { $completed }.
summary-respondents-open = { $count ->
        [0] So far fewer than { $k } residents took part.
       *[other] So far at least { $count } residents took part.
    } This number goes up in steps of { $k }.
summary-legend = { $mark } = not shown. This way nobody can be recognised: we show no groups of 1 to { $below } residents, nor numbers from which such a group can be worked out. A { $mark } can therefore also stand for a larger number.
summary-draft = The round has not been opened yet: there are no answers. Results are shown only after it closes (planned { $date }).
summary-hidden = The round is still open. Results are shown only after it closes (planned { $date }), so they do not steer the answers.
summary-live = Interim results of an open round: only residents who finished. The figures change only once at least { $k } more have finished.
summary-col-answer = Answer
summary-col-count = Count
summary-col-percent = % of answered
summary-answered = Answered: { $answered } · skipped: { $skipped }
summary-follow-up = Follow-up question: asked only of those who answered question { $number } with: { $answers }.
summary-scale = Mean: { $mean } · median: { $median }
summary-scale-hidden = Mean and median are not shown: they would give away hidden counts.
summary-quotes = What residents wrote
summary-quotes-withheld = Open answers, if any, are not shown here: there are too few (or none), or their number is hidden. This way nobody can be recognised.
summary-groups = In groups: anonymous polls
summary-groups-note = In Telegram groups people voted anonymously. Telegram only gives totals. Do not add them to the answers above: the same people may have voted in both places.
summary-group-votes = { $votes } votes in { $polls } poll(s)
summary-phase-agenda = agenda (the topic is still being set)
summary-phase-preparation = preparation (policy is being prepared)
summary-phase-decision = decision (a decision follows soon)
summary-phase-evaluation = evaluation (looking back on policy)
summary-state-draft = draft
summary-state-open = open
summary-state-closed = closed
summary-state-archived = archived

# The report (HTML) for the council: an annex to its advice.
report-title = Report: { $title }
report-kicker = Informal consultation · annex to the advice
report-fact-phase = Phase in the policy cycle
report-fact-period = Period
report-fact-state = Status
report-fact-council = For
report-fact-audience = Audience
report-fact-round = Round
report-chart-alt = Bar chart of the answers to question { $number }. The table below has the same figures.
report-group-chart-alt = Bar chart of the votes in groups: { $title }. The table below has the same figures.
report-hidden-cell = not shown
report-table-caption = Question { $number }: how often each answer was chosen, and what share of those who answered the question
report-method-heading = How this report was made
report-method-how = Residents answered the questions in a chat with the municipality. Those who took part chose to do so: this is not a sample. The figures show what these residents say, not what all residents think. They are a signal beside the council's own advice.
report-method-anonymous = The answers are kept without names. No phone number, user name or chat is stored with an answer. When the round closes, the link between residents and their answers is destroyed. Names, phone numbers, e-mail addresses, addresses and other personal data were removed from open answers before they were stored.
report-method-suppression = Groups of fewer than { $k } residents are not shown ({ $mark }), nor are figures from which such a group can be worked out. Percentages are of those who answered the question; those who skipped it do not count there.
report-made-on = This report was made on { $date } with meepraten.
report-more-quotes = There are more open answers. The summary has them all: meepraten summary { $round } --format md (or json, or the xlsx).

# The spreadsheet (xlsx).
xlsx-overview = Overview
xlsx-opened = Opened on
xlsx-closed = Closed on
xlsx-at-least = At least this many residents took part
xlsx-started = Residents who started
xlsx-completed = Residents who finished the whole round
xlsx-answered = Answered
xlsx-skipped = Skipped
xlsx-open-answers = Open answers
xlsx-question = Question
xlsx-answer = Answer
xlsx-returning = Took part before
xlsx-rate-ratio = Lowest divided by highest participation rate (1 is even)
xlsx-similarity = Similarity to the residents (1 is a mirror)

# Which formal advice this round informed.
summary-advice-heading = Used for this advice
summary-advice-item = { $title } (dated { $date })

# Per channel: where residents started.
summary-channels = Started per channel: { $list }.
xlsx-started-on = Residents who started on { $channel }

# Themes in open answers.
summary-themes = Themes in the open answers
summary-themes-note = Answers using the same word (or a form of it) are grouped together. A computer found the words; read the answers themselves for what they mean.
summary-theme-size = { $size } answers
xlsx-theme = Theme (language)

## Who was reached: profile questions beside the population.
summary-reach-heading = Who was reached
summary-reach-intro = The profile questions compare who took part with all residents (figures: { $source }). A group is under-reached (▼) when its share among respondents is less than four fifths of its share among residents. Respondents chose to take part themselves: this is not a sample.
summary-reach-no-population = There is no table of resident figures for this question. Only who took part is shown.
summary-reach-col-group = Group
summary-reach-col-reached = Respondents
summary-reach-col-reached-share = Share of respondents (%)
summary-reach-col-population-share = Share of residents (%)
summary-reach-col-per-thousand = Respondents per 1,000 residents
summary-reach-under = ▼ under-reached
summary-reach-scores = Lowest divided by highest participation rate: { $ratio } (1 is reached evenly). Similarity to the residents: { $similarity } (1 is an exact mirror).
summary-reach-withheld = The scores, and the shares of hidden groups, are not shown: a group is smaller than { $k } and could be worked out from them.
summary-reach-rather-not-say = "Rather not say": { $count }. Skipped the question: { $skipped }. They do not count in the shares.
summary-reach-caption = { $question }: respondents beside all residents

## What the municipality did with the input ("you said, we did").
summary-outcomes-heading = What the municipality did with the input
summary-outcome-in-advice = Taken into the advice
summary-outcome-adopted = Adopted
summary-outcome-partly-adopted = Partly adopted
summary-outcome-not-adopted = Not adopted
summary-outcome-item = { $date } · { $status }
summary-outcome-review-by = The next update is due by { $date }.
summary-outcome-days = The first feedback came { $days } days after the round closed.
summary-outcomes-none = The municipality has not yet said what it did with the input.

## A round beside the earlier round it repeats (`follows`).
summary-compare-heading = Compared with the earlier round
summary-compare-intro = This round asks questions from “{ $title }” ({ $period }) again. They are not necessarily the same people, and those who took part chose to. A difference is a signal, not a measurement.
summary-compare-not-closed = The earlier round “{ $title }” has not closed yet. It can be compared once its results are out.
summary-compare-missing = The earlier round `{ $round }` is not in this database, so there is nothing to compare with.
summary-compare-caption = { $question }: then and now
summary-compare-col-earlier = Then (%)
summary-compare-col-now = Now (%)
summary-compare-col-change = Change (points)
summary-compare-answered = Answered: then { $earlier }, now { $now }.
summary-compare-mean = Mean: then { $earlier }, now { $now }.
summary-returning = Of them, { $returning } took part in an earlier round.

## Across rounds: the seeds' questions in figures (`report --all`).
overview-kicker = Informal consultations · overview for the council
overview-heading = Informal consultations since { $date }
overview-heading-all = All informal consultations
overview-intro = This overview shows whether residents were asked in time, who was reached, and whether they heard what was done with their input.
overview-fact-rounds = Rounds
overview-fact-early = Early in the policy cycle (agenda or preparation)
overview-fact-feedback = Closed rounds with feedback
overview-fact-days = Days from closing to the first feedback (median)
overview-fact-overdue = Rounds whose promised next update is late
overview-part-of = { $part } of { $total } ({ $percent }%)
overview-caption = Each round: phase, period, respondents and feedback
overview-col-round = Round
overview-col-phase = Phase
overview-col-period = Period
overview-col-respondents = Respondents
overview-col-returning = Took part before
overview-col-feedback = Feedback
overview-feedback-after = { $status }, { $days } days after closing
overview-feedback-not-yet = not yet
overview-feedback-overdue = next update is late
overview-still-open = still open, at least { $count }
overview-none = No rounds were held in this period.
overview-method = Every figure per round comes from that round's summary, with the same rule for small groups: { $mark } is not shown. "Took part before" counts respondents who had taken part in an earlier round; it is counted when a round closes, and only kept for the retention period.
summary-unfinished-left-out = "Started" here counts only those who also finished. A few residents (fewer than { $k }) started but did not finish. They and their answers are not counted in these figures, so that no one can be recognised.
overview-still-open-few = still open
