-- Who may use the dashboard and the API (docs/dashboard.md): local users, API tokens and sign-in sessions.
-- No secret is kept in plain text: passwords as a salted PBKDF2 hash, tokens and session ids as SHA-256.

CREATE TABLE app_user (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          text        NOT NULL UNIQUE,
    role          text        NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
    password_hash text        NOT NULL,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);

CREATE TABLE api_token (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         text        NOT NULL UNIQUE,
    role         text        NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
    token_hash   text        NOT NULL UNIQUE,
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL,
    last_used_at timestamptz
);

-- A signed-in browser. Its role is the user's, read at each request, so that a change of role or the
-- removal of a user takes effect at once.
CREATE TABLE web_session (
    id_hash    text PRIMARY KEY,
    user_id    bigint      NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
);

CREATE INDEX web_session_expires ON web_session (expires_at);
