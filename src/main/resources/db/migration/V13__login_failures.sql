-- Failed logins, counted in the database so that every node behind the proxy sees the same counts: per
-- client address (scope ADDRESS) and per address and account (scope ACCOUNT). A client is named only by
-- a keyed hash of the address (and the account); the key is never stored here. A row is forgotten once
-- its last failure is older than trusted-research.login.forget-after; the nodes delete such rows as
-- they count new failures.
create table tr_login_failure (
  scope         varchar(8)   not null,
  client_hash   varchar(64)  not null,
  failures      integer      not null,
  last_failure  timestamp    not null,
  constraint tr_login_failure_pk primary key (scope, client_hash)
);
create index tr_login_failure_last on tr_login_failure (last_failure);
