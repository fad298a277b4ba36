-- The sagas' deadlines move from Quartz to db-scheduler: one table, rows claimed one by one with an optimistic
-- version check, and no lock row that every scheduling transaction of the cluster queues on. Axon's
-- DbSchedulerDeadlineManager writes the rows, in the transaction of the saga that arms or cancels a retry.
-- Retries still pending in Quartz's tables are not carried over: a saga waiting on one resumes on its next
-- confirmation or deactivation (see README, Operations).

create table scheduled_tasks (
    task_name            varchar(255) not null,
    task_instance        varchar(255) not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean      not null,
    picked_by            varchar(255),
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures integer,
    last_heartbeat       timestamp with time zone,
    version              bigint       not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index scheduled_tasks_by_execution_time on scheduled_tasks (execution_time);
create index scheduled_tasks_by_last_heartbeat on scheduled_tasks (last_heartbeat);

drop table qrtz_fired_triggers;
drop table qrtz_paused_trigger_grps;
drop table qrtz_scheduler_state;
drop table qrtz_locks;
drop table qrtz_simple_triggers;
drop table qrtz_cron_triggers;
drop table qrtz_simprop_triggers;
drop table qrtz_blob_triggers;
drop table qrtz_triggers;
drop table qrtz_job_details;
drop table qrtz_calendars;
