-- The first answer to a request sent with an Idempotency-Key, so that a retry gets the same answer
-- instead of doing the work again. One row per caller and key; the primary key makes a concurrent
-- duplicate wait for the first, on every node. The key itself is stored only as its SHA-256, and an
-- anonymous report's caller only as 'anonymous'.
create table tr_idempotency_key (
  scope         varchar(255)  not null,
  key_hash      varchar(64)   not null,
  fingerprint   varchar(64)   not null,
  state         varchar(16)   not null,
  status        integer,
  content_type  varchar(255),
  body          varchar(200000),
  created_at    timestamp     not null,
  constraint tr_idempotency_key_pk primary key (scope, key_hash)
);
create index tr_idempotency_key_created on tr_idempotency_key (created_at);
