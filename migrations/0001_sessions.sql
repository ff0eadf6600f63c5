-- Role-play sessions: the same schema as the SQLite store (src/coach/roleplay/sqlite-store.ts).
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  persona TEXT NOT NULL,
  mode TEXT NOT NULL,
  lang TEXT NOT NULL,
  state TEXT NOT NULL,
  turn INTEGER NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS messages (
  session_id TEXT NOT NULL REFERENCES sessions(id),
  seq INTEGER NOT NULL,
  role TEXT NOT NULL,
  text TEXT NOT NULL,
  moves TEXT,
  PRIMARY KEY (session_id, seq)
);
