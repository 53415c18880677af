-- OpenID Connect Back-Channel Logout 1.0: one row per relying party (client_id) and ended login that
-- the relying party must be told about. Queued in the transaction that ends the login, sent after it
-- commits, retried with backoff by whichever instance claims the row first (a conditional update of
-- attempts and next_attempt_at). The logout token itself is never stored: it is signed at each attempt.
-- status: pending, delivered or given_up. last_status: the last HTTP status the relying party
-- answered; last_error: the class of the last connection error (never a message, never a token).
-- issuer: the iss of the tokens the relying party got (the issuer as the request that ended the login
-- saw it, when none is configured).
create table backchannel_delivery (
    id              varchar(36)  not null primary key,
    client_id       varchar(100) not null,
    login_id        varchar(36)  not null,
    account_id      varchar(36)  not null,
    issuer          varchar(500) not null,
    reason          varchar(32)  not null,
    status          varchar(16)  not null,
    attempts        integer      not null,
    last_status     integer,
    last_error      varchar(100),
    created_at      bigint       not null,
    next_attempt_at bigint       not null,
    delivered_at    bigint
);
-- one delivery per relying party and login, however often the login is ended
create unique index ux_backchannel_delivery_client_login on backchannel_delivery (client_id, login_id);
create index ix_backchannel_delivery_due on backchannel_delivery (status, next_attempt_at);
create index ix_backchannel_delivery_account on backchannel_delivery (account_id);
