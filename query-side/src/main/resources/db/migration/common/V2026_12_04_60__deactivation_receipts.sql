-- The receipt of each deactivation's cleanup (DeactivationCleanupCompleted), served by users.statusHistory on the
-- deactivation it completes: the status change row keeps the deactivation's credential epoch to find it by.
alter table user_status_change add column credential_epoch integer;

create table deactivation_receipt (
    user_id         varchar(64)     not null,
    credential_epoch integer        not null,
    receipt         varchar(1000000) not null, -- JSON: completedAt, deleted, rooms, directMessages, steps
    primary key (user_id, credential_epoch)
);
