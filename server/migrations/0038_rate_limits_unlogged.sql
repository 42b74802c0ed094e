-- Rate-limit counters live for a window of seconds to an hour and are written on every limited
-- request (a message, a sign-in): they need no write-ahead log. An unlogged table is shared by
-- every node like any other, but is emptied if PostgreSQL crashes: the counters then start over,
-- which a limit can afford. Measured in the messages bench (issue 17).
ALTER TABLE "rate_limit_counters" SET UNLOGGED;
