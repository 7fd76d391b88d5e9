-- Settings are one table for the whole installation, while a supervisor's data scope is his
-- region: a county supervisor must not rewrite the approval tiers or the upload limits of every
-- agency in the province. Editing is the system administrator's (三员分立: system configuration);
-- supervisors keep reading them.
DELETE FROM role_permissions WHERE role = 'supervisor' AND perm = 'settings.write';
