-- Patrols that weigh risk and load (issue 10 §4).
-- Each stop keeps the risk score its house had under the alert when it was dispatched (domain/risk.ts):
-- the route visits risk bands in order, and the field and the board show it. NULL for a manual dispatch
-- (no hazard to score against) and for stops dispatched before this migration.
ALTER TABLE patrol_stops ADD COLUMN risk REAL;

-- How long the task should take (domain/patrol-pace.ts), and why it has nobody when it has nobody:
-- no trained person serves the village, or every one of them is already full until the due time.
ALTER TABLE patrol_tasks ADD COLUMN estimated_minutes REAL;
ALTER TABLE patrol_tasks ADD COLUMN unassigned_reason TEXT CHECK (unassigned_reason IN ('no_one_trained', 'no_capacity'));
