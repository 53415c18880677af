-- The OpenID Connect relying parties: the ones of the configuration (rewritten at every start,
-- source 'configuration', not changeable through the admin API) and the ones registered through
-- the admin API or --register-client (source 'api' / 'cli'). Secrets are stored hashed
-- ({sha256}… for the 256-bit secrets wegate generates, {bcrypt}… as configured). Lists are
-- space-separated (a valid URI or scope never contains a space); the settings are the
-- authorization server's client and token settings as JSON. Instants are epoch millis.
create table oidc_client (
    id                            varchar(36)   not null primary key,
    client_id                     varchar(100)  not null,
    client_id_issued_at           bigint        not null,
    client_secret                 varchar(255),
    client_secret_expires_at      bigint,
    client_name                   varchar(200)  not null,
    client_authentication_methods varchar(255)  not null,
    authorization_grant_types     varchar(255)  not null,
    redirect_uris                 text,
    post_logout_redirect_uris     text,
    scopes                        varchar(1000) not null,
    client_settings               text          not null,
    token_settings                text          not null,
    source                        varchar(16)   not null,
    updated_at                    bigint        not null,
    constraint uq_oidc_client_client_id unique (client_id)
);
