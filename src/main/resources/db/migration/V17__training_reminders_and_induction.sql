-- One reminder per training record that is about to expire: the row is written in the transaction that puts
-- the e-mail in the outbox, so a record is reminded once, whichever node runs the job. A person who could not be
-- reminded (no e-mail address, or no longer in the directory) keeps a row that says so.
create table tr_training_reminder (
  record_id   bigint       not null primary key,
  user_id     varchar(64)  not null,
  module_id   varchar(64)  not null,
  expires_on  date         not null,
  outcome     varchar(24)  not null,
  reminded_at timestamp    not null
);
create index tr_training_reminder_outcome on tr_training_reminder (outcome, reminded_at);

-- Every member of researchers the induction sweep has seen, once: those who were members when the feature was
-- switched on (ALREADY_MEMBER, unless back-filled), those whose training was current when they joined
-- (TRAINING_CURRENT), and those given the induction task (STARTED, with the induction's reference).
create table tr_training_induction (
  user_id             varchar(64) not null primary key,
  outcome             varchar(24) not null,
  case_reference      varchar(32),
  process_instance_id varchar(64),
  seen_at             timestamp   not null
);
create unique index tr_training_induction_case on tr_training_induction (case_reference);

-- When the sweep first took the members of researchers as they were: one row, written once.
create table tr_training_induction_baseline (
  id       int       not null primary key,
  taken_at timestamp not null,
  members  int       not null
);
