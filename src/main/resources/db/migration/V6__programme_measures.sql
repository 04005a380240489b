-- What managers measure (README, "Evaluate"), kept on the registers as it happens so that the
-- programme's KPIs are read from indexed columns rather than rebuilt from engine history.
alter table tr_collaboration_case add column risk_tier varchar(16);
alter table tr_collaboration_case add column screening_result varchar(32);
alter table tr_collaboration_case add column outcome varchar(32);
alter table tr_collaboration_case add column decided_at timestamp;
-- from the proposal to the decision, so that medians and percentiles sort a plain column
alter table tr_collaboration_case add column decision_seconds bigint;
create index tr_collaboration_case_created on tr_collaboration_case (created_at);
create index tr_collaboration_case_decided on tr_collaboration_case (decided_at);

alter table tr_incident add column triaged_at timestamp;
alter table tr_incident add column ico_deadline_met boolean;
create index tr_incident_reported on tr_incident (reported_at);

create index tr_mou_document_kind_uploaded on tr_mou_document (kind, uploaded_at);
create index tr_notification_outbox_thanks on tr_notification_outbox (thank_you, status, sent_at);
