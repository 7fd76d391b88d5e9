-- The login lockout policy becomes data (it was three constants in api/session.c): a name is
-- locked after N failures for a base time, doubling with each further failure up to a ceiling.
-- kind NULL: shown on the 系统参数 page, changed only by an upgrade — the policy is a security
-- setting, and settings.write belongs to the system administrator (三员分立).
INSERT INTO settings(name, value, description, basis) VALUES
 ('login_lock_after_failures', '5', '登录失败锁定：连续失败 N 次后锁定该用户名',
  'GB/T 22239-2019 8.1.4.1 b)：应具有登录失败处理功能，应配置并启用结束会话、限制非法登录次数等相关措施'),
 ('login_lock_base_seconds', '30', '登录失败锁定：首次锁定的时长（秒），此后每再失败一次加倍',
  'GB/T 22239-2019 8.1.4.1 b)：限制非法登录次数'),
 ('login_lock_max_minutes', '60', '登录失败锁定：锁定时长的上限（分钟）',
  'GB/T 22239-2019 8.1.4.1 b)：限制非法登录次数；上限使合法用户最终仍能登录');
