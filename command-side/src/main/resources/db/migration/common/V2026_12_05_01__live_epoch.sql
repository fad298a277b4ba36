-- The one rule for whether a credential (login or personal access token, OAuth code or token) still works: its
-- user is active and it was issued in the user's current credential epoch. A credential is live exactly when it
-- joins this view on (user_id, credential_epoch).
create view live_epoch as
select id as user_id, credential_epoch, username from user_account where active;
