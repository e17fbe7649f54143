CREATE TYPE mood AS ENUM ('a');
ALTER TYPE mood RENAME TO feeling;
