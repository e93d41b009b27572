-- How many images the center was told the request has: the count submitted, then the new total
-- when images are added (the extra images the center asked for); NULL until images are added.
ALTER TABLE outbox_requests ADD COLUMN announced INTEGER;
