-- A household added from a civil-affairs / rural-revitalisation name list (issue 13) comes with no
-- house survey: the list names people, not walls. houses.structure is NOT NULL and every map mark,
-- dispatch rule and risk score reads it, so such a house gets a placeholder structure (the import
-- kind picks the most fragile, adobe, so patrols and risk err toward visiting it) and this flag says
-- the structure is not surveyed yet. Saving a structure (PATCH /api/houses/:id, a households import
-- with a structure column) clears it; the cross-check shows an estimated structure as none recorded.
ALTER TABLE houses ADD COLUMN structure_estimated INTEGER NOT NULL DEFAULT 0 CHECK (structure_estimated IN (0, 1));
