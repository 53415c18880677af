-- The authorization server's authorizations (one per client and grant), shared by every instance.
-- No token value is stored: each token has a SHA-256 hash (hex) that finds it, its times, and its
-- metadata (claims, invalidated) as JSON. The person is the wegate login (login_id), not a
-- serialized object: an authorization lives only as long as its login. version guards every
-- update (of two concurrent changes exactly one is applied).
create table oidc_authorization (
    id                      varchar(100)  not null primary key,
    version                 bigint        not null,
    registered_client_id    varchar(100)  not null,
    principal_name          varchar(200)  not null,
    grant_type              varchar(100)  not null,
    authorized_scopes       varchar(1000),
    login_id                varchar(36),
    attributes              text,
    state_hash              varchar(64),
    code_hash               varchar(64),
    code_issued_at          bigint,
    code_expires_at         bigint,
    code_metadata           text,
    access_token_hash       varchar(64),
    access_token_issued_at  bigint,
    access_token_expires_at bigint,
    access_token_metadata   text,
    access_token_type       varchar(16),
    access_token_scopes     varchar(1000),
    id_token_hash           varchar(64),
    id_token_issued_at      bigint,
    id_token_expires_at     bigint,
    id_token_metadata       text,
    refresh_token_hash      varchar(64),
    refresh_token_issued_at bigint,
    refresh_token_expires_at bigint,
    refresh_token_metadata  text,
    user_code_hash          varchar(64),
    user_code_issued_at     bigint,
    user_code_expires_at    bigint,
    user_code_metadata      text,
    device_code_hash        varchar(64),
    device_code_issued_at   bigint,
    device_code_expires_at  bigint,
    device_code_metadata    text,
    expires_at              bigint        not null
);
create index ix_oidc_authorization_state on oidc_authorization (state_hash);
create index ix_oidc_authorization_code on oidc_authorization (code_hash);
create index ix_oidc_authorization_access on oidc_authorization (access_token_hash);
create index ix_oidc_authorization_id_token on oidc_authorization (id_token_hash);
create index ix_oidc_authorization_refresh on oidc_authorization (refresh_token_hash);
create index ix_oidc_authorization_user_code on oidc_authorization (user_code_hash);
create index ix_oidc_authorization_device_code on oidc_authorization (device_code_hash);
create index ix_oidc_authorization_login on oidc_authorization (login_id);
create index ix_oidc_authorization_expires on oidc_authorization (expires_at);

-- Every refresh token wegate issues, of the API flows and of OIDC clients alike, is a row of
-- refresh_token (one reuse rule: a used one presented again ends the whole login). An OIDC
-- client's rows name their authorization; the API flows' have none.
alter table refresh_token add column authorization_id varchar(100);
