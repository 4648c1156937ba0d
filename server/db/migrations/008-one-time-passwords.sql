-- Sign-in slips and one-time passwords (issue 10).

-- A password someone else chose (the county admin, or the bulk slips for a township) must be changed by
-- its owner at the next sign-in: until then every route but the password change answers 403
-- password_change_required (server/auth/middleware.ts).
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1));

-- The account holder's mobile number, for the sign-in slip and to reach an inspector in the field. Sealed
-- like a household's phone (AES-256-GCM, server/db/personal-data.ts) and shown masked.
ALTER TABLE users ADD COLUMN phone_enc BLOB;
