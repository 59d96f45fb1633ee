-- Placeholder on branch i19-cases only: migrations 0013 (issue 19, other helpers' branches)
-- come from their branches. DROP THIS FILE WHEN MERGING; 0014 follows them.
SELECT 1;
