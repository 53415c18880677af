-- Accounts and the upstream identities linked to them. Portable across H2, PostgreSQL and
-- MySQL/MariaDB: instants are epoch milliseconds (bigint), ids are UUID strings.

create table account (
    id           varchar(36)  not null primary key,
    display_name varchar(128) not null,
    mobile       varchar(32),
    email        varchar(254),
    status       varchar(16)  not null,
    created_at   bigint       not null,
    updated_at   bigint       not null
);

-- One row per upstream identity. The unique key is what the upstream guarantees to be stable
-- (WeCom: corpid + userid), so two simultaneous first logins of one member create one account.
create table external_identity (
    id             varchar(36)   not null primary key,
    account_id     varchar(36)   not null,
    provider       varchar(32)   not null,
    tenant_id      varchar(64)   not null,
    subject        varchar(128)  not null,
    app_id         varchar(64)   not null,
    profile        varchar(4000) not null,
    first_login_at bigint        not null,
    last_login_at  bigint        not null,
    constraint uq_external_identity unique (provider, tenant_id, subject),
    constraint fk_external_identity_account foreign key (account_id) references account (id)
);
create index ix_external_identity_account on external_identity (account_id);

-- The JWT signing keys (JWK JSON, private part included). Created on first start.
create table signing_key (
    kid        varchar(64)   not null primary key,
    algorithm  varchar(16)   not null,
    jwk        varchar(4000) not null,
    created_at bigint        not null
);

-- Refresh tokens, stored only as SHA-256 hashes. A family is one login; rotation adds a row and
-- marks the old one used; presenting a used one revokes the whole family.
create table refresh_token (
    token_hash varchar(64) not null primary key,
    family_id  varchar(36) not null,
    account_id varchar(36) not null,
    issued_at  bigint      not null,
    expires_at bigint      not null,
    used_at    bigint,
    revoked_at bigint,
    constraint fk_refresh_token_account foreign key (account_id) references account (id)
);
create index ix_refresh_token_family on refresh_token (family_id);
