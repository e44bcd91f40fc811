# The conversation: welcome, choosing a round, starting and finishing.
# Plain language: short sentences, everyday words.

welcome = Welcome! In this chat you help the municipality think things through. You answer a few short questions. You do not need to give your name. What you say helps the municipality and the advisory council.
no-open-rounds = There are no questions ready right now. Please look again later.
choose-round = Several rounds of questions are open. Please choose one.
round-title = 📋 { $title }
round-how-it-works = There { $count ->
        [one] is one question
       *[other] are { $count } questions
    }. You may skip any question. Your answers are anonymous: the municipality cannot see who said what.
round-how-it-works-range = There are { $fewest } to { $count } questions, depending on your answers. You may skip any question. Your answers are anonymous: the municipality cannot see who said what.
round-closes = You can take part until { $date }.
phase-agenda = The municipality is only starting on this topic. Your view can still decide what it is about.
phase-preparation = The municipality is preparing new policy. Nothing has been decided yet.
phase-decision = The municipality will decide soon. Your answers go to the advisory council and the municipality.
phase-evaluation = The municipality is looking back: how does the policy work in daily life?
resume = You were not finished yet. Let us go on where you were.
finished = Thank you! Your answers have been saved. Want to change something? Send /change, you can do so until { $date }.
finished-all-skipped = You skipped all questions. That is fine. Want to answer something after all? Send /change, you can do so until { $date }.
follow-up-ask = Would you like to hear later what the municipality does with the results? You will then get a message in this chat when the round closes, and when the municipality says what it does with the results.
follow-up-yes = Good! When the municipality tells what happens with the results, you will get a message. Changed your mind? Send /stop.
follow-up-no = Fine. We will not send you a message about it. You can go on using this chat as usual.
already-took-part = You have already taken part in this round. Thank you! Want to change an answer? You can until { $date }.
finished-idle = You have answered all questions. Want to change something? Choose "Change answers". Need help? Send /help.
round-closed = The round "{ $title }" closed on { $date }. You cannot answer any more. The answers you already gave count (if only a few people stopped halfway, their answers are left out, so no one can be recognised). Thank you!
round-closed-meanwhile = The round you were answering has closed in the meantime. You cannot answer any more. The answers you already gave count (if only a few people stopped halfway, their answers are left out, so no one can be recognised). Thank you!
round-closed-newcomer = The round "{ $title }" has already closed. You can no longer take part. Thank you for your interest! Send /start to see whether another round is open now.
round-closed-early = The round "{ $title }" has closed. You cannot answer any more. The answers you already gave count (if only a few people stopped halfway, their answers are left out, so no one can be recognised). Thank you!
round-unknown = I do not know this round of questions, or it has not started yet.
stopped-hint = You have stopped. You will not get messages from us any more. Want to take part again? Send /start.

# In a group chat: everyone would see the answers, so we invite people to a private chat.
group-invite = You can only take part in a private chat with me. Then nobody in this group sees what you answer. Tap the button to start.
button-take-part = Take part

# In an announcement room: a new round. Never questions here: everyone sees who answers what.
announce-opened =
    New round: { $title }

    { $intro }

    Who it is for: { $audience }
    You can take part until { $closes }.

    You answer in a private chat with me, so nobody here sees what you say. Start the chat here: { $link }
    Your answers are kept without your name. When the round is over, I will post the results in this room.
# In an announcement room: the round is over, the summary follows.
announce-closed = The round “{ $title }” is over. Thank you to everyone who took part! This is what came out:
audience-everyone = everyone in the municipality
