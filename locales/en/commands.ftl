# Commands: help, stop, language, privacy, forget.

help = How it works:
    • Choose a button or type your answer.
    • /skip – skip this question
    • /back – go to the previous question
    • /change – change your answers (while the round is open)
    • /subscribe – follow topics: you get a message when there are new questions
    • /unsubscribe – stop following
    • /results – what came out of closed rounds, and what the municipality did with it
    • /language – another language (Nederlands, English)
    • /privacy – what we keep and for how long
    • /forget – erase what we keep about you
    • /stop – no more messages
    • /start – start (again)
stopped = You have stopped. You will not get messages from us any more. The answers you already gave are kept without your name, and they count. Only when just a few people stop halfway are their answers left out, so no one can be recognised. Want to take part again later? Send /start.
language-choose = Welke taal wilt u? / Which language do you prefer?
language-set = I will speak English with you from now on.
language-unknown = I do not know the language "{ $code }". Choose Nederlands (nl) or English (en).
privacy = What do we keep about you?
    • Your answers. Not your name, not your phone number.
    • We remove names, phone numbers, addresses and other details about people from your text. We do this before we keep anything.
    • A code instead of your chat account, so we know where you were in the conversation. The code does not tell who you are.
    • Of your conversation, only the month of your last message. No day and no time.
    • Do you follow a topic, or did you ask to hear back later? Then we keep where to reach you, your language and your neighbourhood. Encrypted, and apart from your answers. Which topics you follow is kept with your code.
    • That you took part in a round, not what you answered. So we can count how many people take part again, and know who asked to hear back. We erase this too after the keeping period.
    When the round closes, we erase the link between you and your answers. After that nobody can see what you answered. Not even the municipality.
    The advisory council gets a summary. It has numbers, and sentences from the answers (without names or other details). We leave out small groups, so nobody can be recognised.
    If you send us nothing for { $days } days, we erase your conversation, at the latest a month later. But not while you are still busy with an open round.
    With /forget you erase what we keep about you. Answers to a round you finished still count. With /stop you get no more messages.
forgotten = Done. We have erased: your conversation, your language, where to reach you, and your answers to a round you had not finished. Had you finished a round? Those answers still count. No name or number is kept with them. While the round is open, the bot can still find them from you: if you start that round again, we erase the old answers at once, and your new ones count. When the round closes, that link is gone too.
# Short descriptions of the commands in the chat app's menu.
command-start = Start or go on
command-help = How does it work?
command-language = Choose another language
command-privacy = What do we keep?
command-forget = Erase everything about me
command-stop = No more messages

# For municipal staff (only their Telegram accounts).
official-rounds = Rounds:
official-no-rounds = There are no rounds yet.
official-opened = Round { $id } is open until { $date }.
official-closed = Round { $id } is closed. The answers can no longer be linked to residents.
official-status = Round { $id }: { $state }. { $started } residents started, { $completed } finished the round.
official-refused = That did not work: { $reason }
official-unknown-round = There is no round { $id }. Send !rounds (or /rounds) for the list.
official-not-now = That cannot be done: round { $id } is { $state }. A round goes from draft to open, then closed, then archived.
official-status-open = Round { $id }: { $state }. { $count ->
        [0] Fewer than { $step } residents so far (counted in steps of { $step }).
       *[other] So far at least { $count } residents (counted in steps of { $step }).
    } Answers show only after the round closes.
