-- An alert belongs to a region (issue 9): the region of the account that created or imported it.
-- Township staff change only their own township's alerts; county roles change any (auth/alert-rules.ts).
-- Alerts stored before this rule were entered on behalf of the whole county: they belong to the county.
ALTER TABLE alerts ADD COLUMN owner_region TEXT REFERENCES regions(code);
UPDATE alerts SET owner_region = (SELECT code FROM regions WHERE level = 'county' ORDER BY code LIMIT 1);
CREATE INDEX alerts_owner ON alerts(owner_region);

-- ALTER TABLE cannot add NOT NULL to a column with rows: a trigger keeps every new alert owned.
CREATE TRIGGER alerts_owner_required BEFORE INSERT ON alerts
WHEN NEW.owner_region IS NULL
BEGIN
  SELECT RAISE(ABORT, 'an alert needs its owner region');
END;
