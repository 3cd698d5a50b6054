-- The language an agent chose for the side panel (en, ko, pt-BR, it); NULL follows their browser's.
ALTER TABLE agents ADD COLUMN language TEXT;
