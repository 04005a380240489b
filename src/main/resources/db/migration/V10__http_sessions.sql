-- HTTP sessions (the webapps' logins and CSRF tokens), kept by Spring Session so that every node
-- serves every browser and a session outlives the node that created it. Layout of Spring Session
-- JDBC's own schema, under the project's table names (spring.session.jdbc.table-name).
create table tr_http_session (
  primary_id             char(36)      not null,
  session_id             char(36)      not null,
  creation_time          bigint        not null,
  last_access_time       bigint        not null,
  max_inactive_interval  int           not null,
  expiry_time            bigint        not null,
  principal_name         varchar(100),
  constraint tr_http_session_pk primary key (primary_id)
);
create unique index tr_http_session_ix1 on tr_http_session (session_id);
create index tr_http_session_ix2 on tr_http_session (expiry_time);
create index tr_http_session_ix3 on tr_http_session (principal_name);

create table tr_http_session_attributes (
  session_primary_id  char(36)      not null,
  attribute_name      varchar(200)  not null,
  attribute_bytes     bytea         not null,
  constraint tr_http_session_attributes_pk primary key (session_primary_id, attribute_name),
  constraint tr_http_session_attributes_fk foreign key (session_primary_id)
    references tr_http_session (primary_id) on delete cascade
);
