-- Tags an agent follows (docs/api.md §9.4): the assign menu recommends them first for tickets with those tags, and
-- round-robin rules prefer them (Channel Talk's tag followers).
ALTER TABLE agents ADD COLUMN followed_tags_json TEXT NOT NULL DEFAULT '[]';

-- Per agent: email me about new customer messages on tickets I follow while I am offline (docs/api.md §11).
ALTER TABLE agents ADD COLUMN notify_followed INTEGER NOT NULL DEFAULT 0;
