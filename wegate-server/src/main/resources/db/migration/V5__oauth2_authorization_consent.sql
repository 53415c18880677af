-- OpenID Connect consent (Spring Security's authorization server, JdbcOAuth2AuthorizationConsentService):
-- what a person (principal_name = the wegate account id) let a relying party (registered_client_id) have,
-- as the authorities SCOPE_<scope>, comma-separated. Portable across H2, PostgreSQL and MySQL/MariaDB.
create table oauth2_authorization_consent (
    registered_client_id varchar(100)  not null,
    principal_name       varchar(200)  not null,
    authorities          varchar(1000) not null,
    constraint pk_oauth2_authorization_consent primary key (registered_client_id, principal_name)
);
create index ix_oauth2_authorization_consent_principal on oauth2_authorization_consent (principal_name);
