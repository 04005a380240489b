-- How many anonymous reports (and status lookups) this hour, per client and from everyone together,
-- counted in the database so that the limits hold across nodes. A client is named only by a keyed
-- hash of its address (IPv6: its /64 network) and the hour; the key is never stored here, so the
-- table cannot be turned back into addresses. Rows are deleted once their hour has passed.
create table tr_anonymous_limit (
  counter       varchar(16)  not null,
  client_hash   varchar(64)  not null,
  window_start  timestamp    not null,
  used          integer      not null,
  constraint tr_anonymous_limit_pk primary key (counter, client_hash, window_start)
);
create index tr_anonymous_limit_window on tr_anonymous_limit (window_start);
