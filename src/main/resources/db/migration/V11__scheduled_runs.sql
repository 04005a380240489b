-- The application's own scheduled work that must happen once per cluster, not once per node
-- (register retention, forgetting idempotency keys). A node claims a job's row with a conditional
-- update before it runs; the row stays claimed until locked_until, so the other nodes' timers that
-- fire meanwhile skip. The engine's jobs (timers, reminders, history cleanup) are claimed by the
-- engine's own job executor; the outbox claims its rows itself.
create table tr_scheduled_run (
  job           varchar(64)  not null,
  locked_until  timestamp    not null,
  locked_by     varchar(64)  not null,
  constraint tr_scheduled_run_pk primary key (job)
);
