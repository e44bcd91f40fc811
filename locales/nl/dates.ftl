# Datums zoals mensen ze schrijven: 25 januari 2027.

date = { $day } { $month } { $year }
# Een sluitmoment: 25 januari 2027 om 17:00.
moment = { $date } om { $time }
month-1 = januari
month-2 = februari
month-3 = maart
month-4 = april
month-5 = mei
month-6 = juni
month-7 = juli
month-8 = augustus
month-9 = september
month-10 = oktober
month-11 = november
month-12 = december
