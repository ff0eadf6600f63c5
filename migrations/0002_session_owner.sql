-- Who started a session, when bearer tokens are on (COACH_TOKENS); the SQLite store adds the same columns.
ALTER TABLE sessions ADD COLUMN owner_user TEXT;
ALTER TABLE sessions ADD COLUMN owner_team TEXT;
