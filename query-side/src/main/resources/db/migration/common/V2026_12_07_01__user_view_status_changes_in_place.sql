-- A status change can rewrite user_view's row in place (a heap-only update, no new index entries) only when no
-- index covers the active column. Listing by status filters the username index instead; what that costs is in
-- docs/performance.md (stop 30).
drop index user_view_by_status;
