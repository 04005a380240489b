-- The case list (GET /api/cases) pages through the register newest first, filtered by department or
-- risk tier, and joins a user's per-case grants (keyed by process instance) and the engine's history.
create index tr_collaboration_case_instance on tr_collaboration_case (process_instance_id);
create index tr_collaboration_case_department_created on tr_collaboration_case (department, created_at);
create index tr_collaboration_case_risk_created on tr_collaboration_case (risk_tier, created_at);
