-- A placeholder for a migration number another part of issue 14 takes: the runner refuses gaps,
-- and 0019 (organisations' phone and contact) was numbered after them. Drop this file when the
-- branch that owns 0018 is merged.
SELECT 1;
