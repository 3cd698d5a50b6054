-- Where the customer is and what time it is there, with where each value came from. A more precise source overwrites
-- a less precise one, never the reverse (worker/src/domain/customer-place.ts): the store's customer address, then the
-- web-chat visitor's location, then the phone number's area code, then its country.
ALTER TABLE profiles ADD COLUMN country TEXT;
ALTER TABLE profiles ADD COLUMN location_source TEXT;
ALTER TABLE profiles ADD COLUMN timezone_source TEXT;
