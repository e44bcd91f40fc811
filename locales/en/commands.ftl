# Commands: help, stop, language, privacy, forget.

help = How it works:
    • Choose a button or type your answer.
    • /skip – skip this question
    • /back – go to the previous question
    • /change – change your answers (while the round is open)
    • /language – another language (Nederlands, English)
    • /privacy – what we keep and for how long
    • /forget – erase everything linked to you
    • /stop – no more messages
    • /start – start (again)
stopped = You have stopped. You will not get messages from us any more. The answers you already gave still count, anonymously. Want to take part again later? Send /start.
language-choose = Welke taal wilt u? / Which language do you prefer?
language-set = I will speak English with you from now on.
language-unknown = I do not know the language "{ $code }". Choose Nederlands (nl) or English (en).
privacy = What do we keep?
    • Your answers, without your name or phone number. Nobody can see who said what.
    • A code instead of your chat account, so we know where you were in the conversation. The code cannot be traced back to you.
    • Only the day of your answer, not the time.
    • We remove names, phone numbers, addresses and the like from your answers before we keep anything.
    • Only if you ask to hear back later: where to reach you, encrypted and apart from your answers.
    When the round closes, we erase the link between you and your answers. After that nobody can see what you answered, not even the municipality.
    The advisory council only sees totals. We leave out small groups, so nobody can be recognised.
    If you send us nothing for a long time, we erase your conversation.
    With /stop or /forget you erase everything that is still linked to you.
forgotten = Done. We have erased everything linked to you: your conversation, and answers to a round you had not finished. Answers to rounds you had finished count anonymously and can no longer be linked to you once that round closes.

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
official-status-open = Round { $id }: { $state }. So far at least { $count } residents (counted in steps of { $step }). Answers show only after the round closes.
