-- How many of a round's finished respondents had taken part in an earlier
-- round, counted at close while the salt still links them: the figure shown
-- when a few who did not finish are left out of the round's counts.
ALTER TABLE rounds ADD COLUMN returning_finished INTEGER;
