-- A login is one authentication of a person through an upstream: it records how (upstream, app,
-- flow) and when, and ends by an absolute deadline or a revocation. Every token and browser
-- session issued under it carries its id (sid) and dies with it.
create table account_login (
    id               varchar(36) not null primary key,
    account_id       varchar(36) not null,
    upstream         varchar(16) not null,
    flow             varchar(32) not null,
    app_id           varchar(64) not null,
    authenticated_at bigint      not null,
    expires_at       bigint      not null,
    revoked_at       bigint,
    revoke_reason    varchar(32),
    constraint fk_account_login_account foreign key (account_id) references account (id)
);
create index ix_account_login_account on account_login (account_id);

-- A link ticket belongs to the login that asked for it: only that login may spend it.
alter table link_ticket add column login_id varchar(36);

-- Secrets of the gateway itself (the key that authenticates login states), shared by every instance.
create table server_secret (
    name       varchar(64)  not null primary key,
    secret     varchar(256) not null,
    created_at bigint       not null
);
