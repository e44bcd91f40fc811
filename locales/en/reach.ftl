# Following topics, and what the bot sends on its own: an invitation, one
# reminder, a thank-you, and what was done with the answers.
# Plain English: short sentences, common words.

subscribe-menu = Which topics do you want a message about when there are new questions? Tap a topic to turn it on or off.
subscribe-no-topics = There are no topics to follow yet. Have a look later.
subscribed-to = You will get a message when there are new questions about { $topic }. Don't want that any more? Send /unsubscribe.
unsubscribed-from = You will get no more messages about { $topic }.
unsubscribed-all = You follow no topics any more. We will not send you invitations.
topic-unknown = I don't know the topic "{ $topic }". Choose one from the list.
area-choose = Which neighbourhood do you want questions about? You always get questions for the whole municipality.
button-area = Neighbourhood: { $area }
button-area-all = Whole municipality
subscriptions-saved = Saved. When there are new questions, I will send you a message. Not more than a few times a week, and not at night.
subscriptions-none = You follow no topics, so you will get no invitations.
command-subscribe = Follow topics
command-unsubscribe = Stop following
outbox-invite =
    New questions: { $title }

    { $intro }

    You can take part until { $closes }. To begin, send /start { $id }
    You get this message because you follow { $topic }. To stop, send /unsubscribe.
outbox-reminder = You started "{ $title }". You can take part until { $closes }. Would you like to answer the last questions? Send /start { $id }
outbox-thanks = Thank you for your answers about "{ $title }". The round is now closed. When the municipality says what it does with them, you will hear it here.
outbox-feedback =
    What did the municipality do with your answers about "{ $title }"?

    { $status }

    { $text }
button-continue = Continue
results-choose = The results of these rounds are known. Which one do you want to see?
results-none = There are no results yet. When a round closes, you can see here what came out of it.
results-unknown = That round has no results (yet).
results-outcomes = What did the municipality do with them?
results-no-outcome = The municipality has not yet said what it does with the results. Did you ask to hear back? Then you will hear it here.
command-results = Results of rounds
# For officials of the municipality: feedback to participants is overdue.
official-review-due = Round { $id } ({ $title }): the next feedback to participants was planned for { $day }. Nothing new has been published since. Tell them what happens with their input: meepraten round feedback { $id } --status ... --file ...
