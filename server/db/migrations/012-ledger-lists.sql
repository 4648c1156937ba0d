-- The one-month appraisal rule (seed 003) reads households by the day they were listed: the due-soon
-- window is a short range of that day, and the overdue list walks it oldest first and stops at its
-- first hundred rows.
CREATE INDEX households_listed_on ON households(listed_on);
