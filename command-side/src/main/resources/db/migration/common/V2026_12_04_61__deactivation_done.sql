-- The latest deactivation of each user whose cleanup is complete (its receipt recorded), kept by the command side
-- in the receipt's transaction: users.setActiveStatus answers once its deactivation is here, on any node.
create table deactivation_done (
    user_id          varchar(64) primary key,
    credential_epoch integer     not null
);
