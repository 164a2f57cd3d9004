-- The sync's own state. Extracted tables say what each system holds now; these say what the two last agreed on
-- and what we meant to do about it.

-- A Telaris record and the Tripletex record it is linked to. The Telaris record's tripletex_id is the integration
-- reference; this table adds how and when the link was made, and is what findings compare the reference with.
CREATE TABLE IF NOT EXISTS links (
    kind          VARCHAR NOT NULL,
    telaris_id    VARCHAR NOT NULL,
    tripletex_id  BIGINT NOT NULL,
    linked_by     VARCHAR NOT NULL,      -- reference | organisation_number | number | created_in_tripletex | created_in_telaris
    linked_at     TIMESTAMPTZ NOT NULL,
    -- false for a link the initial linking made on evidence short of the same valid organisation number that no
    -- person has accepted: it fills no empty field on either side until confirmed (engine.diff)
    confirmed     BOOLEAN DEFAULT true,
    PRIMARY KEY (kind, telaris_id)
);
ALTER TABLE links ADD COLUMN IF NOT EXISTS confirmed BOOLEAN DEFAULT true;  -- files written before it existed

-- Links a person undid or moved by editing the reference on the Telaris record (engine.references): the link follows
-- the reference, and this keeps what it was.
CREATE TABLE IF NOT EXISTS link_changes (
    kind             VARCHAR NOT NULL,
    telaris_id       VARCHAR NOT NULL,
    old_tripletex_id BIGINT NOT NULL,
    new_tripletex_id BIGINT,             -- NULL: the reference was cleared
    change           VARCHAR NOT NULL,   -- unlinked | repointed
    changed_by       VARCHAR NOT NULL,
    noticed_at       TIMESTAMPTZ NOT NULL,
    noticed_by_run   VARCHAR
);

-- The last agreed, normalised value of every synced field of a linked pair: what makes the diff three-way.
CREATE TABLE IF NOT EXISTS base (
    kind                VARCHAR NOT NULL,
    telaris_id          VARCHAR NOT NULL,
    tripletex_id        BIGINT NOT NULL,
    {synced_fields},  -- domain.fields.SYNCED_FIELDS, each VARCHAR holding the normalised value
    agreed_at           TIMESTAMPTZ NOT NULL,
    fields_hash         UBIGINT,         -- as in the extracted tables; NULL until rehashed after a change
    PRIMARY KEY (kind, telaris_id)
);

-- Every write we intend, before it is sent. The id is derived from what is written, so the same intent computed
-- twice is one row, and a retried run finds its own earlier attempt.
CREATE TABLE IF NOT EXISTS outbox (
    intent_id       VARCHAR PRIMARY KEY,
    direction       VARCHAR NOT NULL,    -- to_tripletex | to_telaris
    action          VARCHAR NOT NULL,    -- update | create | link
    kind            VARCHAR NOT NULL,
    telaris_id      VARCHAR,
    tripletex_id    BIGINT,
    fields          JSON NOT NULL,       -- canonical field -> value to write
    target_version  INTEGER,             -- the version the write expects (If-Match / Tripletex version)
    address_id      BIGINT,
    reason          VARCHAR NOT NULL,    -- why: changed_in_telaris, conflict_telaris_wins, new_supplier, ...
    status          VARCHAR NOT NULL,    -- pending | done | parked | superseded
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      VARCHAR,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    in_flight       BOOLEAN DEFAULT false -- an update sent whose outcome is unknown (answer lost, process killed)
);
ALTER TABLE outbox ADD COLUMN IF NOT EXISTS in_flight BOOLEAN DEFAULT false;  -- files written before it existed

-- Every field actually changed in either system, by whom and when.
CREATE TABLE IF NOT EXISTS audit (
    intent_id     VARCHAR NOT NULL,
    direction     VARCHAR NOT NULL,
    kind          VARCHAR NOT NULL,
    telaris_id    VARCHAR,
    tripletex_id  BIGINT,
    field         VARCHAR NOT NULL,
    old_value     VARCHAR,
    new_value     VARCHAR,
    run_id        VARCHAR,
    written_at    TIMESTAMPTZ NOT NULL
);

-- Both sides changed one field to different values: what each said and which won by policy.
CREATE TABLE IF NOT EXISTS conflicts (
    kind            VARCHAR NOT NULL,
    telaris_id      VARCHAR NOT NULL,
    tripletex_id    BIGINT NOT NULL,
    field           VARCHAR NOT NULL,
    base_value      VARCHAR,
    telaris_value   VARCHAR,
    tripletex_value VARCHAR,
    winner          VARCHAR NOT NULL,
    policy          VARCHAR NOT NULL,
    run_id          VARCHAR,
    decided_at      TIMESTAMPTZ NOT NULL
);

-- Every create sent to Tripletex, written down before the request goes out. Tripletex creates have no idempotency
-- key: while an attempt's outcome is unknown (sending | unknown), the record is looked up before any new attempt,
-- and the planner does not import a Tripletex record that may be our own unconfirmed create.
CREATE TABLE IF NOT EXISTS create_attempts (
    kind          VARCHAR NOT NULL,
    telaris_id    VARCHAR NOT NULL,
    attempted_at  TIMESTAMPTZ NOT NULL,
    outcome       VARCHAR NOT NULL,      -- sending | unknown | created | found
    tripletex_id  BIGINT,
    PRIMARY KEY (kind, telaris_id)
);

-- What became of each invoice export's customer (Telaris lists pending exports only, so the outcome and its reason
-- are kept here for operators): the latest outcome per export.
CREATE TABLE IF NOT EXISTS invoice_export_outcomes (
    export_id              VARCHAR PRIMARY KEY,
    invoice_number         VARCHAR NOT NULL,
    customer_id            VARCHAR NOT NULL,
    status                 VARCHAR NOT NULL,   -- customer_ready | failed | pending | dry_run
    tripletex_customer_id  BIGINT,
    detail                 VARCHAR,
    run_id                 VARCHAR,
    decided_at             TIMESTAMPTZ NOT NULL
);

-- Webhook deliveries the webhook runs applied (what the "webhooks not arriving" diagnostic compares extraction with).
CREATE TABLE IF NOT EXISTS webhook_deliveries (
    idempotency_key  VARCHAR PRIMARY KEY,
    event            VARCHAR NOT NULL,
    object_id        BIGINT NOT NULL,
    received_at      TIMESTAMPTZ NOT NULL,
    run_id           VARCHAR
);

-- The Tripletex subscriptions as the last ensure_webhook_subscriptions run found and left them.
CREATE TABLE IF NOT EXISTS webhook_subscriptions (
    event            VARCHAR PRIMARY KEY,
    subscription_id  BIGINT,
    status           VARCHAR NOT NULL,
    action           VARCHAR NOT NULL,
    target_url       VARCHAR,
    checked_at       TIMESTAMPTZ NOT NULL
);
-- Since when the subscription (this id) has been found ACTIVE without a break: the diagnostics count unannounced
-- changes from then on, however often it is checked since (files written before the column existed get it here).
ALTER TABLE webhook_subscriptions ADD COLUMN IF NOT EXISTS active_since TIMESTAMPTZ;

-- The initial linking's proposals: for a Telaris record without a link, a Tripletex counterpart with the evidence,
-- a score and a decision (auto | review | rejected). status: open (the latest proposal), accepted or rejected (by a
-- reviewer), applied (the link was written).
CREATE TABLE IF NOT EXISTS link_proposals (
    kind          VARCHAR NOT NULL,
    telaris_id    VARCHAR NOT NULL,
    tripletex_id  BIGINT NOT NULL,
    score         DOUBLE NOT NULL,
    decision      VARCHAR NOT NULL,
    evidence      VARCHAR NOT NULL,
    status        VARCHAR NOT NULL,
    proposed_at   TIMESTAMPTZ NOT NULL,
    decided_at    TIMESTAMPTZ,
    PRIMARY KEY (kind, telaris_id, tripletex_id)
);

-- Whether the initial linking was applied (or waived) on this deployment: until then nothing is written.
CREATE TABLE IF NOT EXISTS initial_linking (
    kind          VARCHAR PRIMARY KEY,
    state         VARCHAR NOT NULL,      -- applied | waived | incomplete (links failed: still closed)
    decided_at    TIMESTAMPTZ NOT NULL,
    run_id        VARCHAR
);

-- The links the last apply of a kind's initial linking could not write, and why: the gate names them.
CREATE TABLE IF NOT EXISTS initial_linking_failures (
    kind          VARCHAR NOT NULL,
    telaris_id    VARCHAR NOT NULL,
    tripletex_id  BIGINT NOT NULL,
    why           VARCHAR NOT NULL,
    run_id        VARCHAR,
    failed_at     TIMESTAMPTZ NOT NULL
);
