-- Staff survey campaigns (process staff-survey): which question set, which departments, when it opens and closes.
create table tr_survey_campaign (
  campaign_id         varchar(32)   primary key,
  process_instance_id varchar(64)   not null,
  question_set        varchar(64)   not null,
  departments         varchar(1000) not null,
  opens_on            date          not null,
  closes_on           date          not null,
  status              varchar(16)   not null,
  invited             integer       not null default 0,
  started_by          varchar(64),
  created_at          timestamp     not null,
  closed_at           timestamp
);
create index tr_survey_campaign_closed on tr_survey_campaign (status, closes_on);

-- Who answered a campaign, never what nor when: stops a second answer. No time, no sequence.
create table tr_survey_participation (
  campaign_id varchar(32) not null,
  user_id     varchar(64) not null,
  primary key (campaign_id, user_id)
);

-- What was answered, never by whom nor when: one row per question (score 1-5) or free text, grouped by a
-- random response id. The department is the one the invitation was sent for, shown only in groups of 5 or more.
create table tr_survey_answer (
  response_id  varchar(36)   not null,
  campaign_id  varchar(32)   not null,
  department   varchar(64)   not null,
  question_id  varchar(64)   not null,
  score        integer,
  comment_text varchar(4000),
  primary key (response_id, question_id)
);
create index tr_survey_answer_campaign on tr_survey_answer (campaign_id, department);
