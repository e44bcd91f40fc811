# Asking a question: progress, a hint for the kind of question, buttons.

question-progress = Question { $number } of { $total }
hint-choice = Choose a button. You may also type the number.
hint-multi = Choose one or more answers, then choose "Done". You may also type numbers, for example: 1, 3
hint-scale = Choose a number from { $min } to { $max }.
hint-scale-labels = Choose a number from { $min } to { $max }. { $min } means: { $low }. { $max } means: { $high }.
hint-yesno = Choose yes or no.
hint-open = Type your answer in a few words (at most { $max } characters). Please leave out names, phone numbers and addresses.
current-answer = Your answer now: { $answer }
answer-noted = Noted: { $answer }.
answer-yes = Yes
answer-no = No
answer-skipped = skipped
button-skip = Skip
button-back = ◀ Back
button-done = Done ✔
button-keep = Keep it
button-change = Change answers
button-follow-up-yes = Yes, please
button-follow-up-no = No, thank you

# The option every profile question (age band, neighbourhood) has.
option-rather-not-say = I would rather not say
