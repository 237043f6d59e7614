// Schema migrations, applied in order, each in its own transaction. Never edit a shipped
// migration; add a new one.

export interface Migration {
  readonly id: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    id: "001_meta_places",
    sql: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      -- Land (2 digits), Kreis / kreisfreie Stadt (5), Gemeinde (8), by official key (AGS)
      CREATE TABLE places (
        key TEXT PRIMARY KEY,
        level TEXT NOT NULL CHECK (level IN ('land', 'kreis', 'gemeinde')),
        name TEXT NOT NULL,
        official_name TEXT NOT NULL,
        kind TEXT NOT NULL,
        land_code TEXT NOT NULL,
        kreis_key TEXT,
        population INTEGER,
        origin TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX places_kreis ON places (kreis_key);
      -- folded spellings of each place's names ("koeln", "kreisheinsberg", "heinsberg")
      CREATE TABLE place_names (
        folded TEXT NOT NULL,
        key TEXT NOT NULL REFERENCES places (key) ON DELETE CASCADE,
        PRIMARY KEY (folded, key)
      ) WITHOUT ROWID;
      CREATE INDEX place_names_key ON place_names (key);
      CREATE TABLE postcodes (
        plz TEXT NOT NULL,
        key TEXT NOT NULL,
        PRIMARY KEY (plz, key)
      ) WITHOUT ROWID;
    `,
  },
  {
    id: "002_directory",
    sql: `
      CREATE TABLE offices (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        provider TEXT,
        address TEXT,
        postcode TEXT,
        city TEXT,
        phone TEXT,
        email TEXT,
        web TEXT,
        hours TEXT,
        online INTEGER NOT NULL DEFAULT 0,
        valid_from TEXT,
        valid_until TEXT,
        last_verified TEXT,
        source TEXT NOT NULL,
        note TEXT,
        origin TEXT NOT NULL
      );
      CREATE INDEX offices_kind ON offices (kind);
      -- 'DE' or an official key of 2, 5 or 8 digits
      CREATE TABLE office_areas (
        office_id TEXT NOT NULL REFERENCES offices (id) ON DELETE CASCADE,
        area TEXT NOT NULL,
        PRIMARY KEY (office_id, area)
      ) WITHOUT ROWID;
      CREATE INDEX office_areas_area ON office_areas (area);
      CREATE TABLE office_languages (
        office_id TEXT NOT NULL REFERENCES offices (id) ON DELETE CASCADE,
        lang TEXT NOT NULL,
        pos INTEGER NOT NULL,
        PRIMARY KEY (office_id, lang)
      ) WITHOUT ROWID;
      -- translated name / description / note per language (HSDS extension x_translations)
      CREATE TABLE office_translations (
        office_id TEXT NOT NULL REFERENCES offices (id) ON DELETE CASCADE,
        lang TEXT NOT NULL,
        field TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (office_id, lang, field)
      ) WITHOUT ROWID;
    `,
  },
  {
    id: "003_sessions",
    sql: `
      -- user_key: HMAC of channel and platform id; state: parsed answers only (JSON)
      CREATE TABLE sessions (
        user_key TEXT PRIMARY KEY,
        state TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX sessions_updated ON sessions (updated_at);
    `,
  },
  {
    id: "004_telegram",
    sql: `
      -- Telegram updates, stored before their offset is confirmed (no update lost in a crash).
      -- payload holds chat ids and typed text, so it is erased in the transaction that
      -- processes the update; the bare update_id stays a day to recognise a redelivery.
      CREATE TABLE telegram_inbox (
        update_id INTEGER PRIMARY KEY,
        payload TEXT,
        received_at INTEGER NOT NULL,
        done_at INTEGER
      );
      CREATE INDEX telegram_inbox_pending ON telegram_inbox (update_id) WHERE done_at IS NULL;
      CREATE INDEX telegram_inbox_done ON telegram_inbox (done_at) WHERE done_at IS NOT NULL;
      -- Bot API calls decided in that same transaction and sent afterwards, in order per chat;
      -- a row lives only until Telegram has accepted the call.
      CREATE TABLE telegram_outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        update_id INTEGER NOT NULL,
        chat TEXT NOT NULL,
        method TEXT NOT NULL,
        payload TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
    `,
  },
  {
    id: "005_referrals_stats",
    sql: `
      -- A referral slip's record: no user key, no name, only what the slip shows.
      CREATE TABLE referrals (
        code TEXT PRIMARY KEY,
        created_on TEXT NOT NULL,
        expires_on TEXT NOT NULL,
        land_code TEXT,
        kreis_key TEXT,
        age_band TEXT NOT NULL,
        status TEXT NOT NULL,
        needs TEXT NOT NULL,
        services TEXT NOT NULL,
        offices TEXT NOT NULL,
        lang TEXT NOT NULL,
        rules_version TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('open', 'contacted', 'closed')),
        state_changed_on TEXT
      ) WITHOUT ROWID;
      CREATE INDEX referrals_expiry ON referrals (expires_on);
      -- One row per finished conversation, for the steering group's counts: no user key, no code.
      CREATE TABLE stats_events (
        id INTEGER PRIMARY KEY,
        month TEXT NOT NULL,
        land_code TEXT,
        kreis_key TEXT,
        age_band TEXT NOT NULL,
        status TEXT NOT NULL,
        needs TEXT NOT NULL,
        services TEXT NOT NULL,
        channel TEXT NOT NULL
      );
      CREATE INDEX stats_events_month ON stats_events (month);
    `,
  },
  {
    id: "006_office_hsds_ids",
    sql: `
      -- the identifiers of an imported HSDS service and its organization, so a re-export keeps them
      ALTER TABLE offices ADD COLUMN hsds_service_id TEXT;
      ALTER TABLE offices ADD COLUMN hsds_organization_id TEXT;
    `,
  },
  {
    id: "007_referral_owners",
    sql: `
      -- Which pseudonymous user a slip was given to, only so that /delete finds every slip of
      -- every run of a session; the referral record itself keeps no user key.
      CREATE TABLE referral_owners (
        user_key TEXT NOT NULL,
        code TEXT NOT NULL,
        PRIMARY KEY (user_key, code)
      ) WITHOUT ROWID;
      CREATE INDEX referral_owners_code ON referral_owners (code);
    `,
  },
  {
    id: "008_handover",
    sql: `
      -- Hand-overs to a counsellor (design D22): the referral, the service and Slack channel it
      -- went to, the card's ts and who took it (an HMAC, never the Slack id). user_key and the
      -- sealed chat id (AES-GCM, key outside the database) exist only while it is open.
      CREATE TABLE handovers (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        user_key TEXT,
        referral_code TEXT NOT NULL,
        service TEXT NOT NULL,
        kreis_key TEXT,
        lang TEXT NOT NULL,
        channel TEXT NOT NULL,
        card_ts TEXT,
        state TEXT NOT NULL CHECK (state IN ('open', 'taken', 'closed')),
        taker_key TEXT,
        chat_sealed BLOB,
        consent TEXT NOT NULL,
        close_reason TEXT,
        created_at INTEGER NOT NULL,
        active_at INTEGER NOT NULL,
        closed_at INTEGER
      );
      CREATE UNIQUE INDEX handovers_open_user ON handovers (user_key) WHERE state != 'closed';
      CREATE UNIQUE INDEX handovers_card ON handovers (channel, card_ts) WHERE card_ts IS NOT NULL;
      CREATE INDEX handovers_active ON handovers (active_at) WHERE state != 'closed';
      -- Messages both ways, sealed, in order per hand-over and target; a row lives only until
      -- Slack or Telegram has accepted it.
      CREATE TABLE handover_outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        handover_id INTEGER NOT NULL,
        target TEXT NOT NULL CHECK (target IN ('slack', 'telegram')),
        sealed BLOB NOT NULL,
        created_at INTEGER NOT NULL,
        -- set before a call to Slack: after a crash the relay first looks whether it went through
        attempted_at INTEGER
      );
      CREATE INDEX handover_outbox_handover ON handover_outbox (handover_id);
      -- Slack event ids already handled (Slack retries an event it thinks was not received)
      CREATE TABLE handover_seen (
        event_id TEXT PRIMARY KEY,
        at INTEGER NOT NULL
      ) WITHOUT ROWID;
    `,
  },
];
