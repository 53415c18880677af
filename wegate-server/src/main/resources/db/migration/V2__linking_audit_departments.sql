-- Linking rules, their audit trail, and department membership from the WeCom directory.

-- Every change to which identities an account has: created, linked (and by which rule), refused.
create table audit_event (
    id          varchar(36)   not null primary key,
    at          bigint        not null,
    account_id  varchar(36),
    event       varchar(48)   not null,
    provider    varchar(32),
    tenant_id   varchar(64),
    subject     varchar(128),
    detail      varchar(1000) not null
);
create index ix_audit_event_account on audit_event (account_id);

-- Verified mobile numbers are a linking key: looked up, never trusted from a display name.
create index ix_account_mobile on account (mobile);

-- The WeCom departments an account belongs to, kept by the directory import.
create table account_department (
    account_id      varchar(36)  not null,
    tenant_id       varchar(64)  not null,
    department_id   bigint       not null,
    department_name varchar(128),
    constraint pk_account_department primary key (account_id, tenant_id, department_id),
    constraint fk_account_department_account foreign key (account_id) references account (id)
);

-- One-time tickets that let a logged-in account attach another identity explicitly.
create table link_ticket (
    ticket_hash varchar(64) not null primary key,
    account_id  varchar(36) not null,
    expires_at  bigint      not null,
    used_at     bigint,
    constraint fk_link_ticket_account foreign key (account_id) references account (id)
);
