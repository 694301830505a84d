-- Corrections that carry forward (docs/decisions/0019). A version is its own merge patch and a
-- valid period [effective_at, valid_to); the state at valid time T1 as known at T2 is the fold,
-- in (effective_at, recorded_at) order, of the patches of the versions recorded by T2 whose
-- period contains T1.
--
-- applied_patch: the merge patch the version applies (a write's patch as the client sent it; a
--   restore's patch from the state it replaced to the state it restored). NULL only between this
--   migration and the next, which fills it in for versions written before it existed.
-- valid_to: the end of the version's valid period, NULL when open-ended.
--
-- data, patch and checkpoint_version keep their meaning for one axis: the state the store
-- answered right after the version was recorded (valid and known at its recorded_at).
ALTER TABLE policyholder_records ADD COLUMN applied_patch TEXT;
ALTER TABLE policyholder_records ADD COLUMN valid_to TEXT;

-- Reads no longer seek one version by (effective_at, recorded_at): they load a record's versions
-- by (record_id, version), which the UNIQUE constraint indexes. The old covering index only cost
-- space and write time.
DROP INDEX policyholder_records_valid_time;
