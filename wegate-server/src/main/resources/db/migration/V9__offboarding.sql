-- Offboarding: what WeCom and WeChat callbacks (and the reconciliation) say about people's access.

-- Every callback event received, persisted before it is acknowledged and processed from this record. The event's
-- identity (a hash of the fields that make it one event) is unique per receiver, so a redelivery or a replay is
-- recognised and does nothing twice. Only the fields acted on are kept (detail, JSON), never the whole plaintext.
create table callback_event (
    id           varchar(36)  not null primary key,
    receiver     varchar(80)  not null,
    event_key    varchar(64)  not null,
    event_type   varchar(64)  not null,
    subject      varchar(128),
    event_time   bigint       not null,
    received_at  bigint       not null,
    processed_at bigint,
    outcome      varchar(32),
    attempts     int          not null,
    detail       varchar(1000) not null,
    constraint uq_callback_event unique (receiver, event_key)
);
create index ix_callback_event_received on callback_event (received_at);

-- Access an upstream said has ended (or has come back), per identity and app: the app id is the one the upstream
-- names (a WeCom agentid, a WeChat appid) or '*' for all of the identity's apps (the member left the corp).
-- changed_at is the upstream's own time of the change, so an older event arriving late changes nothing.
create table identity_access (
    identity_id varchar(36) not null,
    app_id      varchar(64) not null,
    state       varchar(16) not null,
    reason      varchar(64) not null,
    changed_at  bigint      not null,
    updated_at  bigint      not null,
    constraint pk_identity_access primary key (identity_id, app_id),
    constraint fk_identity_access_identity foreign key (identity_id) references external_identity (id)
);

-- The apps whose access has ended, summarised on the identity ('*' or app ids, comma-separated; null for none),
-- so that a login reads it with the identity and pays nothing when nothing ended.
alter table external_identity add column access_ended varchar(512);

-- Why an account is not active: 'offboarded' (an upstream said so; undone when it says the person is back) or
-- 'admin' (only an administrator enables it again).
alter table account add column disabled_reason varchar(32);

-- Periodic jobs that one instance of a cluster runs at a time: the holder's lease and the last run.
create table job_lease (
    name        varchar(64) not null primary key,
    holder      varchar(64),
    lease_until bigint      not null,
    last_run_at bigint      not null
);
