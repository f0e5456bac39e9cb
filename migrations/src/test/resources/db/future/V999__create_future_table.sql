-- Stands for a migration shipped by a newer build than the one under test.
CREATE TABLE future_things (id bigint PRIMARY KEY);
