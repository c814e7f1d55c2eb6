-- The steps of a draft whose every answer the check already gave (issue 24's journey): the
-- journey does not show them again, and check-your-answers lists them with 修改. Their
-- numbers, comma-separated ('2,3'); empty for a draft started from /apply.
ALTER TABLE drafts ADD COLUMN carried TEXT NOT NULL DEFAULT '';
