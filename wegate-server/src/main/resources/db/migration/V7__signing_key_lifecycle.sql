-- Signing-key lifecycle (rotation without downtime) and encryption at rest.
-- activates_at: when the key starts signing (before it: published only, "pre-publication"); the
-- key retires when the next key of its algorithm activates, and leaves the JWKS an overlap later.
-- supersedes: the kid of the key this one follows ('genesis-<alg>' for an algorithm's first key);
-- unique, so two instances rotating (or creating the first key) at once insert one key only.
-- jwk: the private JWK, in clear or sealed with the key-encryption key (prefix 'wegate-kek-v1:').
alter table signing_key add column activates_at bigint;
update signing_key set activates_at = created_at;
alter table signing_key add column supersedes varchar(64);
create unique index signing_key_supersedes on signing_key (supersedes);
