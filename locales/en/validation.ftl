# When an answer does not fit: say kindly what does.

invalid-choice = I do not know that answer. Choose one of the buttons. You may also type the number of your answer (1 to { $count }) or a word from it.
invalid-multi = I do not know that answer. Choose buttons, or type the numbers of your answers (1 to { $count }), for example: 1, 3
invalid-scale = Choose a number from { $min } to { $max }. Would you rather not answer this question? Then choose "Skip".
invalid-yesno = Please answer yes or no. Would you rather not answer this question? Then choose "Skip".
open-too-long = Your answer is { $length } characters long. That is too long: it may be at most { $max } characters. Could you make it shorter?
open-done-word = Nothing to say here? Then choose "Skip". Or type your answer in a few words.
open-no-words = I see no words in your answer. Could you type it in a few words? Or send /skip.
multi-nothing-chosen = You have not chosen anything yet. Choose one or more answers, or choose "Skip".
empty-message = Your message is empty. Type your answer, or choose a button.
unsupported-message = I can only read text, not photos, stickers or voice messages. Could you type your answer?
stale-button = That button no longer works: the question has passed or the round has closed. Send /start to see what is open.
already-moved-on = That question was already done. This is the next question:
personal-data-removed = I removed something that could identify someone, such as a name or phone number. That keeps your answer anonymous. Want to say it differently? Send /back (or /change once you are done).
first-question = This is the first question. You cannot go back further.
not-now = That is not possible now. You are not answering questions. Send /start to begin.
unknown-command = I do not know the command { $command }. Send /help for a list.
flood-notice = You are sending many messages right after each other. I cannot read them all. Please wait a moment, then send your answer again.
matrix-shared-room = There are more people in this chat than you and me. Everyone here would see your answers, with your name. So I ask no questions here. Start a private chat with me (only you and me), and we go on there.
matrix-edit-too-late = You changed an earlier answer. I cannot take that over: that question is past. Do you still want to change it? Send !back to go back one question.
matrix-undecryptable = I could not read your last message: it was encrypted with a key I do not have. Could you send it again?
