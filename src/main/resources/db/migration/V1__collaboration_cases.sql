-- Counters for case references <prefix>-<year>-<sequence>.
create table tr_case_sequence (
  prefix     varchar(16) not null,
  seq_year   integer     not null,
  last_value bigint      not null,
  primary key (prefix, seq_year)
);

-- What must not change once a collaboration case exists.
create table tr_collaboration_case (
  case_reference      varchar(32)  not null primary key,
  process_instance_id varchar(64)  not null,
  requester           varchar(255) not null,
  department          varchar(64)  not null,
  partner_name        varchar(500) not null,
  partner_country     varchar(2)   not null,
  created_at          timestamp    not null
);
create index tr_collaboration_case_requester on tr_collaboration_case (requester);
